"""Where the project's own files are, for commands run from a source checkout."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def project_root() -> Path:
    """The source checkout the package runs from (it holds schemas/ and pyproject.toml)."""
    root = PACKAGE_DIR.parent.parent
    if not (root / "schemas" / "ffb.yaml").is_file():
        raise FileNotFoundError(
            "ffb is not running from a source checkout: schemas/ffb.yaml was not found "
            f"under {root}"
        )
    return root

"""Shared fixtures: where the project and its neighbours are, and the contract's artefacts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def project_root() -> Path:
    """The source checkout (it holds schemas/, src/, validators/ and examples/)."""
    return ROOT


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """KL's reference data kept in the project (schemas/reference); it is always there."""
    folder = ROOT / "schemas" / "reference"
    assert (folder / "CodeSystem-FFB.json").is_file() and (folder / "kommuner.csv").is_file(), (
        f"KL's reference data is missing from {folder}"
    )
    return folder


@pytest.fixture(scope="session")
def contract(project_root: Path) -> dict:
    """The committed compiled contract (src/ffb/contract/compiled.json)."""
    return json.loads((project_root / "src/ffb/contract/compiled.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def json_schema(project_root: Path) -> dict:
    """The committed JSON Schema of one export (validators/ffb.schema.json)."""
    return json.loads((project_root / "validators/ffb.schema.json").read_text("utf-8"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The website, built once per run with `mkdocs build --strict` (see mkdocs.yml)."""
    import os
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("site") / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stdout}\n{done.stderr}"
    return out


@pytest.fixture(scope="session")
def contract_now(project_root: Path) -> dict:
    """The contract compiled from schemas/ as it is now (what the website shows)."""
    from ffb.contract.compile import compile_contract

    return compile_contract(project_root / "schemas" / "ffb.yaml")

"""The `ffb` command: project tasks around the data contract."""

from __future__ import annotations

from pathlib import Path

import click

from ffb import __version__


@click.group()
@click.version_option(__version__, prog_name="ffb")
def main() -> None:
    """ffb – KL's Fælles Faglige Begreber as a machine-enforceable data contract."""


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the artefacts under this folder instead of the project itself.",
)
def generate(out: Path | None) -> None:
    """Regenerate every artefact (models, JSON Schema, data package, Excel template) from schemas/."""
    from ffb.contract.generate import generate as run
    from ffb.paths import project_root

    root = project_root()
    for path in run(root, out):
        click.echo(f"wrote {path.relative_to(out or root)}")


@main.group()
def schema() -> None:
    """Maintain the schema modules that come from KL's reference data."""


@schema.command("import-reference")
@click.argument(
    "reference_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
def import_reference(reference_dir: Path) -> None:
    """Rewrite schemas/ffb_codes.yaml and schemas/ffb_municipalities.yaml from REFERENCE_DIR.

    REFERENCE_DIR holds KL's CodeSystem-FFB.json and the kommuner.csv list.
    """
    from ffb.contract.reference_import import import_reference as run
    from ffb.paths import project_root

    for path in run(reference_dir, project_root() / "schemas"):
        click.echo(f"wrote {path}")

"""The `ffb` command: project tasks around the data contract."""

from __future__ import annotations

from pathlib import Path

import click

from ffb import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
    required=False,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
def import_reference(reference_dir: Path | None) -> None:
    """Rewrite schemas/ffb_codes.yaml and schemas/ffb_municipalities.yaml from REFERENCE_DIR.

    REFERENCE_DIR holds KL's CodeSystem-FFB.json and the kommuner.csv list; without it the
    copies kept in schemas/reference are used.
    """
    from ffb.contract.reference_import import import_reference as run
    from ffb.paths import project_root

    schemas = project_root() / "schemas"
    for path in run(reference_dir or schemas / "reference", schemas):
        click.echo(f"wrote {path}")


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("examples/canonical"),
    show_default=True,
    help="Folder to write the data package to.",
)
@click.option("--citizens", type=click.IntRange(1, 100_000), default=36, show_default=True)
@click.option("--seed", type=int, default=20240530, show_default=True)
def example(out: Path, citizens: int, seed: int) -> None:
    """Write the fictional example export as a canonical data package."""
    from ffb.canonical.writer import write_package
    from ffb.contract.codes import Codes
    from ffb.synth.example import build_example

    counts = write_package(out, build_example(Codes(), citizens=citizens, seed=seed))
    for table, rows in counts.items():
        click.echo(f"{table}: {rows} rows")


from ffb.convert.cli import convert_command, profile_group  # noqa: E402

main.add_command(convert_command)
main.add_command(profile_group)

from ffb.aggregate.cli import aggregate_command  # noqa: E402

main.add_command(aggregate_command)

from ffb.codes.cli import codes  # noqa: E402

main.add_command(codes)

"""The `ffb aggregate` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ffb.aggregate.parameters import PRICE_INDEX, STEPS


@click.command("aggregate")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for key_figures.csv/.parquet/.json/.xlsx and report.html.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path),
              help="Keep the DuckDB database in this file (tables, views and computed cells) for reuse.")
@click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True)
@click.option("--min-n", type=int, default=5, show_default=True,
              help="Cells with fewer citizens are suppressed (with any cell that would reveal them).")
@click.option("--price-year", type=int, help="Express amounts in this year's prices (default: the index's latest year).")
@click.option("--price-index", type=click.Path(dir_okay=False, path_type=Path), default=PRICE_INDEX,
              help="CSV with columns year and price_index (default: the bundled illustrative table).")
@click.option("--steps", type=click.Path(dir_okay=False, path_type=Path), default=STEPS,
              help="JSON with the steps of the indsatstrappe, lowest first (default: the bundled order).")
def aggregate_command(inputs, out, db, lang, min_n, price_year, price_index, steps) -> None:
    """Key figures across municipalities from canonical FFB packages (INPUTS), with disclosure control.

    Each input is validated first; rows with errors are left out and counted per rule.
    Exit codes: 0 written, 2 could not run.
    """
    from ffb.aggregate.run import aggregate
    from ffb.read.model import CannotRun

    try:
        result = aggregate(list(inputs), out, db=db, lang=lang, min_n=min_n, price_year=price_year,
                           price_index=price_index, steps=steps)
    except CannotRun as error:
        click.echo(f"ffb aggregate: {error}", err=True)
        sys.exit(2)
    excluded = int(result.loaded.excluded["rows"].sum() or 0)
    da = lang == "da"
    published = result.published
    click.echo(
        (f"{published['metric'].n_unique()} nøgletal, {published.height} celler, "
         f"{int(published['suppressed'].sum())} diskretioneret (n < {min_n} eller afslørende); "
         f"{excluded} rækker med fejl udeladt")
        if da else
        (f"{published['metric'].n_unique()} key figures, {published.height} cells, "
         f"{int(published['suppressed'].sum())} suppressed (n < {min_n} or revealing); "
         f"{excluded} rows with errors left out")
    )
    unlocated = int(result.loaded.table_issues["rows"].sum() or 0)
    if unlocated:
        click.echo(
            f"advarsel: {unlocated} fejl peger ikke på en række (fx en manglende kolonne); se table_issues i key_figures.json"
            if da else f"warning: {unlocated} errors point at no row (a missing column, say); see table_issues in key_figures.json",
            err=True,
        )
    from ffb.aggregate.run import tables_without_rows

    empty = tables_without_rows(result.loaded)
    if empty:
        click.echo(
            f"advarsel: ingen brugbare rækker i {', '.join(empty)}; nøgletal, der bygger på dem, er tomme"
            if da else f"warning: no usable rows in {', '.join(empty)}; key figures built on them are empty",
            err=True,
        )
    for path in result.written:
        click.echo(f"{'skrev' if da else 'wrote'} {path}")


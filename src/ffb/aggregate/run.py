"""`ffb aggregate` as a function: inputs in, key figures and report out."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ffb.aggregate.compute import Cells, compute, open_database
from ffb.aggregate.figures import load_figures
from ffb.aggregate.labels import Vocabularies
from ffb.aggregate.load import Loaded, load_inputs
from ffb.aggregate.parameters import PRICE_INDEX, STEPS, load_price_index, load_steps
from ffb.aggregate.publish import check_published, publish
from ffb.aggregate.writers import figure_catalogue, write_json, write_tables, write_workbook
from ffb.read.model import CannotRun


@dataclass
class Result:
    published: pl.DataFrame
    cells: Cells
    loaded: Loaded
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def tables_without_rows(loaded: Loaded) -> list[str]:
    """Tables some figure reads that hold no usable row in any input."""
    from ffb.aggregate.compute import _tables_read

    return sorted(name for name in _tables_read() if name not in loaded.tables or loaded.tables[name].height == 0)


def aggregate(
    inputs: list[Path],
    out: Path,
    db: Path | None = None,
    lang: str = "da",
    min_n: int = 5,
    price_year: int | None = None,
    price_index: Path = PRICE_INDEX,
    steps: Path = STEPS,
    report: bool = True,
) -> Result:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    index = load_price_index(price_index)
    step_order = load_steps(steps)
    years = index["year"].to_list()
    price_year = price_year if price_year is not None else max(years)
    if price_year not in years:
        raise CannotRun(f"{price_index}: has no index for the price year {price_year} (it covers {min(years)}–{max(years)})")
    if min_n < 1:
        raise CannotRun(f"--min-n must be at least 1, not {min_n}")

    loaded = load_inputs(inputs)
    empty_tables = tables_without_rows(loaded)
    timings["read_and_validate"] = time.perf_counter() - started
    mark = time.perf_counter()
    if db is not None and db.exists():
        db.unlink()
    con = open_database(loaded.tables, db, index, step_order, price_year)
    providers = dict(con.sql("SELECT id, any_value(name) FROM providers WHERE id IS NOT NULL GROUP BY id").fetchall())
    timings["load_database"] = time.perf_counter() - mark
    mark = time.perf_counter()
    cells = compute(con, load_figures(), min_n, price_year)
    timings["figures_and_suppression"] = time.perf_counter() - mark
    if db is not None:
        con.register("_key_figures", cells.frame.to_arrow())
        con.execute("CREATE OR REPLACE TABLE key_figure_cells AS SELECT * FROM _key_figures")
    con.close()

    mark = time.perf_counter()
    vocabularies = Vocabularies(step_order, {k: v or k for k, v in providers.items()})
    published = publish(cells, vocabularies, lang)
    check_published(published, min_n)
    out.mkdir(parents=True, exist_ok=True)
    figures = [*cells.figures, cells.completeness]
    catalogue = figure_catalogue(figures, lang, price_year)
    meta = {
        "lang": lang,
        "min_n": min_n,
        "price_year": price_year,
        "price_index": str(price_index),
        "steps": step_order,
        "inputs": loaded.inputs,
        "excluded_rows": loaded.excluded.to_dicts(),
        "table_issues": loaded.table_issues.to_dicts(),
        "empty_tables": empty_tables,
        "figures": catalogue,
    }
    written = write_tables(published, out)
    written.append(write_json(published, out, meta))
    about = [
        ("Input" if lang == "en" else "Input", ", ".join(str(p) for p in inputs)),
        ("Mindste n" if lang == "da" else "Minimum n", str(min_n)),
        ("Prisår" if lang == "da" else "Price year", str(price_year)),
        ("Prisindeks" if lang == "da" else "Price index", str(price_index)),
    ]
    written.append(write_workbook(published, out, catalogue, about, loaded.excluded, lang))
    if report:
        from ffb.aggregate.report import write_report

        written.append(write_report(published, out, meta, lang))
    timings["write"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    return Result(published, cells, loaded, written, timings)

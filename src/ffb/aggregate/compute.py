"""Run every figure in DuckDB: unit rows → counts, sums and margins → values → suppression.

The canonical tables are handed to an embedded DuckDB database (in memory, or a file with
`--db`), the shared views of `base.sql` are created over them, and each figure's SELECT is
grouped by its partition columns and a CUBE over municipality and its dimensions, so every
margin (each municipality's total, each category across municipalities, the grand total) is
computed by the same query as the cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from ffb.aggregate.figures import BASE_SQL, Figure
from ffb.aggregate.labels import ALL, function_level_ordinals, target_group_rollup
from ffb.aggregate.suppression import Table, suppress
from ffb.contract.codes import load_contract

COMPLETENESS = "data_completeness"
POLARS_TYPES = {"string": pl.String, "date": pl.Date, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean}


@dataclass
class Cells:
    """The computed cells of every figure, one row per figure and group."""

    frame: pl.DataFrame
    figures: list[Figure]
    completeness: Figure
    price_year: int
    timings: dict[str, float] = field(default_factory=dict)


def _empty(table: dict) -> pl.DataFrame:
    return pl.DataFrame(schema={"package": pl.Int32, **{
        c["name"]: POLARS_TYPES.get(c.get("type"), pl.String) for c in table["columns"]}})


def _tables_read() -> set[str]:
    """The canonical tables some figure or the shared SQL reads (the others are not loaded)."""
    import re

    from ffb.aggregate.figures import FIGURE_DIR

    text = BASE_SQL.read_text(encoding="utf-8") + "".join(p.read_text(encoding="utf-8") for p in FIGURE_DIR.glob("*.sql"))
    words = set(re.findall(r"[a-z_]+", text))
    return {t["name"] for t in load_contract()["tables"]} & words


def open_database(tables: dict[str, pl.DataFrame], db: Path | None, price_index: pl.DataFrame,
                  steps: list[dict], price_year: int) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(db) if db else ":memory:")
    con.execute("SET enable_progress_bar = false")
    used = _tables_read()
    for table in load_contract()["tables"]:
        if table["name"] not in used:
            continue
        frame = tables.get(table["name"])
        frame = _empty(table) if frame is None else frame
        arrow = frame.to_arrow()
        if db:  # a database file keeps its own copy of the data
            con.register(f"_{table['name']}", arrow)
            con.execute(f'CREATE OR REPLACE TABLE "{table["name"]}" AS SELECT * FROM "_{table["name"]}"')
            con.unregister(f"_{table['name']}")
        else:  # DuckDB holds on to a registered Arrow table and scans it in place
            con.register(table["name"], arrow)
    lookups = {
        "price_index": price_index,
        "function_level_scale": pl.DataFrame(
            list(function_level_ordinals().items()), schema={"code": pl.String, "ordinal": pl.Int32}, orient="row"),
        "target_group_rollup": pl.DataFrame(
            list(target_group_rollup().items()), schema={"code": pl.String, "target_group_group": pl.String}, orient="row"),
        "step_order": pl.DataFrame(
            [(basis, s["rank"]) for s in steps for basis in s["legal_basis"]],
            schema={"legal_basis": pl.String, "rank": pl.Int32}, orient="row"),
    }
    for name, frame in lookups.items():
        con.register(f"_{name}", frame.to_arrow())
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _{name}")
        con.unregister(f"_{name}")
    con.execute(f"SET VARIABLE price_year = {int(price_year)}")
    con.execute(BASE_SQL.read_text(encoding="utf-8"))
    return con


def _units_table(con, figure: Figure) -> str:
    name = f"units_{figure.id}"
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {figure.sql}")
    return name


def _complete_condition(figure: Figure) -> str:
    needed = ["municipality_code", *figure.columns] + (["measure"] if figure.kind == "mean" else [])
    return " AND ".join(f'"{c}" IS NOT NULL' for c in needed)


def _cube(con, figure: Figure, source: str, where: str) -> pl.DataFrame:
    partition = [f'"{c}"' for c in figure.partition]
    additive = (['municipality_code'] if figure.by_municipality else []) + [f'"{c}"' for c in figure.dims]
    group = ", ".join(partition + ([f"CUBE({', '.join(additive)})"] if additive else []))
    measure = "sum(measure)" if figure.kind == "mean" else "NULL::DOUBLE"
    select = ", ".join(partition + additive)
    sql = f"""
        SELECT {select}{', ' if select else ''}
               count(DISTINCT citizen) AS n, count(*) AS units, {measure} AS total
        FROM {source} WHERE {where}
        {'GROUP BY ' + group if group else ''}
    """
    frame = pl.from_arrow(con.sql(sql).to_arrow_table())
    columns = [*figure.partition, *figure.dims]
    frame = frame.with_columns([pl.col(c).cast(pl.String).fill_null(ALL) for c in columns])
    if figure.by_municipality:
        frame = frame.with_columns(pl.col("municipality_code").cast(pl.String).fill_null(ALL))
    else:
        frame = frame.with_columns(pl.lit(ALL).alias("municipality_code"))
    # DuckDB returns groups in any order; suppression picks among equally good cells by
    # position, so the same input must always give the same order (and the same output).
    return frame.with_columns(
        pl.col("total").cast(pl.Float64), pl.col("n").cast(pl.Int64), pl.col("units").cast(pl.Int64)
    ).sort(["municipality_code", *columns])


def _values(figure: Figure, frame: pl.DataFrame) -> pl.DataFrame:
    if figure.kind == "mean":
        return frame.with_columns((pl.col("total") / pl.col("units")).alias("value"))
    keys = ["municipality_code", *[c for c in figure.columns if c != figure.share_of]]
    denominator = frame.filter(pl.col(figure.share_of) == ALL).select(*keys, pl.col("units").alias("_den"))
    return (
        frame.join(denominator, on=keys, how="left")
        .with_columns((100.0 * pl.col("units") / pl.col("_den")).alias("value"))
        .drop("_den")
    )


def _suppress(figure: Figure, frame: pl.DataFrame, min_n: int) -> pl.DataFrame:
    """Mark the suppressed cells, one table per combination of partition values."""
    additive = ["municipality_code", *figure.dims]
    flags = [False] * frame.height
    frame = frame.with_row_index("_i")
    groups = frame.group_by(list(figure.partition), maintain_order=True) if figure.partition else [((), frame)]
    for _, part in groups:
        table = Table(
            keys=[tuple(row) for row in part.select(additive).iter_rows()],
            units=[float(u) for u in part["units"]],
            citizens=part["n"].to_list(),
        )
        for local in suppress(table, min_n):
            flags[part["_i"][local]] = True
    return frame.drop("_i").with_columns(pl.Series("suppressed", flags, dtype=pl.Boolean))


def completeness_figure() -> Figure:
    return Figure(
        id=COMPLETENESS,
        title={"da": "Datakomplethed bag hvert nøgletal", "en": "Data completeness behind each key figure"},
        formula={
            "da": "enheder (sager, mål, par, ydelser, borgere) med alle de felter nøgletallet bruger / alle enheder nøgletallet ser på × 100, pr. kommune og nøgletal",
            "en": "units (cases, goals, pairs, services, citizens) with every field the key figure uses / all units the key figure looks at × 100, per municipality and key figure",
        },
        kind="share", counted="unit", unit="pct",
        dims={"complete": "yes_no"}, partition={"figure": "figure"}, share_of="complete",
        reads=["the columns each key figure reads"], sql="",
    )


def compute(con, figures: list[Figure], min_n: int, price_year: int) -> Cells:
    import time

    import dataclasses

    frames, timings, completeness_parts = [], {}, []
    complete = completeness_figure()
    per_figure = dataclasses.replace(complete, partition={})
    for figure in figures:
        started = time.perf_counter()
        source = _units_table(con, figure)
        where = _complete_condition(figure)
        frame = _values(figure, _cube(con, figure, source, where))
        timings[figure.id + ":sql"] = time.perf_counter() - started
        frame = _suppress(figure, frame, min_n)
        frames.append(frame.with_columns(pl.lit(figure.id).alias("metric")))
        # completeness from the same units, while they are at hand
        units = (
            f"(SELECT coalesce(municipality_code, 'ukendt') AS municipality_code, citizen, "
            f"CASE WHEN {where} THEN 'ja' ELSE 'nej' END AS complete FROM {source})"
        )
        completeness_parts.append(_cube(con, per_figure, units, "true").with_columns(pl.lit(figure.id).alias("figure")))
        con.execute(f"DROP TABLE {source}")
        timings[figure.id] = time.perf_counter() - started
    started = time.perf_counter()
    frame = _values(complete, pl.concat(completeness_parts, how="diagonal_relaxed"))
    frames.append(_suppress(complete, frame, min_n).with_columns(pl.lit(COMPLETENESS).alias("metric")))
    timings[COMPLETENESS] = time.perf_counter() - started
    return Cells(pl.concat(frames, how="diagonal_relaxed"), figures, complete, price_year, timings)

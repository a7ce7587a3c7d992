"""The published table: one tidy row per figure and group, suppressed cells emptied.

Every output (CSV, Parquet, JSON, workbook, HTML report) is written from this one frame, so a
hidden cell is hidden everywhere alike.
"""

from __future__ import annotations

import polars as pl

from ffb.aggregate.compute import COMPLETENESS, Cells
from ffb.aggregate.labels import ALL, ALL_MUNICIPALITIES, DIMENSION_NAMES, UNITS, Vocabularies

GROUP_SLOTS = 3
PRICE_UNITS = {"dkk_per_day"}

COLUMNS = [
    "metric", "title", "municipality_code", "municipality", "year",
    *[f"group_{i}{suffix}" for i in range(1, GROUP_SLOTS + 1) for suffix in ("", "_code", "_label")],
    "n", "units", "value", "unit", "suppressed", "price_year",
]

SCHEMA = {
    "metric": pl.String, "title": pl.String, "municipality_code": pl.String, "municipality": pl.String,
    "year": pl.Int32,
    **{f"group_{i}{suffix}": pl.String for i in range(1, GROUP_SLOTS + 1) for suffix in ("", "_code", "_label")},
    "n": pl.Int64, "units": pl.Int64, "value": pl.Float64, "unit": pl.String, "suppressed": pl.Boolean,
    "price_year": pl.Int32,
}


def publish(cells: Cells, vocabularies: Vocabularies, lang: str) -> pl.DataFrame:
    """The key figures as published: labels in `lang`, nothing of a suppressed cell but its place."""
    figures = [*cells.figures, cells.completeness]
    titles = {f.id: f.title[lang] for f in figures}
    pick = 0 if lang == "da" else 1
    municipality_names = vocabularies.names("municipality", lang)
    rows = []
    for order, figure in enumerate(figures):
        part = cells.frame.filter(pl.col("metric") == figure.id)
        if not part.height:
            continue
        groups = [(c, v) for c, v in figure.vocabularies.items() if c != "year"]
        has_year = "year" in figure.partition
        sort_keys = []
        exprs = [
            pl.lit(figure.id).alias("metric"),
            pl.lit(figure.title[lang]).alias("title"),
            pl.col("municipality_code"),
            pl.col("municipality_code").replace_strict(
                {**municipality_names, ALL: ALL_MUNICIPALITIES[pick], "ukendt": ("ukendt kommune", "unknown municipality")[pick]},
                default=pl.col("municipality_code"), return_dtype=pl.String,
            ).alias("municipality"),
            (pl.col("year").cast(pl.Int32, strict=False) if has_year else pl.lit(None, pl.Int32)).alias("year"),
        ]
        for slot in range(1, GROUP_SLOTS + 1):
            if slot <= len(groups):
                column, vocabulary = groups[slot - 1]
                codes = part[column].unique().to_list()
                if vocabulary == "figure":
                    names = {code: titles.get(code, code) for code in codes}
                    ranks = {f.id: i for i, f in enumerate(figures)}
                    ordering = {code: ranks.get(code, 999) for code in codes}
                else:
                    names = {code: vocabularies.name(vocabulary, code, lang) for code in codes}
                    ordering = {code: vocabularies.order(vocabulary, code) for code in codes}
                exprs += [
                    pl.lit(DIMENSION_NAMES.get(column, (column, column))[pick]).alias(f"group_{slot}"),
                    pl.col(column).alias(f"group_{slot}_code"),
                    pl.col(column).replace_strict(names, return_dtype=pl.String).alias(f"group_{slot}_label"),
                ]
                sort_keys.append(pl.col(column).replace_strict(ordering, return_dtype=pl.Int64).alias(f"_o{slot}"))
            else:
                exprs += [pl.lit(None, pl.String).alias(f"group_{slot}{s}") for s in ("", "_code", "_label")]
        hide = pl.col("suppressed")
        exprs += [
            pl.when(hide).then(None).otherwise(pl.col("n")).alias("n"),
            pl.when(hide).then(None).otherwise(pl.col("units")).alias("units"),
            pl.when(hide).then(None).otherwise(pl.col("value").round(1)).alias("value"),
            pl.lit(UNITS.get(figure.unit, (figure.unit, figure.unit))[pick]).alias("unit"),
            pl.col("suppressed"),
            pl.lit(cells.price_year if figure.unit in PRICE_UNITS else None, pl.Int32).alias("price_year"),
        ]
        municipality_order = pl.when(pl.col("municipality_code") == ALL).then(0).otherwise(1).alias("_m")
        table = (
            part.with_columns(sort_keys + [municipality_order, pl.lit(order).alias("_f")])
            .sort(["_f", *(["year"] if has_year else []), "_m", "municipality_code", *[f"_o{i}" for i in range(1, len(sort_keys) + 1)]])
            .select(exprs)
        )
        rows.append(table)
    if not rows:
        return pl.DataFrame(schema=SCHEMA)
    return pl.concat(rows, how="vertical_relaxed").cast(SCHEMA).select(COLUMNS)


def check_published(frame: pl.DataFrame, min_n: int) -> None:
    """The last line of defence: nothing published counts fewer than `min_n` citizens."""
    small = frame.filter(pl.col("n").is_not_null() & (pl.col("n") < min_n))
    leaked = frame.filter(pl.col("suppressed") & (pl.col("value").is_not_null() | pl.col("units").is_not_null()))
    if small.height or leaked.height:
        raise AssertionError(f"{small.height + leaked.height} published cells break the disclosure rule")


__all__ = ["publish", "check_published", "COLUMNS", "COMPLETENESS"]

"""Validate each input and keep the rows every figure may use.

Every input is checked by the same validator as `ffb-validate`. A row that an error-severity
issue points at is left out of every figure, and the number of rows left out is counted per
input, table and rule so the output can say what was not used. Rows whose parent row was left
out (a goal of an excluded assessment, say) drop out of the joins; they are counted too.
Warnings do not exclude rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ffb.read import open_input
from ffb.read.model import ROW, CannotRun
from ffb.validate.catalogue import RULES
from ffb.validate.engine import Validator

PACKAGE = "package"  # the column that says which input a row came from


@dataclass
class Loaded:
    """The usable rows of every input, stacked per table, and what was left out."""

    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    inputs: list[dict] = field(default_factory=list)
    # input, table, code, rows: rows left out because an error-severity issue points at them
    excluded: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=EXCLUDED_SCHEMA))
    # issues that point at no row (a missing column, an unreadable file): reported, nothing left out
    table_issues: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=EXCLUDED_SCHEMA))


EXCLUDED_SCHEMA = {"input": pl.String, "table": pl.String, "code": pl.String, "rows": pl.Int64}


def _issue_rows(issues: pl.DataFrame) -> pl.DataFrame:
    """Error issues with the row they point at (for JSON documents the row sits in the pointer)."""
    errors = {code for code, rule in RULES.items() if rule.severity == "error"}
    from_pointer = pl.col("pointer").str.extract(r"^/[^/]+/(\d+)", 1).cast(pl.Int64, strict=False)
    return issues.filter(pl.col("code").is_in(errors)).with_columns(
        pl.coalesce(pl.col("row"), from_pointer).alias("row")
    )


def load_inputs(paths: list[Path], validator: Validator | None = None) -> Loaded:
    """Validate and read every input; raise CannotRun when one cannot be read at all."""
    validator = validator or Validator()
    columns = {name: [c["name"] for c in table["columns"]] for name, table in validator.tables.items()}
    parts: dict[str, list[pl.DataFrame]] = {name: [] for name in columns}
    excluded, table_issues = [], []
    loaded = Loaded()
    for index, path in enumerate(paths):
        if not path.exists():
            raise CannotRun(f"{path}: no such file or folder")
        typed: dict[str, pl.DataFrame] = {}
        with open_input(path) as raw:
            issues, info = validator.check_raw(raw, typed_out=typed)
        errors = _issue_rows(issues)
        located = errors.filter(pl.col("row").is_not_null() & pl.col("table").is_not_null())
        unlocated = errors.filter(pl.col("row").is_null() | pl.col("table").is_null())
        if located.height:
            excluded.append(
                located.group_by("table", "code").agg(pl.col("row").n_unique().alias("rows"))
                .with_columns(pl.lit(str(path)).alias("input"))
            )
        if unlocated.height:
            table_issues.append(
                unlocated.group_by("table", "code").agg(pl.len().cast(pl.Int64).alias("rows"))
                .with_columns(pl.lit(str(path)).alias("input"))
            )
        loaded.inputs.append({"input": str(path), "tables": {t: i["rows"] for t, i in info.items()}})
        for name, frame in typed.items():
            bad = located.filter(pl.col("table") == name).select(pl.col("row").alias(ROW)).unique()
            keep = frame.join(bad, on=ROW, how="anti") if bad.height else frame
            # Codes travel as text: the same column has one type in every input.
            keep = keep.select(
                [pl.lit(index, dtype=pl.Int32).alias(PACKAGE)]
                + [
                    (pl.col(c).cast(pl.String) if isinstance(keep.schema[c], pl.Enum) else pl.col(c))
                    if c in keep.columns else pl.lit(None).alias(c)
                    for c in columns[name]
                ]
            )
            parts[name].append(keep)
    for name, frames in parts.items():
        frames = [f for f in frames if f.height] or frames[:1]
        if frames:
            loaded.tables[name] = pl.concat(frames, how="diagonal_relaxed")
    order = ["input", "table", "code", "rows"]
    if excluded:
        loaded.excluded = pl.concat([e.select(order) for e in excluded]).sort(order[:3])
    if table_issues:
        loaded.table_issues = pl.concat([e.select(order) for e in table_issues]).sort(order[:3])
    return loaded

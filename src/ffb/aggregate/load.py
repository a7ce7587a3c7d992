"""Validate each input and keep the rows every figure may use.

Every input is checked by the same validator as `ffb-validate`. A row that an error-severity
issue points at is left out of every figure, and the number of rows left out is counted per
input, table and rule so the output can say what was not used. Rows whose parent row was left
out (a goal of an excluded assessment, say) drop out of the joins. Warnings exclude nothing.

Many packages are validated as one: the validator's cost is mostly per table and rule, not per
row, so 98 small packages checked one by one take several times longer than the same rows
checked together. Before the packages are stacked, every key and reference gets the package's
number in front (`12:`), so a key or reference never meets one from another package, and each
row number gets the package's number in its high bits, so every issue finds its way back to
its own input and row. The prefix is taken off again afterwards.
"""

from __future__ import annotations

from collections import defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ffb.read import open_input
from ffb.read.model import ROW, CannotRun, RawInput, RawTable
from ffb.validate.catalogue import RULES
from ffb.validate.engine import Validator

PACKAGE = "package"  # the column that says which input a row came from
SHIFT = 32  # row numbers keep the input's number above this bit while the inputs are stacked
PREFIX = r"^\d+:"

EXCLUDED_SCHEMA = {"input": pl.String, "table": pl.String, "code": pl.String, "rows": pl.Int64}


@dataclass
class Loaded:
    """The usable rows of every input, stacked per table, and what was left out."""

    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    inputs: list[dict] = field(default_factory=list)
    # input, table, code, rows: rows left out because an error-severity issue points at them
    excluded: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=EXCLUDED_SCHEMA))
    # errors that point at no row (a missing column, an unreadable file): reported, nothing left out
    table_issues: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=EXCLUDED_SCHEMA))


def _keyed_columns(validator: Validator) -> dict[str, list[str]]:
    """Per table, the columns that hold a row key or a reference to one."""
    keyed = {}
    for name, table in validator.tables.items():
        columns = []
        for column in table["columns"]:
            is_key = column["name"] in table["primary_key"] and not column.get("enum")
            if is_key or column.get("references"):
                columns.append(column["name"])
        keyed[name] = columns
    return keyed


def _stacked(members: list[tuple[int, RawInput]], keyed: dict[str, list[str]]) -> RawInput:
    """One input holding every member's tables, keys prefixed and rows numbered by member."""
    names = list(members[0][1].tables)
    tables = {}
    for name in names:
        def batches(name=name):
            # One batch for all members: the checks cost per batch far more than per row.
            yield pl.concat([
                batch.with_columns(
                    (pl.col(ROW) + (index << SHIFT)).alias(ROW),
                    *[pl.concat_str([pl.lit(f"{index}:"), pl.col(c)]).alias(c)
                      for c in keyed[name] if c in batch.columns],
                )
                for index, raw in members
                for batch in raw.tables[name].batches()
            ], how="vertical_relaxed")
        first = members[0][1].tables[name]
        tables[name] = RawTable(name, first.source, first.header, batches, None, [], first.missing_columns)
    return RawInput(tables=tables, findings=[], kind=members[0][1].kind)


def _signature(raw: RawInput):
    """Inputs with the same tables and the same missing columns can be checked together."""
    if any(t.pointer is not None for t in raw.tables.values()):
        return None
    return tuple(sorted((name, tuple(sorted(t.missing_columns))) for name, t in raw.tables.items()))


def _error_codes() -> set[str]:
    return {code for code, rule in RULES.items() if rule.severity == "error"}


def _check_group(validator, members, keyed, patterns):
    """Issues (input index, table, code, row) and typed tables (with PACKAGE) of stacked members."""
    typed: dict[str, pl.DataFrame] = {}
    stacked = _stacked(members, keyed)
    issues, _ = validator.check_raw(stacked, typed_out=typed)
    issues = issues.filter(pl.col("code").is_in(_error_codes()))
    # A key near the length limit can fail its pattern only because of the prefix: recheck it bare.
    bare = pl.col("value").str.replace(PREFIX, "")
    false_alarm = pl.lit(False)
    for (table, column), pattern in patterns.items():
        false_alarm = false_alarm | (
            (pl.col("table") == table) & (pl.col("column") == column) & bare.str.contains(pattern)
        )
    issues = issues.filter(~((pl.col("code") == "FFB207") & false_alarm)).select(
        (pl.col("row") // (1 << SHIFT)).cast(pl.Int32).alias(PACKAGE),
        "table", "code",
        (pl.col("row") % (1 << SHIFT)).alias("row"),
    )
    for raw_index, raw in members:
        if raw.findings:
            found = pl.DataFrame(
                {"table": [f.table for f in raw.findings], "code": [f.code for f in raw.findings],
                 "row": [f.row for f in raw.findings]},
                schema={"table": pl.String, "code": pl.String, "row": pl.Int64},
            ).filter(pl.col("code").is_in(_error_codes()))
            issues = pl.concat([issues, found.select(pl.lit(raw_index, pl.Int32).alias(PACKAGE), "table", "code", "row")])
    for name, frame in typed.items():
        typed[name] = frame.with_columns(
            (pl.col(ROW) // (1 << SHIFT)).cast(pl.Int32).alias(PACKAGE),
            (pl.col(ROW) % (1 << SHIFT)).alias(ROW),
        )
        # take the prefix off again: it is the package number and a colon
        width = pl.col(PACKAGE).cast(pl.String).str.len_chars() + 1
        typed[name] = typed[name].with_columns(
            [pl.col(c).str.slice(width) for c in keyed[name] if c in frame.columns]
        )
    return issues, typed


def _check_alone(validator, index, raw):
    """An input that cannot be stacked (a JSON document: its issues carry pointers, not rows)."""
    typed: dict[str, pl.DataFrame] = {}
    issues, _ = validator.check_raw(raw, typed_out=typed)
    from_pointer = pl.col("pointer").str.extract(r"^/[^/]+/(\d+)", 1).cast(pl.Int64, strict=False)
    issues = issues.filter(pl.col("code").is_in(_error_codes())).select(
        pl.lit(index, pl.Int32).alias(PACKAGE), "table", "code", pl.coalesce(pl.col("row"), from_pointer).alias("row"),
    )
    return issues, {name: frame.with_columns(pl.lit(index, pl.Int32).alias(PACKAGE)) for name, frame in typed.items()}


def load_inputs(paths: list[Path], validator: Validator | None = None) -> Loaded:
    """Validate and read every input; raise CannotRun when one cannot be read at all."""
    validator = validator or Validator()
    columns = {name: [c["name"] for c in table["columns"]] for name, table in validator.tables.items()}
    keyed = _keyed_columns(validator)
    patterns = {
        (name, c["name"]): c["pattern"]
        for name, table in validator.tables.items() for c in table["columns"]
        if c["name"] in keyed[name] and c.get("pattern")
    }
    all_issues, parts = [], defaultdict(list)
    loaded = Loaded()
    with ExitStack() as stack:
        raws = []
        for path in paths:
            if not path.exists():
                raise CannotRun(f"{path}: no such file or folder")
            raws.append(stack.enter_context(open_input(path)))
        groups = defaultdict(list)
        for index, raw in enumerate(raws):
            signature = _signature(raw)
            groups[signature if signature is not None else ("alone", index)].append((index, raw))
        for key, members in groups.items():
            if key[0] == "alone":
                issues, typed = _check_alone(validator, *members[0])
            else:
                issues, typed = _check_group(validator, members, keyed, patterns)
            all_issues.append(issues)
            for name, frame in typed.items():
                parts[name].append(frame)

    issues = pl.concat(all_issues) if all_issues else pl.DataFrame(
        schema={PACKAGE: pl.Int32, "table": pl.String, "code": pl.String, "row": pl.Int64})
    names = pl.DataFrame({PACKAGE: list(range(len(paths))), "input": [str(p) for p in paths]},
                         schema={PACKAGE: pl.Int32, "input": pl.String})
    located = issues.filter(pl.col("row").is_not_null() & pl.col("table").is_not_null())
    unlocated = issues.filter(pl.col("row").is_null() | pl.col("table").is_null())
    order = ["input", "table", "code", "rows"]
    loaded.excluded = (
        located.group_by(PACKAGE, "table", "code").agg(pl.col("row").n_unique().cast(pl.Int64).alias("rows"))
        .join(names, on=PACKAGE).select(order).sort(order[:3])
    )
    loaded.table_issues = (
        unlocated.group_by(PACKAGE, "table", "code").agg(pl.len().cast(pl.Int64).alias("rows"))
        .join(names, on=PACKAGE).select(order).sort(order[:3])
    )
    bad_rows = located.select(PACKAGE, "table", pl.col("row").alias(ROW)).unique()
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for name, frames in parts.items():
        frame = pl.concat(frames, how="diagonal_relaxed")
        for package, rows in frame.group_by(PACKAGE).len().iter_rows():
            counts[package][name] = rows
        bad = bad_rows.filter(pl.col("table") == name).drop("table")
        keep = frame.join(bad, on=[PACKAGE, ROW], how="anti") if bad.height else frame
        # Codes travel as categorical text: the same column has one type whatever the input,
        # and the database gets each distinct code once with a small number per row (a
        # 36-character code in every row made the shared tables and every figure slower).
        loaded.tables[name] = keep.select(
            [pl.col(PACKAGE)]
            + [
                (pl.col(c).cast(pl.Categorical) if isinstance(keep.schema[c], pl.Enum) else pl.col(c))
                if c in keep.columns else pl.lit(None).alias(c)
                for c in columns[name]
            ]
        )
    loaded.inputs = [{"input": str(p), "tables": counts.get(i, {})} for i, p in enumerate(paths)]
    return loaded

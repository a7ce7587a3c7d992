"""Field rules compiled from the schema, run as column expressions over a batch of rows.

For every column the contract knows its type, whether it is required or recommended, its
pattern, bounds and code list. Each becomes one polars expression over the whole column that
yields the code of the first rule a cell breaks (or null), so a batch of a million rows is
checked without a Python loop over rows. The same pass turns the text into typed values
(dates, numbers, booleans; invalid cells become null) for the rules that compare columns.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import polars as pl

from ffb.read.model import ROW

ISSUE_SCHEMA = {
    "code": pl.String,
    "table": pl.String,
    "row": pl.Int64,
    "column": pl.String,
    "value": pl.String,
    "detail": pl.String,
}

INTEGER = r"^[+-]?[0-9]+$"
NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
DECIMAL_COMMA = r"^[+-]?[0-9]+,[0-9]+$"
# Year 0000 does not exist in the calendar dates are written in (ISO 8601 without extension).
ISO_DATE = r"^([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})-[0-9]{2}-[0-9]{2}$"
DAY_FIRST_DATE = r"^([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{4})$"
BOOLEANS = ["true", "false"]


def empty_issues() -> pl.DataFrame:
    return pl.DataFrame(schema=ISSUE_SCHEMA)


def _bounded(column: dict) -> pl.Expr:
    """The typed value of a column: its parsed value, but null outside the column's bounds.

    Out-of-bound values are reported by the field rules; the rules that compare columns
    should not report them again.
    """
    typed = pl.col(f"__parsed_{column['name']}")
    if "minimum" in column:
        typed = pl.when(typed >= column["minimum"]).then(typed)
    if "maximum" in column:
        typed = pl.when(typed <= column["maximum"]).then(typed)
    return typed


def _parsed(column: dict, enums: dict) -> pl.Expr:
    value = pl.col(column["name"])
    kind = column["type"]
    if "enum" in column:
        # A polars Enum holds each code as a small integer: a million codes of 36 characters
        # take 4 MB instead of 36.
        codes = list(enums[column["enum"]]["values"])
        return value.cast(pl.Enum(codes), strict=False)
    if kind == "integer":
        return pl.when(value.str.contains(INTEGER)).then(value.cast(pl.Int64, strict=False))
    if kind == "number":
        # A number too large for a double (1e309) becomes infinity: not a number, as `inf` is not.
        number = value.cast(pl.Float64, strict=False)
        return pl.when(value.str.contains(NUMBER) & number.is_finite()).then(number)
    if kind == "date":
        return pl.when(value.str.contains(ISO_DATE)).then(value.str.to_date("%Y-%m-%d", strict=False))
    if kind == "boolean":
        return pl.when(value.is_in(BOOLEANS)).then(value == "true")
    return value


@dataclass(frozen=True)
class _ColumnCheck:
    """For one column: which rows break a rule, and which rule and detail each breaks."""

    broken: pl.Expr
    code: pl.Expr
    detail: pl.Expr


def _column_check(column: dict, enums: dict) -> _ColumnCheck:
    """The cheap test that finds broken cells, then the rule each broken cell breaks.

    The rule and its detail are worked out only for the rows the test found; hints that
    need more work (a name given for a code, a decimal comma, a day-first date) are added by
    `refine` on the issues alone.
    """
    name = column["name"]
    value = pl.col(name)
    typed = pl.col(f"__parsed_{name}")
    missing = value.is_null()
    kind = column["type"]

    code = pl.when(missing & column["required"]).then(pl.lit("FFB201"))
    if column.get("recommended"):
        code = code.when(missing).then(pl.lit("FFB202"))
    code = code.when(missing).then(pl.lit(None, pl.String))
    detail = pl.when(missing).then(pl.lit(None, pl.String))
    broken = missing if (column["required"] or column.get("recommended")) else pl.lit(False)

    invalid = typed.is_null() & ~missing
    if "enum" in column:
        enum = enums[column["enum"]]
        code = code.when(invalid).then(pl.lit("FFB210"))
        detail = detail.when(invalid).then(pl.lit(f"{enum['title']} ({column['enum']})"))
        broken = broken | invalid
    elif kind in TYPE_RULES:
        code = code.when(invalid).then(pl.lit(TYPE_RULES[kind]))
        broken = broken | invalid
    elif "pattern" in column:
        mismatch = ~missing & ~value.str.contains(column["pattern"])
        code = code.when(mismatch).then(pl.lit("FFB207"))
        detail = detail.when(mismatch).then(pl.lit(column["pattern"]))
        broken = broken | mismatch

    if "minimum" in column:
        below = typed < column["minimum"]
        code = code.when(below).then(pl.lit("FFB208"))
        detail = detail.when(below).then(pl.lit(str(column["minimum"])))
        broken = broken | below.fill_null(False)
    if "maximum" in column:
        above = typed > column["maximum"]
        code = code.when(above).then(pl.lit("FFB209"))
        detail = detail.when(above).then(pl.lit(str(column["maximum"])))
        broken = broken | above.fill_null(False)
    return _ColumnCheck(
        broken,
        code.otherwise(pl.lit(None, pl.String)),
        detail.otherwise(pl.lit(None, pl.String)),
    )


TYPE_RULES = {"integer": "FFB203", "number": "FFB204", "date": "FFB205", "boolean": "FFB206"}


def _title_index(enums: dict) -> pl.DataFrame:
    """Every code list's display names, folded to lower case, with their codes."""
    rows = [
        {"enum": name, "folded": unicodedata.normalize("NFC", entry["title"]).strip().lower(), "suggestion": key}
        for name, enum in enums.items()
        for key, entry in enum["values"].items()
    ]
    return pl.DataFrame(rows, schema={"enum": pl.String, "folded": pl.String, "suggestion": pl.String})


def refine(issues: pl.DataFrame, table: dict, titles: pl.DataFrame) -> pl.DataFrame:
    """Turn generic type and code issues into the more helpful rule where one applies:
    FFB211 (a name for a code), FFB214 (decimal comma), FFB215 (day-first date)."""
    if issues.is_empty():
        return issues
    column_enum = {c["name"]: c["enum"] for c in table["columns"] if "enum" in c}
    value = pl.col("value")
    day_first = (
        value.str.replace_all(r"[./]", "-").str.to_date("%d-%m-%Y", strict=False).dt.to_string("%Y-%m-%d")
    )
    with_hints = issues.with_columns(
        pl.col("column").replace_strict(column_enum, default=None, return_dtype=pl.String).alias("enum"),
        # NFC first: a name typed on a Mac may come with å as a + ring (NFD).
        value.str.normalize("NFC").str.strip_chars().str.to_lowercase().alias("folded"),
    ).join(titles, on=["enum", "folded"], how="left")
    is_name = (pl.col("code") == "FFB210") & pl.col("suggestion").is_not_null()
    is_comma = (pl.col("code") == "FFB204") & value.str.contains(DECIMAL_COMMA)
    is_day_first = (pl.col("code") == "FFB205") & value.str.contains(DAY_FIRST_DATE) & day_first.is_not_null()
    return with_hints.select(
        pl.when(is_name).then(pl.lit("FFB211"))
        .when(is_comma).then(pl.lit("FFB214"))
        .when(is_day_first).then(pl.lit("FFB215"))
        .otherwise(pl.col("code")).alias("code"),
        "table",
        "row",
        "column",
        "value",
        pl.when(is_name).then(pl.col("suggestion"))
        .when(is_comma).then(value.str.replace(",", ".", literal=True))
        .when(is_day_first).then(day_first)
        .otherwise(pl.col("detail")).alias("detail"),
    )


class FieldChecker:
    """All field rules of one table, compiled once and applied to each batch."""

    def __init__(self, table: dict, enums: dict) -> None:
        self.table = table
        self.columns = table["columns"]
        self.parsed = [_parsed(c, enums).alias(f"__parsed_{c['name']}") for c in self.columns]
        self.typed = [_bounded(c).alias(c["name"]) for c in self.columns]
        self.checks = {c["name"]: _column_check(c, enums) for c in self.columns}
        self.titles = _title_index(enums)

    def check(
        self, batch: pl.DataFrame, skip: frozenset[str] = frozenset()
    ) -> tuple[pl.DataFrame, pl.DataFrame]:
        """Issues of the batch, and the batch with typed values (same rows, same names).

        Columns in `skip` are not checked row by row (their absence is reported once).
        """
        with_typed = batch.lazy().with_columns(self.parsed)
        issue_frames = [
            with_typed.filter(check.broken)
            .select(
                pl.col(ROW).alias("row"),
                pl.col(name).alias("value"),
                check.code.alias("code"),
                check.detail.alias("detail"),
            )
            .filter(pl.col("code").is_not_null())
            .select(
                "code",
                pl.lit(self.table["name"]).alias("table"),
                "row",
                pl.lit(name).alias("column"),
                "value",
                "detail",
            )
            for name, check in self.checks.items()
            if name not in skip
        ]
        typed = with_typed.select(pl.col(ROW), *self.typed)
        results = pl.collect_all([*issue_frames, typed])
        issues = pl.concat(results[:-1]) if issue_frames else empty_issues()
        return refine(issues, self.table, self.titles), results[-1]

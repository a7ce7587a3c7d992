"""What the rules that compare rows and tables work on, and how they register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from ffb.contract.codes import Codes
from ffb.read.model import ROW
from ffb.validate.fields import ISSUE_SCHEMA, empty_issues


@dataclass
class Context:
    """Typed tables (invalid cells are null) and the code lists, for the cross-table rules."""

    tables: dict[str, pl.DataFrame]
    specs: dict[str, dict]
    enums: dict
    today: dt.date
    # Rows per (table, column) whose value a field rule rejected (not merely missing).
    flagged: dict[tuple[str, str], pl.Series]

    def absent(self, table: str, column: str) -> pl.Expr:
        """True where a value is truly missing, not where it was there but invalid.

        Typed tables hold null for both; a rule that requires a value must not report one
        that a field rule has already rejected.
        """
        return pl.col(column).is_null() & ~self.rejected(table, column)

    def rejected(self, table: str, column: str) -> pl.Expr:
        """True where a field rule rejected the value of `column` (it is null when typed)."""
        rows = self.flagged.get((table, column))
        return pl.lit(False) if rows is None else pl.col(ROW).is_in(rows.implode())

    def has(self, *names: str) -> bool:
        return all(name in self.tables for name in names)

    @property
    def codes(self) -> Codes:
        return Codes({"enums": self.enums})


def as_text(value: pl.Expr) -> pl.Expr:
    """A value as a message shows it; whole numbers without a decimal part (480, not 480.0)."""
    return (
        pl.when(value.cast(pl.Float64, strict=False) == value.cast(pl.Float64, strict=False).round(0))
        .then(value.cast(pl.Float64, strict=False).cast(pl.Int64, strict=False).cast(pl.String))
        .otherwise(value.cast(pl.String))
    )


def issues(
    frame: pl.DataFrame,
    code: str,
    table: str,
    column: str,
    value: pl.Expr,
    detail: pl.Expr | None = None,
) -> pl.DataFrame:
    """Turn the rows of `frame` (which carries ROW) into issues of one rule."""
    if frame.is_empty():
        return empty_issues()
    selected = frame.select(
        pl.lit(code).alias("code"),
        pl.lit(table).alias("table"),
        pl.col(ROW).cast(pl.Int64).alias("row"),
        pl.lit(column).alias("column"),
        value.alias("value"),
        (detail if detail is not None else pl.lit(None, pl.String)).alias("detail"),
    )
    return selected.with_columns(
        [(as_text(pl.col(c)) if selected.schema[c].is_float() else pl.col(c).cast(pl.String)).alias(c)
         for c in ("value", "detail")]
    ).cast(ISSUE_SCHEMA)


@dataclass(frozen=True)
class CrossRule:
    codes: tuple[str, ...]
    tables: tuple[str, ...]
    check: Callable[[Context], list[pl.DataFrame]]


CROSS_RULES: list[CrossRule] = []


def cross_rule(*codes: str, tables: tuple[str, ...]):
    """Register a check for `codes` that needs `tables` (skipped when one is absent)."""

    def register(function: Callable[[Context], list[pl.DataFrame]]):
        CROSS_RULES.append(CrossRule(codes, tables, function))
        return function

    return register

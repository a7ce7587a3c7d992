"""Validate a few small tables given as CSV text, in this process (fast, and visible to
mutation testing, which cannot see into a subprocess)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ffb.contract.codes import Codes
from ffb.validate.engine import Validator
from support import TODAY

CODES = Codes()


def validator() -> Validator:
    """A fresh validator (about 40 ms): each test then compiles the field rules itself, so
    mutation testing sees which tests reach them."""
    return Validator(today=TODAY)


def table(header: str, *rows: str) -> str:
    """CSV text from a header line and row lines."""
    return "\n".join([header, *rows]) + "\n"


def validate_tables(folder: Path, tables: dict[str, str], **options):
    """Write each table as <name>.csv into a new `folder` and validate it; the report."""
    folder.mkdir(parents=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return validator().validate(folder, **options)


def issues_of(report, code: str) -> pl.DataFrame:
    return report.issues.filter(pl.col("code") == code)


def shown(issues: pl.DataFrame) -> str:
    return "\n".join(f"  {c} {t} row {r} [{col}]: {m}" for c, t, r, col, m in
                     issues.select("code", "table", "row", "column", "message").iter_rows()) or "  (none)"

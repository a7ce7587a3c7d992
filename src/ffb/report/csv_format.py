"""The report as CSV: one row per issue, the columns of the JSON issues.

Written a slice at a time from the report's columns. A cell a spreadsheet would run as a
formula gets a leading apostrophe (see ffb.report.escaping).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import polars as pl

from ffb.report.escaping import inert_in_spreadsheet
from ffb.report.model import ISSUE_COLUMNS, Report

ISSUES_PER_SLICE = 100_000


def write_csv(report: Report, write: Callable[[str], None]) -> None:
    issues = report.issues.select(ISSUE_COLUMNS)
    inert = [inert_in_spreadsheet(name) for name, dtype in issues.schema.items() if dtype == pl.String]
    if issues.is_empty():
        write(issues.write_csv())
        return
    for offset in range(0, issues.height, ISSUES_PER_SLICE):
        part = issues.slice(offset, ISSUES_PER_SLICE).with_columns(inert)
        write(part.write_csv(include_header=offset == 0))


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    write_csv(report, buffer.write)
    return buffer.getvalue()

"""The report as CSV for a spreadsheet: one row per issue, the columns of the JSON issues.

Written a slice at a time from the report's columns. It opens right in Excel: a byte-order
mark says UTF-8 (so æ, ø and å survive), and with --lang da the headers and severities are
Danish and the delimiter is `;`, the list separator of Danish Excel. A cell a spreadsheet would
run as a formula gets a leading apostrophe (see ffb.report.escaping).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import polars as pl

from ffb.report.escaping import inert_in_spreadsheet
from ffb.report.model import ISSUE_COLUMNS, Report

ISSUES_PER_SLICE = 100_000
BOM = "\ufeff"
HEADERS = {
    "da": {"code": "kode", "severity": "alvor", "source": "fil", "table": "tabel", "row": "række",
           "pointer": "sti", "column": "kolonne", "value": "værdi", "message": "besked", "hint": "rettelse",
           "cell": "celle"},
    "en": {name: name for name in [*ISSUE_COLUMNS, "cell"]},
}
SEVERITY_WORDS = {
    "da": {"error": "fejl", "warning": "advarsel", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
DELIMITER = {"da": ";", "en": ","}


def write_csv(report: Report, write: Callable[[str], None]) -> None:
    lang = report.lang
    issues = report.issues.select(ISSUE_COLUMNS)
    inert = [inert_in_spreadsheet(name) for name, dtype in issues.schema.items() if dtype == pl.String]
    worded = [pl.col("severity").replace_strict(SEVERITY_WORDS[lang], return_dtype=pl.String)]
    names = {c: HEADERS[lang][c] for c in issues.columns}
    separator = DELIMITER[lang]
    write(BOM)
    if issues.is_empty():
        write(issues.rename(names).write_csv(separator=separator))
        return
    for offset in range(0, issues.height, ISSUES_PER_SLICE):
        part = issues.slice(offset, ISSUES_PER_SLICE).with_columns(inert).with_columns(worded).rename(names)
        write(part.write_csv(include_header=offset == 0, separator=separator))


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    write_csv(report, buffer.write)
    return buffer.getvalue()

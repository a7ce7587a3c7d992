"""The report as one JSON object: valid, input, tables, summary and every issue.

The issues are written from the report's columns by polars, a slice at a time, one issue per
line, so a report of millions of issues needs little memory beyond the issues themselves.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from ffb.report.model import ISSUE_COLUMNS, Report

ISSUES_PER_SLICE = 50_000


def write_json(report: Report, write: Callable[[str], None]) -> None:
    head = json.dumps(report.header(), ensure_ascii=False)
    write(head[:-1] + ', "issues": [')
    issues = report.issues.select(ISSUE_COLUMNS)
    for offset in range(0, issues.height, ISSUES_PER_SLICE):
        lines = issues.slice(offset, ISSUES_PER_SLICE).write_ndjson()
        # A newline inside a value is escaped by the JSON encoder, so each line is one issue.
        write(("\n" if offset == 0 else ",\n") + lines[:-1].replace("\n", ",\n"))
    write("\n]}\n" if issues.height else "]}\n")


def render_json(report: Report) -> str:
    buffer = io.StringIO()
    write_json(report, buffer.write)
    return buffer.getvalue()

"""The report as CSV: one row per issue, the columns of the JSON issues."""

from __future__ import annotations

from ffb.report.model import ISSUE_COLUMNS, Report


def render_csv(report: Report) -> str:
    return report.issues.select(ISSUE_COLUMNS).write_csv()

"""The report as one JSON object: valid, input, tables, summary and every issue."""

from __future__ import annotations

import json

from ffb.report.model import ISSUE_COLUMNS, Report


def render_json(report: Report) -> str:
    head = report.to_dict()
    head.pop("issues")
    # Issues are written by polars: a million of them serialise in a fraction of a second.
    issues = report.issues.select(ISSUE_COLUMNS).write_json()
    prefix = json.dumps(head, ensure_ascii=False)[:-1]
    return f'{prefix}, "issues": {issues}}}\n'

"""The report as JUnit XML, so CI systems list the problems: one test suite per table and one
test case per rule that found something there (failing for errors, or for warnings too with
--fail-on warning), plus a passing case for each clean table."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import polars as pl

from ffb.report.model import Report
from ffb.validate.catalogue import RULES


def _location(row: dict) -> str:
    if row["pointer"] is not None:
        return row["pointer"]
    place = f"{row['source'] or ''}"
    if row["row"] is not None:
        place += f":{row['row']}"
    if row["column"]:
        place += f" [{row['column']}]"
    return place


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_junit(report: Report) -> str:
    failing = {"error"} | ({"warning"} if report.fail_on == "warning" else set())
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    total = report.issues.height
    failures = report.issues.filter(pl.col("severity").is_in(list(failing))).height
    lines.append(f'<testsuites name="ffb-validate" tests="{max(total, 1)}" failures="{failures}">')
    tables = list(report.tables) or [""]
    extra = sorted(set(report.issues["table"].drop_nulls().unique()) - set(tables))
    for table in tables + extra + [None]:
        rows = report.issues.filter(
            pl.col("table").is_null() if table is None else pl.col("table") == table
        )
        if table is None and rows.is_empty():
            continue
        name = table if table is not None else "input"
        cases = []
        for code, group in sorted(rows.group_by("code"), key=lambda item: item[0][0]):
            rule = RULES[code[0]]
            body = "\n".join(
                f"{_location(r)}: {r['message']}" + (f"\n  → {r['hint']}" if r.get("hint") else "")
                for r in group.iter_rows(named=True)
            )
            title = quoteattr(f"{rule.code} {rule.name}")
            if rule.severity in failing:
                cases.append(
                    f'<testcase classname={quoteattr(name)} name={title}>'
                    f'<failure message={quoteattr(f"{group.height} × {rule.title[report.lang]}")} type={quoteattr(rule.severity)}>'
                    f"{_escape_text(body)}</failure></testcase>"
                )
            else:
                cases.append(
                    f'<testcase classname={quoteattr(name)} name={title}>'
                    f"<system-out>{_escape_text(body)}</system-out></testcase>"
                )
        if not cases:
            cases.append(f'<testcase classname={quoteattr(name)} name="valid"/>')
        lines.append(f'<testsuite name={quoteattr(name)} tests="{len(cases)}">')
        lines.extend(cases)
        lines.append("</testsuite>")
    lines.append("</testsuites>")
    return "\n".join(lines) + "\n"

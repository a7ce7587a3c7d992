"""The report as JUnit XML, so CI systems list the problems: one test suite per table and one
test case per rule that found something there (failing for errors, or for warnings too with
--fail-on warning), plus a passing case for each clean table."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import polars as pl

from ffb.report.escaping import visible
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
    """One suite per table, one case per rule that found something there. Which cases fail,
    and every count, come from all issues (report.groups), never from the listed ones: a
    listing cut short by --max-errors cannot turn a failing table into a pass."""
    failing = {"error"} | ({"warning"} if report.fail_on == "warning" else set())
    per_rule = (
        report.groups.group_by(["table", "code"], maintain_order=True)
        .agg(pl.col("count").sum(), pl.col("severity").first())
    )
    tables = list(report.tables)
    found_in = [t for t in per_rule["table"].unique(maintain_order=True).to_list() if t not in tables]
    names = tables + [t for t in found_in if t is not None] + ([None] if None in found_in else [])
    more = "… og {n} flere (se --format json, csv eller xlsx)" if report.lang == "da" else \
        "… and {n} more (see --format json, csv or xlsx)"
    suites, total_cases, total_failures = [], 0, 0
    for table in names:
        name = table if table is not None else "input"
        rules = per_rule.filter(pl.col("table").is_null() if table is None else pl.col("table") == table)
        listed = report.issues.filter(pl.col("table").is_null() if table is None else pl.col("table") == table)
        cases, failures = [], 0
        for code, count, _severity in rules.sort("code").select("code", "count", "severity").iter_rows():
            rule = RULES[code]
            shown = listed.filter(pl.col("code") == code)
            lines = [
                visible(f"{_location(r)}: {r['message']}") + (f"\n  → {visible(r['hint'])}" if r.get("hint") else "")
                for r in shown.iter_rows(named=True)
            ]
            if count > shown.height:
                lines.append(more.format(n=count - shown.height))
            body = _escape_text("\n".join(lines))
            title = quoteattr(f"{rule.code} {rule.name}")
            if rule.severity in failing:
                failures += 1
                cases.append(
                    f"<testcase classname={quoteattr(visible(name))} name={title}>"
                    f'<failure message={quoteattr(f"{count} × {rule.title[report.lang]}")} type={quoteattr(rule.severity)}>'
                    f"{body}</failure></testcase>"
                )
            else:
                cases.append(
                    f"<testcase classname={quoteattr(visible(name))} name={title}>"
                    f"<system-out>{body}</system-out></testcase>"
                )
        if not cases:
            cases.append(f'<testcase classname={quoteattr(visible(name))} name="valid"/>')
        suites.append(f'<testsuite name={quoteattr(visible(name))} tests="{len(cases)}" failures="{failures}" errors="0">')
        suites.extend(cases)
        suites.append("</testsuite>")
        total_cases += len(cases)
        total_failures += failures
    if not names:  # nothing was read: one case says whether the input passed
        status = "" if report.valid else f'<failure message="{_escape_text(report.input)}"/>'
        suites += ['<testsuite name="input" tests="1" failures="{}" errors="0">'.format(0 if report.valid else 1),
                   f'<testcase classname="input" name="valid">{status}</testcase>', "</testsuite>"]
        total_cases, total_failures = 1, 0 if report.valid else 1
    head = ['<?xml version="1.0" encoding="UTF-8"?>',
            f'<testsuites name="ffb-validate" tests="{total_cases}" failures="{total_failures}" errors="0">']
    return "\n".join(head + suites + ["</testsuites>"]) + "\n"

"""The report as JUnit XML, so CI systems list the problems: one test suite per table and one
test case per rule that found something there (failing for errors, or for warnings too with
--fail-on warning), plus a passing case for each clean table."""

from __future__ import annotations

from collections.abc import Callable
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


# Issues turned into lines of a test case's body at a time: the report is written as it is
# made, so a report of millions of issues never sits in memory as one text.
ISSUES_PER_SLICE = 20_000


def render_junit(report: Report) -> str:
    parts: list[str] = []
    write_junit(report, parts.append)
    return "".join(parts)


def write_junit(report: Report, write: Callable[[str], None]) -> None:
    """One suite per table, one case per rule that found something there. Which cases fail,
    and every count, come from all issues (report.groups), never from the listed ones: a
    listing cut short by --max-errors cannot turn a failing table into a pass. Every count is
    known from the groups before the first case is written, so the cases are written one
    slice of issues at a time."""
    failing = {"error"} | ({"warning"} if report.fail_on == "warning" else set())
    per_rule = (
        report.groups.group_by(["table", "code"], maintain_order=True)
        .agg(pl.col("count").sum(), pl.col("severity").first())
    )
    tables = list(report.tables)
    found_in = [t for t in per_rule["table"].unique(maintain_order=True).to_list() if t not in tables]
    names = tables + [t for t in found_in if t is not None] + ([None] if None in found_in else [])
    suites = []
    for table in names:
        rules = per_rule.filter(pl.col("table").is_null() if table is None else pl.col("table") == table)
        found = rules.sort("code").select("code", "count").rows()
        failures = sum(1 for code, _ in found if RULES[code].severity in failing)
        suites.append((table, found, max(len(found), 1), failures))
    total_cases = sum(s[2] for s in suites) if suites else 1
    total_failures = sum(s[3] for s in suites) if suites else (0 if report.valid else 1)
    write('<?xml version="1.0" encoding="UTF-8"?>\n'
          f'<testsuites name="ffb-validate" tests="{total_cases}" failures="{total_failures}" errors="0">\n')
    for table, found, cases, failures in suites:
        name = quoteattr(visible(table if table is not None else "input"))
        write(f'<testsuite name={name} tests="{cases}" failures="{failures}" errors="0">\n')
        listed = report.issues.filter(pl.col("table").is_null() if table is None else pl.col("table") == table)
        for code, count in found:
            _write_case(report, write, name, code, count, listed.filter(pl.col("code") == code), failing)
        if not found:
            write(f'<testcase classname={name} name="valid"/>\n')
        write("</testsuite>\n")
    if not suites:  # nothing was read: one case says whether the input passed
        status = "" if report.valid else f'<failure message="{_escape_text(report.input)}"/>'
        write('<testsuite name="input" tests="1" failures="{}" errors="0">\n'.format(0 if report.valid else 1)
              + f'<testcase classname="input" name="valid">{status}</testcase>\n</testsuite>\n')
    write("</testsuites>\n")


def _write_case(report: Report, write, name: str, code: str, count: int, shown: pl.DataFrame,
                failing: set[str]) -> None:
    rule = RULES[code]
    title = quoteattr(f"{rule.code} {rule.name}")
    if rule.severity in failing:
        message = quoteattr(f"{count} × {rule.title[report.lang]}")
        write(f"<testcase classname={name} name={title}>"
              f"<failure message={message} type={quoteattr(rule.severity)}>")
        close = "</failure></testcase>\n"
    else:
        write(f"<testcase classname={name} name={title}><system-out>")
        close = "</system-out></testcase>\n"
    for offset in range(0, shown.height, ISSUES_PER_SLICE):
        lines = [
            visible(f"{_location(r)}: {r['message']}") + (f"\n  → {visible(r['hint'])}" if r.get("hint") else "")
            for r in shown.slice(offset, ISSUES_PER_SLICE).iter_rows(named=True)
        ]
        write(("\n" if offset else "") + _escape_text("\n".join(lines)))
    if count > shown.height:
        more = "… og {n} flere (se --format json, csv eller xlsx)" if report.lang == "da" else \
            "… and {n} more (see --format json, csv or xlsx)"
        write(("\n" if shown.height else "") + _escape_text(more.format(n=count - shown.height)))
    write(close)

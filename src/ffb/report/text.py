"""The report for a terminal: a verdict, counts, then the issues, errors first.

Each severity has its own section. Within it, a rule that fires many times on one column is
one summary line (`FFB202 × 84.303 i interventions.start_date, første rækker 2, 3, 5 …`) with
its message and fix, and the rest are listed per file, row by row. At most TEXT_LIMIT lines
are listed; the report says how many and how to see the rest.
"""

from __future__ import annotations

import io

import polars as pl
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ffb.report.escaping import visible
from ffb.report.model import Report
from ffb.validate.catalogue import RULES, SEVERITIES

TEXT_LIMIT = 1000  # lines listed in text; JSON, CSV and XLSX always carry every issue
GROUP_AT = 20  # a rule firing this often on one column is summarised in one line

WORDS = {
    "da": {
        "valid": "Gyldig", "invalid": "Ugyldig",
        "counted": {"error": ("fejl", "fejl"), "warning": ("advarsel", "advarsler"), "info": ("info", "info"),
                    "tables": ("tabel", "tabeller"), "rows": ("række", "rækker"), "issues": ("problem", "problemer")},
        "sections": {"error": "Fejl", "warning": "Advarsler", "info": "Info"},
        "kinds": {"package": "datapakke", "folder": "mappe", "table": "tabel", "workbook": "regneark",
                  "document": "JSON-dokument", "json": "JSON-rækker", "fhir": "FHIR-Bundles"},
        "row": "Række", "where": "Sted", "column": "Kolonne", "code": "Kode", "message": "Besked",
        "rules": "Fundet af reglerne",
        "group": "{code} × {count} i {place}", "first_rows": ", første rækker {rows}",
        "shown": "Viser {shown} af {total} {issues}, fejl først; {more} flere ses med --format json, csv eller xlsx (fx --format xlsx -o rapport.xlsx).",
        "omitted": "{n} {issues} er ikke med i listen (--max-errors); tællingerne omfatter alle.",
        "input": "Input",
    },
    "en": {
        "valid": "Valid", "invalid": "Invalid",
        "counted": {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info"),
                    "tables": ("table", "tables"), "rows": ("row", "rows"), "issues": ("issue", "issues")},
        "sections": {"error": "Errors", "warning": "Warnings", "info": "Info"},
        "kinds": {"package": "data package", "folder": "folder", "table": "table", "workbook": "workbook",
                  "document": "JSON document", "json": "JSON rows", "fhir": "FHIR Bundles"},
        "row": "Row", "where": "Where", "column": "Column", "code": "Code", "message": "Message",
        "rules": "Found by rule",
        "group": "{code} × {count} in {place}", "first_rows": ", first rows {rows}",
        "shown": "Showing {shown} of {total} {issues}, errors first; see the other {more} with --format json, csv or xlsx (e.g. --format xlsx -o report.xlsx).",
        "omitted": "{n} {issues} left out of the listing (--max-errors); the counts cover all.",
        "input": "Input",
    },
}
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def number(n: int, lang: str) -> str:
    """A count as the language writes it: 180.917 in Danish, 180,917 in English."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "da" else text


def counted(n: int, noun: str, lang: str) -> str:
    """"1 tabel", "2 tabeller", "180.917 fejl"."""
    singular, plural = WORDS[lang]["counted"][noun]
    return f"{number(n, lang)} {singular if n == 1 else plural}"


def _issue_table(group: pl.DataFrame, words: dict) -> Table:
    uses_pointer = group["pointer"].is_not_null().any()
    table = Table(show_edge=False, box=None, pad_edge=False, header_style="bold")
    # A pointer (a JSON pointer, or a FHIR element with its resource) may be long: it folds
    # onto more lines rather than squeezing the message.
    table.add_column(words["where"] if uses_pointer else words["row"],
                     justify="left" if uses_pointer else "right", no_wrap=not uses_pointer,
                     overflow="fold", max_width=44 if uses_pointer else None)
    table.add_column(words["column"], no_wrap=True)
    table.add_column(words["code"], no_wrap=True)
    table.add_column(words["message"], overflow="fold")
    for issue in group.iter_rows(named=True):
        where = issue["pointer"] if issue["pointer"] is not None else ("" if issue["row"] is None else str(issue["row"]))
        message = Text(visible(issue["message"]))
        if issue.get("hint"):
            message.append(f"\n→ {visible(issue['hint'])}", style="dim")
        table.add_row(Text(visible(where)), Text(visible(issue["column"])), issue["code"], message)
    return table


def _group_lines(group: dict, report: Report, words: dict) -> Text:
    lang = report.lang
    place = ".".join(p for p in (group["table"], group["column"]) if p) or visible(group["source"] or report.input)
    head = words["group"].format(code=group["code"], count=number(group["count"], lang), place=visible(place))
    if group["first_rows"]:
        rows = ", ".join(str(r) for r in group["first_rows"]) + (" …" if group["count"] > len(group["first_rows"]) else "")
        head += words["first_rows"].format(rows=rows)
    text = Text(head, style="bold")
    text.append(f"\n  {visible(group['message'])}")
    if group["hint"]:
        text.append(f"\n  → {visible(group['hint'])}", style="dim")
    return text


def render_text(report: Report, color: bool = False, width: int = 120) -> str:
    lang = report.lang
    words = WORDS[lang]
    buffer = io.StringIO()
    # Text from the input is never read as markup or emoji codes: `[/bold]` or `:x:` in a cell
    # is printed as written. Our own styles come as Text objects.
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, soft_wrap=False, markup=False, emoji=False)
    rows = sum(info["rows"] for info in report.tables.values())
    kind = words["kinds"].get(report.kind, report.kind)
    console.print(
        f"{words['input']}: {visible(report.input)} ({kind}, {counted(len(report.tables), 'tables', lang)}, "
        f"{counted(rows, 'rows', lang)})"
    )
    verdict = Text(f"✓ {words['valid']}" if report.valid else f"✗ {words['invalid']}",
                   style="bold green" if report.valid else "bold red")
    counts = ", ".join(counted(report.counts.get(s, 0), s, lang) for s in SEVERITIES)
    console.print(Text.assemble(verdict, ": ", counts))

    keys = ["code", "table", "column"]
    large = report.groups.filter(pl.col("count") >= GROUP_AT)
    listed = report.issues.join(large.select(keys), on=keys, how="anti", nulls_equal=True, maintain_order="left")
    shown_groups = large.join(report.issues.select(keys).unique(), on=keys, how="semi", nulls_equal=True,
                              maintain_order="left")
    budget = TEXT_LIMIT
    shown_issues = 0
    for severity in SEVERITIES:
        groups = shown_groups.filter(pl.col("severity") == severity)
        singles = listed.filter(pl.col("severity") == severity)
        if (groups.is_empty() and singles.is_empty()) or budget <= 0:
            continue
        console.print()
        total = report.counts.get(severity, 0)
        console.print(Text(f"{words['sections'][severity]} ({number(total, lang)})", style=STYLES[severity]))
        for group in groups.head(budget).iter_rows(named=True):
            console.print(_group_lines(group, report, words))
            shown_issues += group["count"]
            budget -= 1
        singles = singles.head(max(budget, 0))
        for (source,), part in singles.group_by("source", maintain_order=True):
            console.print()
            tables = ", ".join(sorted({t for t in part["table"].to_list() if t}))
            console.print(Text(visible(source or report.input) + (f"  ({tables})" if tables else ""), style="bold"))
            console.print(_issue_table(part, words))
        shown_issues += singles.height
        budget -= singles.height

    total = sum(report.counts.values())
    if shown_issues < total:
        console.print()
        if report.omitted:
            console.print(words["omitted"].format(n=number(report.omitted, lang),
                                                  issues=WORDS[lang]["counted"]["issues"][report.omitted != 1]))
        console.print(words["shown"].format(
            shown=number(shown_issues, lang), total=number(total, lang),
            issues=WORDS[lang]["counted"]["issues"][total != 1], more=number(total - shown_issues, lang),
        ))
    if report.by_rule:
        console.print()
        console.print(Text(words["rules"], style="bold"))
        names = {s: WORDS[lang]["counted"][s][0] for s in SEVERITIES}
        for code, n in sorted(report.by_rule.items()):
            rule = RULES[code]
            console.print(f"  {code} {rule.name:<40} {names[rule.severity]:<9} {number(n, lang):>9}")
    return buffer.getvalue()

"""The report for a terminal: a verdict, counts, and the issues grouped by file."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ffb.report.escaping import visible
from ffb.report.model import Report
from ffb.validate.catalogue import RULES

TEXT_LIMIT = 1000  # issues listed in text; JSON and CSV always carry every issue

WORDS = {
    "da": {
        "valid": "Gyldig", "invalid": "Ugyldig", "error": "fejl", "warning": "advarsler",
        "info": "info", "rows": "rækker", "tables": "tabeller", "row": "Række", "where": "Sted",
        "column": "Kolonne", "code": "Kode", "severity": "Alvor", "message": "Besked",
        "rules": "Fundet af reglerne", "more": "… og {n} mere; brug --format json eller csv for alle.",
        "omitted": "{n} problemer er udeladt (--max-errors).",
        "severity_names": {"error": "fejl", "warning": "advarsel", "info": "info"},
        "input": "Input",
    },
    "en": {
        "valid": "Valid", "invalid": "Invalid", "error": "errors", "warning": "warnings",
        "info": "info", "rows": "rows", "tables": "tables", "row": "Row", "where": "Where",
        "column": "Column", "code": "Code", "severity": "Severity", "message": "Message",
        "rules": "Found by rule", "more": "… and {n} more; use --format json or csv for all.",
        "omitted": "{n} issues omitted (--max-errors).",
        "severity_names": {"error": "error", "warning": "warning", "info": "info"},
        "input": "Input",
    },
}
STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def render_text(report: Report, color: bool = False, width: int = 120) -> str:
    words = WORDS[report.lang]
    buffer = io.StringIO()
    # Text from the input is never read as markup or emoji codes: `[/bold]` or `:x:` in a cell
    # is printed as written. Our own styles come as Text objects.
    console = Console(file=buffer, force_terminal=color, no_color=not color, width=width,
                      highlight=False, soft_wrap=False, markup=False, emoji=False)
    rows = f"{sum(info['rows'] for info in report.tables.values()):,}"
    if report.lang == "da":
        rows = rows.replace(",", ".")
    console.print(
        f"{words['input']}: {visible(report.input)} ({report.kind}, {len(report.tables)} {words['tables']}, "
        f"{rows} {words['rows']})"
    )
    verdict = Text(f"✓ {words['valid']}" if report.valid else f"✗ {words['invalid']}",
                   style="bold green" if report.valid else "bold red")
    counts = ", ".join(f"{report.counts.get(s, 0)} {words[s]}" for s in ("error", "warning", "info"))
    console.print(Text.assemble(verdict, ": ", counts))

    shown = report.issues.head(TEXT_LIMIT)
    for (source,), group in shown.group_by("source", maintain_order=True):
        console.print()
        tables = ", ".join(sorted({t for t in group["table"].to_list() if t}))
        console.print(Text(visible(source or report.input) + (f"  ({tables})" if tables else ""), style="bold"))
        uses_pointer = group["pointer"].is_not_null().any()
        table = Table(show_edge=False, box=None, pad_edge=False, header_style="bold")
        table.add_column(words["where"] if uses_pointer else words["row"], justify="left" if uses_pointer else "right", no_wrap=True)
        table.add_column(words["column"], no_wrap=True)
        table.add_column(words["code"], no_wrap=True)
        table.add_column(words["severity"], no_wrap=True)
        table.add_column(words["message"], overflow="fold")
        for issue in group.iter_rows(named=True):
            where = issue["pointer"] if issue["pointer"] is not None else ("" if issue["row"] is None else str(issue["row"]))
            message = Text(visible(issue["message"]))
            if issue.get("hint"):
                message.append(f"\n→ {visible(issue['hint'])}", style="dim")
            table.add_row(
                Text(visible(where)), Text(visible(issue["column"])), issue["code"],
                Text(words["severity_names"][issue["severity"]], style=STYLES[issue["severity"]]),
                message,
            )
        console.print(table)
    hidden = report.issues.height - shown.height
    if hidden > 0:
        console.print()
        console.print(words["more"].format(n=hidden))
    if report.omitted:
        console.print(words["omitted"].format(n=report.omitted))
    if report.by_rule:
        console.print()
        console.print(Text(words["rules"], style="bold"))
        for code, n in sorted(report.by_rule.items()):
            rule = RULES[code]
            console.print(f"  {code} {rule.name:<40} {words['severity_names'][rule.severity]:<9} {n:>9}")
    return buffer.getvalue()

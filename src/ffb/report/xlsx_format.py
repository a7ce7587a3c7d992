"""The report as an Excel workbook: a summary sheet, then one sheet per severity with every
issue and the spreadsheet cell it is about (M3), for people who fix an export in Excel.

Cells are written as text, never as formulas, so a value from the input cannot run.
"""

from __future__ import annotations

import io

import polars as pl
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from ffb.report.csv_format import HEADERS, SEVERITY_WORDS
from ffb.report.model import Report
from ffb.validate.catalogue import RULES, SEVERITIES

MAX_ROWS = 1_048_575  # rows of an Excel sheet, less its header

WORDS = {
    "da": {
        "summary": "Oversigt", "sheets": {"error": "Fejl", "warning": "Advarsler", "info": "Info"},
        "input": "Input", "verdict": "Resultat", "valid": "Gyldig", "invalid": "Ugyldig",
        "severity": "Alvor", "count": "Antal", "table": "Tabel", "rule": "Regel", "name": "Navn",
        "title": "Titel", "cell": "celle", "by_table": "Pr. tabel", "by_rule": "Pr. regel",
        "cut": "Arket viser de første {n} problemer; alle findes i --format csv eller json.",
    },
    "en": {
        "summary": "Summary", "sheets": {"error": "Errors", "warning": "Warnings", "info": "Info"},
        "input": "Input", "verdict": "Result", "valid": "Valid", "invalid": "Invalid",
        "severity": "Severity", "count": "Count", "table": "Table", "rule": "Rule", "name": "Name",
        "title": "Title", "cell": "cell", "by_table": "Per table", "by_rule": "Per rule",
        "cut": "The sheet shows the first {n} issues; all are in --format csv or json.",
    },
}


def cell_references(report: Report) -> pl.Series:
    """Each issue's cell as a spreadsheet names it (M3), where it has one: a row and a column
    of a file or sheet whose header holds the column."""
    places = {
        (table, column): xl_col_to_name(index)
        for table, header in report.headers.items()
        for index, column in enumerate(header)
    }
    letters = [
        f"{places[(t, c)]}{r}" if (t, c) in places and r is not None and p is None else None
        for t, c, r, p in report.issues.select("table", "column", "row", "pointer").iter_rows()
    ]
    return pl.Series("cell", letters, pl.String)


def render_xlsx(report: Report) -> bytes:
    words = WORDS[report.lang]
    headers = HEADERS[report.lang]
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
    bold = workbook.add_format({"bold": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})

    summary = workbook.add_worksheet(words["summary"])
    summary.set_column(0, 0, 28)
    summary.set_column(1, 3, 40)
    line = 0
    summary.write_string(line, 0, words["input"], bold)
    summary.write_string(line, 1, report.input)
    line += 1
    summary.write_string(line, 0, words["verdict"], bold)
    summary.write_string(line, 1, words["valid"] if report.valid else words["invalid"])
    line += 2
    summary.write_string(line, 0, words["severity"], bold)
    summary.write_string(line, 1, words["count"], bold)
    for severity in SEVERITIES:
        line += 1
        summary.write_string(line, 0, SEVERITY_WORDS[report.lang][severity])
        summary.write_number(line, 1, report.counts.get(severity, 0))
    line += 2
    summary.write_string(line, 0, words["by_rule"], bold)
    for column, text in enumerate((words["rule"], words["name"], words["severity"], words["count"], words["title"])):
        summary.write_string(line + 1, column, text, bold)
    line += 1
    for code, n in sorted(report.by_rule.items()):
        rule = RULES[code]
        line += 1
        summary.write_string(line, 0, code)
        summary.write_string(line, 1, rule.name)
        summary.write_string(line, 2, SEVERITY_WORDS[report.lang][rule.severity])
        summary.write_number(line, 3, n)
        summary.write_string(line, 4, rule.title[report.lang])
    line += 2
    summary.write_string(line, 0, words["by_table"], bold)
    for table, counts in report.by_table.items():
        line += 1
        summary.write_string(line, 0, table or report.input)
        summary.write_string(line, 1, ", ".join(
            f"{counts[s]} {SEVERITY_WORDS[report.lang][s]}" for s in SEVERITIES if counts.get(s)))

    issues = report.issues.with_columns(cell_references(report))
    columns = ["code", "source", "table", "row", "cell", "column", "value", "message", "hint"]
    titles = [headers.get(c, words["cell"]) for c in columns]
    widths = {"code": 9, "source": 30, "table": 16, "row": 7, "cell": 7, "column": 22, "value": 24,
              "message": 60, "hint": 60}
    for severity in SEVERITIES:
        rows = issues.filter(pl.col("severity") == severity)
        if rows.is_empty():
            continue
        sheet = workbook.add_worksheet(words["sheets"][severity])
        for index, (column, title) in enumerate(zip(columns, titles)):
            sheet.write_string(0, index, title, bold)
            sheet.set_column(index, index, widths[column], wrap if column in ("message", "hint") else None)
        sheet.freeze_panes(1, 0)
        shown = rows.select(columns).head(MAX_ROWS)
        for number, values in enumerate(shown.iter_rows(), start=1):
            for index, value in enumerate(values):
                if value is None:
                    continue
                if columns[index] == "row":
                    sheet.write_number(number, index, value)
                else:
                    sheet.write_string(number, index, str(value))
        sheet.autofilter(0, 0, shown.height, len(columns) - 1)
        if rows.height > MAX_ROWS:
            summary.write_string(line + 2, 0, words["cut"].format(n=MAX_ROWS))
    workbook.close()
    return buffer.getvalue()

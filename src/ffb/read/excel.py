"""Read an XLSX workbook: one sheet per table, cells turned into the text a CSV would hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import polars as pl
from python_calamine import CalamineWorkbook

from ffb.read.archives import UnsafeArchive, check_archive
from ffb.read.header import header_findings, recognise_table
from ffb.read.model import ROW, Finding, RawTable

# Sheets of ffb's own template that hold no data.
TEMPLATE_SHEETS = {"vejledning", "lister", "ffb"}


def cell_text(value: object) -> str | None:
    """The canonical text of a cell: whole numbers without a decimal part, ISO dates."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _template_titles(workbook: CalamineWorkbook) -> bool:
    """Whether the workbook is ffb's template, whose coded cells hold Danish names."""
    if "ffb" not in workbook.sheet_names:
        return False
    rows = workbook.get_sheet_by_name("ffb").to_python()
    settings = {str(row[0]): str(row[1]) for row in rows if len(row) >= 2}
    return settings.get("template") == "ffb" and settings.get("coded_values") == "title"


def _titles_to_codes(frame: pl.DataFrame, table: dict, enums: dict) -> tuple[pl.DataFrame, int]:
    """Replace exact Danish names by their codes in coded columns; count the replacements."""
    replaced = 0
    columns = []
    for column in table["columns"]:
        name = column["name"]
        if "enum" not in column:
            continue
        mapping = {value["title"]: key for key, value in enums[column["enum"]]["values"].items()}
        mapping = {title: key for title, key in mapping.items() if title != key}
        hits = frame[name].is_in(list(mapping)).sum()
        if hits:
            replaced += hits
            columns.append(pl.col(name).replace(mapping))
    return (frame.with_columns(columns) if columns else frame), replaced


def read_workbook(
    path: Path, source: str, tables: list[dict], enums: dict, table_name: str | None = None
) -> tuple[list[RawTable], list[Finding]]:
    try:
        check_archive(path).close()
    except UnsafeArchive as problem:
        return [], [Finding(problem.code, source, table_name, detail=problem.detail)]
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own error types for every kind of broken file
        return [], [Finding("FFB102", source, table_name)]

    template = _template_titles(workbook)
    raw_tables: list[RawTable] = []
    findings: list[Finding] = []
    for sheet_name in workbook.sheet_names:
        if sheet_name in TEMPLATE_SHEETS:
            continue
        sheet_source = f"{source}[{sheet_name}]"
        rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        if not rows or not any(cell_text(v) for v in rows[0]):
            if table_name is None and sheet_name not in {t["name"] for t in tables}:
                continue  # an empty extra sheet is no table
            findings.append(Finding("FFB101", sheet_source, sheet_name))
            continue
        header = [cell_text(v) or "" for v in rows[0]]
        while header and header[-1] == "":
            header.pop()
        hint = table_name if table_name and len(workbook.sheet_names) == 1 else sheet_name
        name = recognise_table(header, tables, hint=hint)
        if name is None:
            findings.append(Finding("FFB110", sheet_source, detail=", ".join(header[:12])))
            continue
        table = next(t for t in tables if t["name"] == name)
        header_problems, readable = header_findings(header, table, sheet_source)
        findings.extend(header_problems)
        if not readable:
            continue
        width = len(header)
        data = {ROW: list(range(2, len(rows) + 1))}
        for index, column in enumerate(header):
            data[column] = [cell_text(row[index]) if index < len(row) else None for row in rows[1:]]
        for extra_row, row in enumerate(rows[1:], start=2):
            overflow = [cell_text(v) for v in row[width:]]
            if any(overflow):
                findings.append(
                    Finding("FFB104", sheet_source, name, row=extra_row, value=str(width + len(overflow)), detail=str(width))
                )
        frame = pl.DataFrame(data, schema={ROW: pl.Int64, **{c: pl.String for c in header}})
        blank = frame.filter(pl.all_horizontal(pl.exclude(ROW).is_null()))[ROW].to_list()
        frame = frame.filter(~pl.col(ROW).is_in(blank))
        # Trailing empty rows are the sheet's unused area, not data.
        last_data_row = frame[ROW].max() if frame.height else 1
        findings.extend(
            Finding("FFB105", sheet_source, name, row=r, value="0", detail=str(width))
            for r in blank
            if r < last_data_row
        )
        present = set(header)
        frame = frame.select(
            pl.col(ROW),
            *[
                pl.col(c["name"]) if c["name"] in present else pl.lit(None, pl.String).alias(c["name"])
                for c in table["columns"]
            ],
        )
        if template:
            frame, replaced = _titles_to_codes(frame, table, enums)
            if replaced:
                findings.append(Finding("FFB117", sheet_source, name, value=str(replaced)))

        def batches(frame: pl.DataFrame = frame) -> Iterator[pl.DataFrame]:
            yield frame

        raw_tables.append(RawTable(name, sheet_source, header, batches))
    return raw_tables, findings

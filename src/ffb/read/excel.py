"""Read an XLSX workbook: one sheet per table, cells turned into the text a CSV would hold."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from array import array
from xml.etree import ElementTree
from collections.abc import Iterator
from itertools import zip_longest
from pathlib import Path

import polars as pl
from python_calamine import CalamineWorkbook

from ffb.read.archives import UnsafeArchive, check_archive, is_damaged
from ffb.read.header import frame_for_contract, match_header, missing_columns
from ffb.read.limits import DEFAULT_LIMITS, Limits, check
from ffb.read.model import ROW, Finding, RawTable, keys_of_skipped, referenced_columns

# Sheets of ffb's own template that hold no data.
TEMPLATE_SHEETS = {"vejledning", "lister", "ffb"}

# calamine holds a sheet as a dense grid from its first to its last cell, so one cell at
# XFD1048576 in a file of a few KB asks for 17 billion cells and aborts the process. A sheet's
# grid may be as large as its cells justify (a few stray cells far out are common), but no
# larger than MAX_SHEET_CELLS (a full Excel sheet of 28 columns fits).
MAX_SHEET_CELLS = 30_000_000
MIN_GRID_CELLS = 5_000_000
SPARSE_FACTOR = 20
# First a cheap look for what makes a grid large, columns past Z and rows past 999,999: a
# sheet without either spans at most 26 × 999,999 cells. Only when that is more than its
# cells justify, every reference is read. XML lets the attribute be written r = 'a1' too.
FAR_REFERENCES = re.compile(rb'r\s*=\s*["\'](?:([A-Za-z]{2,3})[0-9]|[A-Za-z]{0,3}([0-9]{7,})["\'])')
ALL_REFERENCES = re.compile(rb'r\s*=\s*["\']([A-Za-z]{0,3})([0-9]+)["\']')
CELL_TAGS = (b"<c ", b":c ")  # <c r="A1"> and, with a namespace prefix, <x:c r="A1">
SCAN_CHUNK = 8 * 1024 * 1024
REFERENCE_OVERLAP = 64  # a reference cut by a chunk boundary is whole in the next look


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - ord("A") + 1
    return number


def _scan(archive: zipfile.ZipFile, member: str, pattern: re.Pattern) -> tuple[int, int, int]:
    """The number of cells, and the largest column and row number among the references
    `pattern` finds."""
    cells = columns = rows = 0
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(SCAN_CHUNK):
            cells += sum(chunk.count(tag) for tag in CELL_TAGS)
            data = tail + chunk
            for letters, digits in pattern.findall(data):
                columns = max(columns, _column_number(letters))
                rows = max(rows, int(digits or 0))
            tail = data[-REFERENCE_OVERLAP:]
    return cells, columns, rows


def _grid_too_large(archive: zipfile.ZipFile, member: str) -> bool:
    cells, columns, rows = _scan(archive, member, FAR_REFERENCES)
    allowed = min(MAX_SHEET_CELLS, max(MIN_GRID_CELLS, SPARSE_FACTOR * cells))
    if max(columns, 26) * (rows or 999_999) <= allowed:
        return False
    _, columns, rows = _scan(archive, member, ALL_REFERENCES)
    return columns * rows > allowed


SHARED_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\bt\s*=\s*["\']s["\'][^>]*>\s*<(?:\w+:)?v>\s*([0-9]+)\s*<')
SHARED_TAGS = (b't="s"', b"t='s'")


def _shared_text_lengths(archive: zipfile.ZipFile) -> array:
    """The length in UTF-8 bytes of every shared text of the workbook, read as a stream."""
    lengths = array("Q")
    name = next((n for n in archive.namelist() if n.lower().endswith("sharedstrings.xml")), None)
    if name is None:
        return lengths
    with archive.open(name) as stream:
        try:
            for _, element in ElementTree.iterparse(stream):
                if element.tag.rsplit("}", 1)[-1] == "si":
                    lengths.append(sum(len(text.encode("utf-8")) for text in element.itertext()))
                    element.clear()
        except ElementTree.ParseError:  # damaged: the workbook reader says so
            pass
    return lengths


def _check_shared_texts(archive: zipfile.ZipFile, source: str, limits: Limits) -> None:
    """Refuse a workbook whose cells, by repeating shared texts, expand past the limits.

    First a bound, the number of shared-text cells times the longest shared text; only
    when that passes the limit is each cell's text looked up.
    """
    lengths = _shared_text_lengths(archive)
    if not lengths:
        return
    longest = max(lengths)
    members = [n for n in archive.namelist() if n.lower().startswith("xl/worksheets/") and n.endswith(".xml")]
    for member in members:
        cells = 0
        with archive.open(member) as stream:
            while chunk := stream.read(SCAN_CHUNK):
                cells += sum(chunk.count(tag) for tag in SHARED_TAGS)
        if cells * longest <= limits.max_text_bytes and longest <= limits.max_cell_bytes:
            continue
        expanded, tail = 0, b""
        with archive.open(member) as stream:
            while chunk := stream.read(SCAN_CHUNK):
                data = tail + chunk
                end = data.rfind(b"<")  # a cell cut by the chunk's end is whole in the next look
                for index in SHARED_CELL.findall(data[:end] if end > 0 else data):
                    size = lengths[int(index)] if int(index) < len(lengths) else 0
                    check(source, limits, "max_cell_bytes", size, f"bytes in one cell ({member})")
                    expanded += size
                tail = data[end:] if end > 0 else b""
                check(source, limits, "max_text_bytes", expanded, f"bytes of text in {member}")


MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]+)")


def _sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the part that holds it, from the workbook and its relationships."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in relations}
    members = {}
    for sheet in workbook.iter(f"{{{MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL_NS}}}id"), "")
        members[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return members


def _formulas_without_value(archive: zipfile.ZipFile, member: str) -> list[tuple[int, int]]:
    """(row, column number) of each cell that holds a formula but no saved result.

    A workbook written by a program (not saved by Excel) may carry formulas without their
    results; a reader that does not compute formulas sees such a cell as empty."""
    with archive.open(member) as stream:  # most sheets have no formula at all: look first
        if not any(b"<f" in chunk or b":f" in chunk for chunk in iter(lambda: stream.read(SCAN_CHUNK), b"")):
            return []
    found = []
    with archive.open(member) as stream:
        for _, element in ElementTree.iterparse(stream):
            if element.tag != f"{{{MAIN_NS}}}c":
                continue
            formula = element.find(f"{{{MAIN_NS}}}f")
            value = element.find(f"{{{MAIN_NS}}}v")
            if formula is not None and (value is None or not (value.text or "").strip()):
                match = CELL_REFERENCE.fullmatch(element.get("r") or "")
                if match:
                    found.append((int(match[2]), _column_number(match[1].encode())))
            element.clear()
    return found


def _formula_findings(path: Path, sheet_name: str, raw: RawTable, source: str) -> list[Finding]:
    """FFB132 for each formula cell of a table's sheet that has no saved result."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_members(archive).get(sheet_name)
            cells = _formulas_without_value(archive, member) if member in archive.namelist() else []
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, KeyError):
        return []
    header = raw.header
    return [
        Finding("FFB132", source, raw.name, row=row, column=header[number - 1] if number <= len(header) else None,
                detail=f"{_column_letters(number)}{row}")
        for row, number in cells
    ]


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _oversized_sheet(path: Path) -> str | None:
    """The first part whose cell references span too large a grid, if any.

    Every part is looked at, not only xl/worksheets/*.xml: the workbook may keep a sheet
    under any name.
    """
    with check_archive(path) as archive:
        for member in archive.namelist():
            if _grid_too_large(archive, member):
                return member
    return None


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


def _texts(values: tuple) -> list[str | None]:
    """cell_text of every value; text cells, nearly all of them, without a call each."""
    return [(value or None) if type(value) is str else cell_text(value) for value in values]


def _overflow(row: list, width: int) -> int:
    """How many cells the row fills when it has a value past the header's width, else 0.

    calamine gives "" for an empty cell; the common case, nothing past the header, is
    settled by list.count without a step per cell.
    """
    tail = row[width:]
    if tail.count("") + tail.count(None) == len(tail):
        return 0
    filled = len(row)
    while row[filled - 1] in ("", None):
        filled -= 1
    return filled


def _sheet_rows(workbook: CalamineWorkbook, sheet_name: str) -> list[list]:
    return workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)


def _template_titles(workbook: CalamineWorkbook) -> bool:
    """Whether the workbook is ffb's template, whose coded cells hold Danish names."""
    if "ffb" not in workbook.sheet_names:
        return False
    rows = _sheet_rows(workbook, "ffb")
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


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound document: encrypted .xlsx or old .xls
ZIP_MAGIC = b"PK"


def _not_a_workbook(path: Path) -> str | None:
    """FFB128 for an encrypted or old workbook, FFB129 for text named as a workbook."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.startswith(OLE_MAGIC):
        return "FFB128"
    if head.startswith(ZIP_MAGIC) or b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not merely a character cut at the end of the look
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return None
    return "FFB129"


def read_workbook(
    path: Path, source: str, tables: list[dict], enums: dict, table_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[RawTable], list[Finding]]:
    """A raw table for every sheet that holds one, and what was wrong with the workbook."""
    kind = _not_a_workbook(path)
    if kind is not None:
        return [], [Finding(kind, source, table_name, value=path.suffix)]
    try:
        oversized = _oversized_sheet(path)
        with check_archive(path) as archive:
            _check_shared_texts(archive, source, limits)
    except UnsafeArchive as problem:
        value = problem.detail if problem.code == "FFB112" else None
        return [], [Finding(problem.code, source, table_name, value=value, detail=problem.detail)]
    except Exception as error:
        if not is_damaged(error):
            raise
        return [], [Finding("FFB102", source, table_name)]
    if oversized:
        return [], [Finding("FFB113", source, table_name, detail=f"{oversized}: too many cells")]
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        template = _template_titles(workbook)
    except Exception:  # calamine raises its own error types for every kind of broken file
        return [], [Finding("FFB102", source, table_name)]

    raw_tables: list[RawTable] = []
    findings: list[Finding] = []
    for sheet_name in workbook.sheet_names:
        if sheet_name in TEMPLATE_SHEETS:
            continue
        sheet_source = f"{source}[{sheet_name}]"
        try:
            rows = _sheet_rows(workbook, sheet_name)
        except Exception:  # a damaged sheet: the others may still be read
            findings.append(Finding("FFB102", sheet_source, table_name))
            continue
        if not rows or not any(cell_text(v) for v in rows[0]):
            if table_name is None and sheet_name not in {t["name"] for t in tables}:
                continue  # an empty extra sheet is no table
            findings.append(Finding("FFB101", sheet_source, sheet_name))
            continue
        hint = table_name if table_name and len(workbook.sheet_names) == 1 else sheet_name
        raw, sheet_findings = _sheet_table(rows, sheet_source, tables, hint, enums if template else None)
        if raw is None and table_name is None and [f.code for f in sheet_findings] == ["FFB110"]:
            # A sheet that is no table (notes, a pivot table) is left out, with a note.
            sheet_findings = [Finding("FFB121", sheet_source, value=sheet_name, detail=sheet_findings[0].detail)]
        findings.extend(sheet_findings)
        if raw is not None:
            raw_tables.append(raw)
            findings.extend(_formula_findings(path, sheet_name, raw, sheet_source))
    return raw_tables, findings


def _sheet_table(
    rows: list[list], source: str, tables: list[dict], hint: str, title_enums: dict | None
) -> tuple[RawTable | None, list[Finding]]:
    """The raw table of one sheet's cells (header in the first row).

    With `title_enums` (ffb's template) Danish names in coded columns become their codes.
    """
    header = [cell_text(v) or "" for v in rows[0]]
    while header and header[-1] == "":
        header.pop()
    table, findings = match_header(header, tables, source, None, hint=hint)
    if table is None:
        return None, findings
    name = table["name"]
    width = len(header)
    body = rows[1:]
    columns = list(zip_longest(*body, fillvalue=""))[:width] if body else []
    data = {ROW: list(range(2, len(rows) + 1))}
    for index, column in enumerate(header):
        data[column] = _texts(columns[index]) if index < len(columns) else [None] * len(body)
    overflowing = {}
    for number, row in enumerate(body, start=2):
        if len(row) > width and (fields := _overflow(row, width)):
            overflowing[number] = fields
    findings.extend(
        Finding("FFB104", source, name, row=number, value=str(fields), detail=str(width))
        for number, fields in overflowing.items()
    )
    skipped_keys, unknown_skipped_keys = keys_of_skipped(
        [(_texts(tuple(body[number - 2][:width])), False) for number in overflowing],
        header, referenced_columns(name, tables),
    )
    frame = pl.DataFrame(data, schema={ROW: pl.Int64, **{c: pl.String for c in header}})
    frame = frame.filter(~pl.col(ROW).is_in(list(overflowing)))
    blank = frame.filter(pl.all_horizontal(pl.exclude(ROW).is_null()))[ROW].to_list()
    frame = frame.filter(~pl.col(ROW).is_in(blank))
    # Trailing empty rows are the sheet's unused area, not data.
    last_data_row = max(frame[ROW].max() or 1, max(overflowing, default=1))
    findings.extend(
        Finding("FFB105", source, name, row=r, value="0", detail=str(width)) for r in blank if r < last_data_row
    )
    frame = frame_for_contract(frame.lazy(), header, table).collect()
    if title_enums is not None:
        frame, replaced = _titles_to_codes(frame, table, title_enums)
        if replaced:
            findings.append(Finding("FFB117", source, name, value=str(replaced)))

    def batches(frame: pl.DataFrame = frame) -> Iterator[pl.DataFrame]:
        yield frame

    raw = RawTable(name, source, header, batches, missing_columns=missing_columns(header, table),
                   skipped_keys=skipped_keys, unknown_skipped_keys=unknown_skipped_keys)
    return raw, findings


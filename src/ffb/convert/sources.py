"""Read a source export as it is: every column as text, with the row a spreadsheet shows.

Unlike the validator's readers, nothing here knows the contract: the headers are the
system's own. Encoding and delimiter detection and the workbook safety checks are the
validator's (ffb.read), so a hostile file meets the same guards.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path

import polars as pl

from ffb.convert.profile import Read
from ffb.read.archives import UnsafeArchive
from ffb.read.excel import _oversized_sheet, cell_text
from ffb.read.model import CannotRun
from ffb.read.text_files import NotText, detect_format, transcode_to_utf8

ROW = "_row"


@dataclass
class SourceTable:
    """One sheet or file of the export: text columns plus `_row`."""

    source: str  # the file as the user named it
    sheet: str | None
    frame: pl.DataFrame
    header: list[str]
    blank_rows: int = 0
    notes: list[str] = field(default_factory=list)
    wanted_sheet: str | None = None  # the sheet the profile asked for (None: the first)


def read_source(path: Path, read: Read, sheets: list[str | None] | None = None, decimal: str = ",") -> list[SourceTable]:
    """The tables of one export file: the file itself, or each sheet the profile reads."""
    if not path.is_file():
        raise CannotRun(f"{path}: no such file")
    if read.format == "csv":
        return [_read_csv(path, read)]
    if read.format == "xlsx":
        return _read_xlsx(path, read, sheets or [read.sheet], decimal)
    raise CannotRun(f"{path}: the {read.format} format is read by its own reader")


def _tidy(frame: pl.DataFrame, header: list[str]) -> tuple[pl.DataFrame, int]:
    """Cells stripped, empty ones null; blank rows dropped and counted."""
    frame = frame.with_columns(
        [pl.col(c).str.strip_chars().replace("", None) for c in header]
    )
    blank = pl.all_horizontal([pl.col(c).is_null() for c in header]) if header else pl.lit(False)
    rows = frame.height
    frame = frame.filter(~blank)
    return frame, rows - frame.height


def _check_header(header: list[str], where: str) -> None:
    doubled = [name for name, count in Counter(header).items() if count > 1 and name]
    if doubled:
        raise CannotRun(f"{where}: the header names {', '.join(repr(d) for d in doubled)} more than once")


def _read_csv(path: Path, read: Read) -> SourceTable:
    try:
        text_format, _ = detect_format(path)
    except NotText as problem:
        raise CannotRun(f"{path}: not a readable text file ({problem.code})") from problem
    encoding = text_format.encoding if read.encoding == "auto" else read.encoding
    delimiter = text_format.delimiter if read.delimiter == "auto" else read.delimiter
    notes = []
    with tempfile.TemporaryDirectory(prefix="ffb-convert-") as workdir:
        source = path
        if encoding in ("cp1252", "utf-16"):
            source = Path(workdir) / "utf8.csv"
            try:
                transcode_to_utf8(path, encoding, source)
            except NotText as problem:
                raise CannotRun(f"{path}: not {encoding} text") from problem
            notes.append(f"read as {encoding}")
        try:
            frame = pl.read_csv(
                source,
                separator=delimiter,
                infer_schema=False,
                skip_rows=read.header_row - 1,
                encoding="utf8",
                quote_char='"',
                raise_if_empty=False,
            )
        except pl.exceptions.PolarsError as error:
            first = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
            raise CannotRun(f"{path}: cannot be read as CSV ({first})") from error
    header = [name.strip() for name in frame.columns]
    _check_header(header, str(path))
    frame.columns = header
    frame = frame.with_row_index(ROW, offset=read.header_row + 1).with_columns(pl.col(ROW).cast(pl.Int64))
    frame, blank = _tidy(frame, header)
    return SourceTable(str(path), None, frame, header, blank, notes)


def _cell(value: object, decimal: str) -> str | None:
    """A cell as text; a number cell is written with the profile's decimal sign, so that it
    reads the same as a number typed as text."""
    if isinstance(value, float) and not value.is_integer():
        return repr(value).replace(".", decimal) if "e" not in repr(value) else repr(value)
    return cell_text(value)


def _read_xlsx(path: Path, read: Read, sheets: list[str | None], decimal: str) -> list[SourceTable]:
    from python_calamine import CalamineWorkbook

    try:
        oversized = _oversized_sheet(path)
        workbook = CalamineWorkbook.from_path(str(path))
    except UnsafeArchive as problem:
        raise CannotRun(f"{path}: refused ({problem.code}: {problem.detail})") from problem
    except Exception as error:  # calamine has its own error types for every broken file
        raise CannotRun(f"{path}: not a readable XLSX workbook") from error
    if oversized:
        raise CannotRun(f"{path}: {oversized} spans too many cells to read")
    names = workbook.sheet_names
    wanted_sheets = list(dict.fromkeys(sheets))
    found = {}
    for wanted in wanted_sheets:
        name = wanted or names[0]
        sheet = next((n for n in names if n.strip().casefold() == name.strip().casefold()), None)
        if sheet is None:
            raise CannotRun(f"{path}: no sheet named {name!r} (the workbook has {', '.join(names)})")
        found[wanted] = sheet
    known = {n.strip().casefold() for n in read.other_sheets} | {s.casefold() for s in found.values()}
    unread = [f"sheet {n!r} not read" for n in names if n.strip().casefold() not in known]
    tables = []
    for position, (wanted, sheet) in enumerate(found.items()):
        table = _read_sheet(path, read, workbook, sheet, decimal, unread if position == 0 else [])
        table.wanted_sheet = wanted
        tables.append(table)
    return tables


def _read_sheet(path: Path, read: Read, workbook, sheet: str, decimal: str, notes: list[str]) -> SourceTable:
    rows = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
    where = f"{path}[{sheet}]"
    if len(rows) < read.header_row:
        raise CannotRun(f"{where}: no header in row {read.header_row}")
    header = [(cell_text(v) or "").strip() for v in rows[read.header_row - 1]]
    while header and header[-1] == "":
        header.pop()
    width = len(header)
    body = rows[read.header_row:]
    columns = list(zip_longest(*body, fillvalue=""))[: len(header)] if body else []
    data: dict[str, list] = {}
    for index, name in enumerate(header):
        values = [_cell(v, decimal) for v in columns[index]] if index < len(columns) else [None] * len(body)
        if not name:
            if any(v not in (None, "") for v in values):
                name = f"(kolonne {index + 1})"
            else:
                continue
        data[name] = values
    header = list(data)
    _check_header(header, where)
    frame = pl.DataFrame(data, schema={c: pl.String for c in header}) if header else pl.DataFrame()
    frame = frame.with_row_index(ROW, offset=read.header_row + 1).with_columns(pl.col(ROW).cast(pl.Int64))
    overflow = [
        number
        for number, row in enumerate(body, start=read.header_row + 1)
        if any(v not in (None, "") for v in row[width:])
    ]
    if overflow:
        notes.append(f"rows with cells right of the header: {', '.join(map(str, overflow[:10]))}")
    frame, blank = _tidy(frame, header)
    return SourceTable(str(path), sheet, frame, header, blank, notes)

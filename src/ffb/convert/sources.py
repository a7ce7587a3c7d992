"""Read a source export as it is: every column as text, with the row a spreadsheet shows.

Unlike the validator's readers, nothing here knows the contract: the headers are the
system's own. Encoding and delimiter detection and the workbook safety checks are the
validator's (ffb.read), so a hostile file meets the same guards.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, zip_longest
from pathlib import Path

import numpy as np
import polars as pl

from ffb.convert.profile import Read
from ffb.read.archives import UnsafeArchive
from ffb.read.excel import _oversized_sheet, cell_text
from ffb.read.model import CannotRun
from ffb.read.text_files import NotText, detect_format, transcode_to_utf8

ROW = "_row"
# A CSV export is read this many bytes at a time (about 200,000 rows of a flat export) when
# the caller can take it in batches, so a file larger than memory is never held whole.
BATCH_BYTES = 64 * 2**20


@dataclass
class SourceTable:
    """One sheet or file of the export: text columns plus `_row`."""

    source: str  # the file as the user named it
    sheet: str | None
    frame: pl.DataFrame  # the rows (the first batch of them, when `more` is set)
    header: list[str]
    blank_rows: int = 0
    notes: list[str] = field(default_factory=list)
    wanted_sheet: str | None = None  # the sheet the profile asked for (None: the first)
    more: Iterator[pl.DataFrame] | None = None  # the batches after `frame`, read as they are asked for
    size: int = 0  # the file's bytes
    bytes_read: int = 0  # how many of them have been read into batches so far

    def batches(self) -> Iterator[SourceTable]:
        """The source a batch of rows at a time (the whole of it, when it was read whole).
        Blank rows are counted into `blank_rows` as the batches are read."""
        yield self
        for frame in self.more or ():
            yield replace(self, frame=frame, more=None)


def read_source(path: Path, read: Read, sheets: list[str | None] | None = None, decimal: str = ",",
                workdir: Path | None = None) -> list[SourceTable]:
    """The tables of one export file: the file itself, or each sheet the profile reads.

    With a `workdir` (which must outlive the reading), a CSV file is read in batches of
    about BATCH_BYTES, as the caller asks for them (SourceTable.batches)."""
    if not path.is_file():
        raise CannotRun(f"{path}: no such file")
    if read.format == "csv":
        return [_read_csv(path, read, workdir)]
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


def _read_csv(path: Path, read: Read, workdir: Path | None = None) -> SourceTable:
    try:
        text_format, _ = detect_format(path)
    except NotText as problem:
        from ffb.validate.catalogue import get_rule

        where = f", row {problem.row}" if problem.row else ""
        title = get_rule(problem.code).title["en"].lower()
        raise CannotRun(f"{path}: not a readable text file ({problem.code} {title}{where})") from problem
    encoding = text_format.encoding if read.encoding == "auto" else read.encoding
    delimiter = text_format.delimiter if read.delimiter == "auto" else read.delimiter
    if workdir is not None:
        return _read_csv_in(path, read, Path(tempfile.mkdtemp(prefix="source-", dir=workdir)), encoding, delimiter,
                            batched=True)
    with tempfile.TemporaryDirectory(prefix="ffb-convert-") as scratch:
        return _read_csv_in(path, read, Path(scratch), encoding, delimiter, batched=False)


def _read_csv_in(path: Path, read: Read, scratch: Path, encoding: str, delimiter: str, batched: bool) -> SourceTable:
    notes = []
    source = path
    if encoding in ("cp1252", "utf-16"):
        source = scratch / "utf8.csv"
        try:
            transcode_to_utf8(path, encoding, source)
        except NotText as problem:
            raise CannotRun(f"{path}: not {encoding} text") from problem
        notes.append(f"read as {encoding}")
    options = dict(separator=delimiter, infer_schema=False, encoding="utf8", quote_char='"', raise_if_empty=False)
    try:
        columns = pl.scan_csv(source, skip_rows=read.header_row - 1, **options).collect_schema().names()
    except pl.exceptions.PolarsError as error:
        raise _unreadable(path, error) from error
    header = [name.strip() for name in columns]
    _check_header(header, str(path))
    table = SourceTable(str(path), None, pl.DataFrame(), header, 0, notes, size=source.stat().st_size)
    batches = _batches(path, source, read.header_row, columns, header, options, table)
    empty = pl.DataFrame(schema={ROW: pl.Int64, **{h: pl.String for h in header}})  # no rows at all
    if not batched:  # every slice now, before the scratch folder goes
        table.frame = pl.concat([empty, *batches], how="vertical")
        return table
    table.frame = next(batches, empty)
    second = next(batches, None)
    # A file of one batch is held whole, as if it had not been read in batches.
    table.more = None if second is None else chain([second], batches)
    return table


def _batches(path: Path, source: Path, header_row: int, columns: list[str], header: list[str], options: dict,
             table: SourceTable) -> Iterator[pl.DataFrame]:
    """The file's rows a slice of bytes at a time, tidied, the blank ones counted into the table.

    polars' own batched reading holds the whole file's bytes while it reads; here only one
    slice is held. A slice ends at a line break outside quotes (after an even number of
    quote characters from the start of the data), so a quoted cell over several lines is never
    cut in two; each slice is parsed alone, its rows numbered on from the slices before it."""
    schema = {name: pl.String for name in columns}
    rows = 0
    try:
        with source.open("rb") as handle:
            ahead = b"".join(handle.readline() for _ in range(header_row))
            table.bytes_read = len(ahead)
            if ahead.count(b'"') % 2:
                # (The format check refuses such a file before it comes here.)
                raise CannotRun(f"{path}: a header cell runs over several lines")
            data = b""
            while True:
                chunk = handle.read(BATCH_BYTES)
                data += chunk
                cut = _rows_end(data, options["separator"]) if chunk else len(data)
                if cut is None:
                    continue  # not one whole row yet: read on
                if cut:
                    rows_here = data[:cut]
                    try:
                        # A row may stop short of the header's width; its missing cells are empty
                        # (even the slice's first row, as in a whole reading).
                        frame = pl.read_csv(rows_here, has_header=False, schema=schema, missing_columns="insert",
                                            **options)
                    except pl.exceptions.PolarsError as error:
                        first = header_row + 1 + rows
                        frame = _read_as_a_spreadsheet(rows_here, options["separator"], columns, first, table)
                        if frame is None:
                            raise _unreadable(path, error, rows_here, first, options["separator"],
                                              len(columns)) from error
                    data = data[cut:]
                    table.bytes_read += cut
                    yield _numbered(frame, header, header_row, rows, table)
                    rows += frame.height
                if not chunk:
                    break
    except pl.exceptions.PolarsError as error:
        raise _unreadable(path, error) from error


def _numbered(frame: pl.DataFrame, header: list[str], header_row: int, before: int,
              table: SourceTable) -> pl.DataFrame:
    """A slice's rows under the header's names, numbered on from the `before` rows read,
    tidied (its blank rows counted into the table)."""
    frame.columns = header
    frame = frame.with_row_index(ROW, offset=header_row + 1 + before).with_columns(pl.col(ROW).cast(pl.Int64))
    frame, blank = _tidy(frame, header)
    table.blank_rows += blank
    return frame


def _read_as_a_spreadsheet(rows: bytes, delimiter: str, columns: list[str], first_row: int,
                           table: SourceTable) -> pl.DataFrame | None:
    """Rows polars refuses because a quote stands inside a cell that is not in quotes
    (`Bostøtten 12" Nord`), read as a spreadsheet reads them: the quote is kept as a character,
    and a note names the first such row. None when that is not what is wrong."""
    stray = _stray_quote_line(rows, delimiter)
    if stray is None:
        return None
    reader = csv.reader(io.StringIO(rows.decode("utf-8", "replace"), newline=""), delimiter=delimiter)
    records, stray_row = [], None
    try:
        for record in reader:
            if len(record) > len(columns):
                return None  # a row with too many cells: said as such
            records.append(record + [""] * (len(columns) - len(record)))
            if stray_row is None and reader.line_num >= stray:
                stray_row = first_row + len(records) - 1
    except csv.Error:
        return None
    table.notes.append(f"a quote inside a cell that is not in quotes is kept as a character, first in row {stray_row}")
    return pl.DataFrame(records, schema={name: pl.String for name in columns}, orient="row").with_columns(
        pl.all().replace("", None))


_NOT_BESIDE_A_CELL_EDGE = (ord('"'), ord("\r"), ord("\n"))


def _stray_quotes(data: bytes, delimiter: str) -> np.ndarray:
    """Where the quotes are that neither open nor close a cell nor are doubled: those with
    something other than the delimiter, a quote or a line break on both sides (`12" Nord`)."""
    octets = np.frombuffer(data, dtype=np.uint8)
    quotes = np.flatnonzero(octets[1:-1] == ord('"')) + 1
    edges = np.array([ord(delimiter), *_NOT_BESIDE_A_CELL_EDGE], dtype=np.uint8)
    stray = ~np.isin(octets[quotes - 1], edges) & ~np.isin(octets[quotes + 1], edges)
    return quotes[stray]


def _stray_quote_line(data: bytes, delimiter: str) -> int | None:
    """The first line (from 1) with a stray quote (see _stray_quotes)."""
    found = _stray_quotes(data, delimiter)
    return None if not len(found) else data.count(b"\n", 0, int(found[0])) + 1


def _rows_end(data: bytes, delimiter: str) -> int | None:
    """Where the last whole row in `data` ends: just after the last line break that has an
    even number of quote characters before it, stray ones not counted, so one stray quote does
    not make the rest of the file look like one quoted cell (None when no line break has)."""
    end = len(data)
    quotes = data.count(b'"')
    stray_at: list[int] = []
    if quotes:
        stray_at = _stray_quotes(data, delimiter).tolist()
        quotes -= len(stray_at)
    while (newline := data.rfind(b"\n", 0, end)) >= 0:
        strays_after = bisect_left(stray_at, end) - bisect_left(stray_at, newline)
        quotes -= data.count(b'"', newline, end) - strays_after
        if quotes % 2 == 0:
            return newline + 1
        end = newline
    return None


def _unreadable(path: Path, error: Exception, rows: bytes = b"", first_row: int = 0, delimiter: str = ";",
                width: int = 0) -> CannotRun:
    """The reader's complaint, said by the row at fault where it can be found: a row with more
    cells than the header, a quoted cell that is never closed, or a cell over the size limit."""
    if rows:
        opened = _unclosed_quote_row(rows, delimiter, first_row)
        if opened is not None:
            return CannotRun(f"{path}: row {opened}: a cell opens with a quote that is never closed")
        number = first_row
        try:
            for cells in csv.reader(io.StringIO(rows.decode("utf-8", "replace"), newline=""), delimiter=delimiter):
                if len(cells) > width:
                    return CannotRun(f"{path}: row {number} has {len(cells)} cells, the header {width} "
                                     f"(a {delimiter!r} in a cell that is not in quotes?)")
                number += 1
        except csv.Error:
            return CannotRun(f"{path}: row {number}: a cell longer than {csv.field_size_limit()} characters")
    first = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
    return CannotRun(f"{path}: cannot be read as CSV ({first})")


def _unclosed_quote_row(rows: bytes, delimiter: str, first_row: int) -> int | None:
    """The row whose quoted cell is still open at the end of `rows` (stray quotes not counted)."""
    if (rows.count(b'"') - len(_stray_quotes(rows, delimiter))) % 2 == 0:
        return None
    whole = _rows_end(rows, delimiter) or 0  # the rows before it are whole
    try:
        before = sum(1 for _ in csv.reader(io.StringIO(rows[:whole].decode("utf-8", "replace"), newline=""),
                                           delimiter=delimiter))
    except csv.Error:
        return None
    return first_row + before


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

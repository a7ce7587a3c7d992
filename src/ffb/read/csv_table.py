"""Read one delimited text file as a raw table."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ffb.read.header import frame_for_contract, match_header, missing_columns
from ffb.read.limits import DEFAULT_LIMITS, Limits, check
from ffb.read.long_lines import scan_lines
from ffb.read.model import ROW, CannotRun, Finding, RawTable, guarded, keys_of_skipped, referenced_columns
from ffb.read.row_shapes import HEAD_CHARS, MAX_ROW_BYTES, BadRow, find_bad_rows
from ffb.read.text_files import NotText, TextFormat, detect_format, is_invalid_utf8, transcode_to_utf8

BATCH_ROWS = 1_000_000
SLICE_BYTES = 32 * 1024**2  # of a large file, read and parsed at a time (peak ≈ 8× this)
# Files up to this size are parsed in one go (fastest); larger ones in batches of BATCH_ROWS
# rows, so memory stays bounded whatever the file's length.
WHOLE_FILE_BYTES = 512 * 1024**2


@dataclass
class _Prepared:
    """A file made ready for the fast reader: UTF-8 text, its table and its bad rows."""

    path: Path  # the file itself, or a UTF-8 copy of it
    text_format: TextFormat
    header: list[str]
    table: dict
    bad_rows: list[BadRow]
    # Some field is quoted, so an empty one may come as "" (without quotes it comes as null).
    quoted: bool
    last_row: int | None  # the last row before the blank lines that end the file


def _utf8_copy(path: Path, text_format: TextFormat, workdir: Path) -> Path:
    """The file itself when it is UTF-8, else a UTF-8 copy."""
    if not text_format.needs_transcoding:
        return path
    target = workdir / f"{len(list(workdir.iterdir()))}-{path.name}"
    transcode_to_utf8(path, text_format.encoding, target)
    return target


def _prepare(
    path: Path,
    source: str,
    tables: list[dict],
    workdir: Path,
    table_name: str | None,
    full: bool,
    limits: Limits,
) -> tuple[_Prepared | None, list[Finding]]:
    """Detect the format, match the header and find bad rows; raises NotText."""
    text_format, header = detect_format(path, full=full)
    table, findings = match_header(header, tables, source, table_name, hint=path.stem)
    if table is None:
        return None, findings
    utf8_path = _utf8_copy(path, text_format, workdir)
    if text_format.needs_transcoding:
        findings.append(Finding("FFB111", source, table["name"], detail=text_format.encoding))
    long_lines = None
    if utf8_path.stat().st_size > limits.max_rows:  # fewer bytes cannot hold more lines
        # One pass over the bytes counts the lines and finds the overlong ones.
        scan = scan_lines(utf8_path, MAX_ROW_BYTES)
        check(source, limits, "max_rows", scan.lines - 1, "lines after the header")
        long_lines = scan.long
    shapes = find_bad_rows(utf8_path, text_format.delimiter, len(header), limits.max_bad_rows, workdir, long_lines)
    if shapes.too_many:
        check(source, limits, "max_bad_rows", shapes.too_many, "rows of the wrong shape")
    read_path = shapes.path or utf8_path  # overlong lines cut short, when there are any
    prepared = _Prepared(read_path, text_format, header, table, shapes.bad, shapes.quoted, shapes.last_row)
    return prepared, findings


def _row_findings(bad_rows: list[BadRow], source: str, name: str, width: int) -> list[Finding]:
    """Findings for ragged, blank and overlong rows (trailing blank rows go unmentioned)."""
    findings = []
    for bad in bad_rows:
        if bad.problem == "ragged":
            findings.append(Finding("FFB104", source, name, row=bad.row, value=str(bad.fields), detail=str(width)))
        elif bad.problem == "blank":
            findings.append(Finding("FFB105", source, name, row=bad.row, value="0", detail=str(width)))
        elif bad.problem == "long":
            findings.append(Finding("FFB113", source, name, row=bad.row, detail=f"{bad.size} bytes"))
    return findings


def read_csv_table(
    path: Path,
    source: str,
    tables: list[dict],
    workdir: Path,
    table_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[RawTable | None, list[Finding]]:
    """A raw table for `path`, or None with the findings that say why it cannot be read."""
    try:
        try:
            prepared, findings = _prepare(path, source, tables, workdir, table_name, False, limits)
        except pl.exceptions.ComputeError as error:
            if not is_invalid_utf8(error):
                raise
            # The start looked like UTF-8 but the rest is not: decide from the whole file.
            prepared, findings = _prepare(path, source, tables, workdir, table_name, True, limits)
    except NotText as problem:
        return None, [Finding(problem.code, source, table_name, row=problem.row, detail=problem.detail)]
    except OSError as error:
        raise CannotRun(f"{source}: {error.strerror or error}") from error
    if prepared is None:
        return None, findings

    name, width = prepared.table["name"], len(prepared.header)
    unreadable = next((b for b in prepared.bad_rows if b.problem == "quoting"), None)
    if unreadable is not None:
        # No CSV reader can split this row, nor tell where the rows after it start.
        return None, findings + [Finding("FFB102", source, name, row=unreadable.row)]
    findings += _row_findings(prepared.bad_rows, source, name, width)
    raw = RawTable(name, source, prepared.header, _batches(prepared, source),
                   missing_columns=missing_columns(prepared.header, prepared.table))
    raw.skipped_keys, raw.unknown_skipped_keys = keys_of_skipped(
        [_fields(bad, prepared.text_format.delimiter) for bad in prepared.bad_rows if bad.head],
        prepared.header, referenced_columns(name, tables),
    )
    return raw, findings


def _fields(bad: BadRow, delimiter: str) -> tuple[list[str], bool]:
    """The fields at the start of a skipped row, and whether the last may be cut short."""
    cut = bad.problem == "long" or len(bad.head) >= HEAD_CHARS
    try:
        fields = next(csv.reader(io.StringIO(bad.head), delimiter=delimiter), [])
    except csv.Error:
        return [], True
    return fields, cut


def _line_batches(prepared: _Prepared) -> Iterator[pl.DataFrame]:
    """The rows of a large file without a quote or a bad row, a slice of lines at a time.

    polars' batched reading parses ahead of its reader, so a large file would be in memory
    whole; here no more than one slice is. Without quotes every line is one row, so a slice is
    parsed as it was read, the line it cuts in two is dropped and read again at the start of
    the next slice, and its rows are numbered from the lines before it. (The whole file was
    read as UTF-8 before, so a character cut in two can only be in the dropped line.)
    """
    options = dict(separator=prepared.text_format.delimiter, infer_schema=False, encoding="utf8-lossy",
                   truncate_ragged_lines=True, row_index_name=ROW, quote_char='"', has_header=False,
                   new_columns=prepared.header)
    rows = 0
    with prepared.path.open("rb") as handle:
        handle.readline()  # the header
        while data := handle.read(SLICE_BYTES):
            partial = 0  # bytes of the line the slice cuts in two
            if len(data) == SLICE_BYTES:
                cut = data.rfind(b"\n") + 1
                if cut:
                    partial = len(data) - cut
                    handle.seek(-partial, io.SEEK_CUR)
                else:  # no line break in a whole slice (rows are under 1 MB): the rest is one line
                    data += handle.read()
            frame = pl.read_csv(data, row_index_offset=2 + rows, **options)
            del data
            if partial:
                frame = frame.head(frame.height - 1)
            rows += frame.height
            yield frame_for_contract(frame.lazy(), prepared.header, prepared.table).collect()


def _batches(prepared: _Prepared, source: str):
    skipped = [bad.row for bad in prepared.bad_rows]
    whole = prepared.path.stat().st_size <= WHOLE_FILE_BYTES
    plain = not prepared.quoted and not skipped and prepared.last_row is None

    def batches() -> Iterator[pl.DataFrame]:
        if not whole and plain:
            yield from _line_batches(prepared)
            return
        scan = pl.scan_csv(
            prepared.path,
            separator=prepared.text_format.delimiter,
            infer_schema=False,
            encoding="utf8",
            truncate_ragged_lines=True,
            row_index_name=ROW,
            row_index_offset=2,
            quote_char='"',
            glob=False,  # a file name is a name, never a pattern
        )
        if prepared.last_row is not None:
            scan = scan.filter(pl.col(ROW) <= prepared.last_row)
        if skipped:
            scan = scan.filter(~pl.col(ROW).is_in(skipped))
        frame = frame_for_contract(scan, prepared.header, prepared.table, empty_is_null=prepared.quoted)
        if whole:
            yield frame.collect()
        else:
            yield from frame.collect_batches(chunk_size=BATCH_ROWS)

    return guarded(batches, source)

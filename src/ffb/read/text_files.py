"""Encoding and delimiter of a delimited text file, and rows with the wrong number of fields.

Danish Excel saves CSV as Windows-1252 with `;`; case systems write UTF-8, with or without a
byte-order mark, with `,`. Everything is decided from the bytes, never guessed from the name.
"""

from __future__ import annotations

import codecs
import csv
from dataclasses import dataclass
from pathlib import Path

import polars as pl

CHUNK = 8 * 1024 * 1024
UTF8_BOM = codecs.BOM_UTF8
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Bytes that Windows-1252 leaves undefined: a file holding them is not Windows-1252.
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
DELIMITERS = (",", ";", "\t")
HEADER_LIMIT = 1024 * 1024  # a header line longer than this is not a header


class NotText(Exception):
    """The file is not delimited text: a finding code and a language-neutral detail."""

    def __init__(self, code: str, detail: str | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class TextFormat:
    encoding: str  # "utf-8", "utf-8-sig", "utf-16" or "cp1252"
    delimiter: str

    @property
    def needs_transcoding(self) -> bool:
        return self.encoding in ("utf-16", "cp1252")


SNIFF_BYTES = 64 * 1024


def sniff_encoding(path: Path) -> str:
    """The encoding the start of the file shows; "unknown" when it is not plainly UTF-8.

    Reading the whole file here would cost a full pass; instead the fast reader checks the
    rest as it parses, and `detect_encoding` runs only when it finds invalid UTF-8.
    """
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head:
        raise NotText("FFB101")
    if head.startswith(UTF16_BOMS):
        return "utf-16"
    if b"\x00" in head:
        raise NotText("FFB102", str(head.index(0)))
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < SNIFF_BYTES)
    except UnicodeDecodeError:
        return detect_encoding(path)
    return "utf-8-sig" if head.startswith(UTF8_BOM) else "utf-8"


def detect_encoding(path: Path) -> str:
    """Read the whole file once and name its encoding, or raise NotText."""
    with path.open("rb") as handle:
        head = handle.read(4)
        if not head:
            raise NotText("FFB101")
        if head.startswith(UTF16_BOMS):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        utf8 = True
        cp1252 = True
        offset = 0
        while chunk := handle.read(CHUNK):
            if b"\x00" in chunk:
                raise NotText("FFB102", str(offset + chunk.index(0)))
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            if cp1252 and not utf8 and CP1252_UNDEFINED.intersection(chunk):
                cp1252 = False
                break
            offset += len(chunk)
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        return "utf-8-sig" if head.startswith(UTF8_BOM) else "utf-8"
    if cp1252:
        return "cp1252"
    raise NotText("FFB103")


def _first_line(path: Path, encoding: str) -> str:
    with path.open("r", encoding=encoding, newline="") as handle:
        line = handle.readline(HEADER_LIMIT + 1)
    if len(line) > HEADER_LIMIT:
        raise NotText("FFB101")
    return line.rstrip("\r\n")


def detect_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most fields (`,` when none does)."""
    counts = {d: len(next(csv.reader([header_line], delimiter=d))) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 1 else ","


def detect_format(path: Path, full: bool = False) -> tuple[TextFormat, list[str]]:
    """Encoding, delimiter and the header fields of a delimited file.

    Without `full` the encoding comes from the start of the file only (see sniff_encoding).
    """
    encoding = detect_encoding(path) if full else sniff_encoding(path)
    line = _first_line(path, encoding)
    if not line.strip():
        raise NotText("FFB101")
    delimiter = detect_delimiter(line)
    header = next(csv.reader([line], delimiter=delimiter))
    return TextFormat(encoding, delimiter), header


def transcode_to_utf8(path: Path, encoding: str, target: Path) -> None:
    """Copy a file to UTF-8 in bounded memory, so the fast reader can take it."""
    with path.open("r", encoding=encoding, newline="") as source, target.open(
        "w", encoding="utf-8", newline=""
    ) as sink:
        while chunk := source.read(CHUNK):
            sink.write(chunk)


@dataclass(frozen=True)
class BadRow:
    row: int  # spreadsheet row number (header = 1)
    fields: int  # 0 for a blank line


def rows_with_wrong_width(path: Path, delimiter: str, width: int) -> list[BadRow]:
    """Data rows whose field count differs from the header's, and blank lines.

    Lines are counted with column expressions; only lines holding a quote character are
    parsed properly, and only when a quoted field spans lines does the whole file go through
    the csv module.
    """
    lines = (
        pl.scan_csv(
            path,
            has_header=False,
            separator="\x1f",
            quote_char=None,
            schema={"line": pl.String},
            encoding="utf8",
        )
        .with_row_index("index")
        .filter(pl.col("index") > 0)
        .filter(
            pl.col("line").is_null()
            | pl.col("line").str.contains('"', literal=True)
            | (pl.col("line").str.count_matches(delimiter, literal=True) != width - 1)
        )
        .collect()
    )
    if lines.is_empty():
        return []
    quoted = lines.filter(pl.col("line").str.contains('"', literal=True))
    if quoted.height and (quoted["line"].str.count_matches('"', literal=True) % 2 == 1).any():
        return _rows_with_wrong_width_by_csv(path, delimiter, width)
    bad = []
    for index, line in lines.iter_rows():
        if line is None or line.strip("\r") == "":
            bad.append(BadRow(index + 1, 0))
            continue
        fields = len(next(csv.reader([line.rstrip("\r")], delimiter=delimiter)))
        if fields != width:
            bad.append(BadRow(index + 1, fields))
    return bad


def _rows_with_wrong_width_by_csv(path: Path, delimiter: str, width: int) -> list[BadRow]:
    bad = []
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        next(reader, None)
        for record, fields in enumerate(reader, start=2):
            if len(fields) != width:
                bad.append(BadRow(record, len(fields)))
    return bad


"""Encoding, delimiter and header of a delimited text file.

Danish Excel saves CSV as Windows-1252 with `;`; case systems write UTF-8, with or without a
byte-order mark, with `,`. Everything is decided from the bytes, never guessed from the name.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass
from pathlib import Path

from ffb.read.row_shapes import splits_cleanly

CHUNK = 8 * 1024 * 1024
SNIFF_BYTES = 64 * 1024
UTF8_BOM = codecs.BOM_UTF8
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Bytes that Windows-1252 leaves undefined: a file holding them is not Windows-1252.
CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
DELIMITERS = (",", ";", "\t")
# A letter of the Latin-1 range written as UTF-8 (æ is C3 A6). In Windows-1252 text these
# byte pairs would be "Ã¦" and the like, which Danish text does not hold.
UTF8_LATIN = re.compile(rb"[\xc2\xc3][\x80-\xbf]")
# A header line longer than this is not a header. It stays below the csv module's field limit.
HEADER_LIMIT = 64 * 1024


class NotText(Exception):
    """The file is not delimited text: a finding code, a language-neutral detail, and the row
    at fault where there is one."""

    def __init__(self, code: str, detail: str | None = None, row: int | None = None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.row = row


@dataclass(frozen=True)
class TextFormat:
    encoding: str  # "utf-8", "utf-8-sig", "utf-16" or "cp1252"
    delimiter: str

    @property
    def needs_transcoding(self) -> bool:
        return self.encoding in ("utf-16", "cp1252")


def is_invalid_utf8(error: Exception) -> bool:
    """Whether polars failed because the text is not UTF-8 (its readers word it differently)."""
    message = str(error).lower()
    return "utf-8" in message or "utf8" in message


def sniff_encoding(path: Path) -> str:
    """The encoding the start of the file shows.

    Reading the whole file here would cost a full pass; instead the scan for bad rows
    (row_shapes), which reads every line anyway, fails on invalid UTF-8, and only then does
    `detect_encoding` read the whole file.
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
        utf8 = cp1252 = True
        offset = lines = 0
        utf8_letters = False  # some æ, ø, å (or other letter) written as UTF-8
        first_bad_row = None
        while chunk := handle.read(CHUNK):
            if b"\x00" in chunk:
                raise NotText("FFB102", str(offset + chunk.index(0)))
            # The pattern's lead bytes are looked for first: a plain byte search is many times
            # faster than the pattern, and Windows-1252 text seldom holds them.
            utf8_letters = utf8_letters or (
                (b"\xc3" in chunk or b"\xc2" in chunk) and UTF8_LATIN.search(chunk) is not None
            )
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    utf8 = False
                    first_bad_row = lines + chunk[: max(error.start, 0)].count(b"\n") + 1
            # Checked on every chunk: UTF-8 continuation bytes take these values too.
            cp1252 = cp1252 and not any(byte in chunk for byte in CP1252_UNDEFINED)
            if not utf8 and not cp1252:
                raise NotText("FFB103")
            offset += len(chunk)
            lines += chunk.count(b"\n")
        if utf8:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8 = False
    if utf8:
        return "utf-8-sig" if head.startswith(UTF8_BOM) else "utf-8"
    if cp1252 and utf8_letters:
        # Part UTF-8, part Windows-1252: either reading turns some letters into others.
        raise NotText("FFB130", str(first_bad_row), row=first_bad_row)
    if cp1252:
        return "cp1252"
    raise NotText("FFB103")


def _first_line(path: Path, encoding: str) -> str:
    """The header line, ended by `\\n` only, as the fast reader ends it."""
    with path.open("r", encoding=encoding, newline="\n") as handle:
        line = handle.readline(HEADER_LIMIT + 1)
    if len(line) > HEADER_LIMIT:  # a header there is, but too long to be the contract's
        raise NotText("FFB113", f"header > {HEADER_LIMIT} characters", row=1)
    return line.removesuffix("\n").removesuffix("\r")


def detect_delimiter(header_line: str) -> str:
    """The delimiter that splits the header into the most fields (`,` when none does)."""
    counts = {d: len(_split_header(header_line, d)) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] > 1 else ","


def _split_header(line: str, delimiter: str) -> list[str]:
    """The header's fields. Carriage returns left at the end of the line (a header ended by
    `\\r\\r\\n`) belong to the last name, as the fast reader keeps them there."""
    text = line.rstrip("\r")
    try:
        fields = next(csv.reader([text], delimiter=delimiter), [])
    except csv.Error as error:  # e.g. a quote left open: no header at all
        raise NotText("FFB101") from error
    if fields and len(text) < len(line):
        fields[-1] += line[len(text):]
    return fields


def detect_format(path: Path, full: bool = False) -> tuple[TextFormat, list[str]]:
    """Encoding, delimiter and the header fields of a delimited file.

    Without `full` the encoding comes from the start of the file only (see sniff_encoding).
    """
    encoding = detect_encoding(path) if full else sniff_encoding(path)
    try:
        line = _first_line(path, encoding)
    except UnicodeDecodeError:
        if full:
            raise NotText("FFB103") from None
        return detect_format(path, full=True)
    if not line.strip():
        raise NotText("FFB101")
    delimiter = detect_delimiter(line)
    if '"' in line and not splits_cleanly(line, delimiter):
        raise NotText("FFB102", row=1)  # readers would disagree on the column names
    return TextFormat(encoding, delimiter), _split_header(line, delimiter)


def transcode_to_utf8(path: Path, encoding: str, target: Path) -> None:
    """Copy a file to UTF-8 in bounded memory, so the fast reader can take it."""
    try:
        with path.open("r", encoding=encoding, newline="") as source, target.open(
            "w", encoding="utf-8", newline=""
        ) as sink:
            while chunk := source.read(CHUNK):
                sink.write(chunk)
    except UnicodeDecodeError as error:
        raise NotText("FFB103") from error


"""Lines far longer than any real row, found on the file's bytes before a CSV reader sees them.

polars' line and CSV readers hold a line several times over while splitting it, so one 50 MB
line costs over half a gigabyte. Such a line is never read as a row anyway (it is refused as
too long, FFB113), so it is found first with a vectorised scan of the bytes, and the readers get
a copy of the file in which each such line is cut to its start: enough for its key, with the
same number of quote characters modulo two, so a quoted field that spans lines still ends where
it ended, and the same line breaks, so every row keeps its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

CHUNK_BYTES = 64 * 1024**2
NEWLINE, QUOTE = ord("\n"), ord('"')


@dataclass(frozen=True)
class LongLine:
    line: int  # 1-based line number in the file (the header is line 1)
    start: int  # byte offset of the line's first byte
    size: int  # bytes, without the line break


@dataclass(frozen=True)
class CutLine:
    line: int
    size: int  # bytes of the whole line
    head: str  # the start that was kept
    quoted: bool  # the whole line holds a quote character


@dataclass(frozen=True)
class LineScan:
    long: list[LongLine]  # lines of more than the limit, in file order
    lines: int  # lines in the file (a last line without a line break counts)


def find_long_lines(path: Path, limit: int) -> list[LongLine]:
    """Lines of more than `limit` bytes, in file order; no Python work per line."""
    if path.stat().st_size <= limit:  # no line can be longer than the file
        return []
    return scan_lines(path, limit).long


def scan_lines(path: Path, limit: int) -> LineScan:
    """One pass over the bytes: the lines longer than `limit` and the number of lines."""
    found: list[LongLine] = []
    lines_before = 0  # line breaks before the current chunk
    line_start = 0  # byte offset where the current (unfinished) line began
    offset = 0
    size = path.stat().st_size
    while offset < size:
        # The bytes are mapped, not read: no copy of them is made. One window at a time, so
        # no more of the file than a window ever counts as this process's memory.
        window = np.memmap(path, dtype=np.uint8, mode="r", offset=offset, shape=(min(CHUNK_BYTES, size - offset),))
        breaks = np.flatnonzero(window == NEWLINE) + offset
        length = len(window)
        del window
        starts = np.concatenate(([line_start], breaks[:-1] + 1)) if breaks.size else np.empty(0, np.int64)
        sizes = breaks - starts
        for index in np.flatnonzero(sizes > limit):  # only the long lines, nearly always none
            found.append(LongLine(lines_before + int(index) + 1, int(starts[index]), int(sizes[index])))
        if breaks.size:
            lines_before += int(breaks.size)
            line_start = int(breaks[-1]) + 1
        offset += length
    if offset - line_start > limit:  # the last line, without a line break after it
        found.append(LongLine(lines_before + 1, line_start, offset - line_start))
    return LineScan(found, lines_before + (offset > line_start))


def _quotes(handle, start: int, size: int) -> int:
    handle.seek(start)
    count, left = 0, size
    while left:
        block = handle.read(min(CHUNK_BYTES, left))
        count += int(np.count_nonzero(np.frombuffer(block, dtype=np.uint8) == QUOTE))
        left -= len(block)
    return count


def _head(data: bytes, keep: int) -> bytes:
    """The first `keep` bytes of a line, cut where a UTF-8 character starts."""
    cut = min(keep, len(data))
    while cut and cut < len(data) and (data[cut] & 0xC0) == 0x80:
        cut -= 1
    return data[:cut]


def copy_with_long_lines_cut(path: Path, long: list[LongLine], keep: int, target: Path) -> list[CutLine]:
    """`path` with each long line cut to its first `keep` bytes (plus one quote when that
    keeps the number of quotes odd as it was), written to `target`; what was cut."""
    cut: list[CutLine] = []
    with path.open("rb") as source, target.open("wb") as out:
        position = 0
        for line in long:
            source.seek(position)
            _copy(source, out, line.start - position)
            source.seek(line.start)
            head = _head(source.read(min(keep + 4, line.size)), keep)
            quotes = _quotes(source, line.start, line.size)
            cut.append(CutLine(line.line, line.size, head.decode("utf-8", "replace"), quotes > 0))
            if (quotes - head.count(b'"')) % 2:
                head += b'"'
            out.write(head)
            position = line.start + line.size
        source.seek(position)
        _copy(source, out, None)
    return cut


def _copy(source, out, size: int | None) -> None:
    left = size
    while left is None or left > 0:
        block = source.read(CHUNK_BYTES if left is None else min(CHUNK_BYTES, left))
        if not block:
            return
        out.write(block)
        if left is not None:
            left -= len(block)

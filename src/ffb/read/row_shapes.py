"""Rows of a delimited file whose shape is wrong, found with column expressions over its lines.

A row is wrong when it has more or fewer fields than the header, holds no value at all, is far
longer than any real row, or is quoted so that no CSV reader can split it. The file is read
once as lines; only lines that could be wrong (they hold a quote, the wrong number of
delimiters, nothing but delimiters, or too many bytes) are looked at closely. Only when a quoted
field spans lines is the file read a second time, to join lines into records.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from ffb.read.long_lines import CutLine, LongLine, copy_with_long_lines_cut, find_long_lines

# No real row of the contract comes near this; a longer one is refused rather than checked.
MAX_ROW_BYTES = 1024 * 1024
TEXT, ROW, LINE = "text", "row", "line"
HEAD_CHARS = 4096  # how much of a skipped row is kept to find its key in
# Files up to this size are first checked on their bytes: a plain file (no quote, every line
# with the header's number of fields and something in it) needs no closer look.
PLAIN_CHECK_BYTES = 16 * 1024**2
MAX_SHAPE_WIDTH = 200  # wider headers skip the exact-shape match (its pattern grows with width)
# A quoted field: quotes around anything, with "" for a quote inside.
QUOTED = r'"(?:[^"]|"")*"'


@dataclass(frozen=True)
class BadRow:
    row: int  # the row a spreadsheet shows (header = 1)
    problem: str  # "ragged", "blank", "long" or "quoting"
    fields: int = 0  # ragged rows: how many fields the row has
    size: int = 0  # long rows: how many bytes the row has
    head: str = ""  # ragged and long rows: the start of the row's text, where its key is


def _escaped(delimiter: str) -> str:
    return f"\\x{{{ord(delimiter):02x}}}"


def _record_pattern(delimiter: str, width: int | None = None) -> str:
    """A record a CSV reader can split: quoted fields, or plain ones that do not start with a
    quote (a quote later in a plain field is just a character). With `width`, exactly that
    many fields."""
    d = _escaped(delimiter)
    field = f'(?:{QUOTED}|(?:[^"{d}\\n][^{d}\\n]*)?)'
    repeat = "*" if width is None else f"{{{width - 1}}}"
    return f"^{field}(?:{d}{field}){repeat}$"


def _badly_quoted(delimiter: str) -> pl.Expr:
    """Records no CSV reader splits reliably: a quote open at the end of the file, a stray
    quote in a plain field (an odd number of them), or text after a closing quote."""
    text = pl.col(TEXT)
    quotes = text.str.count_matches('"', literal=True)
    return (quotes % 2 == 1) | ((quotes > 0) & ~text.str.contains(_record_pattern(delimiter)))


def splits_cleanly(line: str, delimiter: str) -> bool:
    """Whether one line (a header) is quoted as a CSV reader expects."""
    return not pl.DataFrame({TEXT: [line]}).select(_badly_quoted(delimiter)).item()


def _suspicious(delimiter: str, width: int) -> pl.Expr:
    text = pl.col(TEXT)
    size = text.str.len_bytes()
    return (
        (pl.col(ROW) > 1)
        & (
            text.str.contains('"', literal=True)
            | (text.str.count_matches(delimiter, literal=True) != width - 1)
            | (size <= width - 1)  # nothing but delimiters
            | (size > MAX_ROW_BYTES)
        )
    )


def _quoted_and_fine(delimiter: str, width: int) -> pl.Expr:
    """Rows with quotes that are nonetheless fine: every field of a fully quoted file, say.

    One match against the exact shape, far cheaper than counting fields outside quotes. Not
    in the first pass: there it would cost every row the match, quotes or not.
    """
    if width > MAX_SHAPE_WIDTH:
        return pl.lit(False)
    text = pl.col(TEXT)
    quotes = text.str.count_matches('"', literal=True)
    return (
        (quotes > 0)
        & (quotes % 2 == 0)
        & (text.str.len_bytes() <= MAX_ROW_BYTES)
        & text.str.contains(_record_pattern(delimiter, width))
    )


def _lines(path: Path) -> pl.LazyFrame:
    return pl.scan_lines(path, name=TEXT, glob=False).with_row_index(ROW, offset=1)


def _records(path: Path, delimiter: str, width: int) -> tuple[pl.DataFrame, int, pl.DataFrame]:
    """The candidate records of a file where quoted fields span lines, how many records it
    holds, and which record each line belongs to. A line continues a record when it starts
    inside a quoted field, that is when the quotes before it are odd in number; only such
    records are joined into one text."""
    quotes = pl.col(TEXT).str.count_matches('"', literal=True)
    inside = ((quotes % 2).cum_sum() % 2 == 1).shift(1, fill_value=False)
    lines = (
        pl.scan_lines(path, name=TEXT, glob=False)
        .with_row_index(LINE, offset=1)
        .with_columns(inside.alias("inside"))
        .with_columns(
            (~pl.col("inside")).cast(pl.UInt32).cum_sum().alias(ROW),
            (pl.col("inside") | pl.col("inside").shift(-1, fill_value=False)).alias("joined"),
        )
    )
    single = lines.filter(~pl.col("joined")).select(ROW, TEXT)
    joined = lines.filter("joined").group_by(ROW, maintain_order=True).agg(pl.col(TEXT).str.join("\n"))
    candidates = pl.concat([single, joined]).filter(_suspicious(delimiter, width)).sort(ROW)
    found, total, record_of_line = pl.collect_all(
        [candidates, lines.select(pl.col(ROW).last()), lines.select(LINE, ROW)]
    )
    return found, total.item() or 0, record_of_line


def _classify(candidates: pl.DataFrame, delimiter: str, width: int) -> pl.DataFrame:
    """Each candidate's problem (null when it is fine after all) and its field count."""
    text = pl.col(TEXT)
    size = text.str.len_bytes()
    head = text.str.slice(0, HEAD_CHARS).alias("head")
    long = candidates.filter(size > MAX_ROW_BYTES).select(
        ROW, pl.lit("long").alias("problem"), pl.lit(0).alias("fields"), size.alias("size"), head
    )
    fields = text.str.replace_all(QUOTED, "").str.count_matches(delimiter, literal=True) + 1
    problem = (
        pl.when(_badly_quoted(delimiter))
        .then(pl.lit("quoting"))
        .when(text.str.strip_chars(delimiter) == "")
        .then(pl.lit("blank"))
        .when(pl.col("fields") != width)
        .then(pl.lit("ragged"))
    )
    rest = (
        candidates.filter(size <= MAX_ROW_BYTES)
        .with_columns(fields.alias("fields"))
        .select(ROW, problem.alias("problem"), "fields", pl.lit(0).alias("size"),
                pl.when(problem == "ragged").then(head).otherwise(pl.lit("")).alias("head"))
        .filter(pl.col("problem").is_not_null())
    )
    return pl.concat([long, rest], how="vertical_relaxed").sort(ROW)


@dataclass(frozen=True)
class RowShapes:
    bad: list[BadRow]  # in file order
    quoted: bool  # some data row holds a quote, so a field may be quoted
    last_row: int | None = None  # the last row before blank rows that end the file
    too_many: int = 0  # how many bad rows there are, when more than could be listed
    # A copy of the file with its overlong lines cut short, to be read instead of the file.
    path: Path | None = None


def _plainly_fine(path: Path, delimiter: str, width: int) -> bool:
    """True when no data row can be wrong, decided on the bytes of a small file with numpy.

    Stricter than the line scan: every line after the header holds no quote, exactly
    width - 1 delimiters and more than width - 1 bytes besides its line break, and none is
    overlong. False means "look closer", never that a row is wrong. (polars' line scan costs
    a few milliseconds even for a tiny file, which adds up over a thousand files.)
    """
    if len(delimiter.encode("utf-8")) != 1 or path.stat().st_size > PLAIN_CHECK_BYTES:
        return False
    data = path.read_bytes()
    if b'"' in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False  # the line scan says so, with polars' error
    raw = np.frombuffer(data, dtype=np.uint8)
    breaks = np.flatnonzero(raw == ord("\n"))
    ends = breaks if data.endswith(b"\n") else np.append(breaks, len(data))
    if ends.size < 2:
        return ends.size == 1  # a header alone
    starts = np.concatenate(([0], ends[:-1] + 1))
    sizes = ends - starts
    sizes = sizes - ((sizes > 0) & (raw[np.maximum(ends - 1, 0)] == ord("\r")))  # a CR before the break
    delimiters = np.add.reduceat(raw == ord(delimiter), starts, dtype=np.int64)
    data_lines = slice(1, ends.size)  # the header is checked elsewhere
    return bool(
        np.all(delimiters[data_lines] == width - 1)
        and np.all(sizes[data_lines] > width - 1)
        and np.all(sizes[data_lines] <= MAX_ROW_BYTES)
    )


def find_bad_rows(
    path: Path,
    delimiter: str,
    width: int,
    max_bad_rows: int | None = None,
    workdir: Path | None = None,
    long_lines: list[LongLine] | None = None,
) -> RowShapes:
    """Data rows with a wrong shape. Raises polars' ComputeError on bytes that are not UTF-8.

    Blank rows after the last row with data are the end of the file, not gaps in the table:
    they are left out (`last_row` is the last row before them), not reported. Everything is
    decided on column expressions, so a file of millions of blank lines costs no Python
    object per line; past `max_bad_rows` bad rows only that many are listed (`too_many`).
    Lines longer than any row are cut short in a copy under `workdir` first (see
    ffb.read.long_lines); they are reported as too long and the copy is read in their place.
    `long_lines`, when given, are those lines, found already by a pass over the bytes.
    """
    if long_lines is None and _plainly_fine(path, delimiter, width):
        return RowShapes([], quoted=False)
    if long_lines is None:
        long_lines = find_long_lines(path, MAX_ROW_BYTES)
    long = [line for line in long_lines if line.line > 1]  # not the header
    cut: list[CutLine] = []
    if long:
        if workdir is None:
            raise ValueError("a file with overlong lines needs a work folder")
        copy = workdir / f"{len(list(workdir.iterdir()))}-cut-{path.name}"
        cut = copy_with_long_lines_cut(path, long, HEAD_CHARS, copy)
        path = copy
    candidates = _lines(path).filter(_suspicious(delimiter, width)).collect()
    if candidates.is_empty() and not cut:  # the common case: nothing more to look at
        return RowShapes([], quoted=False)
    quoted = bool(candidates[TEXT].str.contains('"', literal=True).any()) or any(c.quoted for c in cut)
    record_of_line = None
    if (candidates[TEXT].str.count_matches('"', literal=True) % 2 == 1).any():
        candidates, rows, record_of_line = _records(path, delimiter, width)
    else:
        rows = None  # counted below, only when a blank row might end the file
    candidates = candidates.filter(~_quoted_and_fine(delimiter, width))
    classified = _classify(candidates, delimiter, width)
    del candidates
    if cut:
        classified = _with_long_rows(classified, cut, record_of_line)
    blank = pl.col("problem") == "blank"
    last_row = None
    blanks = classified.filter(blank).select(ROW)
    if blanks.height:
        rows = rows or _lines(path).select(pl.len()).collect().item()
        # The blank rows that end the file are the last run of consecutive ones.
        first_trailing = blanks.with_row_index("i").filter(
            pl.col(ROW) - pl.col("i") == rows - blanks.height + 1
        )[ROW].min()
        if first_trailing is not None:
            last_row = first_trailing - 1
            classified = classified.filter(pl.col(ROW) <= last_row)
    too_many = classified.height if max_bad_rows is not None and classified.height > max_bad_rows else 0
    if too_many:
        classified = classified.head(max_bad_rows)
    bad = [BadRow(*values) for values in classified.iter_rows()]
    return RowShapes(bad, quoted=quoted, last_row=last_row, too_many=too_many, path=path if cut else None)


def _with_long_rows(classified: pl.DataFrame, cut: list[CutLine], record_of_line: pl.DataFrame | None) -> pl.DataFrame:
    """`classified` with the rows that held an overlong line marked as too long (whatever their
    cut-short text looked like), with the line's full size and its start as the head."""
    long = pl.DataFrame(
        {LINE: [c.line for c in cut], "long_size": [c.size for c in cut], "long_head": [c.head for c in cut]},
        schema={LINE: pl.UInt32, "long_size": pl.Int64, "long_head": pl.String},
    )
    if record_of_line is None:
        long = long.rename({LINE: ROW})
    else:  # several long lines in one record: one finding, with their sizes summed
        long = (
            long.join(record_of_line.with_columns(pl.col(LINE).cast(pl.UInt32)), on=LINE)
            .group_by(ROW, maintain_order=True)
            .agg(pl.col("long_size").sum(), pl.col("long_head").first())
        )
    long = long.filter(pl.col(ROW) > 1).with_columns(pl.col(ROW).cast(classified.schema[ROW]))
    marked = long.select(
        ROW,
        pl.lit("long").alias("problem"),
        pl.lit(0).cast(classified.schema["fields"]).alias("fields"),
        pl.col("long_size").cast(classified.schema["size"]).alias("size"),
        pl.col("long_head").alias("head"),
    )
    rest = classified.filter(~pl.col(ROW).is_in(long[ROW].implode()))
    return pl.concat([rest, marked], how="vertical_relaxed").sort(ROW)

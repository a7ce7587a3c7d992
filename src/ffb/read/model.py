"""What the readers hand to the validator: raw tables of text, and problems met while reading."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import polars as pl

ROW = "_row"  # the column that carries each row's position in its source


@dataclass(slots=True)
class Finding:
    """A problem found before any rule ran: the file itself, its header or its structure.

    (Not frozen: a broken file can yield a finding per row, and frozen instances are several
    times slower to make.)
    """

    code: str
    source: str
    table: str | None = None
    row: int | None = None
    pointer: str | None = None
    column: str | None = None
    value: str | None = None
    detail: str | None = None


class CannotRun(Exception):
    """The input could not be validated at all (missing file, unsupported kind, bad arguments)."""


@dataclass
class RawTable:
    """One table as text, exactly as the source holds it.

    `batches` yields DataFrames with every contract column as String (missing values null) and
    the `_row` column: the row a spreadsheet user sees (header = 1) for files, or the index in
    the document's list for JSON, where `pointer` names the list (e.g. `/cases`).
    """

    name: str
    source: str
    header: list[str]
    batches: Callable[[], Iterator[pl.DataFrame]]
    pointer: str | None = None
    findings: list[Finding] = field(default_factory=list)
    # Contract columns the header lacks. Their absence was reported once for the table
    # (FFB106/FFB107), so their empty cells are not reported again row by row.
    missing_columns: frozenset[str] = frozenset()


@dataclass
class RawInput:
    """Everything read from one input: its tables and what was wrong with the files."""

    tables: dict[str, RawTable] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    kind: str = "table"  # table, json (a list of rows), workbook, package, folder or document


def guarded(batches: Callable[[], Iterator[pl.DataFrame]], source: str) -> Callable[[], Iterator[pl.DataFrame]]:
    """`batches`, but a file that turns out unreadable while it is parsed stops the run with
    one line naming the file instead of polars' own error."""

    def guarded_batches() -> Iterator[pl.DataFrame]:
        try:
            yield from batches()
        except pl.exceptions.PolarsError as error:
            lines = str(error).strip().splitlines() or [type(error).__name__]
            raise CannotRun(f"{source}: cannot be read ({lines[0][:200]})") from error

    return guarded_batches

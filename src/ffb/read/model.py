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
    # Rows left out for their shape (FFB104, FFB113) still exist: the values other tables
    # refer to that could be read from them, by column; `unknown_skipped_keys` when some
    # such row's key could not be read at all.
    skipped_keys: dict[str, list[str]] = field(default_factory=dict)
    unknown_skipped_keys: bool = False


@dataclass
class RawInput:
    """Everything read from one input: its tables and what was wrong with the files."""

    tables: dict[str, RawTable] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    kind: str = "table"  # table, json (a list of rows), workbook, package, folder or document


def referenced_columns(name: str, tables: list[dict]) -> list[str]:
    """The columns of table `name` that other tables refer to."""
    return sorted({
        reference["column"]
        for table in tables
        for column in table["columns"]
        if (reference := column.get("references")) and reference["table"] == name
    })


def keys_of_skipped(rows: list[tuple[list[str | None], bool]], header: list[str], columns: list[str]
                    ) -> tuple[dict[str, list[str]], bool]:
    """The referenced values of rows that are skipped, and whether some could not be read.

    Each row comes as its fields and whether the last one may be cut short.
    """
    found: dict[str, list[str]] = {column: [] for column in columns}
    unknown = False
    positions = {column: header.index(column) for column in columns if column in header}
    for fields, cut in rows:
        complete = len(fields) - 1 if cut else len(fields)
        for column in columns:
            position = positions.get(column)
            if position is None:  # the header lacks the column: no row has it
                continue
            if position >= complete:
                unknown = True
            elif fields[position]:
                found[column].append(fields[position])
    return {column: values for column, values in found.items() if values}, unknown


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

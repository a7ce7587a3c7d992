"""How much an input may expand to before it is read: bounds checked on what the file declares
or on a cheap pass over it, before anything large is built in memory.

A small file can stand for an enormous table: a Parquet column that repeats one long text
through its dictionary, millions of identical rows compressed to kilobytes, a workbook whose
one long shared text fills every cell, a CSV file of nothing but line breaks. Past a limit
the input is refused with one message naming the limit and the option that raises it (exit 2),
never read until memory runs out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ffb.read.model import CannotRun

MB = 1024**2


@dataclass(frozen=True)
class Limits:
    # Rows of one table. A municipality's largest FFB table has a few hundred thousand rows.
    max_rows: int = 20_000_000
    # Bytes of one cell once read (a Parquet value, a workbook cell, a CSV row is bounded by
    # the same figure in row_shapes.MAX_ROW_BYTES).
    max_cell_bytes: int = 1 * MB
    # Bytes of text one table expands to once read (all its cells together).
    max_text_bytes: int = 2048 * MB
    # Rows of one CSV table with a wrong shape (ragged, blank, too long) that are listed one by
    # one; a file with more is not a table of the contract.
    max_bad_rows: int = 100_000


DEFAULT_LIMITS = Limits()

# The command-line option that sets each limit, for the messages.
OPTIONS = {
    "max_rows": "--max-rows",
    "max_cell_bytes": "--max-cell-bytes",
    "max_text_bytes": "--max-text-bytes",
    "max_bad_rows": "--max-bad-rows",
}


LIMIT_HELP = {
    "max_rows": "Refuse a table of more than N rows (exit 2).",
    "max_cell_bytes": "Refuse a cell of more than N bytes once read (exit 2).",
    "max_text_bytes": "Refuse a table whose text expands to more than N bytes (exit 2).",
    "max_bad_rows": "Refuse a CSV table with more than N rows of the wrong shape (exit 2).",
}


class LimitExceeded(CannotRun):
    """The input expands past a limit. The message says which, by how much, and how to raise it;
    it carries the code of the finding (FFB113) so a log reader can look the rule up."""

    def __init__(self, source: str, limit: str, found: str, allowed: int) -> None:
        self.source = source
        self.limit = limit
        super().__init__(
            f"{source}: FFB113 input too large to read safely: {found}, more than the limit of "
            f"{allowed:,} ({OPTIONS[limit]}); raise the limit if the input is genuine"
        )


def check(source: str, limits: Limits, limit: str, value: int, what: str) -> None:
    """Refuse the input when `value` passes the limit named `limit`."""
    allowed = getattr(limits, limit)
    if value > allowed:
        raise LimitExceeded(source, limit, f"{value:,} {what}", allowed)

"""Small helpers shared by the validator tests: copy the example package and edit cells."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "canonical"
TODAY = dt.date(2026, 11, 23)
# The shape of a clear CPR number (DDMMYY, optional dash, four digits); masked ones have ****.
CLEAR_CPR = re.compile(r"(?<![0-9])(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}-?[0-9]{4}(?![0-9])")


def copy_example(target: Path) -> Path:
    folder = target / "package"
    shutil.copytree(EXAMPLE, folder)
    return folder


def read_rows(folder: Path, table: str) -> list[list[str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(folder: Path, table: str, rows: list[list[str]]) -> None:
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def cell(folder: Path, table: str, row: int, column: str) -> str:
    """The text of a cell; `row` as a spreadsheet shows it (the header is row 1)."""
    rows = read_rows(folder, table)
    return rows[row - 1][rows[0].index(column)]


def set_cell(folder: Path, table: str, row: int, column: str, value: str) -> None:
    rows = read_rows(folder, table)
    rows[row - 1][rows[0].index(column)] = value
    write_rows(folder, table, rows)


def find_row(folder: Path, table: str, **where: str) -> int:
    """The spreadsheet row of the first row whose columns hold the given values."""
    rows = read_rows(folder, table)
    header = rows[0]
    for number, row in enumerate(rows[1:], start=2):
        if all(row[header.index(k)] == v for k, v in where.items()):
            return number
    raise LookupError(f"no row in {table} with {where}")


def fictional_cpr(day: int = 1, month: int = 1, year: int = 0, serial: int = 1234) -> str:
    """A CPR-shaped value built at run time, so no such number is written in the tests."""
    return f"{day:02d}{month:02d}{year:02d}{serial:04d}"

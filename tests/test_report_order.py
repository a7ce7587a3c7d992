"""The report lists errors first, then warnings, then notes; --max-errors keeps the errors."""

from __future__ import annotations

import polars as pl
import pytest

from ffb.validate.engine import Validator
from support import TODAY, copy_example, read_rows, write_rows

VALIDATOR = Validator(today=TODAY)


def _set_column(folder, table: str, column: str, value) -> None:
    rows = read_rows(folder, table)
    index = rows[0].index(column)
    for row in rows[1:]:
        row[index] = value(row[index]) if callable(value) else value
    write_rows(folder, table, rows)


def _day_first(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}-{month}-{year}"


@pytest.fixture(scope="module")
def notes_before_errors(tmp_path_factory):
    """Blank support_need_level (a note each) in assessments, which come before
    interventions, whose start dates are day-first (an error each)."""
    folder = copy_example(tmp_path_factory.mktemp("order"))
    _set_column(folder, "assessments", "support_need_level", "")
    _set_column(folder, "interventions", "start_date", _day_first)
    return folder


def test_errors_come_before_warnings_and_notes(notes_before_errors):
    issues = VALIDATOR.validate(notes_before_errors).issues
    rank = issues["severity"].replace_strict({"error": 0, "warning": 1, "info": 2}, return_dtype=pl.Int8)
    assert rank.is_sorted()
    assert issues["severity"][0] == "error" and issues["code"][0] == "FFB215"


def test_max_errors_lists_errors_first(notes_before_errors):
    report = VALIDATOR.validate(notes_before_errors, max_errors=5)
    assert report.issues["severity"].to_list() == ["error"] * 5
    assert report.counts["error"] >= 5 and report.counts["info"] > 0
    assert report.omitted == sum(report.counts.values()) - 5

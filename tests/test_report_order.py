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
    # Without a status no service is "ordered and not completed", so the blank support need
    # levels stay notes and do not also make FFB318 errors.
    _set_column(folder, "interventions", "service_status", "")
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


# --- large reports are grouped by rule, table and column -------------------------------------------


def test_text_summarises_a_rule_firing_on_a_whole_column(notes_before_errors):
    from ffb.report.text import render_text

    report = VALIDATOR.validate(notes_before_errors)
    errors = report.counts["error"]
    text = render_text(report, width=200)
    assert f"FFB215 × {errors} i interventions.start_date, første rækker 2, 3, 4, 5, 6 …" in text
    assert text.index("Fejl (") < text.index("Info (")
    assert "FFB202 × " in text and "i assessments.support_need_level" in text


def test_json_carries_the_same_groups(notes_before_errors):
    import json

    from ffb.report.json_format import render_json

    report = VALIDATOR.validate(notes_before_errors, max_errors=3)
    groups = json.loads(render_json(report))["summary"]["groups"]
    first = groups[0]
    assert (first["code"], first["table"], first["column"]) == ("FFB215", "interventions", "start_date")
    assert first["count"] == report.counts["error"] and first["first_rows"] == [2, 3, 4, 5, 6]
    assert sum(g["count"] for g in groups) == sum(report.counts.values())


def test_text_says_how_many_are_listed_and_how_to_see_the_rest(notes_before_errors):
    from ffb.report.text import render_text

    report = VALIDATOR.validate(notes_before_errors, max_errors=3)
    text = " ".join(render_text(report, width=300).split())
    assert "er ikke med i listen (--max-errors)" in text
    assert "--format json, csv eller xlsx" in text


def test_danish_text_has_danish_numbers_and_words(notes_before_errors):
    from ffb.report.text import counted, number, render_text

    assert number(180917, "da") == "180.917" and counted(1, "tables", "da") == "1 tabel"
    assert counted(2, "warning", "da") == "2 advarsler"
    text = render_text(VALIDATOR.validate(notes_before_errors), width=200)
    assert "(datapakke, 11 tabeller, " in text
    for english in (" error ", " warning ", "folder", " table "):
        assert english not in text

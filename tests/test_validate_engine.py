"""The engine on the shipped example and on copies of it with seeded problems."""

from __future__ import annotations

import json

import polars as pl
import pytest
from support import CLEAR_CPR, EXAMPLE, TODAY, cell, copy_example, find_row, fictional_cpr, read_rows, set_cell

from ffb.report.csv_format import render_csv
from ffb.report.json_format import render_json
from ffb.report.junit import render_junit
from ffb.report.text import render_text
from ffb.validate.engine import Validator

VALIDATOR = Validator(today=TODAY)


def issues_of(report, code: str) -> list[dict]:
    return report.issues.filter(pl.col("code") == code).to_dicts()


def test_shipped_example_is_clean():
    report = VALIDATOR.validate(EXAMPLE)
    assert report.valid
    assert report.issues.height == 0, report.issues.to_dicts()[:5]
    assert sum(info["rows"] for info in report.tables.values()) > 1000


SEEDED = [
    # (what, table, row, column, new value, expected code)
    ("bad code", "assessments", 4, "function_level", "00000000-0000-0000-0000-000000000000", "FFB210"),
    ("bad date", "cases", 3, "opened_date", "2023-02-30", "FFB205"),
    ("missing required value", "interventions", 5, "legal_basis", "", "FFB201"),
    ("value under its minimum", "interventions", 2, "price_year", "1999", "FFB208"),
    ("dangling reference", "goals", 6, "assessment_id", "no-such-assessment", "FFB213"),
    ("name instead of code", "conditions", 7, "function_level", "moderat nedsat funktionsevne", "FFB211"),
    ("decimal comma", "prices", 3, "amount_dkk", "512,50", "FFB214"),
    ("pattern", "providers", 3, "cvr", "1234", "FFB207"),
    ("not a boolean", "assessments", 6, "employment_effort", "ja", "FFB206"),
    ("above maximum", "case_target_groups", 2, "rank", "3", "FFB209"),
]


@pytest.mark.parametrize("what,table,row,column,value,code", SEEDED, ids=[s[0] for s in SEEDED])
def test_seeded_error_is_located(tmp_path, what, table, row, column, value, code):
    folder = copy_example(tmp_path)
    set_cell(folder, table, row, column, value)
    report = VALIDATOR.validate(folder)
    assert not report.valid
    found = issues_of(report, code)
    assert [(i["table"], i["row"], i["column"]) for i in found] == [(table, row, column)]
    assert found[0]["source"].endswith(f"{table}.csv")
    assert found[0]["severity"] == "error"


def test_duplicate_id_is_reported_on_the_repeat_with_the_first_row(tmp_path):
    folder = copy_example(tmp_path)
    first = cell(folder, "cases", 2, "id")
    set_cell(folder, "cases", 9, "id", first)
    report = VALIDATOR.validate(folder)
    duplicate = issues_of(report, "FFB212")
    assert [(i["table"], i["row"], i["column"], i["value"]) for i in duplicate] == [("cases", 9, "id", first)]
    assert "række 2" in duplicate[0]["message"]


def test_hint_for_a_name_gives_the_code(tmp_path):
    folder = copy_example(tmp_path)
    set_cell(folder, "assessments", 2, "support_need_level", "  Højt Støttebehov ")
    report = VALIDATOR.validate(folder, lang="en")
    [issue] = issues_of(report, "FFB211")
    assert "b99a0790" in issue["message"]


def test_rules_across_tables(tmp_path):
    folder = copy_example(tmp_path)
    # A § 85 service without hours, a housing offer without a daily price.
    support = find_row(folder, "interventions", legal_basis="SEL_85")
    set_cell(folder, "interventions", support, "hours_per_month_individual", "")
    set_cell(folder, "interventions", support, "hours_per_month_group", "")
    # A place bought from a self-governing provider (a municipality's own place needs no price).
    housing = find_row(folder, "interventions", legal_basis="SEL_107")
    set_cell(folder, "interventions", housing, "provider_id", "tp-204118")
    set_cell(folder, "interventions", housing, "daily_price_dkk", "")
    set_cell(folder, "interventions", housing, "price_year", "")
    # A case closing before it opened, with no reason.
    set_cell(folder, "cases", 2, "closed_date", "2020-01-01")
    # A follow-up before the assessment it follows.
    assessment = cell(folder, "follow_ups", 2, "assessment_id")
    day = cell(folder, "assessments", find_row(folder, "assessments", id=assessment), "assessment_date")
    set_cell(folder, "follow_ups", 2, "follow_up_date", f"{int(day[:4]) - 1}{day[4:]}")
    # A citizen born so late that the case opened before the 18th birthday.
    set_cell(folder, "citizens", 2, "birth_year", "2010")
    report = VALIDATOR.validate(folder)
    codes = {(i["code"], i["table"], i["row"]) for i in report.issues.to_dicts()}
    assert ("FFB401", "interventions", support) in codes
    assert ("FFB402", "interventions", housing) in codes
    assert ("FFB501", "cases", 2) in codes
    assert ("FFB506", "cases", 2) in codes
    assert ("FFB502", "follow_ups", 2) in codes
    assert ("FFB510", "cases", find_row(folder, "cases", citizen_id=cell(folder, "citizens", 2, "id"))) in codes


def test_ffb_reporting_rules(tmp_path):
    folder = copy_example(tmp_path)
    # An Aktivitet og deltagelse condition without a level; a level on a Funktioner og forhold one.
    activity_row = next(r for r in range(2, 40) if cell(folder, "conditions", r, "function_level"))
    other_row = next(r for r in range(2, 40) if not cell(folder, "conditions", r, "function_level"))
    set_cell(folder, "conditions", activity_row, "function_level", "")
    set_cell(folder, "conditions", other_row, "function_level", "5bdde847-2837-416b-ab63-bbff8b7aa531")
    # Two primary target groups on one case: reported once, on the later of the two rows.
    secondary = find_row(folder, "case_target_groups", rank="2")
    case = cell(folder, "case_target_groups", secondary, "case_id")
    primary = find_row(folder, "case_target_groups", case_id=case, rank="1")
    set_cell(folder, "case_target_groups", secondary, "rank", "1")
    report = VALIDATOR.validate(folder)
    codes = {(i["code"], i["row"]) for i in report.issues.to_dicts()}
    assert ("FFB301", activity_row) in codes
    assert ("FFB302", other_row) in codes
    several = report.issues.filter(pl.col("code") == "FFB308")
    assert several.select("table", "row", "value").rows() == [("case_target_groups", max(primary, secondary), case)]


def test_no_problem_is_reported_twice_through_a_later_rule(tmp_path):
    folder = copy_example(tmp_path)
    housing = find_row(folder, "interventions", legal_basis="SEL_107")
    set_cell(folder, "interventions", housing, "daily_price_dkk", "-5")
    case = cell(folder, "assessments", 3, "case_id")
    # The edited row belongs to a case with several registrations, so that the rules on
    # their order (FFB503–FFB505) would have something to compare it with.
    registrations = [row for row in read_rows(folder, "assessments")[1:] if row[1] == case]
    assert read_rows(folder, "assessments")[0][1] == "case_id" and len(registrations) >= 3
    set_cell(folder, "assessments", 3, "assessment_date", "2023-02-30")
    report = VALIDATOR.validate(folder)
    assert [i["code"] for i in report.issues.filter(pl.col("table") == "interventions").to_dicts()] == ["FFB208"]
    later = report.issues.filter((pl.col("table") == "assessments") & (pl.col("code") != "FFB205"))
    assert later.is_empty(), later.to_dicts()
    # The date's own problem is reported, once.
    assert report.issues.filter(pl.col("table") == "assessments").select("code", "row").rows() == [("FFB205", 3)]


def test_counts_cover_every_issue_even_when_the_list_is_cut(tmp_path):
    folder = copy_example(tmp_path)
    for row in range(2, 12):
        set_cell(folder, "assessments", row, "kind", "first")
    report = VALIDATOR.validate(folder, max_errors=3)
    assert report.issues.height == 3
    assert report.counts["error"] == 10
    assert report.omitted == 7
    assert json.loads(render_json(report))["summary"]["counts"]["error"] == 10


def test_fail_on_warning_turns_warnings_into_failure(tmp_path):
    folder = copy_example(tmp_path)
    set_cell(folder, "assessments", 3, "months_since_previous", "40")
    assert VALIDATOR.validate(folder).valid
    strict = VALIDATOR.validate(folder, fail_on="warning")
    assert not strict.valid and strict.exit_code == 1
    assert strict.counts == {"warning": 1}


def test_no_clear_cpr_in_any_rendering(tmp_path):
    folder = copy_example(tmp_path)
    number = fictional_cpr(day=15, month=6, year=80, serial=4321)
    set_cell(folder, "citizens", 2, "cpr", number)
    set_cell(folder, "citizens", 3, "id", number)
    set_cell(folder, "cases", 2, "case_number", f"sag {number[:6]}-{number[6:]}")
    report = VALIDATOR.validate(folder)
    assert {"FFB601", "FFB602"} <= set(report.issues["code"].to_list())
    for rendered in (render_text(report), render_json(report), render_csv(report), render_junit(report)):
        assert not CLEAR_CPR.search(rendered), CLEAR_CPR.search(rendered).group(0)
        assert "150680-****" in rendered


def test_messages_in_both_languages(tmp_path):
    folder = copy_example(tmp_path)
    set_cell(folder, "cases", 3, "opened_date", "")
    danish = VALIDATOR.validate(folder, lang="da").issues.to_dicts()[0]["message"]
    english = VALIDATOR.validate(folder, lang="en").issues.to_dicts()[0]["message"]
    assert danish == "opened_date skal udfyldes."
    assert english == "opened_date must have a value."


def test_python_api_returns_the_report_the_command_prints(tmp_path):
    from ffb.validate import validate

    folder = copy_example(tmp_path)
    set_cell(folder, "cases", 3, "opened_date", "")
    report = validate(folder, lang="en", today=TODAY)
    assert not report.valid and report.exit_code == 1
    assert report.to_dict()["issues"][0]["message"] == "opened_date must have a value."


def test_a_missing_column_is_reported_once_not_on_every_row(tmp_path):
    folder = copy_example(tmp_path)
    from support import read_rows, write_rows

    rows = read_rows(folder, "cases")
    position = rows[0].index("opened_date")
    write_rows(folder, "cases", [row[:position] + row[position + 1:] for row in rows])
    report = VALIDATOR.validate(folder)
    cases = report.issues.filter(pl.col("table") == "cases")
    assert cases.filter(pl.col("code") == "FFB106")["column"].to_list() == ["opened_date"]
    assert cases.filter(pl.col("code") == "FFB201").is_empty()

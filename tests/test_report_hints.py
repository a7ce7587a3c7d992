"""Every issue says how to fix it: the hint field, near names for files, sheets and columns,
the tables an export must hold, and `ffb codes` to look codes up by Danish name."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from ffb.cli import main as ffb_main
from ffb.codes.lookup import lookup
from ffb.validate.catalogue import RULES
from ffb.validate.engine import Validator
from ffb.validate.hints import TEMPLATES, describe_pattern
from first_export import ASSESSMENTS, FIRST_EXPORT, write_first_export
from support import EXAMPLE, TODAY

VALIDATOR = Validator(today=TODAY)


@pytest.fixture(scope="module")
def first_issues(tmp_path_factory) -> pl.DataFrame:
    folder = write_first_export(tmp_path_factory.mktemp("first") / "export", {**FIRST_EXPORT, **ASSESSMENTS})
    return VALIDATOR.validate(folder).issues


def _one(issues: pl.DataFrame, **where) -> dict:
    rows = issues.filter(*[pl.col(k) == v for k, v in where.items()]).to_dicts()
    assert len(rows) == 1, (where, issues.select("code", "column", "value", "message").to_dicts())
    return rows[0]


def test_every_issue_has_a_hint(first_issues):
    assert "hint" in first_issues.columns
    empty = first_issues.filter(pl.col("hint").is_null() | (pl.col("hint") == ""))
    assert empty.is_empty(), empty.select("code", "message").to_dicts()


def test_every_rule_has_its_own_hint_in_both_languages():
    lacking = [code for code in RULES if code not in TEMPLATES]
    assert not lacking, f"rules without a hint template in ffb/validate/hints.py: {lacking}"


def test_unknown_code_names_the_list_in_danish_and_the_closest_values(first_issues):
    issue = _one(first_issues, code="FFB210", column="function_level")
    assert "Funktionsevneniveau" in issue["message"]
    moderat = lookup().exact("FunctionLevelEnum", "Moderat nedsat funktionsevne")
    assert issue["hint"].startswith(f"Nærmest: {moderat.key} (Moderat nedsat funktionsevne)")
    # A short list is given in full.
    for code in lookup().codes["FunctionLevelEnum"]:
        assert code.key in issue["hint"]


@pytest.mark.parametrize(("column", "expected"), [
    ("legal_basis", "Skriv SEL_85 (Serviceloven § 85"),
    ("daily_price_dkk", "Skriv 2345.50"),
])
def test_local_forms_in_interventions(first_issues, column, expected):
    hints = first_issues.filter(pl.col("column") == column)["hint"].to_list()
    assert any(h.startswith(expected) for h in hints), hints


def test_local_forms_vum_score_and_ownership(first_issues):
    assert _one(first_issues, code="FFB210", column="vum_score")["hint"].startswith("Skriv 3.5 ")
    # "Egen kommune" is ownership seen from the buyer; the contract stores the operator's kind.
    operator = _one(first_issues, code="FFB210", column="operator_kind")["hint"]
    assert operator.startswith("Nærmest: kommune (Kommunal).")


def test_a_pattern_is_said_in_words_never_as_a_regular_expression(first_issues):
    issue = _one(first_issues, code="FFB207", column="cvr")
    assert "8 cifre, fx 29189757" in issue["message"]
    assert "8 cifre, fx 29189757" in issue["hint"]
    for text in first_issues["message"].to_list() + first_issues["hint"].to_list():
        assert not re.search(r"\^|\$\)|\[0-9\]|\{\d", text), text


def test_every_pattern_of_the_contract_is_described_in_words():
    from ffb.contract.codes import load_contract

    for table in load_contract()["tables"]:
        for column in table["columns"]:
            if "pattern" in column:
                for lang in ("da", "en"):
                    words = describe_pattern(column["pattern"], lang)
                    assert "[" not in words and "^" not in words, (column["name"], words)


def test_danish_header_suggests_the_canonical_column(first_issues):
    unknown = _one(first_issues, code="FFB108", table="citizens")
    assert unknown["hint"] == "Omdøb kolonnen til municipality_code (Kommunekode)."
    missing = _one(first_issues, code="FFB106", table="citizens", column="municipality_code")
    assert "Kommunekode" in missing["hint"] and "omdøb" in missing["hint"]


def test_a_file_named_close_to_a_table_is_read_as_that_table(first_issues):
    assert first_issues.filter(pl.col("code") == "FFB110").is_empty()
    near = _one(first_issues, code="FFB120")
    assert near["table"] == "goal_conditions" and near["value"] == "goal_condition"
    assert _one(first_issues, code="FFB106", table="goal_conditions")["column"] == "rank"


def test_a_file_that_matches_no_table_lists_the_tables(tmp_path):
    folder = write_first_export(tmp_path / "export", {**FIRST_EXPORT, **ASSESSMENTS,
                                                       "noter.csv": "emne;tekst\nx;y\n"})
    issue = _one(VALIDATOR.validate(folder).issues, code="FFB110")
    for table in ("citizens", "cases", "assessments", "goal_conditions"):
        assert table in issue["hint"]


def test_hints_in_english(tmp_path):
    folder = write_first_export(tmp_path / "export", {**FIRST_EXPORT, **ASSESSMENTS})
    issues = VALIDATOR.validate(folder, lang="en").issues
    assert _one(issues, code="FFB108", table="citizens")["hint"] == "Rename the column to municipality_code (Kommunekode)."
    assert _one(issues, code="FFB207")["hint"] == "Write cvr as 8 digits, e.g. 29189757."


def test_hints_reach_csv_junit_and_text(tmp_path):
    folder = write_first_export(tmp_path / "export", {**FIRST_EXPORT, **ASSESSMENTS})
    report = VALIDATOR.validate(folder)
    from ffb.report.csv_format import render_csv
    from ffb.report.junit import render_junit
    from ffb.report.text import render_text

    wanted = "Omdøb kolonnen til municipality_code (Kommunekode)."
    assert render_csv(report).splitlines()[0].endswith(";besked;rettelse")
    for rendered in (render_csv(report), render_junit(report), render_text(report, width=400)):
        assert wanted in rendered


# --- the tables an export must hold --------------------------------------------------------------


def _only_citizens(tmp_path: Path) -> Path:
    folder = tmp_path / "only"
    folder.mkdir(exist_ok=True)
    (folder / "citizens.csv").write_bytes((EXAMPLE / "citizens.csv").read_bytes())
    return folder


def test_an_export_without_cases_and_assessments_is_invalid(tmp_path):
    report = VALIDATOR.validate(_only_citizens(tmp_path))
    assert not report.valid
    missing = report.issues.filter(pl.col("code") == "FFB122")
    assert sorted(missing["table"].to_list()) == ["assessments", "cases"]
    assert set(report.issues.filter(pl.col("code") == "FFB116")["table"]) >= {"goals", "prices"}


def test_naming_the_tables_checks_them_alone(tmp_path):
    report = VALIDATOR.validate(_only_citizens(tmp_path), table="citizens")
    assert report.valid and report.issues.is_empty()
    report = VALIDATOR.validate(_only_citizens(tmp_path), table=["citizens", "cases"])
    assert _one(report.issues, code="FFB122")["table"] == "cases"


def test_cli_table_is_repeatable(tmp_path):
    folder = _only_citizens(tmp_path)
    command = [sys.executable, "-m", "ffb.validate", str(folder), "--today", "2026-11-23"]
    assert subprocess.run(command, capture_output=True).returncode == 1
    assert subprocess.run([*command, "--table", "citizens"], capture_output=True).returncode == 0
    result = subprocess.run([*command, "--table", "citizens", "--table", "cases"], capture_output=True, text=True)
    assert result.returncode == 1 and "FFB122" in result.stdout


def test_the_complete_example_needs_no_table_named():
    assert VALIDATOR.validate(EXAMPLE).valid


# --- workbooks with sheets that are no table -------------------------------------------------------


def test_a_notes_sheet_does_not_make_a_workbook_invalid(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    import csv

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for table in ("citizens", "cases", "assessments"):
        sheet = workbook.create_sheet(table)
        with (EXAMPLE / f"{table}.csv").open(encoding="utf-8") as handle:
            for row in csv.reader(handle):
                sheet.append(row)
    notes = workbook.create_sheet("Noter")
    notes.append(["Udtrukket af", "Dato"])
    notes.append(["Anne", "2024-03-01"])
    path = tmp_path / "udtraek.xlsx"
    workbook.save(path)
    report = VALIDATOR.validate(path)
    assert report.issues.filter(pl.col("code") == "FFB110").is_empty()
    ignored = _one(report.issues, code="FFB121")
    assert ignored["value"] == "Noter" and ignored["severity"] == "info"
    assert report.valid


# --- ffb codes ----------------------------------------------------------------------------------------


def test_codes_search_finds_a_code_by_its_danish_name():
    result = CliRunner().invoke(ffb_main, ["codes", "search", "moderat nedsat funktionsevne", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found[0]["title"] == "Moderat nedsat funktionsevne"
    assert found[0]["list"] == "FunctionLevelEnum" and found[0]["list_title"] == "Funktionsevneniveau"


def test_codes_search_gives_parent_and_legal_bases():
    result = CliRunner().invoke(ffb_main, ["codes", "search", "Pædagogisk udredning"])
    assert result.exit_code == 0
    assert "Overbegreb: Afklaring" in result.output and "Lovgrundlag: SEL_85" in result.output


def test_codes_search_reads_a_legal_basis_as_the_law_writes_it():
    result = CliRunner().invoke(ffb_main, ["codes", "search", "§ 85", "--list", "Lovgrundlag"])
    assert result.output.splitlines()[0].startswith("SEL_85  Serviceloven § 85")


def test_codes_search_without_a_match_exits_1():
    result = CliRunner().invoke(ffb_main, ["codes", "search", "qqqzzzxx"])
    assert result.exit_code == 1


def test_codes_show_lists_a_whole_list_by_danish_title():
    result = CliRunner().invoke(ffb_main, ["codes", "show", "Ejerform"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()[1:]] == [
        "egen_kommune", "anden_kommune", "region", "privat", "selvejende"]
    assert CliRunner().invoke(ffb_main, ["codes", "show", "NoSuchList"]).exit_code == 2


def test_ffb_h_shows_help_like_ffb_validate():
    result = CliRunner().invoke(ffb_main, ["-h"])
    assert result.exit_code == 0 and "codes" in result.output

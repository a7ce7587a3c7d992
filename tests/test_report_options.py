"""ffb-validate's options in every output format: --fail-on, --max-errors, --lang, --list-rules,
the row numbers of the text report and the masking of its one-line errors.

The command runs in this process (click's test runner), so that mutation testing sees it.
The assertions hold on facts a reader relies on (which rows, how many issues, which
language), not on the layout of the text report.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from ffb.validate.wording import SEVERITY_NAMES
from click.testing import CliRunner

from ffb.validate.catalogue import RULES
from ffb.validate.cli import main
from support import CLEAR_CPR, EXAMPLE, copy_example, fictional_cpr, set_cell

BAD_ROWS = [13, 17, 23, 29, 31, 37]  # rows of cases.csv given an unknown municipality code


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--today", "2026-11-23"], catch_exceptions=False)


@pytest.fixture()
def six_errors(tmp_path: Path) -> Path:
    folder = copy_example(tmp_path)
    for row in BAD_ROWS:
        set_cell(folder, "cases", row, "municipality_code", "999")
    return folder


@pytest.fixture()
def one_warning(tmp_path: Path) -> Path:
    folder = copy_example(tmp_path)
    set_cell(folder, "assessments", 4, "months_since_previous", "40")
    return folder


def _rows_named(text: str) -> list[int]:
    # Folders go first: the folder pytest gives a test may hold a number (pytest-37).
    text = re.sub(r"\S*/", "", text)
    return [row for row in BAD_ROWS if re.search(rf"(?<![0-9.,]){row}(?![0-9.,])", text)]


# --- the text report --------------------------------------------------------------------------
def test_text_report_names_every_row(six_errors: Path):
    result = run(str(six_errors))
    assert result.exit_code == 1
    body = result.stdout.split("\n", 1)[1]  # after the line naming the input
    assert _rows_named(body) == BAD_ROWS, result.stdout
    assert "6 fejl" in result.stdout and "cases" in result.stdout


def test_text_report_in_english(six_errors: Path):
    result = run(str(six_errors), "--lang", "en")
    assert "6 errors" in result.stdout and "Invalid" in result.stdout
    assert "Ugyldig" not in result.stdout and "fejl" not in result.stdout


@pytest.mark.parametrize("lang", ["da", "en"])
def test_text_report_honours_max_errors(six_errors: Path, lang: str):
    result = run(str(six_errors), "--max-errors", "2", "--lang", lang)
    assert result.exit_code == 1
    body = result.stdout.split("\n", 1)[1]
    assert len(_rows_named(body)) == 2, result.stdout
    # The counts still cover every issue, and the text says how many were left out.
    assert ("6 fejl" if lang == "da" else "6 errors") in result.stdout
    assert re.search(r"(?<![0-9])4(?![0-9]).*(--max-errors)", result.stdout), result.stdout


def test_max_errors_equal_to_the_issues_omits_nothing(six_errors: Path):
    result = run(str(six_errors), "--max-errors", "6", "--format", "json")
    report = json.loads(result.stdout)
    assert len(report["issues"]) == 6 and report["summary"]["omitted"] == 0


# --- CSV ------------------------------------------------------------------------------------------
def test_csv_report_honours_max_errors(six_errors: Path):
    result = run(str(six_errors), "--format", "csv", "--max-errors", "2", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert len(rows) == 2
    assert {r["table"] for r in rows} == {"cases"} and {int(r["row"]) for r in rows} <= set(BAD_ROWS)
    assert run(str(six_errors), "--format", "csv").stdout.count("\n") == 1 + 6


# --- JUnit ------------------------------------------------------------------------------------------
def _junit(result) -> ElementTree.Element:
    return ElementTree.fromstring(result.stdout)


def _listed_text(root: ElementTree.Element) -> str:
    return "\n".join((e.text or "") for e in root.iter() if e.tag in ("failure", "system-out"))


def test_junit_honours_max_errors(six_errors: Path):
    root = _junit(run(str(six_errors), "--format", "junit", "--max-errors", "2"))
    listed = _listed_text(root)
    assert len(_rows_named(listed)) == 2, listed
    assert len(_rows_named(_listed_text(_junit(run(str(six_errors), "--format", "junit"))))) == 6


def test_junit_warning_passes_by_default(one_warning: Path):
    result = run(str(one_warning), "--format", "junit")
    assert result.exit_code == 0
    root = _junit(result)
    assert root.get("failures") == "0" and not root.findall(".//failure")
    assert "FFB505" in ElementTree.tostring(root, encoding="unicode")


def test_junit_honours_fail_on_warning(one_warning: Path):
    result = run(str(one_warning), "--format", "junit", "--fail-on", "warning")
    assert result.exit_code == 1
    root = _junit(result)
    failures = root.findall(".//failure")
    assert root.get("failures") == "1" and len(failures) == 1
    assert failures[0].get("type") == "warning"
    case = next(c for c in root.iter("testcase") if c.find("failure") is not None)
    assert "FFB505" in case.get("name")


def test_json_and_exit_code_honour_fail_on_warning(one_warning: Path):
    default = run(str(one_warning), "--format", "json")
    strict = run(str(one_warning), "--format", "json", "--fail-on", "warning")
    assert (default.exit_code, strict.exit_code) == (0, 1)
    assert json.loads(default.stdout)["valid"] is True and json.loads(strict.stdout)["valid"] is False


# --- the rule listing ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["da", "en"])
def test_list_rules_as_text(lang: str):
    result = CliRunner().invoke(main, ["--list-rules", "--lang", lang])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(RULES)
    for line, rule in zip(lines, RULES.values()):
        assert line.split()[:2] == [rule.code, rule.name], line
        # Severities are named in the chosen language (fejl, advarsel, info in Danish).
        assert SEVERITY_NAMES[lang][rule.severity] in line.split() and line.rstrip().endswith(rule.title[lang]), line


@pytest.mark.parametrize("lang", ["da", "en"])
def test_list_rules_as_csv(lang: str):
    result = CliRunner().invoke(main, ["--list-rules", "--format", "csv", "--lang", lang])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["code"], r["name"], r["severity"], r["title"]) for r in rows] == [
        (r.code, r.name, r.severity, r.title[lang]) for r in RULES.values()
    ]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_list_rules_as_json(lang: str):
    result = CliRunner().invoke(main, ["--list-rules", "--format", "json", "--lang", lang])
    listed = {r["code"]: r for r in json.loads(result.stdout)}
    assert list(listed) == list(RULES)
    for code, rule in RULES.items():
        assert (listed[code]["name"], listed[code]["severity"], listed[code]["group"]) == (
            rule.name, rule.severity, rule.group)
        assert listed[code]["title"] == rule.title[lang] and listed[code]["message"] == rule.message[lang]


def test_list_rules_languages_differ():
    danish = CliRunner().invoke(main, ["--list-rules", "--format", "csv"]).stdout
    english = CliRunner().invoke(main, ["--list-rules", "--format", "csv", "--lang", "en"]).stdout
    assert danish != english
    assert RULES["FFB510"].title["da"] in danish and RULES["FFB510"].title["en"] in english


# --- one-line errors (exit 2) ---------------------------------------------------------------------
def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.stdout
    message = result.stderr
    # One line in one style; Danish (fejl) by default, English (error) with --lang en.
    assert message.count("\n") == 1 and message.startswith(("ffb-validate: fejl: ", "ffb-validate: error: ")), message
    assert "Traceback" not in message
    return message


def test_error_naming_a_missing_file_masks_a_cpr_number(tmp_path: Path):
    clear = fictional_cpr(day=12, month=3, year=85, serial=4321)
    message = _one_line_error(run(str(tmp_path / f"borger-{clear}.csv")))
    assert not CLEAR_CPR.search(message) and "120385-****" in message


def test_error_naming_an_unsupported_file_masks_a_cpr_number(tmp_path: Path):
    clear = fictional_cpr(day=1, month=11, year=70, serial=1111)
    path = tmp_path / f"{clear}.docx"
    path.write_bytes(b"not a table")
    message = _one_line_error(run(str(path)))
    assert not CLEAR_CPR.search(message) and "011170-****" in message


def test_error_naming_an_unknown_table_masks_a_cpr_number():
    clear = fictional_cpr(day=5, month=6, year=1, serial=2222)
    message = _one_line_error(run(str(EXAMPLE / "citizens.csv"), "--table", clear))
    assert not CLEAR_CPR.search(message)


def test_error_when_nothing_is_given():
    result = CliRunner().invoke(main, [])
    _one_line_error(result)


# --- long values -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("length", "shortened"), [(120, False), (121, True)])
def test_values_are_shortened_beyond_120_characters(length: int, shortened: bool, tmp_path: Path):
    folder = tmp_path / "package"
    folder.mkdir()
    value = ("x" * length)
    (folder / "citizens.csv").write_text(f"id,municipality_code\n{value},101\n", encoding="utf-8")
    result = run(str(folder), "--format", "json", "--lang", "en")
    [issue] = [i for i in json.loads(result.stdout)["issues"] if i["column"] == "id"]
    assert issue["value"] == (value[:120] + "…" if shortened else value)


def _citizens_with_unknown_codes(folder: Path, rows: int) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "citizens.csv"
    lines = "".join(f"borger-{n},999,1970,mand,\n" for n in range(rows))
    path.write_text(f"id,municipality_code,birth_year,sex,cpr\n{lines}", encoding="utf-8")
    return path


@pytest.mark.parametrize("total", [1000, 1001])
def test_a_column_full_of_one_problem_is_one_summary_line(total: int, tmp_path: Path):
    # Issues besides the unknown codes (notes on the file), counted on a one-row file.
    one = json.loads(run(str(_citizens_with_unknown_codes(tmp_path / "one", 1)), "--format", "json").stdout)
    others = len(one["issues"]) - 1
    path = _citizens_with_unknown_codes(tmp_path / "many", total - others)
    report = json.loads(run(str(path), "--format", "json").stdout)
    assert len(report["issues"]) == total
    text = run(str(path), "--lang", "en").stdout
    count = f"{total - others:,}"
    assert f"FFB210 × {count} in citizens.municipality_code, first rows 2, 3, 4, 5, 6 …" in text
    assert "FFB210 unknown-code" in text and len(text.splitlines()) < 30
    # Everything is accounted for by the summary, so nothing is said to be left out.
    assert "Showing" not in text


def test_text_lists_at_most_text_limit_lines_and_says_how_many_more(six_errors: Path, monkeypatch):
    from ffb.report import text as text_report
    from ffb.validate.engine import Validator

    monkeypatch.setattr(text_report, "TEXT_LIMIT", 4)
    report = Validator().validate(six_errors, lang="en")
    text = " ".join(text_report.render_text(report, width=300).split())
    assert len(_rows_named(text.split("Found by rule")[0].split("\n", 1)[-1])) == 4
    assert "Showing 4 of 6 issues, errors first; see the other 2 with --format json, csv or xlsx" in text



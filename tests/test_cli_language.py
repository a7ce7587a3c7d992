"""ffb-validate speaks the chosen language on stderr too, in one style of error line; its help
names every option and the exit codes; the Python API takes bytes and open files."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from ffb.validate import CannotRun, validate
from ffb.validate.wording import progress_text
from support import EXAMPLE

COMMAND = [sys.executable, "-m", "ffb.validate"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("args", "danish"), [
    (["--format", "xml", str(EXAMPLE)], "ffb-validate: fejl: ugyldig værdi for --format; vælg en af: text, json, csv, junit"),
    (["--formt", "json", str(EXAMPLE)], "ffb-validate: fejl: ukendt tilvalg --formt (mente du --format?)"),
    (["no-such-folder"], "ffb-validate: fejl: no-such-folder: filen eller mappen findes ikke"),
    ([str(EXAMPLE), "--table", "borgere"], "ffb-validate: fejl: ukendt tabel 'borgere'; tabellerne er: citizens"),
])
def test_errors_are_one_danish_line(args, danish):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith(danish), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Error:" not in result.stderr and "Usage:" not in result.stderr


def test_errors_in_english_with_lang_en():
    result = run("no-such-folder", "--lang", "en")
    assert result.stderr.strip() == "ffb-validate: error: no-such-folder: no such file or folder"
    result = run("--format", "xml", "--lang", "en", str(EXAMPLE))
    assert result.stderr.startswith("ffb-validate: error: invalid value for --format")


def test_list_rules_refuses_junit_instead_of_printing_text():
    result = run("--list-rules", "--format", "junit")
    assert result.returncode == 2 and result.stdout == ""
    assert "--list-rules kan ikke skrives som junit" in result.stderr


def test_rule_listing_in_danish_has_no_english_severities():
    listing = run("--list-rules").stdout
    assert " fejl " in listing and " advarsel " in listing
    assert " error " not in listing and " warning " not in listing


def test_help_documents_every_option_and_the_exit_codes():
    from ffb.validate.cli import main

    lacking = [p.name for p in main.params if getattr(p, "help", None) is None and p.param_type_name == "option"
               and p.name not in ("help", "version")]
    assert not lacking, f"options without help text: {lacking}"
    text = run("-h").stdout
    for line in ("0  valid", "1  invalid", "2  could not run"):
        assert line in text


def test_progress_says_what_runs_after_reading():
    assert progress_text("prices", 54, "da") == "prices: 54 rækker læst"
    assert progress_text("interventions", 1234567, "da") == "interventions: 1.234.567 rækker læst"
    assert progress_text("keys", None, "da") == "tjekker nøgler og henvisninger"
    assert progress_text("FFB301, FFB302", None, "en") == "checking rules across tables (FFB301, FFB302)"


def test_the_validator_reports_its_stages_to_progress():
    from ffb.validate.engine import Validator

    stages = []
    Validator().validate(EXAMPLE, progress=lambda stage, rows: stages.append((stage, rows)))
    read = [s for s, rows in stages if rows is not None]
    after = [s for s, rows in stages if rows is None]
    assert "citizens" in read and after[0] == "keys"
    assert any(s.startswith("FFB3") for s in after)


def test_api_accepts_bytes_and_open_files():
    data = (EXAMPLE / "citizens.csv").read_bytes()
    by_path = validate(EXAMPLE / "citizens.csv")
    for source in (data, io.BytesIO(data), io.StringIO(data.decode("utf-8")),
                   open(EXAMPLE / "citizens.csv", "rb")):
        report = validate(source)
        assert report.valid and report.tables["citizens"]["rows"] == by_path.tables["citizens"]["rows"]
        assert "ffb-input-" not in report.input + report.tables["citizens"]["source"]


def test_api_bytes_of_a_workbook_are_read_as_a_workbook(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.title = "citizens"
    workbook.active.append(["id", "municipality_code"])
    workbook.active.append(["borger-1", "101"])
    path = tmp_path / "x.xlsx"
    workbook.save(path)
    report = validate(path.read_bytes())
    assert report.kind == "workbook" and "citizens" in report.tables


def test_api_raises_cannot_run_for_what_cannot_be_validated():
    with pytest.raises(CannotRun):
        validate("no-such-file.csv")
    with pytest.raises(CannotRun):
        validate(EXAMPLE, table="borgere")

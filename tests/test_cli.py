"""ffb-validate as a command: exit codes, output formats, the rule listing."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import pytest
from support import EXAMPLE, copy_example, set_cell

from ffb.validate.catalogue import RULES

COMMAND = [sys.executable, "-m", "ffb.validate"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *args, "--today", "2026-11-23"], capture_output=True, text=True, timeout=120)


def broken_example(tmp_path):
    folder = copy_example(tmp_path)
    set_cell(folder, "cases", 3, "opened_date", "2023-02-30")
    set_cell(folder, "assessments", 4, "months_since_previous", "40")
    return folder


def test_valid_input_exits_0_with_a_verdict():
    result = run(str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert "Gyldig" in result.stdout


def test_invalid_input_exits_1(tmp_path):
    result = run(str(broken_example(tmp_path)), "--lang", "en")
    assert result.returncode == 1
    assert "is not a valid date" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_fail_on_warning(tmp_path):
    folder = copy_example(tmp_path)
    set_cell(folder, "assessments", 4, "months_since_previous", "40")
    assert run(str(folder)).returncode == 0
    assert run(str(folder), "--fail-on", "warning").returncode == 1


def test_could_not_run_exits_2(tmp_path):
    missing = run(str(tmp_path / "nothing-here.csv"))
    assert missing.returncode == 2
    assert "nothing-here.csv" in missing.stderr and "Traceback" not in missing.stderr
    unsupported = tmp_path / "export.docx"
    unsupported.write_bytes(b"not a table")
    assert run(str(unsupported)).returncode == 2
    assert run(str(EXAMPLE), "--format", "yaml").returncode == 2
    assert run(str(EXAMPLE), "--table", "no_such_table").returncode == 2
    assert run().returncode == 2


def test_json_report(tmp_path):
    result = run(str(broken_example(tmp_path)), "--format", "json")
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["summary"]["counts"] == {"error": 1, "warning": 1, "info": 0}
    assert report["summary"]["rules"]["FFB205"]["count"] == 1
    assert report["summary"]["tables"]["cases"] == {"error": 1}
    [issue] = [i for i in report["issues"] if i["code"] == "FFB205"]
    assert {k: issue[k] for k in ("table", "row", "column", "value")} == {
        "table": "cases", "row": 3, "column": "opened_date", "value": "2023-02-30",
    }
    assert set(issue) >= {"code", "severity", "table", "row", "column", "value", "message", "pointer"}


def test_csv_report(tmp_path):
    result = run(str(broken_example(tmp_path)), "--format", "csv", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [(r["code"], r["table"], r["row"]) for r in rows] == [("FFB205", "cases", "3"), ("FFB505", "assessments", "4")]


def test_csv_report_in_danish_opens_in_danish_excel(tmp_path):
    """A byte-order mark, `;` (Danish Excel's list separator), Danish headers and severities."""
    result = run(str(broken_example(tmp_path)), "--format", "csv")
    assert result.stdout.startswith("\ufeffkode;alvor;fil;tabel;række;")
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"))
    assert [(r["kode"], r["alvor"], r["række"]) for r in rows] == [("FFB205", "fejl", "3"), ("FFB505", "advarsel", "4")]
    assert all(r["rettelse"] for r in rows)


def test_junit_report(tmp_path):
    result = run(str(broken_example(tmp_path)), "--format", "junit")
    root = ElementTree.fromstring(result.stdout)
    failures = root.findall(".//failure")
    assert len(failures) == 1 and "2023-02-30" in failures[0].text
    assert root.get("failures") == "1"
    suites = {suite.get("name") for suite in root.findall("testsuite")}
    assert {"cases", "assessments", "citizens"} <= suites


def test_output_file_and_max_errors(tmp_path):
    folder = copy_example(tmp_path)
    for row in range(2, 8):
        set_cell(folder, "cases", row, "municipality_code", "999")
    target = tmp_path / "report.json"
    result = run(str(folder), "--format", "json", "--max-errors", "2", "--output", str(target))
    assert result.returncode == 1 and result.stdout == ""
    report = json.loads(target.read_text(encoding="utf-8"))
    assert len(report["issues"]) == 2
    assert report["summary"]["counts"]["error"] == 6 and report["summary"]["omitted"] == 4


@pytest.mark.parametrize("lang", ["da", "en"])
def test_list_rules_as_json(lang):
    result = subprocess.run([*COMMAND, "--list-rules", "--format", "json", "--lang", lang],
                            capture_output=True, text=True, check=True)
    rules = json.loads(result.stdout)
    assert [r["code"] for r in rules] == list(RULES)
    for listed in rules:
        rule = RULES[listed["code"]]
        assert (listed["name"], listed["severity"], listed["group"]) == (rule.name, rule.severity, rule.group)
        assert (listed["title"], listed["message"]) == (rule.title[lang], rule.message[lang])
        assert listed["description"] == rule.description


@pytest.mark.parametrize("lang", ["da", "en"])
def test_list_rules_as_text_and_csv(lang):
    text = subprocess.run([*COMMAND, "--list-rules", "--lang", lang], capture_output=True, text=True, check=True)
    lines = text.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(RULES)
    assert all(line.rstrip().endswith(RULES[line.split()[0]].title[lang]) for line in lines)
    table = subprocess.run([*COMMAND, "--list-rules", "--format", "csv", "--lang", lang],
                           capture_output=True, text=True, check=True)
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert [(r["code"], r["name"], r["severity"], r["title"]) for r in rows] == [
        (r.code, r.name, r.severity, r.title[lang]) for r in RULES.values()]

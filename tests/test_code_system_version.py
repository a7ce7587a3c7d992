"""FFB131: a package that says its codes follow another FFB code system or version."""

from __future__ import annotations

import json

import pytest

from ffb.contract.codes import load_contract
from ffb.validate.engine import Validator
from support import TODAY, copy_example

SCHEMA = load_contract()["schema"]


def _validate_with(tmp_path, change):
    folder = copy_example(tmp_path)
    descriptor = folder / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    change(data)
    descriptor.write_text(json.dumps(data), encoding="utf-8")
    return Validator(today=TODAY).validate(folder)


def _ffb131(report):
    return [(i["pointer"], i["column"], i["value"]) for i in report.issues.to_dicts() if i["code"] == "FFB131"]


def test_an_older_code_system_version_is_an_error(tmp_path):
    report = _validate_with(tmp_path, lambda d: d["ffb"].update(code_system_version="20190101"))
    assert _ffb131(report) == [("/ffb/code_system_version", "code_system_version", "20190101")]
    assert not report.valid


def test_another_code_system_is_an_error(tmp_path):
    report = _validate_with(tmp_path, lambda d: d["ffb"].update(code_system="urn:oid:1.2.3"))
    assert _ffb131(report) == [("/ffb/code_system", "code_system", "urn:oid:1.2.3")]


@pytest.mark.parametrize(
    "change",
    [lambda d: None, lambda d: d.pop("ffb"), lambda d: d["ffb"].pop("code_system_version"),
     lambda d: d["ffb"].update(code_system_version=SCHEMA["ffb_code_system_version"])],
    ids=["as-generated", "no-ffb-block", "no-version", "same-version"],
)
def test_the_contracts_version_or_no_statement_is_fine(tmp_path, change):
    report = _validate_with(tmp_path, change)
    assert _ffb131(report) == [] and report.valid


def test_the_message_names_both_versions(tmp_path):
    report = _validate_with(tmp_path, lambda d: d["ffb"].update(code_system_version="20190101"))
    (issue,) = [i for i in report.issues.to_dicts() if i["code"] == "FFB131"]
    assert "20190101" in issue["message"] and SCHEMA["ffb_code_system_version"] in issue["message"]
    assert SCHEMA["ffb_code_system_version"] in issue["hint"]

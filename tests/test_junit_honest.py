"""The JUnit report read as a CI system reads it (junitparser): a table with errors fails even
when the listing is cut short, and every count adds up."""

from __future__ import annotations

import pytest

from ffb.report.junit import render_junit
from ffb.validate.engine import Validator
from support import TODAY, copy_example, read_rows, write_rows

junitparser = pytest.importorskip("junitparser")
VALIDATOR = Validator(today=TODAY)


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """Errors in five tables: an invalid code in each."""
    folder = copy_example(tmp_path_factory.mktemp("junit"))
    for table, column in [("citizens", "sex"), ("cases", "closure_reason"), ("assessments", "kind"),
                          ("interventions", "legal_basis"), ("providers", "operator_kind")]:
        rows = read_rows(folder, table)
        index = rows[0].index(column)
        for row in rows[1:]:
            row[index] = "ukendt-kode"
        write_rows(folder, table, rows)
    return folder


def _parse(report, tmp_path):
    path = tmp_path / "report.xml"
    path.write_text(render_junit(report), encoding="utf-8")
    return junitparser.JUnitXml.fromfile(str(path))


@pytest.mark.parametrize("max_errors", [None, 3, 1])
def test_truncation_never_turns_a_failing_table_into_a_pass(broken, tmp_path, max_errors):
    report = VALIDATOR.validate(broken, max_errors=max_errors)
    xml = _parse(report, tmp_path)
    failed = {}
    for suite in xml:
        for case in suite:
            if any(isinstance(r, junitparser.Failure) for r in case.result):
                failed.setdefault(suite.name, []).append(case.name)
    assert set(failed) == {"citizens", "cases", "assessments", "interventions", "providers"}
    for suite in xml:
        if suite.name in failed:
            assert all(case.name != "valid" for case in suite)


def test_counts_add_up(broken, tmp_path):
    report = VALIDATOR.validate(broken, max_errors=3)
    xml = _parse(report, tmp_path)
    suites = list(xml)
    cases = [case for suite in suites for case in suite]
    failing = [case for case in cases if any(isinstance(r, junitparser.Failure) for r in case.result)]
    assert xml.tests == len(cases) == sum(suite.tests for suite in suites)
    assert xml.failures == len(failing) == sum(suite.failures for suite in suites)
    for suite in suites:
        assert suite.tests == len(list(suite))


def test_failure_message_counts_every_issue_not_the_listed_ones(broken, tmp_path):
    report = VALIDATOR.validate(broken, max_errors=1)
    xml = _parse(report, tmp_path)
    rows = len(read_rows(broken, "interventions")) - 1
    suite = next(s for s in xml if s.name == "interventions")
    case = next(c for c in suite if c.name.startswith("FFB210"))
    assert case.result[0].message.startswith(f"{rows} × ")


def test_valid_input_is_one_passing_case_per_table(tmp_path):
    from support import EXAMPLE

    xml = _parse(VALIDATOR.validate(EXAMPLE), tmp_path)
    assert xml.failures == 0 and xml.tests == 11

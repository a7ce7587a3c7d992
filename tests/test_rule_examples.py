"""Every rule's own examples, run through ffb-validate.

The catalogue gives each rule a failing example (`bad`) and its smallest fix (`good`): a few
small tables as CSV text. Each is written to a folder as <table>.csv and validated; the
failing one must report the rule, the passing one must not (and must hold no other error
either). The docs pages show the same examples, so what they promise is tested here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl
import pytest

from ffb.validate.catalogue import RULES, Rule
from ffb.validate.engine import Validator
from support import CLEAR_CPR

ROOT = Path(__file__).resolve().parents[1]
# A fixed day of validation, so that FFB509 (dates in the future) does not drift.
TODAY = dt.date(2026, 11, 23)
# Every example leaves out columns; the reader notes each missing optional one.
EXPECTED_IN_SNIPPETS = {"FFB107"}
# Modules whose code may emit a rule: the readers, the field rules, the keys and the rules
# across tables.
EMITTING_MODULES = [
    *sorted((ROOT / "src/ffb/read").glob("*.py")),
    ROOT / "src/ffb/validate/fields.py",
    ROOT / "src/ffb/validate/keys.py",
    *sorted((ROOT / "src/ffb/validate/rules").glob("*.py")),
]
EMITTED_CODE = re.compile(r"[\"'](FFB[0-9]{3})[\"']")

EXAMPLE_RULES = [rule for rule in RULES.values() if rule.bad or rule.good]


@pytest.fixture()
def validator() -> Validator:
    # One per test (about 40 ms), so that mutation testing sees which tests reach the field
    # rules the validator compiles.
    return Validator(today=TODAY)


def _validate(validator: Validator, tables: dict[str, str], folder: Path) -> pl.DataFrame:
    """Write each table as <name>.csv into `folder` and validate the folder.

    The snippets hold a few tables on purpose, so they are named as the tables expected.
    """
    folder.mkdir()
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    expected = [name for name in tables if name in validator.tables]
    return validator.validate(folder, expected, lang="en").issues


def _shown(issues: pl.DataFrame) -> str:
    return "\n".join(f"  {c} {t} row {r}: {m}" for c, t, r, m in
                     issues.select("code", "table", "row", "message").iter_rows()) or "  (none)"


def _param(rule: Rule):
    return pytest.param(rule, id=rule.code)


@pytest.mark.parametrize("rule", [_param(r) for r in EXAMPLE_RULES if r.bad])
def test_failing_example_reports_the_rule(rule: Rule, validator: Validator, tmp_path: Path):
    issues = _validate(validator, rule.bad, tmp_path / "bad")
    assert rule.code in issues["code"].to_list(), (
        f"{rule.code}'s failing example does not report {rule.code}; it reports:\n{_shown(issues)}"
    )


@pytest.mark.parametrize("rule", [_param(r) for r in EXAMPLE_RULES if r.good])
def test_passing_example_does_not_report_the_rule(rule: Rule, validator: Validator, tmp_path: Path):
    issues = _validate(validator, rule.good, tmp_path / "good")
    own = issues.filter(pl.col("code") == rule.code)
    assert own.is_empty(), f"{rule.code}'s passing example still reports it:\n{_shown(own)}"
    # The smallest fix leaves nothing else wrong either: only notes (info) and the
    # columns the snippet leaves out.
    expected = set(EXPECTED_IN_SNIPPETS)
    if "cpr" in rule.good.get("citizens", "\n").splitlines()[0].split(","):
        expected.add("FFB601")  # a filled-in CPR number is always noted, also in a passing example
    other = issues.filter(pl.col("severity").is_in(["error", "warning"])
                          & ~pl.col("code").is_in(sorted(expected)))
    assert other.is_empty(), f"{rule.code}'s passing example has other problems:\n{_shown(other)}"


# --- the catalogue is complete -----------------------------------------------------------------


def test_every_field_and_cross_table_rule_has_both_examples():
    lacking = [code for code, rule in RULES.items()
               if code[3] in "23456" and not (rule.bad and rule.good)]
    assert not lacking, f"rules without a failing and a passing example: {lacking}"


def test_every_structure_rule_has_an_example_or_a_note():
    lacking = [code for code, rule in RULES.items()
               if code[3] == "1" and not ((rule.bad and rule.good) or rule.example_note)]
    assert not lacking, f"FFB1xx rules without an example or example_note: {lacking}"


@pytest.mark.parametrize("rule", [_param(r) for r in EXAMPLE_RULES])
def test_examples_are_small_and_differ(rule: Rule):
    assert rule.bad != rule.good
    for tables in (rule.bad, rule.good):
        for name, text in tables.items():
            rows = text.splitlines()[1:]
            assert len(rows) <= 3, f"{rule.code} {name}: {len(rows)} rows; keep examples to 1–3"
            assert text.endswith("\n") and not text.startswith("\n"), f"{rule.code} {name}"


def test_every_code_the_modules_emit_is_in_the_catalogue():
    emitted = {}
    for module in EMITTING_MODULES:
        for code in EMITTED_CODE.findall(module.read_text(encoding="utf-8")):
            emitted.setdefault(code, module.relative_to(ROOT).as_posix())
    assert emitted, "no rule codes found in the rule modules"
    unknown = {code: where for code, where in emitted.items() if code not in RULES}
    assert not unknown, f"codes emitted but not in the catalogue: {unknown}"
    # Every rule FFB2xx–FFB6xx is emitted somewhere: a catalogue entry no code can produce
    # would document a check that does not exist.
    silent = [code for code in RULES if code[3] in "23456" and code not in emitted]
    assert not silent, f"catalogue rules no module emits: {silent}"


def test_catalogue_source_holds_no_cpr_shaped_number():
    """The privacy examples build their fictional CPR-shaped value from parts."""
    source = (ROOT / "src/ffb/validate/catalogue.py").read_text(encoding="utf-8")
    assert not CLEAR_CPR.search(source)


# --- cases that once went wrong -------------------------------------------------------------------
# Each case is input that the catalogue's description says should (not) give the rule.

BUG_CASES = [
    pytest.param(
        "FFB314",
        {"case_target_groups": "case_id,target_group,rank\n"
                               "sag-1,303deb9b-84f0-49d2-ab7a-f8b98eed40a2,1.0\n"},
        False,
        id="FFB314-after-rejected-rank",
    ),
    pytest.param(
        "FFB304",
        {"goals": "id,assessment_id,goal_type\nmaal-1,reg-1,d41c8072-52f8-42b5-9375-ddbea454d27f\n",
         "goal_conditions": "goal_id,condition_id,rank\nmaal-1,tilstand-1,en\n"},
        False,
        id="FFB304-after-rejected-rank",
    ),
    pytest.param(
        "FFB211",
        {"citizens": "id,municipality_code,sex\nborger-1,101,Kvinde\n"},
        True,
        id="FFB211-name-differs-from-code-in-case-only",
    ),
    pytest.param(
        "FFB601",
        {"citizens": "id,municipality_code,cpr\nborger-1,101,ukendt\n"},
        False,
        id="FFB601-not-for-a-value-that-is-no-cpr-number",
    ),
]


@pytest.mark.parametrize(("code", "tables", "expected"), BUG_CASES)
def test_case_that_once_went_wrong(code: str, tables: dict[str, str], expected: bool, validator: Validator,
                  tmp_path: Path):
    issues = _validate(validator, tables, tmp_path / "case")
    assert (code in issues["code"].to_list()) is expected, _shown(issues)

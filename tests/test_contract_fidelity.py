"""The contract says what KL's FFB and the law say: legal bases, goals, municipalities, CPR.

Each test pairs a failing and a passing case where it can; the rules' own examples (run by
test_rule_examples.py) cover the rest.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from ffb.contract import legal_bases
from ffb.contract.codes import Codes, load_contract
from ffb.contract.ownership import derive_ownership
from ffb.validate.engine import Validator
from ffb.validate.rules.cpr_facts import age_at, cpr_birth_date, cpr_birth_year, cpr_sex

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "canonical"
CODES = Codes()
VALIDATOR = Validator(today=dt.date(2026, 11, 23))


def _rows(name: str) -> list[dict[str, str]]:
    with (EXAMPLE / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _validate(tmp_path: Path, **tables: str) -> pl.DataFrame:
    for name, text in tables.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return VALIDATOR.validate(tmp_path, lang="da").issues


def _codes_of(issues: pl.DataFrame) -> set[str]:
    return set(issues["code"].to_list())


# --- the reviewed table of legal bases -------------------------------------------------------


def _displays(reference_dir: Path) -> set[str]:
    code_system = json.loads((reference_dir / "CodeSystem-FFB.json").read_text("utf-8"))
    found: set[str] = set()

    def walk(concept: dict) -> None:
        for child in concept.get("concept", []):
            found.add(child["display"])
            walk(child)

    walk(code_system)
    return found


def test_every_row_of_the_table_names_a_real_concept_and_section(reference_dir):
    displays = _displays(reference_dir)
    sections = set(CODES.keys("LegalBasisEnum"))
    for table in (legal_bases.SERVICES, legal_bases.OFFER_TYPES):
        for display, row in table.items():
            assert display in displays, f"{display!r} is not an FFB concept"
            assert row.sections and set(row.sections) <= sections, display
            assert row.source.strip(), f"{display!r} cites no source"


def test_the_table_is_what_the_schema_carries():
    services = CODES.values("ServiceEnum")
    for display, row in legal_bases.SERVICES.items():
        value = services[CODES.code("ServiceEnum", display)]
        assert value["legal_bases"] == " ".join(row.sections)
        assert value["legal_basis_source"] == row.source
    # Nothing else carries sections: the old harvest from definition texts is gone.
    carried = [v["title"] for v in services.values() if "legal_bases" in v]
    assert sorted(carried) == sorted(legal_bases.SERVICES)


def test_sections_the_harvest_got_wrong_are_right_now():
    services = CODES.values("ServiceEnum")
    practical = services[CODES.code("ServiceEnum", "Støtte til praktiske opgaver")]
    # Its definition mentions § 83 only to set it apart from it.
    assert "legal_bases" not in practical  # inherits Socialpædagogisk støtte's row: § 85 only
    parent = services[CODES.code("ServiceEnum", "Socialpædagogisk støtte")]
    assert parent["legal_bases"] == "SEL_85"
    assert services[CODES.code("ServiceEnum", "Gruppebaseret hjælp og støtte")]["legal_bases"] == "SEL_82a"
    assert services[CODES.code("ServiceEnum", "Akut rådgivning, omsorg og støtte")]["legal_bases"] == "SEL_82c"


def test_section_82_c_and_82_d_exist_and_sections_without_services_are_marked():
    values = CODES.values("LegalBasisEnum")
    assert {"SEL_82c", "SEL_82d"} <= set(values)
    without = {k for k, v in values.items() if v.get("ffb_services") == "none"}
    assert {"SEL_83", "SEL_84", "SEL_95", "SEL_96", "SEL_97", "SEL_98", "SEL_99", "SEL_101", "SEL_102"} <= without
    named = {s for table in (legal_bases.SERVICES,) for row in table.values() for s in row.sections}
    assert not without & named, "a section marked as without FFB services has services in the table"
    assert all(v.get("short", "").startswith(("§", "ABL §", "ældreloven")) for v in values.values())


INTERVENTIONS = "id,case_id,service,legal_basis,offer_type,start_date,hours_per_month_individual,daily_price_dkk,price_year\n"


def _service(title: str) -> str:
    return CODES.code("ServiceEnum", title)


def _offer(title: str) -> str:
    return CODES.code("OfferTypeEnum", title)


@pytest.mark.parametrize(
    ("row", "flagged"),
    [
        # § 107 stay in a § 108 home: wrong.
        (f"y,s,{_service('Midlertidigt ophold')},SEL_107,{_offer('Almindeligt længerevarende botilbud til voksne')},2024-03-01,,1850,2024", True),
        # § 85 support in a § 108 home: normal.
        (f"y,s,{_service('Støtte til daglige opgaver i hjemmet')},SEL_85,{_offer('Almindeligt længerevarende botilbud til voksne')},2024-03-01,12,,", False),
        # Socialpædagogisk støtte under § 108 and Gruppebaseret hjælp under § 85: wrong.
        (f"y,s,{_service('Socialpædagogisk støtte')},SEL_108,,2024-03-01,,1850,2024", True),
        (f"y,s,{_service('Gruppebaseret hjælp og støtte')},SEL_85,,2024-03-01,4,,", True),
        # Støtte til praktiske opgaver under § 83: wrong (its definition sets it apart from § 83).
        (f"y,s,{_service('Støtte til praktiske opgaver')},SEL_83,,2024-03-01,4,,", True),
        # § 82 c akuttilbud: right.
        (f"y,s,{_service('Akut rådgivning, omsorg og støtte')},SEL_82c,{_offer('Socialt akuttilbud')},2024-03-01,,,", False),
        (f"y,s,{_service('Akut rådgivning, omsorg og støtte')},SEL_85,,2024-03-01,4,,", True),
        # No section at all: FFB201 says so; nothing can misfit a section that is not there.
        (f"y,s,{_service('Støtte til etablering i bolig')},,,2024-03-01,4,,", False),
    ],
)
def test_service_and_offer_type_against_legal_basis(tmp_path, row, flagged):
    issues = _validate(tmp_path, interventions=INTERVENTIONS + row + "\n")
    assert ("FFB407" in _codes_of(issues)) is flagged, issues.select("code", "message").rows()


def test_messages_print_sections_and_danish_names(tmp_path):
    row = f"y,s,{_service('Midlertidigt ophold')},SEL_107,{_offer('Almindeligt længerevarende botilbud til voksne')},2024-03-01,,1850,2024"
    issues = _validate(tmp_path, interventions=INTERVENTIONS + row + "\n")
    [message] = issues.filter(pl.col("code") == "FFB407")["message"].to_list()
    assert "§ 107" in message and "§ 108" in message and "Almindeligt længerevarende botilbud" in message
    assert "SEL_" not in message


def test_a_section_without_ffb_service_can_be_written_down(tmp_path):
    (tmp_path / "bpa").mkdir()
    (tmp_path / "support").mkdir()
    bpa = _validate(tmp_path / "bpa", interventions=INTERVENTIONS + "y,s,,SEL_96,,2024-03-01,160,,\n")
    support = _validate(tmp_path / "support", interventions=INTERVENTIONS + "y,s,,SEL_85,,2024-03-01,16,,\n")
    assert "FFB408" not in _codes_of(bpa)
    assert "FFB408" in _codes_of(support)


# --- ownership, paying and acting municipality ----------------------------------------------


def test_ownership_is_relative_to_the_buyer():
    providers = pl.DataFrame({"id": ["p1", "p2", "p3"], "operator_kind": ["kommune", "region", "kommune"],
                              "operator_municipality_code": ["665", None, "665"]})
    cases = pl.DataFrame({"id": ["lemvig", "struer"], "municipality_code": ["665", "671"]})
    interventions = pl.DataFrame({
        "case_id": ["lemvig", "struer", "lemvig", "lemvig"],
        "provider_id": ["p1", "p1", "p2", "p3"],
        "paying_municipality_code": [None, None, None, "671"],
    })
    derived = derive_ownership(interventions, cases, providers)
    assert derived["ownership"].to_list() == ["egen_kommune", "anden_kommune", "region", "anden_kommune"]


def test_own_budget_funded_housing_needs_no_daily_price(tmp_path):
    providers = "id,name,operator_kind,operator_municipality_code\nown,Botilbuddet,kommune,665\nother,Bocenter,kommune,661\n"
    cases = "id,citizen_id,municipality_code,opened_date\ns,b,665,2024-01-01\n"
    rows = "id,case_id,service,legal_basis,provider_id,start_date\n"
    stay = _service("Midlertidigt ophold")
    (tmp_path / "own").mkdir()
    (tmp_path / "bought").mkdir()
    own = _validate(tmp_path / "own", providers=providers, cases=cases,
                    interventions=rows + f"y,s,{stay},SEL_107,own,2024-03-01\n")
    bought = _validate(tmp_path / "bought", providers=providers, cases=cases,
                       interventions=rows + f"y,s,{stay},SEL_107,other,2024-03-01\n")
    assert "FFB402" not in _codes_of(own)
    assert "FFB402" in _codes_of(bought)


# --- CPR ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cpr", "year", "sex"),
    [
        ("010190-1234", 1990, "kvinde"),  # seventh digit 1: the 1900s
        ("010105-4321", 2005, "mand"),    # 4 and year <= 36: the 2000s
        ("010170-4321", 1970, "mand"),    # 4 and year > 36: the 1900s
        ("010160-5001", 1860, "mand"),    # 5–8 and year > 57: the 1800s
        ("0101209002", 2020, "kvinde"),   # 9 and year <= 36, without the dash
    ],
)
def test_birth_year_and_sex_from_a_cpr_number(cpr, year, sex):
    frame = pl.DataFrame({"cpr": [cpr]}).select(cpr_birth_year().alias("year"), cpr_sex().alias("sex"),
                                                cpr_birth_date().alias("born"))
    assert frame.row(0) == (year, sex, dt.date(year, 1, 1))


def test_age_from_a_birth_date_is_exact():
    frame = pl.DataFrame({"day": [dt.date(2024, 6, 14), dt.date(2024, 6, 15)], "born": [dt.date(2006, 6, 15)] * 2})
    assert frame.select(age_at(pl.col("day"), pl.col("born")))["day"].to_list() == [17, 18]


# --- the shipped example ------------------------------------------------------------------------


def test_example_has_the_grants_goals_and_municipalities_the_contract_promises():
    sections = {row["legal_basis"] for row in _rows("interventions")}
    assert {"SEL_82c", "SEL_85", "SEL_96", "SEL_107", "SEL_108"} <= sections
    levels = {row["goal_level"] for row in _rows("goals")}
    assert levels == set(CODES.keys("GoalLevelEnum"))
    acting = {row["id"]: row["municipality_code"] for row in _rows("cases")}
    differ = [r for r in _rows("interventions")
              if r["paying_municipality_code"] and r["paying_municipality_code"] != acting[r["case_id"]]]
    assert differ, "no service is paid by another municipality than the one acting"
    sub_goals = [row for row in _rows("goals") if row["goal_level"] == "delmaal"]
    assert sub_goals and all(row["parent_goal_id"] for row in sub_goals)


def test_every_goal_target_fits_its_primary_condition():
    """FFB311 the way KL's model has it holds for every goal of the example."""
    steps = {k: v["ordinal"] for k, v in CODES.values("FunctionLevelEnum").items() if "ordinal" in v}
    level = {row["id"]: steps.get(row["function_level"]) for row in _rows("conditions")}
    primary = {row["goal_id"]: level[row["condition_id"]] for row in _rows("goal_conditions") if row["rank"] == "1"}
    develop, keep = CODES.code("GoalTypeEnum", "Udvikle funktionsevne"), CODES.code("GoalTypeEnum", "Fastholde funktionsevne")
    checked = 0
    for goal in _rows("goals"):
        if goal["id"] not in primary or not goal["target_function_level"]:
            continue
        target, now = steps[goal["target_function_level"]], primary[goal["id"]]
        if goal["goal_type"] == develop:
            assert target < now, goal["id"]
        elif goal["goal_type"] == keep:
            assert target == now, goal["id"]
        else:
            assert target >= now, goal["id"]
        checked += 1
    assert checked > 50


def test_income_basis_values_cite_their_law():
    values = load_contract()["enums"]["IncomeBasisEnum"]["values"]
    for key in ("seniorpension", "tidlig_pension", "efterloen", "revalidering", "selvforsoergelses_og_hjemrejseydelse"):
        assert key in values
    assert all(value.get("source") for value in values.values())


def test_local_scales_and_goal_attainment_cite_their_source():
    enums = load_contract()["enums"]
    for name in ("VumScoreEnum", "VumLetterEnum", "SepGoalTypeEnum", "SepGoalAttainmentEnum", "SupportLetterEnum",
                 "GoalAttainmentEnum"):
        assert "SEP" in enums[name].get("source", ""), name
    for name in ("VumScoreEnum", "VumLetterEnum", "SepGoalTypeEnum", "SepGoalAttainmentEnum", "SupportLetterEnum"):
        assert enums[name].get("mapping_source"), name

"""Every rule with a numeric or date bound, checked just below, on and just above its bound.

A rule whose bound moves by one step (`>` for `>=`, 250 for 251, 18 for 17) must turn one of
these cases red. The inputs are the smallest tables that reach the rule; the expectations
come from the rules' descriptions in the catalogue and from KL's FFB, never from the code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ffb.contract.codes import load_contract
from snippets import CODES, issues_of, shown, table, validate_tables
from support import TODAY

DAY = dt.timedelta(days=1)
HOUSING = CODES.code("ServiceEnum", "Midlertidigt ophold")  # § 107
SUPPORT = CODES.code("ServiceEnum", "Støtte til daglige opgaver i hjemmet")  # § 85


def _fires(tmp_path: Path, code: str, tables: dict[str, str]) -> bool:
    report = validate_tables(tmp_path / "case", tables, lang="en")
    return not issues_of(report, code).is_empty()


def _case(code: str, expected: bool, tables: dict[str, str], label: str):
    return pytest.param(code, expected, tables, id=f"{code}-{label}")


# --- FFB404: more than 250 hours a month in all ------------------------------------------------
def _hours(individual: str, group: str = "") -> dict[str, str]:
    return {"interventions": table(
        "id,case_id,service,legal_basis,start_date,hours_per_month_individual,hours_per_month_group",
        f"ydelse-1,sag-1,{SUPPORT},SEL_85,2024-03-04,{individual},{group}")}


# --- FFB405: a daily price below 100 or above 25,000 kroner ------------------------------------
def _daily_price(price: str) -> dict[str, str]:
    return {"interventions": table(
        "id,case_id,service,legal_basis,start_date,daily_price_dkk,price_year",
        f"ydelse-1,sag-1,{HOUSING},SEL_107,2024-03-04,{price},2024")}


# --- FFB406: a price outside its unit's range ------------------------------------------------
PRICE_RANGES = {"dag": ("100", "25000"), "time": ("100", "3000"), "maaned": ("1000", "750000")}


def _price(amount: str, unit: str) -> dict[str, str]:
    return {"prices": table(
        "id,provider_id,legal_basis,amount_dkk,price_unit,valid_from,price_year",
        f"pris-1,tp-1,SEL_85,{amount},{unit},2024-01-01,2024")}


def _price_cases():
    for unit, (low, high) in PRICE_RANGES.items():
        yield _case("FFB406", True, _price(f"{float(low) - 0.01:.2f}", unit), f"{unit}-below-{low}")
        yield _case("FFB406", False, _price(low, unit), f"{unit}-on-{low}")
        yield _case("FFB406", False, _price(high, unit), f"{unit}-on-{high}")
        yield _case("FFB406", True, _price(f"{high}.01", unit), f"{unit}-above-{high}")


# --- FFB501: a period that ends before it starts ------------------------------------------------
PERIODS = {
    "cases": ("id,citizen_id,municipality_code,opened_date,closed_date,closure_reason",
              "sag-1,borger-1,101,{start},{end},intet_behov_fagperson"),
    "interventions": ("id,case_id,service,legal_basis,start_date,end_date,hours_per_month_individual",
                      f"ydelse-1,sag-1,{SUPPORT},SEL_85,{{start}},{{end}},20"),
    "prices": ("id,provider_id,legal_basis,amount_dkk,price_unit,valid_from,valid_to,price_year",
               "pris-1,tp-1,SEL_85,500,time,{start},{end},2024"),
    "goals": ("id,assessment_id,goal_type,set_date,expected_date",
              f"maal-1,reg-1,{CODES.code('GoalTypeEnum', 'Udvikle funktionsevne')},{{start}},{{end}}"),
}


def _period_cases():
    for name, (header, row) in PERIODS.items():
        for end, expected, label in (("2024-03-09", True, "day-before-start"),
                                     ("2024-03-10", False, "same-day"),
                                     ("2024-03-11", False, "day-after")):
            yield _case("FFB501", expected, {name: table(header, row.format(start="2024-03-10", end=end))},
                        f"{name}-{label}")


# --- FFB502: a follow-up before the assessment it follows --------------------------------------
def _follow_up(day: str) -> dict[str, str]:
    return {"assessments": table("id,case_id,assessment_date,kind", "reg-1,sag-1,2024-03-10,visitation"),
            "follow_ups": table("id,assessment_id,follow_up_date", f"opf-1,reg-1,{day}")}


# --- FFB503/504: the order of a case's registrations ----------------------------------------------
def _registrations(*rows: tuple[str, str]) -> dict[str, str]:
    return {"assessments": table("id,case_id,assessment_date,kind",
                                 *(f"reg-{i},sag-1,{day},{kind}" for i, (day, kind) in enumerate(rows, 1)))}


# --- FFB505: months_since_previous within one month of the dates -------------------------------
def _months(later: str, stated: str) -> dict[str, str]:
    return {"assessments": table("id,case_id,assessment_date,kind,months_since_previous",
                                 "reg-1,sag-1,2024-03-10,visitation,",
                                 f"reg-2,sag-1,{later},opfoelgning,{stated}")}


# --- FFB507/508: things that happen while the case is open (2024-03-01 – 2024-09-30) ----------
CASE = table("id,citizen_id,municipality_code,opened_date,closed_date,closure_reason",
             "sag-1,borger-1,101,2024-03-01,2024-09-30,intet_behov_fagperson")
OPEN_CASE = table("id,citizen_id,municipality_code,opened_date", "sag-1,borger-1,101,2024-03-01")
INSIDE = {
    "FFB507": ("assessments", "id,case_id,assessment_date,kind", "reg-1,sag-1,{day},visitation"),
    "FFB508": ("interventions", "id,case_id,service,legal_basis,start_date,hours_per_month_individual",
               f"ydelse-1,sag-1,{SUPPORT},SEL_85,{{day}},20"),
}


def _inside_cases():
    for code, (name, header, row) in INSIDE.items():
        for day, expected, label in (("2024-02-29", True, "day-before-opening"),
                                     ("2024-03-01", False, "opening-day"),
                                     ("2024-09-30", False, "closing-day"),
                                     ("2024-10-01", True, "day-after-closing")):
            yield _case(code, expected, {"cases": CASE, name: table(header, row.format(day=day))}, label)
        yield _case(code, False, {"cases": OPEN_CASE, name: table(header, row.format(day="2026-01-01"))},
                    "open-case")


# --- FFB509: dates of things that have happened, after the day of validation -------------------
PAST_DATES = {
    ("cases", "opened_date"): ("id,citizen_id,municipality_code,opened_date", "sag-1,borger-1,101,{day}"),
    ("cases", "closed_date"): ("id,citizen_id,municipality_code,opened_date,closed_date,closure_reason",
                               "sag-1,borger-1,101,2024-03-01,{day},intet_behov_fagperson"),
    ("case_target_groups", "recorded_date"): (
        "case_id,target_group,rank,recorded_date",
        f"sag-1,{CODES.code('TargetGroupEnum', 'Angst')},1,{{day}}"),
    ("assessments", "assessment_date"): ("id,case_id,assessment_date,kind", "reg-1,sag-1,{day},visitation"),
    ("goals", "set_date"): ("id,assessment_id,goal_type,set_date",
                            f"maal-1,reg-1,{CODES.code('GoalTypeEnum', 'Udvikle funktionsevne')},{{day}}"),
    ("follow_ups", "follow_up_date"): ("id,assessment_id,follow_up_date", "opf-1,reg-1,{day}"),
}
# Planned dates may lie ahead.
PLANNED_DATES = {
    ("goals", "expected_date"): ("id,assessment_id,goal_type,set_date,expected_date",
                                 f"maal-1,reg-1,{CODES.code('GoalTypeEnum', 'Udvikle funktionsevne')},"
                                 "2024-03-10,{day}"),
    ("interventions", "end_date"): ("id,case_id,service,legal_basis,start_date,end_date,hours_per_month_individual",
                                    f"ydelse-1,sag-1,{SUPPORT},SEL_85,2024-03-04,{{day}},20"),
    ("prices", "valid_to"): ("id,provider_id,legal_basis,amount_dkk,price_unit,valid_from,valid_to,price_year",
                             "pris-1,tp-1,SEL_85,500,time,2024-01-01,{day},2024"),
}


def _future_cases():
    for (name, column), (header, row) in PAST_DATES.items():
        for day, expected, label in ((TODAY - DAY, False, "yesterday"), (TODAY, False, "today"),
                                     (TODAY + DAY, True, "tomorrow")):
            yield _case("FFB509", expected, {name: table(header, row.format(day=day.isoformat()))},
                        f"{name}.{column}-{label}")
    for (name, column), (header, row) in PLANNED_DATES.items():
        yield _case("FFB509", False, {name: table(header, row.format(day=(TODAY + DAY).isoformat()))},
                    f"{name}.{column}-planned-tomorrow")


# --- FFB510: under 18 when the case opened --------------------------------------------------------
def _age(birth_year: int) -> dict[str, str]:
    return {"citizens": table("id,municipality_code,birth_year", f"borger-1,101,{birth_year}"),
            "cases": table("id,citizen_id,municipality_code,opened_date", "sag-1,borger-1,101,2024-12-31")}


# --- FFB304/305 and FFB308/314: exactly one primary (rank 1) ---------------------------------------
def _goal_ranks(*ranks: int) -> dict[str, str]:
    goal_type = CODES.code("GoalTypeEnum", "Udvikle funktionsevne")
    return {"goals": table("id,assessment_id,goal_type", f"maal-1,reg-1,{goal_type}"),
            "goal_conditions": table("goal_id,condition_id,rank",
                                     *(f"maal-1,tilstand-{i},{rank}" for i, rank in enumerate(ranks, 1)))}


TARGET_GROUPS = [CODES.code("TargetGroupEnum", t) for t in ("Angst", "Stofmisbrug")] + [
    k for k in CODES.keys("TargetGroupEnum") if CODES.values("TargetGroupEnum")[k].get("selectable", True)
    and CODES.title("TargetGroupEnum", k) not in ("Angst", "Stofmisbrug")][:1]


def _target_ranks(*ranks: int) -> dict[str, str]:
    return {"case_target_groups": table("case_id,target_group,rank",
                                        *(f"sag-1,{g},{r}" for g, r in zip(TARGET_GROUPS, ranks)))}


# --- FFB309/310: goals_set against the number of goals --------------------------------------------
def _goals_set(flag: str, goals: int) -> dict[str, str]:
    goal_type = CODES.code("GoalTypeEnum", "Udvikle funktionsevne")
    tables = {"assessments": table("id,case_id,assessment_date,kind,goals_set",
                                   f"reg-1,sag-1,2024-03-10,visitation,{flag}"),
              "goals": table("id,assessment_id,goal_type", *(f"maal-{i},reg-1,{goal_type}" for i in range(goals)))}
    return tables


CASES = [
    _case("FFB404", False, _hours("250"), "on-250"),
    _case("FFB404", True, _hours("250.5"), "above-250"),
    _case("FFB404", False, _hours("200", "50"), "individual-and-group-on-250"),
    _case("FFB404", True, _hours("200", "51"), "individual-and-group-above-250"),
    _case("FFB404", True, _hours("", "251"), "group-only-above-250"),
    _case("FFB405", True, _daily_price("99.99"), "below-100"),
    _case("FFB405", False, _daily_price("100"), "on-100"),
    _case("FFB405", False, _daily_price("25000"), "on-25000"),
    _case("FFB405", True, _daily_price("25000.01"), "above-25000"),
    *_price_cases(),
    *_period_cases(),
    _case("FFB502", True, _follow_up("2024-03-09"), "day-before"),
    _case("FFB502", False, _follow_up("2024-03-10"), "same-day"),
    _case("FFB503", True, _registrations(("2024-03-10", "visitation"), ("2024-03-09", "opfoelgning")),
          "day-before-visitation"),
    _case("FFB503", False, _registrations(("2024-03-10", "visitation"), ("2024-03-10", "opfoelgning")),
          "same-day-as-visitation"),
    _case("FFB504", False, _registrations(("2024-03-10", "visitation"), ("2024-09-10", "opfoelgning")),
          "one-visitation"),
    _case("FFB504", True, _registrations(("2024-03-10", "visitation"), ("2024-09-10", "visitation")),
          "two-visitations"),
    # 2024-03-10 to 2024-09-10 is 6 whole months, to 2024-09-09 only 5.
    _case("FFB505", False, _months("2024-09-10", "5"), "one-below"),
    _case("FFB505", False, _months("2024-09-10", "6"), "exact"),
    _case("FFB505", False, _months("2024-09-10", "7"), "one-above"),
    _case("FFB505", True, _months("2024-09-10", "4"), "two-below"),
    _case("FFB505", True, _months("2024-09-10", "8"), "two-above"),
    _case("FFB505", True, _months("2024-09-09", "7"), "day-short-of-six-months"),
    _case("FFB505", False, _months("2024-09-09", "4"), "day-short-of-six-months-one-below"),
    _case("FFB505", True, _months("2025-03-10", "10"), "across-a-year-two-below"),
    _case("FFB505", False, _months("2025-03-10", "11"), "across-a-year-one-below"),
    *_inside_cases(),
    *_future_cases(),
    _case("FFB510", False, _age(2006), "18-years"),
    _case("FFB510", True, _age(2007), "17-years"),
    _case("FFB304", True, _goal_ranks(2), "no-primary"),
    _case("FFB304", False, _goal_ranks(1, 2), "one-primary"),
    _case("FFB305", False, _goal_ranks(1, 2), "one-primary"),
    _case("FFB305", True, _goal_ranks(1, 1), "two-primaries"),
    _case("FFB314", True, _target_ranks(2, 2), "no-primary"),
    _case("FFB314", False, _target_ranks(1, 2), "one-primary"),
    _case("FFB308", False, _target_ranks(1, 2), "one-primary"),
    _case("FFB308", True, _target_ranks(1, 1), "two-primaries"),
    _case("FFB309", True, _goals_set("false", 1), "false-one-goal"),
    _case("FFB309", False, _goals_set("false", 0), "false-no-goal"),
    _case("FFB310", True, _goals_set("true", 0), "true-no-goal"),
    _case("FFB310", False, _goals_set("true", 1), "true-one-goal"),
]


@pytest.mark.parametrize(("code", "expected", "tables"), CASES)
def test_bound(code: str, expected: bool, tables: dict[str, str], tmp_path: Path):
    report = validate_tables(tmp_path / "case", tables, lang="en")
    found = issues_of(report, code)
    assert (not found.is_empty()) is expected, (
        f"{code} {'not ' if expected else ''}reported; the report has:\n{shown(report.issues)}"
    )


def test_several_primaries_are_reported_once_per_case_on_the_second(tmp_path: Path):
    report = validate_tables(tmp_path / "case", _target_ranks(1, 1, 1), lang="en")
    found = issues_of(report, "FFB308")
    assert found.select("row", "value").rows() == [(3, "sag-1")], shown(found)
    assert "3 primary target groups" in found["message"][0]


def test_three_visitations_are_reported_once(tmp_path: Path):
    tables = _registrations(("2024-03-10", "visitation"), ("2024-05-10", "visitation"), ("2024-07-10", "visitation"))
    found = issues_of(validate_tables(tmp_path / "case", tables, lang="en"), "FFB504")
    assert found.height == 1 and "has 3 initial visitations" in found["message"][0], shown(found)


def test_ffb505_states_the_months_the_dates_give(tmp_path: Path):
    found = issues_of(validate_tables(tmp_path / "case", _months("2024-09-09", "12"), lang="en"), "FFB505")
    assert found["message"].to_list() == [
        "It says 12 months since the previous assessment, but the dates give 5."
    ]


def test_ffb510_states_the_age(tmp_path: Path):
    found = issues_of(validate_tables(tmp_path / "case", _age(2007), lang="en"), "FFB510")
    assert "was 17 when" in found["message"][0], shown(found)


# --- field bounds from the contract: FFB208 (below minimum) and FFB209 (above maximum) ----------
def _bounded_columns():
    for spec in load_contract()["tables"]:
        for column in spec["columns"]:
            step = 1 if column["type"] == "integer" else 0.01
            for bound, code, outside in (("minimum", "FFB208", -step), ("maximum", "FFB209", step)):
                if bound not in column:
                    continue
                limit = column[bound]
                for value, expected in ((limit, False), (limit + outside, True), (limit - outside, False)):
                    text = f"{value:.2f}" if step != 1 else str(value)
                    yield pytest.param(spec["name"], column["name"], text, code, expected,
                                       id=f"{spec['name']}.{column['name']}={text}")


BOUNDED = list(_bounded_columns())


def test_the_contract_has_bounded_columns():
    assert len({(p.values[0], p.values[1]) for p in BOUNDED}) >= 8


@pytest.mark.parametrize(("name", "column", "value", "code", "expected"), BOUNDED)
def test_field_bound(name: str, column: str, value: str, code: str, expected: bool, tmp_path: Path):
    report = validate_tables(tmp_path / "case", {name: table(column, value)}, lang="en")
    found = issues_of(report, code).filter(issues_of(report, code)["column"] == column)
    assert (not found.is_empty()) is expected, shown(report.issues)
    if expected:
        assert found["row"].to_list() == [2] and found["value"].to_list() == [value]


@pytest.mark.parametrize(("given", "shown_as"), [("99.99", "99.99"), ("55500.00", "55500"), ("25000.5", "25000.5")])
def test_amounts_are_shown_as_given_whole_ones_without_decimals(given: str, shown_as: str, tmp_path: Path):
    found = issues_of(validate_tables(tmp_path / "case", _daily_price(given), lang="en"), "FFB405")
    assert found["value"].to_list() == [shown_as]
    assert found["message"][0].startswith(f"The daily price {shown_as} DKK is outside")


def test_hours_in_all_are_shown_as_a_sum(tmp_path: Path):
    found = issues_of(validate_tables(tmp_path / "case", _hours("200.25", "50.5"), lang="en"), "FFB404")
    assert found["value"].to_list() == ["250.75"]
    assert "above 250" in found["message"][0]


# --- FFB311: the expected level against the level found, per goal type --------------------------
# FFB's function levels are ordered from no (0) to complete (4) reduction of function; a lower
# step is a better level. The goal's primary condition was found at the middle step, 2; the
# assessment's overall level (4 here) plays no part, since in KL's model the expected level
# belongs to the primary condition.
def _goal(goal_type: str, target_step: int) -> dict[str, str]:
    now = CODES.by_ordinal("FunctionLevelEnum", 2)
    overall = CODES.by_ordinal("FunctionLevelEnum", 4)
    target = CODES.by_ordinal("FunctionLevelEnum", target_step)
    kind = CODES.code("GoalTypeEnum", goal_type)
    cooking = CODES.code("ConditionEnum", "Lave mad")
    return {"assessments": table("id,case_id,assessment_date,kind,function_level",
                                 f"reg-1,sag-1,2024-03-10,visitation,{overall}"),
            "conditions": table("id,assessment_id,condition,function_level", f"t-1,reg-1,{cooking},{now}"),
            "goals": table("id,assessment_id,goal_type,target_function_level", f"maal-1,reg-1,{kind},{target}"),
            "goal_conditions": table("goal_id,condition_id,rank", "maal-1,t-1,1")}


@pytest.mark.parametrize(("goal_type", "target_step", "expected"), [
    ("Udvikle funktionsevne", 1, False), ("Udvikle funktionsevne", 2, True), ("Udvikle funktionsevne", 3, True),
    ("Fastholde funktionsevne", 1, True), ("Fastholde funktionsevne", 2, False), ("Fastholde funktionsevne", 3, True),
    ("Begrænse tab af funktionsevne", 1, True), ("Begrænse tab af funktionsevne", 2, False),
    ("Begrænse tab af funktionsevne", 3, False),
])
def test_goal_target_against_type(goal_type: str, target_step: int, expected: bool, tmp_path: Path):
    report = validate_tables(tmp_path / "case", _goal(goal_type, target_step), lang="en")
    assert (not issues_of(report, "FFB311").is_empty()) is expected, shown(report.issues)


@pytest.mark.parametrize(("case", "day", "period"), [
    (CASE, "2024-10-01", "2024-03-01 – 2024-09-30"),
    (OPEN_CASE, "2024-02-29", "2024-03-01 – "),
])
def test_outside_the_case_names_the_period(case: str, day: str, period: str, tmp_path: Path):
    name, header, row = INSIDE["FFB507"]
    report = validate_tables(tmp_path / "case", {"cases": case, name: table(header, row.format(day=day))}, lang="en")
    assert issues_of(report, "FFB507")["message"].to_list() == [
        f"The assessment ({day}) lies outside the case's period ({period})."
    ]

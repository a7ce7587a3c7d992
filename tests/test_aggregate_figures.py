"""Every key figure on a small package whose figures were worked out by hand.

Three citizens in two municipalities (101 and 147), `--min-n 1` so nothing is hidden, and a
price index where 2024 is 10 % above 2021. The comments give the arithmetic.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from ffb.aggregate.run import aggregate
from ffb.canonical.writer import write_package
from ffb.contract.codes import Codes

D = dt.date
codes = Codes()
LEVEL = {o: codes.by_ordinal("FunctionLevelEnum", o) for o in range(5)}
SUPPORT = {o: codes.by_ordinal("SupportNeedLevelEnum", o) for o in range(5)}
DEVELOP = codes.code("GoalTypeEnum", "Udvikle funktionsevne")
KEEP = codes.code("GoalTypeEnum", "Fastholde funktionsevne")
AUTISM = codes.code("TargetGroupEnum", "Autismespektrum")
ANXIETY = codes.code("TargetGroupEnum", "Angst")
INTELLECTUAL = codes.code("TargetGroupEnum", "Intellektuel/kognitiv forstyrrelse")
MENTAL = codes.code("TargetGroupEnum", "Psykiske vanskeligheder")
CONTINUE = codes.code("InterventionStatusEnum", "Træf afgørelse om fortsættelse af indsats")
ACTIVITY = codes.descendants("ConditionEnum", "Aktivitet og deltagelse", leaves_only=True)[0]
SERVICE = {
    "SEL_85": codes.code("ServiceEnum", "Støtte til daglige opgaver i hjemmet"),
    "SEL_107": codes.code("ServiceEnum", "Midlertidigt ophold"),
    "SEL_108": codes.code("ServiceEnum", "Længerevarende ophold"),
}


def _package() -> dict[str, list[dict]]:
    t: dict[str, list[dict]] = {name: [] for name in (
        "citizens", "cases", "case_target_groups", "assessments", "conditions", "goals",
        "goal_conditions", "interventions", "follow_ups", "providers", "prices")}
    for cid, municipality, born, target in (("c1", "101", 1990, AUTISM), ("c2", "101", 1960, ANXIETY), ("c3", "147", 1985, ANXIETY)):
        t["citizens"].append({"id": cid, "municipality_code": municipality, "birth_year": born, "sex": "kvinde"})
        t["cases"].append({"id": "k" + cid[1], "citizen_id": cid, "municipality_code": municipality,
                           "case_number": f"27.36.04-G01-{cid}", "opened_date": D(2021, 1, 1)})
        t["case_target_groups"].append({"case_id": "k" + cid[1], "target_group": target, "rank": 1, "recorded_date": D(2021, 1, 1)})
    # case, number, date, level, support, income, goals set
    registrations = [
        ("k1", 1, D(2021, 2, 1), 2, 2, "foertidspension", True),
        ("k1", 2, D(2022, 2, 1), 1, 2, "foertidspension", True),
        ("k1", 3, D(2023, 8, 1), 1, 1, "foertidspension", False),
        ("k2", 1, D(2021, 2, 1), 3, 3, "kontanthjaelp_aktivitetsparat", False),
        ("k2", 2, D(2021, 8, 1), 4, 3, "kontanthjaelp_aktivitetsparat", False),
        ("k3", 1, D(2021, 3, 1), 2, 1, "foertidspension", True),
        ("k3", 2, D(2022, 3, 1), 2, 1, "foertidspension", False),
    ]
    previous = {}
    for case, number, day, level, support, income, goals in registrations:
        aid = f"{case}-r{number}"
        months = None
        if number > 1:
            before = previous[case]
            months = (day.year - before.year) * 12 + day.month - before.month
        previous[case] = day
        t["assessments"].append({
            "id": aid, "case_id": case, "assessment_date": day, "kind": "visitation" if number == 1 else "opfoelgning",
            "months_since_previous": months, "initiator": "myndighed", "function_level": LEVEL[level],
            "vum_score": str(level), "support_need_level": SUPPORT[support], "income_basis": income,
            "employment_effort": False, "goals_set": goals})
        if goals:
            t["conditions"].append({"id": aid + "-t1", "assessment_id": aid, "condition": ACTIVITY, "function_level": LEVEL[level]})
    # goal, assessment, type, target level
    for gid, aid, kind, target, day in (
        ("g1", "k1-r1", DEVELOP, 1, D(2021, 2, 1)), ("g2", "k1-r1", KEEP, 2, D(2021, 2, 1)),
        ("g3", "k1-r2", KEEP, 1, D(2022, 2, 1)), ("g4", "k3-r1", DEVELOP, 1, D(2021, 3, 1)),
    ):
        t["goals"].append({"id": gid, "assessment_id": aid, "goal_type": kind, "target_function_level": LEVEL[target],
                           "target_vum_score": str(target), "goal_level": "indsatsmaal", "set_date": day,
                           "expected_date": day + dt.timedelta(days=365)})
        t["goal_conditions"].append({"goal_id": gid, "condition_id": aid + "-t1", "rank": 1})
    for fid, aid, day, gid, attainment in (
        ("f1", "k1-r1", D(2022, 2, 1), "g1", "opfyldt"), ("f2", "k1-r1", D(2022, 2, 1), "g2", "delvist_opfyldt"),
        ("f3", "k1-r2", D(2023, 8, 1), "g3", "ikke_opfyldt"),
        ("f4", "k3-r1", D(2021, 9, 1), "g4", "opfyldt"), ("f5", "k3-r1", D(2022, 3, 1), "g4", "ikke_opfyldt"),
    ):
        t["follow_ups"].append({"id": fid, "assessment_id": aid, "follow_up_date": day, "initiator": "myndighed",
                                "intervention_status": CONTINUE, "goal_id": gid, "goal_attainment": attainment})
    # Who runs each provider; P2 is run by 101 itself, so it is "egen_kommune" for 101's cases.
    for pid, name, kind, runs in (("P1", "Bakkely", "selvejende", None), ("P2", "Bostøtten", "kommune", "101"),
                                  ("P3", "Længebo", "privat", None)):
        t["providers"].append({"id": pid, "name": name, "operator_kind": kind, "operator_municipality_code": runs,
                               "municipality_code": "101"})
    # id, case, legal basis, provider, start, end, individual hours, group hours, daily price
    for iid, case, basis, provider, start, end, hours, group, price in (
        ("i1", "k1", "SEL_107", "P1", D(2021, 2, 10), D(2022, 1, 31), None, None, "2000.00"),
        ("i2", "k1", "SEL_85", "P2", D(2022, 2, 1), None, 20, 4, None),
        ("i3", "k2", "SEL_107", "P1", D(2021, 2, 10), None, None, None, "2200.00"),
        ("i4", "k3", "SEL_85", "P2", D(2021, 3, 5), D(2022, 6, 30), 30, None, None),
        ("i5", "k3", "SEL_108", "P3", D(2021, 6, 1), D(2022, 6, 30), None, None, "3000.00"),
    ):
        t["interventions"].append({
            "id": iid, "case_id": case, "service": SERVICE[basis], "legal_basis": basis, "provider_id": provider,
            "start_date": start, "end_date": end, "hours_per_month_individual": hours, "hours_per_month_group": group,
            "daily_price_dkk": price, "price_year": 2021 if price else None})
    return t


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> pl.DataFrame:
    root = tmp_path_factory.mktemp("hand")
    write_package(root / "package", _package())
    index = root / "index.csv"
    index.write_text("year,price_index\n2021,100\n2024,110\n", encoding="utf-8")
    result = aggregate([root / "package"], root / "out", min_n=1, price_index=index, price_year=2024, report=False)
    assert result.loaded.excluded.height == 0, result.loaded.excluded
    return result.cells.frame


def value(frame: pl.DataFrame, metric: str, municipality: str = "alle", **groups: str) -> float:
    rows = frame.filter(pl.col("metric") == metric, pl.col("municipality_code") == municipality,
                        *[pl.col(k) == v for k, v in groups.items()])
    assert rows.height == 1, f"{metric} {municipality} {groups}: {rows.height} rows"
    return rows["value"][0]


M = 30.4375  # days in an average month
CASES = [
    # share of cases with goals at the first registration: k1 yes, k2 no (101); k3 yes (147)
    ("goals_set_share", "101", {"goals_set": "ja"}, 50.0),
    ("goals_set_share", "147", {"goals_set": "ja"}, 100.0),
    ("goals_set_share", "alle", {"goals_set": "ja"}, 200 / 3),
    # goals at the first registration: k1 develop + keep, k3 develop
    ("goal_type_distribution", "101", {"goal_type": DEVELOP}, 50.0),
    ("goal_type_distribution", "alle", {"goal_type": DEVELOP}, 200 / 3),
    ("goal_type_distribution", "alle", {"goal_type": KEEP}, 100 / 3),
    # first level: k1 moderate, k2 severe, k3 moderate
    ("function_level_first", "101", {"function_level": LEVEL[3]}, 50.0),
    ("function_level_first", "alle", {"function_level": LEVEL[2]}, 200 / 3),
    # 1 → 2: k1 2→1 better, k2 3→4 worse, k3 2→2 same; 2 → 3: k1 1→1 same
    ("function_level_change", "alle", {"step": "1-2", "from_level": "alle", "change": "better"}, 100 / 3),
    ("function_level_change", "alle", {"step": "1-2", "from_level": LEVEL[2], "change": "same"}, 50.0),
    ("function_level_change", "101", {"step": "1-2", "from_level": LEVEL[3], "change": "worse"}, 100.0),
    ("function_level_change", "alle", {"step": "2-3", "from_level": LEVEL[1], "change": "same"}, 100.0),
    # latest follow-up per goal: g1 met, g2 partly, g3 not, g4 not (its earlier "met" is superseded)
    ("goal_attainment", "alle", {"goal_type": DEVELOP, "attainment": "opfyldt"}, 50.0),
    ("goal_attainment", "alle", {"goal_type": DEVELOP, "attainment": "ikke_opfyldt"}, 50.0),
    ("goal_attainment", "147", {"goal_type": DEVELOP, "attainment": "ikke_opfyldt"}, 100.0),
    ("goal_attainment", "101", {"goal_type": KEEP, "attainment": "delvist_opfyldt"}, 50.0),
    ("goal_attainment", "alle", {"goal_type": "alle", "attainment": "ikke_opfyldt"}, 50.0),
    # days between registrations: 1 → 2: k1 365, k2 181, k3 365; 2 → 3: k1 546
    ("months_between_registrations", "101", {"step": "1-2"}, (365 + 181) / 2 / M),
    ("months_between_registrations", "alle", {"step": "1-2"}, (365 + 181 + 365) / 3 / M),
    ("months_between_registrations", "alle", {"step": "2-3"}, 546 / M),
    # § 107 at 2024 prices (× 1.1): k1 2,000 → 2,200 (moderate, 31 years, intellectual),
    # k2 2,200 → 2,420 (severe, 61 years, mental health)
    ("price_107_by_function_level", "alle", {"function_level": LEVEL[2]}, 2200.0),
    ("price_107_by_function_level", "101", {"function_level": "alle"}, 2310.0),
    ("price_107_by_age_group", "alle", {"age_group": "40_plus"}, 2420.0),
    ("price_107_by_target_group", "alle", {"target_group": INTELLECTUAL}, 2200.0),
    # § 85 hours: k1 20 + 4 = 24 from 2022-02-01 (level then: slight, registration 2; 32 years),
    # k3 30 from 2021-03-05 (moderate; 36 years)
    ("hours_85_by_function_level", "alle", {"function_level": LEVEL[1]}, 24.0),
    ("hours_85_by_function_level", "alle", {"function_level": LEVEL[2]}, 30.0),
    ("hours_85_by_age_group", "alle", {"age_group": "under_40"}, 27.0),
    ("hours_85_by_target_group", "147", {"target_group": MENTAL}, 30.0),
    # income at the first registration: k1 and k3 disability pension, k2 social assistance
    ("income_basis", "alle", {"income_basis": "foertidspension"}, 200 / 3),
    ("income_basis", "101", {"income_basis": "kontanthjaelp_aktivitetsparat"}, 50.0),
    # support need within function level, first registration: moderate → moderate (k1), slight (k3)
    ("support_need_by_function_level", "alle", {"function_level": LEVEL[2], "support_need": SUPPORT[1]}, 50.0),
    ("support_need_by_function_level", "alle", {"function_level": LEVEL[3], "support_need": SUPPORT[3]}, 100.0),
    # daily prices by ownership: P1 self-governing 2,200 and 2,420; P3 private 3,000 → 3,300
    ("price_by_ownership", "alle", {"ownership": "selvejende"}, 2310.0),
    ("price_by_ownership", "alle", {"ownership": "alle"}, (2200 + 2420 + 3300) / 3),
    ("price_by_ownership", "147", {"ownership": "privat"}, 3300.0),
    ("price_by_provider", "alle", {"ownership": "selvejende", "provider": "P1"}, 2310.0),
    ("price_by_provider", "alle", {"ownership": "privat", "provider": "P3"}, 3300.0),
    # ladder, 2021 → 2023 (the extract ends 2023-08-01): c1 § 107 (4) → § 85 (2) lower;
    # c2 § 107 → § 107 same; c3 § 108 (5, above its § 85) → nothing left in 2023
    ("indsatstrappe_movements", "alle", {"year": "2021", "from_step": "4", "movement": "lower"}, 50.0),
    ("indsatstrappe_movements", "alle", {"year": "2021", "from_step": "4", "movement": "same"}, 50.0),
    ("indsatstrappe_movements", "147", {"year": "2021", "from_step": "5", "movement": "none"}, 100.0),
    ("indsatstrappe_movements", "alle", {"year": "2021", "from_step": "alle", "movement": "none"}, 100 / 3),
    # completeness: every first registration has goals_set; the 107 figures see two services, both complete
    ("data_completeness", "alle", {"figure": "goals_set_share", "complete": "ja"}, 100.0),
    ("data_completeness", "101", {"figure": "price_107_by_function_level", "complete": "ja"}, 100.0),
]


@pytest.mark.parametrize(("metric", "municipality", "groups", "expected"), CASES,
                         ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)])
def test_hand_computed(figures, metric, municipality, groups, expected) -> None:
    assert value(figures, metric, municipality, **groups) == pytest.approx(expected, abs=1e-6)


def test_every_figure_has_a_hand_computed_case() -> None:
    from ffb.aggregate.figures import load_figures

    assert {f.id for f in load_figures()} | {"data_completeness"} == {c[0] for c in CASES}


def test_no_later_year_is_counted_when_t_plus_2_is_beyond_the_extract(figures) -> None:
    years = figures.filter(pl.col("metric") == "indsatstrappe_movements")["year"].unique().to_list()
    assert years == ["2021"]

"""A synthetic multi-municipality population whose key figures are known by construction.

Every municipality gets `citizens` citizens with one open case each and `registrations`
registrations a case. Every value is drawn with numpy over whole arrays (no loop per citizen),
so the time grows linearly with the number of rows; 98 municipalities × 2,000 citizens × 4
registrations take a few seconds. The data keeps every error rule of the contract.

Besides the tables, `build_population` returns the *design*: for every key figure, the units
the figure counts, taken straight from the arrays the tables were made from (the level drawn
for registration k, the goal type drawn for goal g, the price set for a service), not read back
from the tables. `true_figures` adds those up per municipality and in total, so a test can
check that the SQL, reading only the written packages, arrives at the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from ffb.contract.codes import Codes, load_contract

EPOCH = dt.date(2020, 1, 6)
BASE_PRICE_YEAR = 2015

GOAL_TYPES = ("Udvikle funktionsevne", "Fastholde funktionsevne", "Begrænse tab af funktionsevne")
ATTAINMENT = ("opfyldt", "delvist_opfyldt", "ikke_opfyldt", "ikke_vurderet")
# attainment weights per goal type (same order as GOAL_TYPES)
ATTAINMENT_WEIGHTS = ((0.35, 0.30, 0.30, 0.05), (0.55, 0.25, 0.15, 0.05), (0.25, 0.35, 0.35, 0.05))
TARGET_GROUPS = (
    ("Autismespektrum", 0.25), ("Angst", 0.2), ("Depression", 0.15), ("Udviklingshæmning", 0.15),
    ("Mobilitetsnedsættelse", 0.1), ("Hjemløshed", 0.1), ("Erhvervet hjerneskade", 0.05),
)
INCOME_WEIGHTS = {
    "foertidspension": 0.4, "kontanthjaelp_aktivitetsparat": 0.25, "kontanthjaelp_jobparat": 0.08,
    "ressourceforloeb": 0.1, "fleksjob": 0.07, "loen": 0.05, "folkepension": 0.05,
}
# Providers every package knows: (suffix, name, ownership, legal basis, base daily price in 2015 kroner)
SHARED_PROVIDERS = (
    ("900001", "Fonden Bakkely", "selvejende", "SEL_107", 2400.0),
    ("900002", "Bocenter Nord", "anden_kommune", "SEL_107", 2150.0),
    ("900003", "Regionens Specialbotilbud", "region", "SEL_108", 3600.0),
    ("900004", "Botilbud Solsiden ApS", "privat", "SEL_107", 2800.0),
    ("900005", "Længebo", "privat", "SEL_108", 3100.0),
)
OWN_HOUSING_PRICE = 1900.0  # base daily price of each municipality's own § 107 offer (2015 kroner)


@dataclass
class Population:
    tables: dict[str, pl.DataFrame]  # canonical tables, every municipality together
    design: dict[str, pl.DataFrame]  # per key figure: the units it counts, as designed
    municipalities: list[str]


def _choice(rng, options, weights, size):
    weights = np.asarray(weights, dtype=float)
    return np.asarray(options)[rng.choice(len(options), size=size, p=weights / weights.sum())]


def _whole_months(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whole months from start to end (dates as numpy datetime64[D])."""
    sy, sm, sd = _ymd(start)
    ey, em, ed = _ymd(end)
    return (ey - sy) * 12 + (em - sm) - (ed < sd)


def _ymd(days: np.ndarray):
    years = days.astype("datetime64[Y]")
    months = days.astype("datetime64[M]")
    return (
        years.astype(int) + 1970,
        (months - years.astype("datetime64[M]")).astype(int) + 1,
        (days - months.astype("datetime64[D]")).astype(int) + 1,
    )


def build_population(
    municipalities: list[str] | None = None,
    citizens: int = 2000,
    registrations: int = 4,
    seed: int = 20240530,
    price_index: pl.DataFrame | None = None,
) -> Population:
    """`citizens` citizens in each municipality (default: all 98), `registrations` a case."""
    from ffb.aggregate.parameters import load_price_index

    codes = Codes()
    contract = load_contract()
    municipalities = municipalities or list(contract["enums"]["MunicipalityEnum"]["values"])
    index = dict((price_index if price_index is not None else load_price_index()).iter_rows())
    rng = np.random.default_rng(seed)
    m_count, total, regs = len(municipalities), len(municipalities) * citizens, registrations

    municipality_index = np.repeat(np.arange(m_count), citizens)
    municipality = np.asarray(municipalities)[municipality_index]
    serial = np.tile(np.arange(citizens), m_count)
    citizen_id = np.char.add(np.char.add("b", np.char.zfill(municipality_index.astype(str), 3)),
                             np.char.zfill(serial.astype(str), 6))
    case_id = np.char.add("s", citizen_id)
    birth_year = rng.integers(1950, 2001, total)
    opened = np.datetime64(EPOCH) + rng.integers(0, 365, total).astype("timedelta64[D]")

    # Registrations: the gap between two depends on the municipality, so months between
    # registrations differ between municipalities by design.
    base_gap = 270 + 15 * (municipality_index % 8)
    gaps = base_gap[:, None] + rng.integers(-45, 46, (total, regs))
    gaps[:, 0] = rng.integers(0, 20, total)
    dates = opened[:, None] + np.cumsum(gaps, axis=1).astype("timedelta64[D]")

    levels = np.empty((total, regs), dtype=int)
    levels[:, 0] = _choice(rng, [0, 1, 2, 3, 4], [0.05, 0.2, 0.35, 0.3, 0.1], total)
    for k in range(1, regs):
        step = _choice(rng, [-1, 0, 1], [0.12, 0.78, 0.10], total)
        levels[:, k] = np.clip(levels[:, k - 1] + step, 0, 4)
    assessed = rng.random((total, regs)) >= 0.02  # 2 % of registrations: level not assessed
    support = np.clip(levels + _choice(rng, [-1, 0, 0, 1], [1, 1, 1, 1], (total, regs)), 0, 4)
    income_keys = list(INCOME_WEIGHTS)
    income = _choice(rng, income_keys, list(INCOME_WEIGHTS.values()), (total, regs))
    goal_share = 0.80 + 0.02 * (municipality_index % 8)
    goals_set = rng.random((total, regs)) < goal_share[:, None]
    two_goals = rng.random((total, regs)) < 0.3

    level_codes = np.array([codes.by_ordinal("FunctionLevelEnum", o) for o in range(5)])
    not_assessed = codes.code("FunctionLevelEnum", "Ikke vurderet")
    support_codes = np.array([codes.by_ordinal("SupportNeedLevelEnum", o) for o in range(5)])
    function_code = np.where(assessed, level_codes[levels], not_assessed)

    # --- assessments ---------------------------------------------------------------
    reg_number = np.tile(np.arange(1, regs + 1), total)
    flat = lambda a: a.reshape(-1)  # noqa: E731  (citizen-major, registration-minor)
    a_case = np.repeat(case_id, regs)
    a_id = np.char.add(np.char.add(a_case, "-r"), reg_number.astype(str))
    a_dates = flat(dates)
    previous = np.roll(dates, 1, axis=1)
    months = np.where(np.arange(regs)[None, :] == 0, -1, _whole_months(previous, dates))
    assessments = pl.DataFrame({
        "id": a_id, "case_id": a_case, "assessment_date": a_dates.astype("datetime64[D]"),
        "kind": np.where(reg_number == 1, "visitation", "opfoelgning"),
        "months_since_previous": flat(months),
        "initiator": _choice(rng, ["myndighed", "udfoerer", "borger"], [0.8, 0.15, 0.05], total * regs),
        "function_level": flat(function_code),
        # typed as text even when no one is assessed (else an all-empty column has no type)
        "vum_score": pl.Series(np.where(flat(assessed), flat(levels).astype(str), None).tolist(), dtype=pl.String),
        "support_need_level": support_codes[flat(support)],
        "support_letter": None, "income_basis": flat(income),
        "employment_effort": rng.random(total * regs) < 0.2, "goals_set": flat(goals_set),
    }).with_columns(
        pl.when(pl.col("months_since_previous") < 0).then(None).otherwise(pl.col("months_since_previous"))
        .alias("months_since_previous"),
        pl.col("support_letter").cast(pl.String), pl.col("vum_score").cast(pl.String),
    )

    # --- conditions: one activity condition per registration, the goals' primary condition
    activity = codes.descendants("ConditionEnum", "Aktivitet og deltagelse", leaves_only=True)
    c_id = np.char.add(a_id, "-t1")
    conditions = pl.DataFrame({
        "id": c_id, "assessment_id": a_id, "condition": _choice(rng, activity, np.ones(len(activity)), total * regs),
        "function_level": flat(function_code),
    })

    # --- goals: one or two per registration with goals set
    goal_type_codes = np.array([codes.code("GoalTypeEnum", t) for t in GOAL_TYPES])
    goal_rows = []
    for g in (1, 2):
        has = flat(goals_set) & ((g == 1) | flat(two_goals))
        kind = _choice(rng, [0, 1, 2], [0.6, 0.3, 0.1], total * regs)
        lvl = flat(levels)
        kind = np.where((lvl == 0) & (kind == 0), 1, kind)  # nothing to develop from "no reduction"
        kind = np.where((lvl == 4) & (kind == 2), 1, kind)
        target = np.where(kind == 0, lvl - 1, np.where(kind == 1, lvl, lvl + 1))
        goal_rows.append(pl.DataFrame({
            "id": np.char.add(a_id, f"-m{g}"), "assessment_id": a_id, "goal_type": goal_type_codes[kind],
            "target_function_level": level_codes[np.clip(target, 0, 4)],
            "target_vum_score": np.clip(target, 0, 4).astype(str), "goal_level": "indsatsmaal",
            "set_date": a_dates.astype("datetime64[D]"),
            "expected_date": (a_dates + np.timedelta64(365, "D")).astype("datetime64[D]"),
            "_kind": kind, "_keep": has, "_reg": reg_number, "_case": a_case,
        }).filter(pl.col("_keep")))
    goals_design = pl.concat(goal_rows)

    # --- follow-ups: every goal of registration k is followed up at registration k + 1
    followed = goals_design.filter(pl.col("_reg") < regs)
    weights = np.asarray(ATTAINMENT_WEIGHTS)
    draws = rng.random(followed.height)
    cumulative = np.cumsum(weights, axis=1)[followed["_kind"].to_numpy()]
    attainment = np.asarray(ATTAINMENT)[(draws[:, None] > cumulative).sum(axis=1).clip(0, 3)]
    next_date = pl.DataFrame({"_case": a_case, "_reg": reg_number - 1, "follow_up_date": a_dates.astype("datetime64[D]")})
    follow_ups = (
        followed.with_columns(pl.Series("goal_attainment", attainment))
        .join(next_date, on=["_case", "_reg"], how="left")
        .select(
            pl.concat_str([pl.col("id"), pl.lit("-o")]).alias("id"), "assessment_id", "follow_up_date",
            pl.lit("myndighed").alias("initiator"),
            pl.lit(codes.code("InterventionStatusEnum", "Træf afgørelse om fortsættelse af indsats")).alias("intervention_status"),
            pl.col("id").alias("goal_id"), "goal_attainment",
        )
    )
    goal_conditions = goals_design.select(
        pl.col("id").alias("goal_id"),
        pl.concat_str([pl.col("assessment_id"), pl.lit("-t1")]).alias("condition_id"),
        pl.lit(1).alias("rank"),
    )

    # --- target groups, citizens, cases ----------------------------------------------
    group_titles = [t for t, _ in TARGET_GROUPS]
    target = _choice(rng, [codes.code("TargetGroupEnum", t) for t in group_titles], [w for _, w in TARGET_GROUPS], total)
    citizens_table = pl.DataFrame({
        "id": citizen_id, "municipality_code": municipality, "birth_year": birth_year,
        "sex": _choice(rng, ["kvinde", "mand"], [1, 1], total), "cpr": None,
    }).with_columns(pl.col("cpr").cast(pl.String))
    cases = pl.DataFrame({
        "id": case_id, "citizen_id": citizen_id, "municipality_code": municipality,
        "case_number": np.char.add("27.36.04-G01-", serial.astype(str)),
        "opened_date": opened.astype("datetime64[D]"), "closed_date": None, "closure_reason": None,
    }).with_columns(pl.col("closed_date").cast(pl.Date), pl.col("closure_reason").cast(pl.String))
    case_target_groups = pl.DataFrame({
        "case_id": case_id, "target_group": target, "rank": 1, "recorded_date": opened.astype("datetime64[D]"),
    })

    # --- providers, services, prices ---------------------------------------------------
    main = _choice(rng, ["SEL_85", "SEL_107", "SEL_108"], [0.6, 0.3, 0.1], total)
    start = dates[:, 0] + rng.integers(0, 15, total).astype("timedelta64[D]")
    moves = (main == "SEL_107") & (rng.random(total) < 0.4) & (regs >= 3)
    stops = (main == "SEL_85") & (rng.random(total) < 0.1) & (regs >= 3)
    change_day = dates[:, min(2, regs - 1)]
    shared = np.array([p[0] for p in SHARED_PROVIDERS])
    shared_basis = np.array([p[3] for p in SHARED_PROVIDERS])
    own_85 = np.char.add("tp-", np.char.add(municipality, "-85"))
    own_107 = np.char.add("tp-", np.char.add(municipality, "-107"))
    pick_107 = rng.random(total) < 0.5
    provider_107 = np.where(pick_107, own_107, np.char.add("tp-", shared[shared_basis == "SEL_107"][rng.integers(0, 3, total)]))
    provider_108 = np.char.add("tp-", shared[shared_basis == "SEL_108"][rng.integers(0, 2, total)])
    provider = np.where(main == "SEL_85", own_85, np.where(main == "SEL_107", provider_107, provider_108))
    base_price = {f"tp-{p[0]}": p[4] for p in SHARED_PROVIDERS}

    service_code = {
        "SEL_85": codes.code("ServiceEnum", "Støtte til daglige opgaver i hjemmet"),
        "SEL_107": codes.code("ServiceEnum", "Midlertidigt ophold"),
        "SEL_108": codes.code("ServiceEnum", "Længerevarende ophold"),
        "SEL_104": codes.code("ServiceEnum", "Social aktivitet"),
    }
    offer_code = {
        "SEL_107": codes.code("OfferTypeEnum", "Midlertidigt botilbud til voksne"),
        "SEL_108": codes.code("OfferTypeEnum", "Almindeligt længerevarende botilbud til voksne"),
        "SEL_104": codes.code("OfferTypeEnum", "Aktivitets- og samværstilbud"),
    }
    hours_individual = rng.integers(4, 31, total) * 2.0
    hours_group = np.where(rng.random(total) < 0.35, rng.choice([2.0, 4.0, 6.0], total), np.nan)
    first = pl.DataFrame({
        "id": np.char.add(case_id, "-y1"), "case_id": case_id, "legal_basis": main, "provider_id": provider,
        "start_date": start.astype("datetime64[D]"),
        "end_date": np.where(moves | stops, change_day - np.timedelta64(1, "D"), np.datetime64("NaT")).astype("datetime64[D]"),
        "hours_per_month_individual": np.where(main == "SEL_85", hours_individual, np.nan),
        "hours_per_month_group": np.where(main == "SEL_85", hours_group, np.nan),
        "_municipality": municipality, "_citizen": citizen_id, "_birth": birth_year, "_target": target,
    })
    second = first.filter(pl.Series(moves)).with_columns(
        pl.concat_str([pl.col("case_id"), pl.lit("-y2")]).alias("id"),
        pl.lit("SEL_85").alias("legal_basis"),
        pl.concat_str([pl.lit("tp-"), pl.col("_municipality"), pl.lit("-85")]).alias("provider_id"),
        pl.Series(change_day[moves].astype("datetime64[D]")).alias("start_date"),
        pl.lit(None, pl.Date).alias("end_date"),
        pl.Series(hours_individual[moves]).alias("hours_per_month_individual"),
        pl.lit(None, pl.Float64).alias("hours_per_month_group"),
    )
    day_offer = first.filter(pl.Series(rng.random(total) < 0.2)).with_columns(
        pl.concat_str([pl.col("case_id"), pl.lit("-y3")]).alias("id"),
        pl.lit("SEL_104").alias("legal_basis"),
        pl.concat_str([pl.lit("tp-"), pl.col("_municipality"), pl.lit("-104")]).alias("provider_id"),
        pl.lit(None, pl.Date).alias("end_date"),
        pl.lit(None, pl.Float64).alias("hours_per_month_individual"),
        pl.lit(None, pl.Float64).alias("hours_per_month_group"),
    )
    services = pl.concat([first, second, day_offer]).with_columns(
        pl.col("hours_per_month_individual").fill_nan(None), pl.col("hours_per_month_group").fill_nan(None),
    )
    # Daily prices: each provider has a base price in 2015 kroner that follows the index, so
    # every price converted to one price year is exactly its base price at that year's level.
    own_base = pl.col("provider_id").str.ends_with("-107")
    base = (
        pl.when(own_base).then(pl.lit(OWN_HOUSING_PRICE))
        .when(pl.col("legal_basis") == "SEL_104").then(pl.lit(450.0))
        .otherwise(pl.col("provider_id").replace_strict(base_price, default=None, return_dtype=pl.Float64))
    )
    year_index = pl.col("start_date").dt.year().replace_strict(index, default=None, return_dtype=pl.Float64)
    priced = pl.col("legal_basis").is_in(["SEL_107", "SEL_108", "SEL_104"])
    services = services.with_columns(
        pl.when(priced).then(base).alias("_base_price"),
    ).with_columns(
        pl.when(priced).then((pl.col("_base_price") * year_index / index[BASE_PRICE_YEAR]).round(2)).alias("daily_price_dkk"),
        pl.when(priced).then(pl.col("start_date").dt.year()).alias("price_year"),
        pl.col("legal_basis").replace_strict(service_code, return_dtype=pl.String).alias("service"),
        pl.col("legal_basis").replace_strict(offer_code, default=None, return_dtype=pl.String).alias("offer_type"),
    )
    interventions = services.select(
        "id", "case_id", "service", "legal_basis", "offer_type", "provider_id", "start_date", "end_date",
        "hours_per_month_individual", "hours_per_month_group", "daily_price_dkk", "price_year",
    )

    names = contract["enums"]["MunicipalityEnum"]["values"]
    # The contract stores who runs a provider; "anden_kommune" is a municipality outside the
    # population, so it is another municipality's offer for every buyer. With every
    # municipality in the population there is none: those providers then name no operating
    # municipality (FFB410 notes it), and their ownership is unknown.
    outside = next((code for code in names if code not in set(municipalities)), None)
    operator = {"anden_kommune": ("kommune", outside), "egen_kommune": ("kommune", None)}
    provider_rows = [
        {"id": f"tp-{p[0]}", "name": p[1], "operator_kind": operator.get(p[2], (p[2], None))[0],
         "operator_municipality_code": operator.get(p[2], (p[2], None))[1], "municipality_code": "101",
         "cvr": f"3{p[0][1:]}00", "p_number": None, "tilbudsportalen_id": p[0]} for p in SHARED_PROVIDERS
    ]
    for code in municipalities:
        for basis, title in (("85", "Bostøtten"), ("107", "Botilbuddet"), ("104", "Aktivitetshuset")):
            provider_rows.append({
                "id": f"tp-{code}-{basis}", "name": f"{title} {names[code]['title']}", "operator_kind": "kommune",
                "operator_municipality_code": code, "municipality_code": code, "cvr": None, "p_number": None, "tilbudsportalen_id": None,
            })
    providers = pl.DataFrame(provider_rows, schema={c: pl.String for c in provider_rows[0]})
    prices = (
        interventions.filter(pl.col("daily_price_dkk").is_not_null())
        .group_by("provider_id", "legal_basis", "price_year", "service")
        .agg(pl.col("daily_price_dkk").first().alias("amount_dkk"))
        .sort("provider_id", "price_year")
        .select(
            pl.concat_str([pl.col("provider_id"), pl.lit("-"), pl.col("price_year").cast(pl.String)]).alias("id"),
            "provider_id", "service", "legal_basis", "amount_dkk", pl.lit("dag").alias("price_unit"),
            pl.date(pl.col("price_year"), 1, 1).alias("valid_from"), pl.date(pl.col("price_year"), 12, 31).alias("valid_to"),
            "price_year",
        )
    )
    tables = {
        "citizens": citizens_table, "cases": cases, "case_target_groups": case_target_groups,
        "assessments": assessments, "conditions": conditions,
        "goals": goals_design.drop("_kind", "_keep", "_reg", "_case"), "goal_conditions": goal_conditions,
        "interventions": interventions, "follow_ups": follow_ups, "providers": providers, "prices": prices,
    }

    design = _design(
        codes, municipality, citizen_id, levels, assessed, support, income, goals_set, dates,
        goals_design, followed.with_columns(pl.Series("attainment", attainment)), services, index,
    )
    return Population(tables, design, list(municipalities))


def _design(codes, municipality, citizen_id, levels, assessed, support, income, goals_set, dates,
            goals_design, followed, services, index) -> dict[str, pl.DataFrame]:
    """The units of each key figure, straight from the drawn arrays."""
    level_codes = [codes.by_ordinal("FunctionLevelEnum", o) for o in range(5)]
    not_assessed = codes.code("FunctionLevelEnum", "Ikke vurderet")
    support_codes = [codes.by_ordinal("SupportNeedLevelEnum", o) for o in range(5)]
    goal_type_codes = [codes.code("GoalTypeEnum", t) for t in GOAL_TYPES]
    total, regs = levels.shape
    first_level = np.where(assessed[:, 0], np.asarray(level_codes)[levels[:, 0]], not_assessed)
    citizen = pl.Series(citizen_id)
    base = {"municipality_code": municipality, "citizen": citizen}
    design = {
        "goals_set_share": pl.DataFrame({**base, "goals_set": np.where(goals_set[:, 0], "ja", "nej")}),
        "function_level_first": pl.DataFrame({**base, "function_level": first_level}),
        "income_basis": pl.DataFrame({**base, "income_basis": income[:, 0]}),
        "support_need_by_function_level": pl.DataFrame({
            **base, "function_level": first_level, "support_need": np.asarray(support_codes)[support[:, 0]]}),
    }
    by_case = pl.DataFrame({"_case": np.char.add("s", citizen_id), "municipality_code": municipality, "citizen": citizen})
    first_goals = goals_design.filter(pl.col("_reg") == 1).join(by_case, on="_case")
    design["goal_type_distribution"] = first_goals.select(
        "municipality_code", "citizen", pl.col("_kind").replace_strict(dict(enumerate(goal_type_codes)), return_dtype=pl.String).alias("goal_type"))
    design["goal_attainment"] = followed.join(by_case, on="_case").select(
        "municipality_code", "citizen",
        pl.col("_kind").replace_strict(dict(enumerate(goal_type_codes)), return_dtype=pl.String).alias("goal_type"),
        "attainment")
    pairs = []
    for k in range(regs - 1):
        both = assessed[:, k] & assessed[:, k + 1]
        diff = levels[:, k + 1] - levels[:, k]
        change = np.where(diff < 0, "better", np.where(diff == 0, "same", "worse"))
        pairs.append(pl.DataFrame({
            **base, "step": f"{k + 1}-{k + 2}",
            "from_level": pl.Series(np.where(both, np.asarray(level_codes)[levels[:, k]], None).tolist(), dtype=pl.String),
            "change": pl.Series(np.where(both, change, None).tolist(), dtype=pl.String),
            "measure": (dates[:, k + 1] - dates[:, k]).astype(int) / 30.4375,
        }))
    # With one registration a case there are no consecutive pairs: the figures are empty.
    pairs = pl.concat(pairs) if pairs else pl.DataFrame(
        {**{k: pl.Series(k, [], pl.Series(v).dtype) for k, v in base.items()}, "step": pl.Series([], dtype=pl.String),
         "from_level": pl.Series([], dtype=pl.String), "change": pl.Series([], dtype=pl.String),
         "measure": pl.Series([], dtype=pl.Float64)})
    design["function_level_change"] = pairs.filter(pl.col("change").is_not_null()).drop("measure")
    design["months_between_registrations"] = pairs.select("municipality_code", "citizen", "step", "measure")

    # services: function level at start = the latest registration on or before the start
    start = services["start_date"].to_numpy().astype("datetime64[D]")
    citizen_row = pl.Series(services["_citizen"]).to_frame("c").join(
        pl.DataFrame({"c": citizen_id, "r": np.arange(total)}), on="c", how="left", maintain_order="left")["r"].to_numpy()
    in_effect = (dates[citizen_row] <= start[:, None]).sum(axis=1) - 1
    in_effect = np.clip(in_effect, 0, regs - 1)
    level_at = levels[citizen_row, in_effect]
    level_code = np.where(assessed[citizen_row, in_effect], np.asarray(level_codes)[level_at], not_assessed)
    from ffb.aggregate.labels import target_group_rollup

    rollup = target_group_rollup()
    age = services["start_date"].dt.year().to_numpy() - services["_birth"].to_numpy()
    facts = pl.DataFrame({
        "municipality_code": services["_municipality"], "citizen": services["_citizen"],
        "legal_basis": services["legal_basis"], "function_level": level_code,
        "age_group": np.where(age < 40, "under_40", "40_plus"),
        "target_group": services["_target"].replace_strict(rollup, return_dtype=pl.String),
        "provider": services["provider_id"],
        "price": services["_base_price"] * index[max(index)] / index[BASE_PRICE_YEAR],
        "hours": services["hours_per_month_individual"].fill_null(0) + services["hours_per_month_group"].fill_null(0),
    })
    ownership = {f"tp-{p[0]}": p[2] for p in SHARED_PROVIDERS}
    facts = facts.with_columns(
        pl.col("provider").replace_strict(ownership, default="egen_kommune", return_dtype=pl.String).alias("ownership"))
    for by in ("function_level", "age_group", "target_group"):
        design[f"price_107_by_{by}"] = facts.filter(pl.col("legal_basis") == "SEL_107").select(
            "municipality_code", "citizen", by, pl.col("price").alias("measure"))
        design[f"hours_85_by_{by}"] = facts.filter(pl.col("legal_basis") == "SEL_85").select(
            "municipality_code", "citizen", by, pl.col("hours").alias("measure"))
    # indsatstrappe: the highest step a citizen's services reach in each calendar year, up to the
    # municipality's last registration, service start or follow-up (its extract's end)
    from ffb.aggregate.parameters import load_steps

    rank = {basis: step["rank"] for step in load_steps() for basis in step["legal_basis"]}
    extract_end = pl.DataFrame({"municipality_code": municipality, "last": dates.max(axis=1).astype("datetime64[D]")}).vstack(
        services.select(pl.col("_municipality").alias("municipality_code"), pl.col("start_date").alias("last"))
    ).group_by("municipality_code").agg(pl.col("last").max())
    on_ladder = (
        services.filter(pl.col("legal_basis").is_in(list(rank)))
        .join(extract_end, left_on="_municipality", right_on="municipality_code")
        .select(
            pl.col("_municipality").alias("municipality_code"), pl.col("_citizen").alias("citizen"),
            pl.col("legal_basis").replace_strict(rank, return_dtype=pl.Int64).alias("rank"),
            pl.int_ranges(pl.col("start_date").dt.year(),
                          pl.min_horizontal(pl.col("end_date").fill_null(pl.col("last")), pl.col("last")).dt.year() + 1).alias("year"),
            pl.col("last").dt.year().alias("last_year"),
        )
        .explode("year")
        .group_by("municipality_code", "citizen", "year")
        .agg(pl.col("rank").max(), pl.col("last_year").first())
    )
    later = on_ladder.select("citizen", (pl.col("year") - 2).alias("year"), pl.col("rank").alias("later"))
    moved = on_ladder.filter(pl.col("year") + 2 <= pl.col("last_year")).join(later, on=["citizen", "year"], how="left")
    design["indsatstrappe_movements"] = moved.select(
        "municipality_code", "citizen", pl.col("year").cast(pl.String), pl.col("rank").cast(pl.String).alias("from_step"),
        pl.when(pl.col("later").is_null()).then(pl.lit("none"))
        .when(pl.col("later") < pl.col("rank")).then(pl.lit("lower"))
        .when(pl.col("later") == pl.col("rank")).then(pl.lit("same"))
        .otherwise(pl.lit("higher")).alias("movement"),
    )
    priced = facts.filter(pl.col("price").is_not_null())
    design["price_by_ownership"] = priced.select("municipality_code", "citizen", "ownership", pl.col("price").alias("measure"))
    design["price_by_provider"] = priced.select(
        "municipality_code", "citizen", "ownership", "provider", pl.col("price").alias("measure"))
    return design


def true_figures(population: Population) -> dict[str, pl.DataFrame]:
    """Per figure: units and value per municipality and for all together (`alle`), by design."""
    from ffb.aggregate.figures import load_figures

    truth = {}
    for figure in load_figures():
        units = population.design.get(figure.id)
        if units is None:
            continue
        dims = [*figure.partition, *figure.dims]
        units = units.drop_nulls(dims + (["measure"] if figure.kind == "mean" else []))
        frames = [units.with_columns(pl.lit("alle").alias("municipality_code"))]
        if figure.by_municipality:
            frames.append(units)
        grouped = pl.concat(frames).group_by(["municipality_code", *dims]).agg(
            pl.len().alias("units"),
            pl.col("citizen").n_unique().alias("n"),
            *([pl.col("measure").sum().alias("total")] if figure.kind == "mean" else []),
        )
        if figure.kind == "mean":
            grouped = grouped.with_columns((pl.col("total") / pl.col("units")).alias("value"))
        else:
            keys = ["municipality_code", *[d for d in dims if d != figure.share_of]]
            grouped = grouped.with_columns(
                (100.0 * pl.col("units") / pl.col("units").sum().over(keys)).alias("value"))
        truth[figure.id] = grouped
    return truth


def write_population(population: Population, folder: Path) -> list[Path]:
    """One canonical data package (CSV files and datapackage.json) per municipality."""
    import json

    from ffb.contract.datapackage import datapackage_descriptor

    contract = load_contract()
    descriptor = json.dumps(datapackage_descriptor(contract), ensure_ascii=False, indent=2) + "\n"
    columns = {t["name"]: [c["name"] for c in t["columns"]] for t in contract["tables"]}
    owner = _owners(population.tables)
    written = []
    for code in population.municipalities:
        package = folder / f"kommune-{code}"
        package.mkdir(parents=True, exist_ok=True)
        for name, frame in population.tables.items():
            if name in ("providers", "prices"):
                used = population.tables["interventions"].filter(owner["interventions"] == code)["provider_id"].unique()
                part = frame.filter(pl.col("id" if name == "providers" else "provider_id").is_in(used.implode()))
            else:
                part = frame.filter(owner[name] == code)
            absent = [pl.lit(None, pl.String).alias(c) for c in columns[name] if c not in part.columns]
            part.with_columns(absent).select(columns[name]).write_csv(package / f"{name}.csv", datetime_format=None, null_value="")
        (package / "datapackage.json").write_text(descriptor, encoding="utf-8")
        written.append(package)
    return written


def _owners(tables: dict[str, pl.DataFrame]) -> dict[str, pl.Series]:
    """The municipality each row belongs to (ids carry the municipality's position: b<mmm>…)."""
    cases = tables["cases"].select("id", "municipality_code")
    case_of = dict(zip(cases["id"], cases["municipality_code"]))

    def by_case(column: pl.Series) -> pl.Series:
        return column.str.extract(r"^(sb\d{9})", 1).replace_strict(case_of, default=None, return_dtype=pl.String)

    owners = {
        "citizens": tables["citizens"]["municipality_code"],
        "cases": tables["cases"]["municipality_code"],
        "case_target_groups": by_case(tables["case_target_groups"]["case_id"]),
        "assessments": by_case(tables["assessments"]["id"]),
        "conditions": by_case(tables["conditions"]["id"]),
        "goals": by_case(tables["goals"]["id"]),
        "goal_conditions": by_case(tables["goal_conditions"]["goal_id"]),
        "interventions": by_case(tables["interventions"]["id"]),
        "follow_ups": by_case(tables["follow_ups"]["id"]),
    }
    return owners

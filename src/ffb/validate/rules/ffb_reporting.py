"""FFB's reporting rules: conditions and their levels, goals and the conditions they address,
target groups, goals set, and the local VUM score against the FFB level."""

from __future__ import annotations

import polars as pl

from ffb.read.model import ROW
from ffb.validate.context import Context, cross_rule, issues

ACTIVITY = "Aktivitet og deltagelse"
GOAL_TYPE_DEVELOP = "Udvikle funktionsevne"
GOAL_TYPE_KEEP = "Fastholde funktionsevne"
GOAL_TYPE_LIMIT = "Begrænse tab af funktionsevne"
# Goal levels (GoalLevelEnum keys). An empty level is read as indsatsmål, the only level KL's
# reporting set carries.
CITIZENS_OWN = "borgers_maal_og_oensker"
INTERVENTION_GOAL = "indsatsmaal"
SUB_GOAL = "delmaal"
PURPOSE = "indsatsformaal"
# Levels that are not measured on a condition: no primary condition, no goal type.
WITHOUT_CONDITION = (CITIZENS_OWN, PURPOSE)
# Service states that are KL's "ordered and not completed".
ORDERED_OPEN = ("aktiv", "sat_i_bero")


def _level() -> pl.Expr:
    return pl.col("goal_level").cast(pl.String).fill_null(INTERVENTION_GOAL)


def _needs_condition() -> pl.Expr:
    """Goals that must address a primary condition themselves: indsatsmål, and a delmål that
    does not point to its indsatsmål."""
    level = _level()
    return (level == INTERVENTION_GOAL) | ((level == SUB_GOAL) & pl.col("parent_goal_id").is_null())


def _group_codes(ctx: Context) -> dict[str, str]:
    values = ctx.enums["ConditionEnum"]["values"]
    return {k: v["title"] for k, v in values.items() if v.get("selectable") is False}


@cross_rule("FFB301", "FFB302", "FFB303", tables=("conditions",))
def condition_levels(ctx: Context) -> list[pl.DataFrame]:
    conditions = ctx.tables["conditions"]
    activity = pl.col("condition").is_in(ctx.codes.descendants("ConditionEnum", ACTIVITY))
    groups = _group_codes(ctx)
    other = pl.col("condition").is_not_null() & ~activity & ~pl.col("condition").is_in(list(groups))
    return [
        issues(conditions.filter(activity & ctx.absent("conditions", "function_level")),
               "FFB301", "conditions", "function_level", pl.col("condition")),
        issues(conditions.filter(other & pl.col("function_level").is_not_null()),
               "FFB302", "conditions", "function_level", pl.col("function_level")),
        issues(conditions.filter(pl.col("condition").is_in(list(groups))),
               "FFB303", "conditions", "condition", pl.col("condition"),
               pl.col("condition").replace_strict(groups, default=None)),
    ]


@cross_rule("FFB304", "FFB305", tables=("goals", "goal_conditions"))
def goal_primary_condition(ctx: Context) -> list[pl.DataFrame]:
    goals, links = ctx.tables["goals"], ctx.tables["goal_conditions"]
    primaries = (
        links.filter(pl.col("rank") == 1)
        .group_by("goal_id")
        .agg(pl.len().alias("primaries"))
    )
    # A goal with a link whose rank could not be read may have its primary there.
    unknown = links.filter(ctx.rejected("goal_conditions", "rank"))["goal_id"].drop_nulls()
    counted = goals.filter(pl.col("id").is_not_null() & ~pl.col("id").is_in(unknown.implode())).join(
        primaries, left_on="id", right_on="goal_id", how="left"
    )
    return [
        issues(counted.filter(pl.col("primaries").is_null() & _needs_condition()), "FFB304", "goals", "id",
               pl.col("id")),
        issues(counted.filter(pl.col("primaries") > 1), "FFB305", "goals", "id", pl.col("id"),
               pl.col("primaries")),
    ]


@cross_rule("FFB306", "FFB307", tables=("goal_conditions", "conditions", "goals", "assessments"))
def goal_conditions_fit(ctx: Context) -> list[pl.DataFrame]:
    links = ctx.tables["goal_conditions"]
    conditions = ctx.tables["conditions"].select(
        pl.col("id").alias("condition_id"),
        "condition",
        pl.col("assessment_id").alias("condition_assessment"),
    )
    assessments = ctx.tables["assessments"].select(pl.col("id"), "case_id")
    goals = ctx.tables["goals"].select(pl.col("id").alias("goal_id"), pl.col("assessment_id").alias("goal_assessment"))
    joined = links.join(conditions, on="condition_id", how="inner").join(goals, on="goal_id", how="inner")
    # A condition from the goal's own assessment is from the same case; only the others
    # (normally none) need their cases looked up.
    elsewhere = (
        joined.filter(pl.col("condition_assessment") != pl.col("goal_assessment"))
        .join(assessments.rename({"id": "condition_assessment", "case_id": "condition_case"}),
              on="condition_assessment", how="left")
        .join(assessments.rename({"id": "goal_assessment", "case_id": "goal_case"}),
              on="goal_assessment", how="left")
    )
    activity = ctx.codes.descendants("ConditionEnum", ACTIVITY)
    return [
        issues(joined.filter(pl.col("condition").is_not_null() & ~pl.col("condition").is_in(activity)),
               "FFB306", "goal_conditions", "condition_id", pl.col("condition_id")),
        issues(elsewhere.filter(pl.col("condition_case") != pl.col("goal_case")),
               "FFB307", "goal_conditions", "condition_id", pl.col("condition_id")),
    ]


@cross_rule("FFB308", "FFB314", tables=("case_target_groups",))
def primary_target_group(ctx: Context) -> list[pl.DataFrame]:
    groups = ctx.tables["case_target_groups"].filter(pl.col("case_id").is_not_null())
    primaries = groups.filter(pl.col("rank") == 1).with_columns(
        pl.len().over("case_id").alias("primaries"),
        pl.col(ROW).rank("ordinal").over("case_id").alias("position"),
    )
    # A case with a rank that could not be read may have its primary there.
    without = groups.with_columns(
        ((pl.col("rank") == 1) | ctx.rejected("case_target_groups", "rank")).any().over("case_id").alias("has_primary")
    )
    first_rows = without.filter(~pl.col("has_primary")).group_by("case_id").agg(pl.col(ROW).min())
    return [
        issues(primaries.filter((pl.col("primaries") > 1) & (pl.col("position") == 2)),
               "FFB308", "case_target_groups", "rank", pl.col("case_id"), pl.col("primaries")),
        issues(first_rows, "FFB314", "case_target_groups", "rank", pl.col("case_id")),
    ]


@cross_rule("FFB309", "FFB310", tables=("assessments", "goals"))
def goals_set_agrees(ctx: Context) -> list[pl.DataFrame]:
    counts = ctx.tables["goals"].group_by("assessment_id").agg(pl.len().alias("goals"))
    assessments = ctx.tables["assessments"].join(
        counts, left_on="id", right_on="assessment_id", how="left"
    ).with_columns(pl.col("goals").fill_null(0))
    return [
        issues(assessments.filter((pl.col("goals_set") == False) & (pl.col("goals") > 0)),  # noqa: E712
               "FFB309", "assessments", "goals_set", pl.col("goals_set"), pl.col("goals")),
        issues(assessments.filter((pl.col("goals_set") == True) & (pl.col("goals") == 0)),  # noqa: E712
               "FFB310", "assessments", "goals_set", pl.col("goals_set")),
    ]


def _ordinals(ctx: Context) -> dict[str, int]:
    values = ctx.enums["FunctionLevelEnum"]["values"]
    return {k: v["ordinal"] for k, v in values.items() if "ordinal" in v}


def primary_levels(ctx: Context) -> pl.DataFrame:
    """goal_id -> the function level (as its step 0–4) of the goal's primary condition."""
    ordinal = _ordinals(ctx)
    conditions = ctx.tables["conditions"].select(
        pl.col("id").alias("condition_id"),
        pl.col("function_level").cast(pl.String)
        .replace_strict(ordinal, default=None, return_dtype=pl.Int64).alias("now"),
    )
    return (
        ctx.tables["goal_conditions"].filter(pl.col("rank") == 1)
        .select("goal_id", "condition_id")
        .join(conditions, on="condition_id", how="inner")
        .unique("goal_id", keep="any")
        .select("goal_id", "now")
    )


@cross_rule("FFB311", tables=("goals", "goal_conditions", "conditions"))
def goal_target_fits_type(ctx: Context) -> list[pl.DataFrame]:
    """The expected level belongs to the goal's primary condition (KL's InterventionGoal has
    its target beside the conditions it addresses), so it is compared with that level."""
    ordinal = _ordinals(ctx)
    goals = ctx.tables["goals"].join(
        primary_levels(ctx), left_on="id", right_on="goal_id", how="inner"
    ).with_columns(
        pl.col("target_function_level").cast(pl.String)
        .replace_strict(ordinal, default=None, return_dtype=pl.Int64)
        .alias("target")
    )
    develop, keep, limit = (ctx.codes.code("GoalTypeEnum", t) for t in (GOAL_TYPE_DEVELOP, GOAL_TYPE_KEEP, GOAL_TYPE_LIMIT))
    kind = pl.col("goal_type").cast(pl.String)
    wrong = (
        ((kind == develop) & (pl.col("target") >= pl.col("now")))
        | ((kind == keep) & (pl.col("target") != pl.col("now")))
        | ((kind == limit) & (pl.col("target") < pl.col("now")))
    )
    titles = {k: v["title"] for k, v in ctx.enums["GoalTypeEnum"]["values"].items()}
    levels = {k: v["title"] for k, v in ctx.enums["FunctionLevelEnum"]["values"].items() if "ordinal" in v}
    by_step = {v["ordinal"]: v["title"] for v in ctx.enums["FunctionLevelEnum"]["values"].values() if "ordinal" in v}
    return [
        issues(goals.filter(wrong), "FFB311", "goals", "target_function_level",
               pl.col("target_function_level").cast(pl.String).replace_strict(levels, default=None),
               pl.concat_str([kind.replace_strict(titles, default=None), pl.lit(" / "),
                              pl.col("now").replace_strict(by_step, default=None, return_dtype=pl.String)]))
    ]


@cross_rule("FFB312", tables=("follow_ups", "goals"))
def follow_up_goal_fits(ctx: Context) -> list[pl.DataFrame]:
    goals = ctx.tables["goals"].select(pl.col("id").alias("goal_id"), pl.col("assessment_id").alias("goal_assessment"))
    joined = ctx.tables["follow_ups"].join(goals, on="goal_id", how="inner")
    return [
        issues(joined.filter(pl.col("goal_assessment") != pl.col("assessment_id")),
               "FFB312", "follow_ups", "goal_id", pl.col("goal_id"))
    ]


@cross_rule("FFB313", tables=("assessments",))
def vum_score_fits_level(ctx: Context) -> list[pl.DataFrame]:
    maps_to = {k: v["maps_to"] for k, v in ctx.enums["VumScoreEnum"]["values"].items()}
    titles = {k: v["title"] for k, v in ctx.enums["FunctionLevelEnum"]["values"].items()}
    # A score and a level disagree when, for the score's value, the level is another one:
    # compared code by code, so no column of mapped levels is built for millions of rows.
    wrong = pl.any_horizontal(
        [(pl.col("vum_score") == score) & (pl.col("function_level") != level) for score, level in maps_to.items() if level]
        or [pl.lit(False)]
    )
    assessments = ctx.tables["assessments"]
    return [
        issues(assessments.filter(wrong & pl.col("function_level").is_not_null()),
               "FFB313", "assessments", "vum_score", pl.col("vum_score"),
               pl.col("function_level").replace_strict(titles, default=None))
    ]


@cross_rule("FFB315", tables=("follow_ups", "assessments", "interventions"))
def follow_up_intervention_fits(ctx: Context) -> list[pl.DataFrame]:
    cases = ctx.tables["assessments"].select(pl.col("id").alias("assessment_id"), pl.col("case_id").alias("follow_up_case"))
    services = ctx.tables["interventions"].select(pl.col("id").alias("intervention_id"), pl.col("case_id").alias("service_case"))
    joined = (
        ctx.tables["follow_ups"].filter(pl.col("intervention_id").is_not_null())
        .join(cases, on="assessment_id", how="inner")
        .join(services, on="intervention_id", how="inner")
    )
    return [
        issues(joined.filter(pl.col("follow_up_case") != pl.col("service_case")), "FFB315", "follow_ups",
               "intervention_id", pl.col("intervention_id"), pl.col("service_case"))
    ]


@cross_rule("FFB316", tables=("goals", "assessments"))
def sub_goal_parent(ctx: Context) -> list[pl.DataFrame]:
    """A parent goal is only for a delmål, and it is an indsatsmål on the same case."""
    goals = ctx.tables["goals"]
    cases = ctx.tables["assessments"].select(pl.col("id").alias("assessment_id"), "case_id")
    parents = goals.join(cases, on="assessment_id", how="left").select(
        pl.col("id").alias("parent_goal_id"),
        pl.col("goal_level").cast(pl.String).fill_null(INTERVENTION_GOAL).alias("parent_level"),
        pl.col("case_id").alias("parent_case"),
    )
    children = (
        goals.filter(pl.col("parent_goal_id").is_not_null())
        .join(cases, on="assessment_id", how="left")
        .join(parents, on="parent_goal_id", how="inner")
    )
    wrong = (
        (_level() != SUB_GOAL)
        | (pl.col("parent_level") != INTERVENTION_GOAL)
        | (pl.col("case_id") != pl.col("parent_case")).fill_null(False)
    )
    titles = {k: v["title"] for k, v in ctx.enums["GoalLevelEnum"]["values"].items()}
    shown = pl.concat_str([
        _level().replace_strict(titles, default=None), pl.lit(" → "),
        pl.col("parent_level").replace_strict(titles, default=None),
        pl.when(pl.col("case_id") != pl.col("parent_case")).then(pl.lit(" (anden sag)")).otherwise(pl.lit("")),
    ])
    return [issues(children.filter(wrong), "FFB316", "goals", "parent_goal_id", pl.col("parent_goal_id"), shown)]


@cross_rule("FFB317", tables=("goals",))
def goal_type_needed(ctx: Context) -> list[pl.DataFrame]:
    goals = ctx.tables["goals"]
    titles = {k: v["title"] for k, v in ctx.enums["GoalLevelEnum"]["values"].items()}
    return [
        issues(goals.filter(~_level().is_in(WITHOUT_CONDITION) & ctx.absent("goals", "goal_type")),
               "FFB317", "goals", "goal_type", pl.col("id"), _level().replace_strict(titles, default=None))
    ]


# What KL requires of an ordered and not completed care plan, besides the follow-up date.
ORDERED_NEEDS = ("mål", "støttebehovsvurdering", "målgruppe")


@cross_rule("FFB318", tables=("interventions",))
def ordered_service_complete(ctx: Context) -> list[pl.DataFrame]:
    """KL's gateway: a CarePlan with intent order and a status other than completed has a
    follow-up date, goals, a support need evaluation and target groups. Checked for services
    whose status is given as aktiv or sat i bero; goals, evaluation and target groups are
    looked for on the service's case."""
    open_services = ctx.tables["interventions"].filter(pl.col("service_status").cast(pl.String).is_in(ORDERED_OPEN))
    if open_services.is_empty():
        return []
    found = [
        issues(open_services.filter(ctx.absent("interventions", "planned_follow_up_date")), "FFB318",
               "interventions", "planned_follow_up_date", pl.col("id"), pl.lit("planned_follow_up_date"))
    ]
    assessments = ctx.tables.get("assessments")
    case_ids = {}
    if assessments is not None:
        goal_cases = pl.Series([], dtype=pl.String)
        if "goals" in ctx.tables:
            counted = ctx.tables["goals"].filter(~_level().is_in(WITHOUT_CONDITION))
            goal_cases = counted.join(
                assessments.select(pl.col("id").alias("assessment_id"), "case_id"), on="assessment_id", how="inner"
            )["case_id"]
        case_ids["mål"] = goal_cases
        case_ids["støttebehovsvurdering"] = assessments.filter(pl.col("support_need_level").is_not_null())["case_id"]
    if "case_target_groups" in ctx.tables:
        case_ids["målgruppe"] = ctx.tables["case_target_groups"]["case_id"]
    for need in ORDERED_NEEDS:
        if need not in case_ids:
            continue  # the table is absent from the export (FFB116); nothing to look in
        lacking = open_services.filter(~pl.col("case_id").is_in(case_ids[need].drop_nulls().implode()))
        found.append(issues(lacking, "FFB318", "interventions", "service_status", pl.col("id"), pl.lit(need)))
    return found


@cross_rule("FFB319", tables=("assessments", "cases"))
def local_scale_outside_its_municipalities(ctx: Context) -> list[pl.DataFrame]:
    """Copenhagen's support letter on another municipality's case."""
    users = str(ctx.enums["SupportLetterEnum"].get("municipalities", "")).split()
    if not users:
        return []
    cases = ctx.tables["cases"].select(pl.col("id").alias("case_id"), pl.col("municipality_code").cast(pl.String).alias("acting"))
    joined = ctx.tables["assessments"].filter(pl.col("support_letter").is_not_null()).join(cases, on="case_id", how="inner")
    names = {k: v["title"] for k, v in ctx.enums["MunicipalityEnum"]["values"].items()}
    return [
        issues(joined.filter(~pl.col("acting").is_in(users)), "FFB319", "assessments", "support_letter",
               pl.col("support_letter"),
               pl.concat_str([pl.col("acting"), pl.lit(" "), pl.col("acting").replace_strict(names, default="")]))
    ]

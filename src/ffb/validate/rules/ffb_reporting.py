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
        issues(counted.filter(pl.col("primaries").is_null()), "FFB304", "goals", "id", pl.col("id")),
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


@cross_rule("FFB311", tables=("goals", "assessments"))
def goal_target_fits_type(ctx: Context) -> list[pl.DataFrame]:
    ordinal = _ordinals(ctx)
    levels = ctx.tables["assessments"].select(
        pl.col("id").alias("assessment_id"),
        pl.col("function_level").replace_strict(ordinal, default=None, return_dtype=pl.Int64).alias("now"),
    )
    goals = ctx.tables["goals"].join(levels, on="assessment_id", how="inner").with_columns(
        pl.col("target_function_level")
        .replace_strict(ordinal, default=None, return_dtype=pl.Int64)
        .alias("target")
    )
    develop, keep, limit = (ctx.codes.code("GoalTypeEnum", t) for t in (GOAL_TYPE_DEVELOP, GOAL_TYPE_KEEP, GOAL_TYPE_LIMIT))
    kind = pl.col("goal_type")
    wrong = (
        ((kind == develop) & (pl.col("target") >= pl.col("now")))
        | ((kind == keep) & (pl.col("target") != pl.col("now")))
        | ((kind == limit) & (pl.col("target") < pl.col("now")))
    )
    titles = {k: v["title"] for k, v in ctx.enums["GoalTypeEnum"]["values"].items()}
    return [
        issues(goals.filter(wrong), "FFB311", "goals", "target_function_level",
               pl.col("target_function_level"), kind.replace_strict(titles, default=None))
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
    assessments = ctx.tables["assessments"].with_columns(
        pl.col("vum_score").replace_strict(maps_to, default=None).alias("mapped")
    )
    return [
        issues(assessments.filter(pl.col("mapped").is_not_null() & pl.col("function_level").is_not_null()
                                  & (pl.col("mapped") != pl.col("function_level"))),
               "FFB313", "assessments", "vum_score", pl.col("vum_score"),
               pl.col("function_level").replace_strict(titles, default=None))
    ]

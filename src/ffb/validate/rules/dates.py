"""Rules about dates and order: periods end after they start, follow-ups come after what
they follow, a case's registrations are in date order and inside the case's period."""

from __future__ import annotations

import polars as pl

from ffb.read.model import ROW
from ffb.validate.context import Context, cross_rule, issues

# (table, start column, end column): periods whose end cannot come before their start.
PERIODS = (
    ("cases", "opened_date", "closed_date"),
    ("interventions", "start_date", "end_date"),
    ("prices", "valid_from", "valid_to"),
    ("goals", "set_date", "expected_date"),
)
# Dates of things that have already happened when an export is made.
PAST_DATES = (
    ("cases", "opened_date"),
    ("cases", "closed_date"),
    ("case_target_groups", "recorded_date"),
    ("assessments", "assessment_date"),
    ("goals", "set_date"),
    ("follow_ups", "follow_up_date"),
)
ADULT_AGE = 18


def _date_text(column: str) -> pl.Expr:
    return pl.col(column).dt.to_string("%Y-%m-%d")


@cross_rule("FFB501", tables=())
def periods_in_order(ctx: Context) -> list[pl.DataFrame]:
    found = []
    for table, start, end in PERIODS:
        if not ctx.has(table):
            continue
        rows = ctx.tables[table]
        found.append(
            issues(rows.filter(pl.col(end) < pl.col(start)), "FFB501", table, end, _date_text(end),
                   pl.concat_str([pl.lit(f"{start} "), _date_text(start)]))
        )
    return found


@cross_rule("FFB502", tables=("follow_ups", "assessments"))
def follow_up_after_assessment(ctx: Context) -> list[pl.DataFrame]:
    dates = ctx.tables["assessments"].select(pl.col("id").alias("assessment_id"), "assessment_date")
    joined = ctx.tables["follow_ups"].join(dates, on="assessment_id", how="inner")
    return [
        issues(joined.filter(pl.col("follow_up_date") < pl.col("assessment_date")), "FFB502",
               "follow_ups", "follow_up_date", _date_text("follow_up_date"), _date_text("assessment_date"))
    ]


@cross_rule("FFB503", "FFB504", "FFB505", tables=("assessments",))
def registrations_in_order(ctx: Context) -> list[pl.DataFrame]:
    rows = ctx.tables["assessments"].filter(pl.col("case_id").is_not_null())
    visitation = pl.col("kind") == "visitation"
    ordered = rows.with_columns(
        pl.col("assessment_date").filter(visitation).min().over("case_id").alias("visited"),
        visitation.sum().over("case_id").alias("visitations"),
        pl.col(ROW).filter(visitation).sort().get(1, null_on_oob=True).over("case_id").alias("second"),
    )
    # Months between an assessment and the case's previous one, as the SEP template counts them.
    # A case with an unreadable date is left out: its order is unknown.
    by_date = rows.filter(pl.col("assessment_date").is_not_null().all().over("case_id")).sort(
        ["case_id", "assessment_date", ROW]
    )
    previous = pl.col("assessment_date").shift(1).over("case_id")
    months = (
        (pl.col("assessment_date").dt.year() - previous.dt.year()) * 12
        + pl.col("assessment_date").dt.month().cast(pl.Int32)
        - previous.dt.month().cast(pl.Int32)
        - (pl.col("assessment_date").dt.day() < previous.dt.day()).cast(pl.Int32)
    )
    spans = by_date.with_columns(months.alias("computed"))
    return [
        issues(ordered.filter((pl.col("kind") == "opfoelgning") & (pl.col("assessment_date") < pl.col("visited"))),
               "FFB503", "assessments", "assessment_date", _date_text("assessment_date"), _date_text("visited")),
        issues(ordered.filter(pl.col(ROW) == pl.col("second")), "FFB504", "assessments", "kind",
               pl.col("case_id"), pl.col("visitations")),
        issues(spans.filter(pl.col("months_since_previous").is_not_null() & pl.col("computed").is_not_null()
                            & ((pl.col("months_since_previous") - pl.col("computed")).abs() > 1)),
               "FFB505", "assessments", "months_since_previous", pl.col("months_since_previous"),
               pl.col("computed")),
    ]


@cross_rule("FFB506", tables=("cases",))
def closure_complete(ctx: Context) -> list[pl.DataFrame]:
    cases = ctx.tables["cases"]
    return [
        issues(cases.filter(pl.col("closed_date").is_not_null() & ctx.absent("cases", "closure_reason")),
               "FFB506", "cases", "closed_date", _date_text("closed_date"), pl.lit("closure_reason")),
        issues(cases.filter(pl.col("closure_reason").is_not_null() & ctx.absent("cases", "closed_date")),
               "FFB506", "cases", "closure_reason", pl.col("closure_reason"), pl.lit("closed_date")),
    ]


def _case_period(ctx: Context) -> pl.DataFrame:
    return ctx.tables["cases"].select(
        pl.col("id").alias("case_id"),
        "opened_date",
        "closed_date",
        pl.concat_str([_date_text("opened_date"), _date_text("closed_date").fill_null("")], separator=" – ")
        .alias("period"),
    )


def _outside(day: str) -> pl.Expr:
    return (pl.col(day) < pl.col("opened_date")) | (pl.col(day) > pl.col("closed_date"))


@cross_rule("FFB507", tables=("assessments", "cases"))
def assessments_inside_case(ctx: Context) -> list[pl.DataFrame]:
    joined = ctx.tables["assessments"].join(_case_period(ctx), on="case_id", how="inner")
    return [
        issues(joined.filter(_outside("assessment_date")), "FFB507", "assessments", "assessment_date",
               _date_text("assessment_date"), pl.col("period"))
    ]


@cross_rule("FFB508", tables=("interventions", "cases"))
def services_inside_case(ctx: Context) -> list[pl.DataFrame]:
    joined = ctx.tables["interventions"].join(_case_period(ctx), on="case_id", how="inner")
    return [
        issues(joined.filter(_outside("start_date")), "FFB508", "interventions", "start_date",
               _date_text("start_date"), pl.col("period"))
    ]


@cross_rule("FFB509", tables=())
def nothing_in_future(ctx: Context) -> list[pl.DataFrame]:
    today = ctx.today
    return [
        issues(ctx.tables[table].filter(pl.col(column) > today), "FFB509", table, column,
               _date_text(column), pl.lit(today.isoformat()))
        for table, column in PAST_DATES
        if ctx.has(table)
    ]


@cross_rule("FFB510", tables=("cases", "citizens"))
def adults_only(ctx: Context) -> list[pl.DataFrame]:
    births = ctx.tables["citizens"].select(pl.col("id").alias("citizen_id"), "birth_year")
    joined = ctx.tables["cases"].join(births, on="citizen_id", how="inner").with_columns(
        (pl.col("opened_date").dt.year() - pl.col("birth_year")).alias("age")
    )
    return [
        issues(joined.filter(pl.col("age") < ADULT_AGE), "FFB510", "cases", "opened_date",
               pl.col("id"), pl.col("age"))
    ]

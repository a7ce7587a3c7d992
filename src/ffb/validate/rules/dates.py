"""Rules about dates and order: periods end after they start, follow-ups come after what
they follow, a case's registrations are in date order and inside the case's period."""

from __future__ import annotations

import polars as pl

from ffb.read.model import ROW
from ffb.validate.context import Context, cross_rule, issues
from ffb.validate.rules.cpr_facts import age_at, cpr_birth_date

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
# An order key is a case id's hash in the high bits and a day number in the low 22 bits:
# every date from year 1 to 9999 (3.65 million days) fits once shifted by DAY_OFFSET.
HIGH_BITS = 0xFFFF_FFFF_FFC0_0000  # the part of a case id's hash that orders cases
DAY_OFFSET = 720_000  # days from 0001-01-01 to 1970-01-01 are 719,162


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
    """The registrations of each case in date order, checked with one sort and no grouping.

    Rows are put in case and date order by sorting one integer: a hash of the case id in the
    high bits and the day number in the low ones. Runs of equal case ids are the cases. Two
    cases whose hashes collide may interleave and so split into several runs; a run then
    lacks some of its case's rows, which can only hide a problem, never invent one.

    Only the positions are sorted; the few columns the checks read are gathered in that
    order as small integers (the case ids become run numbers), and the row numbers and case
    ids of the flagged rows alone are looked up at the end. The rule may see tens of
    millions of rows, and a sorted copy of the table would cost more than the table itself.
    """
    rows = ctx.tables["assessments"].select(ROW, "case_id", "assessment_date", "kind", "months_since_previous")
    if rows["case_id"].null_count():  # a filter copies, so only when needed
        rows = rows.filter(pl.col("case_id").is_not_null())
    undated = rows.filter(pl.col("assessment_date").is_null())["case_id"].unique()
    dated = rows.filter(pl.col("assessment_date").is_not_null()) if undated.len() else rows
    if undated.len():
        # A case with an unreadable date is left out: its order is unknown.
        dated = dated.filter(~pl.col("case_id").is_in(undated.implode()))
    del rows, undated
    day = (pl.col("assessment_date").cast(pl.Int64) + DAY_OFFSET).cast(pl.UInt64)  # kept positive
    order_key = (pl.col("case_id").hash() & pl.lit(HIGH_BITS, dtype=pl.UInt64)) | day
    position = dated.select(pl.arg_sort_by(order_key, maintain_order=True).alias("_at"))["_at"]

    def in_order(column: str) -> pl.Series:
        # A gather from one contiguous array is several times faster than from many chunks.
        return dated[column].rechunk().gather(position)

    ordered = pl.DataFrame({
        "_at": position,
        # Runs of equal case ids, numbered: an integer per row instead of the case ids.
        "_run": in_order("case_id").rle_id(),
        "assessment_date": in_order("assessment_date"),
        "kind": in_order("kind"),
        "months_since_previous": in_order("months_since_previous"),
    })
    del position
    run = pl.col("_run")
    same_case = run == run.shift(1)
    starts = ~same_case.fill_null(False)
    ends = ~(run == run.shift(-1)).fill_null(False)
    visit = (pl.col("kind") == "visitation").cast(pl.Int32)
    seen = visit.cum_sum().cast(pl.Int32)  # visitations so far, this row included
    before_run = pl.when(starts).then(seen - visit).forward_fill()
    in_run_before = seen - visit - before_run  # visitations earlier in this case
    run_total = pl.when(ends).then(seen).backward_fill() - before_run
    first_visit = visit.cast(pl.Boolean) & (in_run_before == 0)
    visited = pl.when(first_visit).then(pl.col("assessment_date")).backward_fill()
    visited_run = pl.when(first_visit).then(run).backward_fill()
    previous = pl.when(same_case).then(pl.col("assessment_date").shift(1))
    months = (
        (pl.col("assessment_date").dt.year() - previous.dt.year()) * 12
        + pl.col("assessment_date").dt.month().cast(pl.Int32)
        - previous.dt.month().cast(pl.Int32)
        - (pl.col("assessment_date").dt.day() < previous.dt.day()).cast(pl.Int32)
    )
    # One column at a time: evaluated together, every expression's intermediate columns
    # would be in memory at once.
    ordered = ordered.with_columns(in_run_before.alias("in_run_before"))
    ordered = ordered.with_columns(run_total.alias("run_total"))
    ordered = ordered.with_columns(pl.when(visited_run == run).then(visited).alias("visited"))
    ordered = ordered.with_columns(months.alias("computed"))

    def flagged(condition: pl.Expr) -> pl.DataFrame:
        hits = ordered.filter(condition)
        at = hits["_at"]
        return hits.with_columns(dated[ROW].gather(at), dated["case_id"].gather(at))

    return [
        issues(flagged((pl.col("kind") == "opfoelgning") & (pl.col("in_run_before") == 0)
                       & (pl.col("assessment_date") < pl.col("visited"))),
               "FFB503", "assessments", "assessment_date", _date_text("assessment_date"), _date_text("visited")),
        issues(flagged((pl.col("kind") == "visitation") & (pl.col("in_run_before") == 1)),
               "FFB504", "assessments", "kind", pl.col("case_id"), pl.col("run_total")),
        issues(flagged(pl.col("months_since_previous").is_not_null() & pl.col("computed").is_not_null()
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


# (rule, table, date column): things that happen while their case is open.
INSIDE_CASE = (
    ("FFB507", "assessments", "assessment_date"),
    ("FFB508", "interventions", "start_date"),
)


@cross_rule("FFB507", "FFB508", tables=("cases",))
def inside_case_period(ctx: Context) -> list[pl.DataFrame]:
    period = _case_period(ctx)
    found = []
    for code, table, day in INSIDE_CASE:
        if not ctx.has(table):
            continue
        joined = ctx.tables[table].join(period, on="case_id", how="inner")
        found.append(issues(joined.filter(_outside(day)), code, table, day, _date_text(day), pl.col("period")))
    return found


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
    """Age at the case's opening: exact from the birth date in a CPR number where one is given,
    otherwise from the birth year, flagging only a citizen who was certainly under 18."""
    citizens = ctx.tables["citizens"]
    birth_date = pl.when(pl.col("cpr").is_not_null() & ~ctx.rejected("citizens", "cpr")).then(cpr_birth_date())
    births = citizens.select(pl.col("id").alias("citizen_id"), "birth_year", birth_date.alias("birth_date"))
    joined = ctx.tables["cases"].join(births, on="citizen_id", how="inner").with_columns(
        pl.when(pl.col("birth_date").is_not_null())
        .then(age_at(pl.col("opened_date"), pl.col("birth_date")))
        .otherwise(pl.col("opened_date").dt.year() - pl.col("birth_year"))
        .alias("age")
    )
    return [
        issues(joined.filter(pl.col("age") < ADULT_AGE), "FFB510", "cases", "opened_date",
               pl.col("id"), pl.col("age"))
    ]

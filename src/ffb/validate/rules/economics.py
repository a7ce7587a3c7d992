"""Economic rules: support carries hours, housing carries a daily price at a stated price
level, amounts are plausible, and a service fits the section of law it is granted under."""

from __future__ import annotations

import polars as pl

from ffb.validate.context import Context, cross_rule, issues

HOURLY_SECTIONS = ("SEL_82a", "SEL_82b", "SEL_85")
HOUSING_SECTIONS = ("SEL_107", "SEL_108")
MAX_HOURS_PER_MONTH = 250
DAILY_PRICE_RANGE = (100, 25_000)
PRICE_RANGES = {"dag": DAILY_PRICE_RANGE, "time": (100, 3_000), "maaned": (1_000, 750_000)}


def _range_text(low: float, high: float) -> str:
    return f"{low}–{high}"


@cross_rule("FFB401", "FFB402", "FFB403", "FFB404", "FFB405", tables=("interventions",))
def intervention_quantities(ctx: Context) -> list[pl.DataFrame]:
    rows = ctx.tables["interventions"]
    basis = pl.col("legal_basis")
    no_hours = ctx.absent("interventions", "hours_per_month_individual") & ctx.absent(
        "interventions", "hours_per_month_group"
    )
    total_hours = pl.col("hours_per_month_individual").fill_null(0) + pl.col("hours_per_month_group").fill_null(0)
    price = pl.col("daily_price_dkk")
    low, high = DAILY_PRICE_RANGE
    return [
        issues(rows.filter(basis.is_in(HOURLY_SECTIONS) & no_hours),
               "FFB401", "interventions", "hours_per_month_individual", basis),
        issues(rows.filter(basis.is_in(HOUSING_SECTIONS) & ctx.absent("interventions", "daily_price_dkk")),
               "FFB402", "interventions", "daily_price_dkk", basis),
        issues(rows.filter(price.is_not_null() & ctx.absent("interventions", "price_year")),
               "FFB403", "interventions", "price_year", price),
        issues(rows.filter(total_hours > MAX_HOURS_PER_MONTH),
               "FFB404", "interventions", "hours_per_month_individual", total_hours,
               pl.lit(str(MAX_HOURS_PER_MONTH))),
        issues(rows.filter((price < low) | (price > high)),
               "FFB405", "interventions", "daily_price_dkk", price, pl.lit(_range_text(low, high))),
    ]


@cross_rule("FFB406", tables=("prices",))
def price_amounts(ctx: Context) -> list[pl.DataFrame]:
    prices = ctx.tables["prices"]
    low = pl.col("price_unit").replace_strict({u: r[0] for u, r in PRICE_RANGES.items()}, default=None)
    high = pl.col("price_unit").replace_strict({u: r[1] for u, r in PRICE_RANGES.items()}, default=None)
    amount = pl.col("amount_dkk")
    return [
        issues(prices.filter((amount < low) | (amount > high)), "FFB406", "prices", "amount_dkk",
               amount, pl.concat_str([low.cast(pl.String), high.cast(pl.String)], separator="–"))
    ]


def allowed_sections(ctx: Context) -> dict[str, str]:
    """Service code -> the sections its own or nearest ancestor's definition names."""
    values = ctx.enums["ServiceEnum"]["values"]
    allowed = {}
    for code, value in values.items():
        for candidate in [code, *value.get("ancestors", ())]:
            if "legal_bases" in values[candidate]:
                allowed[code] = values[candidate]["legal_bases"]
                break
    return allowed


@cross_rule("FFB407", tables=("interventions",))
def service_fits_legal_basis(ctx: Context) -> list[pl.DataFrame]:
    allowed = allowed_sections(ctx)
    known_sections = {s for sections in allowed.values() for s in sections.split()}
    rows = ctx.tables["interventions"].with_columns(
        pl.col("service").replace_strict(allowed, default=None).alias("allowed")
    )
    misfit = (
        pl.col("allowed").is_not_null()
        & pl.col("legal_basis").is_in(list(known_sections))
        & ~pl.col("allowed").str.split(" ").list.contains(pl.col("legal_basis"))
    )
    return [
        issues(rows.filter(misfit), "FFB407", "interventions", "service", pl.col("legal_basis"),
               pl.col("allowed").str.replace_all("SEL_", "§ ").str.replace_all(" § ", ", § "))
    ]

"""Economic rules: support carries hours, housing carries a daily price at a stated price
level, amounts are plausible, and a service fits the section of law it is granted under."""

from __future__ import annotations

import polars as pl

from ffb.contract.ownership import derive_ownership
from ffb.validate.context import Context, cross_rule, issues

# Support granted in hours: § 82 b (individual, time-limited) and § 85. § 82 a group offers
# are run for a group and not granted in hours per citizen, so they are not asked for them.
HOURLY_SECTIONS = ("SEL_82b", "SEL_85")
HOUSING_SECTIONS = ("SEL_107", "SEL_108")
MAX_HOURS_PER_MONTH = 250
DAILY_PRICE_RANGE = (100, 25_000)
PRICE_RANGES = {"dag": DAILY_PRICE_RANGE, "time": (100, 3_000), "maaned": (1_000, 750_000)}
# Ældreloven takes over §§ 83, 83 a, 83 b, 84 and 86 for the citizens it covers from this day;
# the contract takes citizens of folkepension age (67) as covered.
PENSION_AGE = 67


def _range_text(low: float, high: float) -> str:
    return f"{low}–{high}"


def section_labels(ctx: Context) -> dict[str, str]:
    """LegalBasisEnum key -> how a message prints it ("§ 108", "ABL § 105")."""
    return {k: v.get("short", v["title"]) for k, v in ctx.enums["LegalBasisEnum"]["values"].items()}


def _section(ctx: Context, column: str = "legal_basis") -> pl.Expr:
    return pl.col(column).cast(pl.String).replace_strict(section_labels(ctx), default=None)


def _with_ownership(ctx: Context, rows: pl.DataFrame) -> pl.DataFrame:
    """`rows` with the ownership of each service seen from its buyer (null when unknown)."""
    if not ctx.has("cases", "providers"):
        return rows.with_columns(pl.lit(None, pl.String).alias("ownership"))
    return derive_ownership(rows, ctx.tables["cases"], ctx.tables["providers"])


@cross_rule("FFB401", "FFB402", "FFB403", "FFB404", "FFB405", tables=("interventions",))
def intervention_quantities(ctx: Context) -> list[pl.DataFrame]:
    rows = _with_ownership(ctx, ctx.tables["interventions"])
    basis = pl.col("legal_basis").cast(pl.String)
    no_hours = ctx.absent("interventions", "hours_per_month_individual") & ctx.absent(
        "interventions", "hours_per_month_group"
    )
    total_hours = pl.col("hours_per_month_individual").fill_null(0) + pl.col("hours_per_month_group").fill_null(0)
    price = pl.col("daily_price_dkk")
    no_price = ctx.absent("interventions", "daily_price_dkk")
    # § 85 support priced per day or as a package (a daily price given) needs no hours; a
    # municipality's own §§ 107/108 place is paid from its budget, not at a daily price.
    own_place = (pl.col("ownership") == "egen_kommune").fill_null(False)
    low, high = DAILY_PRICE_RANGE
    return [
        issues(rows.filter(basis.is_in(HOURLY_SECTIONS) & no_hours & no_price),
               "FFB401", "interventions", "hours_per_month_individual", _section(ctx)),
        issues(rows.filter(basis.is_in(HOUSING_SECTIONS) & no_price & ~own_place),
               "FFB402", "interventions", "daily_price_dkk", _section(ctx)),
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
    unit = pl.col("price_unit").cast(pl.String)
    low = unit.replace_strict({u: r[0] for u, r in PRICE_RANGES.items()}, default=None)
    high = unit.replace_strict({u: r[1] for u, r in PRICE_RANGES.items()}, default=None)
    amount = pl.col("amount_dkk")
    return [
        issues(prices.filter((amount < low) | (amount > high)), "FFB406", "prices", "amount_dkk",
               amount, pl.concat_str([low.cast(pl.String), high.cast(pl.String)], separator="–"))
    ]


def allowed_sections(ctx: Context, enum: str = "ServiceEnum") -> dict[str, str]:
    """Code -> the sections the reviewed table allows for it or its nearest ancestor."""
    values = ctx.enums[enum]["values"]
    allowed = {}
    for code, value in values.items():
        for candidate in [code, *value.get("ancestors", ())]:
            if "legal_bases" in values[candidate]:
                allowed[code] = values[candidate]["legal_bases"]
                break
    return allowed


def _misfits(ctx: Context, rows: pl.DataFrame, column: str, enum: str, sections: list[str] | None) -> pl.DataFrame:
    """Rows whose `column` code allows sections that do not include the row's legal basis.

    With `sections`, only rows whose legal basis is one of them are checked (for offer
    types: the sections bound to an offer)."""
    allowed = allowed_sections(ctx, enum)
    labels = section_labels(ctx)
    titles = {k: v["title"] for k, v in ctx.enums[enum]["values"].items()}
    shown = {code: f"{titles[code]}: {', '.join(labels.get(s, s) for s in found.split())}" for code, found in allowed.items()}
    code = pl.col(column).cast(pl.String)
    basis = pl.col("legal_basis").cast(pl.String)
    checked = basis.is_in(sections) if sections is not None else pl.lit(True)
    marked = rows.with_columns(code.replace_strict(allowed, default=None).alias("allowed"))
    misfit = (
        checked
        & basis.is_not_null()  # no section at all is FFB201's to report, or FFB408's
        & pl.col("allowed").is_not_null()
        & ~pl.col("allowed").str.split(" ").list.contains(basis)
    )
    return marked.filter(misfit).with_columns(code.replace_strict(shown, default=None).alias("shown"))


def offer_bound_sections(ctx: Context) -> list[str]:
    """Sections an offer type names: a grant under one of them is delivered through such an offer."""
    values = ctx.enums["OfferTypeEnum"]["values"].values()
    return sorted({s for v in values for s in v.get("legal_bases", "").split()})


@cross_rule("FFB407", tables=("interventions",))
def service_fits_legal_basis(ctx: Context) -> list[pl.DataFrame]:
    rows = ctx.tables["interventions"]
    found = []
    for column, enum, sections in (
        ("service", "ServiceEnum", None),
        ("offer_type", "OfferTypeEnum", offer_bound_sections(ctx)),
    ):
        misfits = _misfits(ctx, rows, column, enum, sections)
        found.append(issues(misfits, "FFB407", "interventions", column, _section(ctx), pl.col("shown")))
    return found


def sections_without_service(ctx: Context) -> list[str]:
    return [k for k, v in ctx.enums["LegalBasisEnum"]["values"].items() if v.get("ffb_services") == "none"]


@cross_rule("FFB408", tables=("interventions",))
def service_needed(ctx: Context) -> list[pl.DataFrame]:
    rows = ctx.tables["interventions"]
    basis = pl.col("legal_basis").cast(pl.String)
    needed = basis.is_not_null() & ~basis.is_in(sections_without_service(ctx))
    return [
        issues(rows.filter(needed & ctx.absent("interventions", "service")), "FFB408", "interventions",
               "service", _section(ctx))
    ]


@cross_rule("FFB409", tables=("interventions",))
def law_in_force(ctx: Context) -> list[pl.DataFrame]:
    """Sections against the law in force on the grant date (the start date when no grant date
    is given): Ældreloven does not exist before 1 July 2025, and from then it takes §§ 83,
    83 a, 83 b, 84 and 86 for citizens of pension age."""
    values = ctx.enums["LegalBasisEnum"]["values"]
    moved = {k: v["aeldreloven_from"] for k, v in values.items() if "aeldreloven_from" in v}
    starts = {k: v["valid_from"] for k, v in values.items() if "valid_from" in v}
    rows = ctx.tables["interventions"].with_columns(
        pl.coalesce("grant_date", "start_date").alias("granted"),
        pl.col("legal_basis").cast(pl.String).alias("basis"),
    )
    found = []
    if starts:
        since = pl.col("basis").replace_strict(starts, default=None).str.to_date("%Y-%m-%d")
        early = rows.filter(pl.col("granted") < since)
        found.append(issues(early, "FFB409", "interventions", "legal_basis", _section(ctx),
                            pl.concat_str([pl.lit("< "), since.dt.to_string("%Y-%m-%d")])))
    if moved and ctx.has("cases", "citizens"):
        births = ctx.tables["citizens"].select(pl.col("id").alias("citizen_id"), "birth_year")
        cases = ctx.tables["cases"].select(pl.col("id").alias("case_id"), "citizen_id")
        since = pl.col("basis").replace_strict(moved, default=None).str.to_date("%Y-%m-%d")
        aged = rows.join(cases, on="case_id", how="inner").join(births, on="citizen_id", how="inner")
        # The year difference can be one too high; only a citizen certainly of age is flagged.
        certainly_of_age = (pl.col("granted").dt.year() - pl.col("birth_year") - 1) >= PENSION_AGE
        late = aged.filter((pl.col("granted") >= since) & certainly_of_age)
        found.append(issues(late, "FFB409", "interventions", "legal_basis", _section(ctx),
                            pl.concat_str([pl.lit(">= "), since.dt.to_string("%Y-%m-%d")])))
    return found


@cross_rule("FFB410", tables=("providers",))
def operator_municipality(ctx: Context) -> list[pl.DataFrame]:
    providers = ctx.tables["providers"]
    municipal = pl.col("operator_kind").cast(pl.String) == "kommune"
    return [
        issues(providers.filter(municipal & ctx.absent("providers", "operator_municipality_code")),
               "FFB410", "providers", "operator_municipality_code", pl.col("operator_kind").cast(pl.String)),
    ]

"""What a CPR number tells: birth date and sex. Checked against the same row's birth year and
sex, and used for exact ages where the number is given.

The date part is DDMMYY; the seventh digit and the year give the century (CPR-kontoret's
rules: 0–3 the 1900s; 4 and 9 the 2000s up to year 36, else the 1900s; 5–8 the 2000s up to
year 57, else the 1800s); an odd last digit is a man, an even one a woman.
"""

from __future__ import annotations

import polars as pl

from ffb.validate.context import Context, cross_rule, issues


def _digits() -> pl.Expr:
    return pl.col("cpr").str.replace_all("-", "", literal=True)


def cpr_birth_year() -> pl.Expr:
    digits = _digits()
    year = digits.str.slice(4, 2).cast(pl.Int32, strict=False)
    seventh = digits.str.slice(6, 1).cast(pl.Int32, strict=False)
    century = (
        pl.when(seventh <= 3).then(1900)
        .when(seventh.is_in([4, 9])).then(pl.when(year <= 36).then(2000).otherwise(1900))
        .otherwise(pl.when(year <= 57).then(2000).otherwise(1800))
    )
    return century + year


def cpr_birth_date() -> pl.Expr:
    digits = _digits()
    return pl.date(
        cpr_birth_year(),
        digits.str.slice(2, 2).cast(pl.Int32, strict=False),
        digits.str.slice(0, 2).cast(pl.Int32, strict=False),
    )


def cpr_sex() -> pl.Expr:
    last = _digits().str.slice(9, 1).cast(pl.Int32, strict=False)
    return pl.when(last % 2 == 1).then(pl.lit("mand")).otherwise(pl.lit("kvinde"))


def age_at(day: pl.Expr, birth_date: pl.Expr) -> pl.Expr:
    """Whole years between a birth date and a day: one less before the birthday."""
    before_birthday = (day.dt.month() < birth_date.dt.month()) | (
        (day.dt.month() == birth_date.dt.month()) & (day.dt.day() < birth_date.dt.day())
    )
    return day.dt.year().cast(pl.Int32) - birth_date.dt.year().cast(pl.Int32) - before_birthday.cast(pl.Int32)


@cross_rule("FFB511", "FFB512", tables=("citizens",))
def cpr_agrees(ctx: Context) -> list[pl.DataFrame]:
    citizens = ctx.tables["citizens"].filter(pl.col("cpr").is_not_null() & ~ctx.rejected("citizens", "cpr"))
    if citizens.is_empty():
        return []
    derived = citizens.with_columns(cpr_birth_year().alias("cpr_year"), cpr_sex().alias("cpr_sex"))
    return [
        issues(derived.filter(pl.col("birth_year").is_not_null() & (pl.col("birth_year") != pl.col("cpr_year"))),
               "FFB511", "citizens", "birth_year", pl.col("birth_year"), pl.col("cpr_year")),
        issues(derived.filter(pl.col("sex").is_not_null() & (pl.col("sex").cast(pl.String) != pl.col("cpr_sex"))),
               "FFB512", "citizens", "sex", pl.col("sex").cast(pl.String), pl.col("cpr_sex")),
    ]

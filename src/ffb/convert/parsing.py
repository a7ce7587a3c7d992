"""Column expressions that turn source text into typed values, with a reason where they cannot.

Every parser returns (value, failed): `failed` is true where the text is there but could not be
read, so the engine can reject the record instead of leaving a silent gap.
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl

from ffb.report.masking import CPR_SHAPE

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Excel serials from 1900 to 2100; anything else made of digits is not a date.
EXCEL_SERIAL = r"^[0-9]{1,5}(\.0+)?$"
EXCEL_RANGE = (1, 73415)
WEEKS_PER_MONTH = 52 / 12
DAYS_PER_YEAR = 365
MONTHS_PER_YEAR = 12
CPR = rf"^{CPR_SHAPE}$"


def number(raw: pl.Expr, decimal: str, thousands: str) -> pl.Expr:
    """A decimal number written the profile's way ("2.345,50"), spaces and "kr." allowed.

    A thousands separator must group digits by three, so "7.5" in a decimal-comma file is
    refused rather than read as 75.
    """
    text = raw.str.replace_all(r"(?i)\s*kr\.?\s*$", "").str.replace_all(r"[\s\u00a0]", "")
    d, t = re.escape(decimal), re.escape(thousands)
    plain = rf"^-?[0-9]+({d}[0-9]+)?$"
    grouped = rf"^-?[0-9]{{1,3}}({t}[0-9]{{3}})+({d}[0-9]+)?$" if thousands else plain
    shaped = text.str.contains(plain) | text.str.contains(grouped)
    if thousands:
        text = text.str.replace_all(thousands, "", literal=True)
    text = text.str.replace(decimal, ".", literal=True)
    return pl.when(shaped).then(text.cast(pl.Float64, strict=False))


def integer(raw: pl.Expr, decimal: str, thousands: str) -> pl.Expr:
    value = number(raw, decimal, thousands)
    return pl.when(value == value.round(0)).then(value.cast(pl.Int64, strict=False))


def date(raw: pl.Expr, formats: list[str]) -> pl.Expr:
    """The first of ISO and the profile's formats that reads the text as a real date."""
    text = raw.str.replace(r"[T ]00:00(:00(\.0+)?)?$", "")
    candidates = [text.str.to_date("%Y-%m-%d", strict=False)]
    for pattern in formats:
        if pattern == "excel":
            serial = text.str.replace(r"\.0+$", "").cast(pl.Int64, strict=False)
            in_range = text.str.contains(EXCEL_SERIAL) & serial.is_between(*EXCEL_RANGE)
            candidates.append(
                pl.when(in_range).then(pl.lit(EXCEL_EPOCH) + pl.duration(days=serial))
            )
        else:
            candidates.append(text.str.to_date(pattern, strict=False))
    return pl.coalesce(candidates).cast(pl.Date)


def cpr_digits(raw: pl.Expr) -> pl.Expr:
    """The ten digits of a CPR number written DDMMYY-SSSS, DDMMYYSSSS or with a space; else null."""
    text = raw.str.replace_all(r"[\s\u00a0]", "")
    return pl.when(text.str.contains(CPR)).then(text.str.replace("-", "", literal=True))


def cpr_birth_year(digits: pl.Expr) -> pl.Expr:
    """The birth year a CPR number tells: its two-digit year and the century its seventh
    digit gives (CPR-kontoret's rule)."""
    yy = digits.str.slice(4, 2).cast(pl.Int64)
    seventh = digits.str.slice(6, 1).cast(pl.Int64)
    century = (
        pl.when(seventh <= 3).then(1900)
        .when(seventh.is_in([4, 9])).then(pl.when(yy <= 36).then(2000).otherwise(1900))
        .otherwise(pl.when(yy <= 57).then(2000).otherwise(1800))
    )
    return century + yy


def cpr_sex(digits: pl.Expr) -> pl.Expr:
    """The legal sex a CPR number tells: an odd last digit is a man."""
    last = digits.str.slice(9, 1).cast(pl.Int64)
    return pl.when(last % 2 == 1).then(pl.lit("mand")).otherwise(pl.lit("kvinde"))


def rate_factor(source: str, target: str, quantity: str) -> float:
    """What to multiply an amount per `source` by to state it per `target`.

    Hours per week become hours per month as 52/12 weeks a month; a monthly or yearly price
    becomes a daily one over 365 days a year.
    """
    per_year = {
        "per_day": DAYS_PER_YEAR,
        "per_week": 52.0,
        "per_month": MONTHS_PER_YEAR,
        "per_year": 1.0,
    }
    if source == target:
        return 1.0
    if quantity == "hours" and {source, target} == {"per_week", "per_month"}:
        return WEEKS_PER_MONTH if source == "per_week" else 1 / WEEKS_PER_MONTH
    return per_year[source] / per_year[target]


def target_rate(column: dict) -> str | None:
    """The rate a contract column is stated per (from its unit), if any."""
    unit = column.get("unit") or {}
    code, symbol = unit.get("ucum_code", ""), unit.get("symbol", "")
    if code.endswith("/mo") or symbol.endswith("/måned"):
        return "per_month"
    if code.endswith("/d") or symbol.endswith("/dag"):
        return "per_day"
    if code.endswith("/wk") or symbol.endswith("/uge"):
        return "per_week"
    if code.endswith("/a") or symbol.endswith("/år"):
        return "per_year"
    return None

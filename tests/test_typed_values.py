"""The typed values the field rules hand to the rules across tables: a value a field rule
rejects (out of bounds, not a number, not a date) is absent there, never used as if it were
valid; and the suggestion FFB215 gives for a day-first date."""

from __future__ import annotations

import polars as pl
import pytest

from ffb.contract.codes import load_contract
from ffb.read.model import ROW
from ffb.validate.fields import FieldChecker

CONTRACT = load_contract()
TABLES = {t["name"]: t for t in CONTRACT["tables"]}


def _check(table: str, column: str, values: list[str | None]):
    names = [c["name"] for c in TABLES[table]["columns"]]
    batch = pl.DataFrame(
        {ROW: list(range(2, len(values) + 2)), **{n: values if n == column else [None] * len(values) for n in names}},
        schema={ROW: pl.Int64, **{n: pl.String for n in names}},
    )
    issues, typed = FieldChecker(TABLES[table], CONTRACT["enums"]).check(batch)
    return issues.filter(pl.col("column") == column), typed[column].to_list()


@pytest.mark.parametrize(
    "table, column, values, expected",
    [
        ("citizens", "birth_year", ["1899", "1900", "2100", "2101"], [None, 1900, 2100, None]),
        ("assessments", "months_since_previous", ["-1", "0", "600", "601"], [None, 0, 600, None]),
        ("interventions", "hours_per_month_individual", ["-0.5", "0", "744", "744.5"], [None, 0.0, 744.0, None]),
    ],
)
def test_values_outside_the_bounds_are_absent_when_typed(table, column, values, expected):
    issues, typed = _check(table, column, values)
    assert typed == expected
    assert sorted(issues["row"].to_list()) == [n + 2 for n, v in enumerate(expected) if v is None]


def test_an_overflowing_number_is_absent_when_typed():
    issues, typed = _check("interventions", "daily_price_dkk", ["1e309", "1e3", "inf", "12.5"])
    assert typed == [None, 1000.0, None, 12.5]
    assert issues.filter(pl.col("code") == "FFB204")["row"].to_list() == [2, 4]


def test_a_malformed_whole_number_or_date_is_absent_when_typed():
    _, years = _check("citizens", "birth_year", ["1970", "1970.5", "19x0", " 1970"])
    assert years[0] == 1970 and years[1:] == [None, None, None]
    issues, days = _check("cases", "opened_date", ["2024-02-29", "2023-02-29", "29-02-2024"])
    assert [str(d) if d else None for d in days] == ["2024-02-29", None, None]


@pytest.mark.parametrize(
    "written, suggested",
    [("23-06-2022", "2022-06-23"), ("23.06.2022", "2022-06-23"), ("23/06/2022", "2022-06-23"),
     ("01-12-1999", "1999-12-01")],
)
def test_a_day_first_date_is_ffb215_with_the_iso_date(written, suggested):
    issues, _ = _check("cases", "opened_date", [written])
    assert issues.select("code", "detail").rows() == [("FFB215", suggested)]


@pytest.mark.parametrize("written", ["31-02-2022", "2022/06/23", "23-06-22"])
def test_a_date_that_is_no_real_day_first_date_stays_ffb205(written):
    issues, _ = _check("cases", "opened_date", [written])
    assert issues["code"].to_list() == ["FFB205"]


def test_a_whole_number_beyond_64_bits_is_an_error_not_a_crash():
    issues, typed = _check("citizens", "birth_year", ["99999999999999999999", "-99999999999999999999", "1970"])
    assert typed == [None, None, 1970]
    assert issues.select("code", "row").rows() == [("FFB203", 2), ("FFB203", 3)]

"""The tables a user may replace: the price index and the step order of the indsatstrappe."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from ffb.read.model import CannotRun

PRICE_INDEX = Path(__file__).with_name("price_index.csv")
STEPS = Path(__file__).with_name("steps.json")


def load_price_index(path: Path = PRICE_INDEX) -> pl.DataFrame:
    """year, price_index: a CSV with those two columns, one row per year."""
    try:
        frame = pl.read_csv(path, schema_overrides={"year": pl.String, "price_index": pl.String})
    except (OSError, pl.exceptions.PolarsError) as error:
        raise CannotRun(f"{path}: the price index cannot be read ({str(error).splitlines()[0][:160]})") from error
    missing = {"year", "price_index"} - set(frame.columns)
    if missing:
        raise CannotRun(f"{path}: the price index needs the columns year and price_index (missing: {', '.join(sorted(missing))})")
    typed = frame.select(
        pl.col("year").str.strip_chars().cast(pl.Int32, strict=False),
        pl.col("price_index").str.strip_chars().str.replace(",", ".", literal=True).cast(pl.Float64, strict=False),
        pl.col("year").alias("_year_text"),
        pl.col("price_index").alias("_index_text"),
    ).with_row_index("row", offset=2)
    bad = typed.filter(
        pl.col("year").is_null() | pl.col("price_index").is_null() | (pl.col("price_index") <= 0)
    )
    if bad.height:
        first = bad.row(0, named=True)
        column = "year" if first["year"] is None else "price_index"
        value = first["_year_text"] if column == "year" else first["_index_text"]
        raise CannotRun(f"{path}: row {first['row']}, column {column}: {value!r} is not a year and a positive index")
    duplicated = typed.filter(pl.col("year").is_duplicated())
    if duplicated.height:
        raise CannotRun(f"{path}: row {duplicated['row'][0]}: the year {duplicated['year'][0]} appears twice")
    return typed.select("year", "price_index").sort("year")


def load_steps(path: Path = STEPS) -> list[dict]:
    """The steps of the indsatstrappe, lowest first: name_da, name_en, legal_basis, rank."""
    from ffb.contract.codes import load_contract

    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CannotRun(f"{path}: the step order cannot be read ({error})") from error
    steps = document.get("steps") if isinstance(document, dict) else None
    if not isinstance(steps, list) or not steps:
        raise CannotRun(f"{path}: expected an object with a non-empty list \"steps\"")
    known = set(load_contract()["enums"]["LegalBasisEnum"]["values"])
    seen: dict[str, int] = {}
    result = []
    for rank, step in enumerate(steps, start=1):
        where = f"{path}: step {rank}"
        if not isinstance(step, dict) or not isinstance(step.get("legal_basis"), list):
            raise CannotRun(f"{where}: needs name_da, name_en and a list legal_basis")
        for basis in step["legal_basis"]:
            if basis not in known:
                raise CannotRun(f"{where}: {basis!r} is not a legal basis of the contract (e.g. SEL_85, SEL_107)")
            if basis in seen:
                raise CannotRun(f"{where}: {basis} is already on step {seen[basis]}")
            seen[basis] = rank
        name_da = str(step.get("name_da") or step.get("name_en") or f"Trin {rank}")
        result.append({"rank": rank, "name_da": name_da, "name_en": str(step.get("name_en") or name_da),
                       "legal_basis": list(step["legal_basis"])})
    return result

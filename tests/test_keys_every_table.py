"""A repeated key is found in every table that has one, generated from the contract's
primary keys: every repeat after the first is reported with the row of the first, a key
that only partly matches another is not a repeat, and a key with a part missing is left to
the required-field rule."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ffb.contract.codes import load_contract
from snippets import shown, table, validate_tables

CONTRACT = load_contract()
KEYED = [spec for spec in CONTRACT["tables"] if spec["primary_key"]]


def _values(spec: dict, column: str) -> list[str]:
    """Two different valid values for a key column."""
    described = next(c for c in spec["columns"] if c["name"] == column)
    if "enum" in described:
        values = CONTRACT["enums"][described["enum"]]["values"]
        return [k for k, v in values.items() if v.get("selectable", True) is not False][:2]
    if described["type"] == "integer":
        return [str(described.get("minimum", 1)), str(described.get("minimum", 1) + 1)]
    return ["k-1", "k-2"]


def _rows(spec: dict, *choices: tuple[int, ...]) -> str:
    key = spec["primary_key"]
    values = {column: _values(spec, column) for column in key}
    return table(",".join(key), *(",".join(values[c][i] if i >= 0 else "" for c, i in zip(key, choice))
                                  for choice in choices))


def _duplicates(tmp_path: Path, spec: dict, text: str) -> pl.DataFrame:
    report = validate_tables(tmp_path / "case", {spec["name"]: text}, lang="en")
    return report.issues.filter(pl.col("code") == "FFB212")


def test_every_table_with_a_key_is_covered():
    assert {spec["name"] for spec in KEYED} >= {"citizens", "cases", "case_target_groups", "goal_conditions",
                                                "providers", "prices"}
    assert any(len(spec["primary_key"]) > 1 for spec in KEYED)


@pytest.mark.parametrize("spec", KEYED, ids=[spec["name"] for spec in KEYED])
def test_every_repeat_is_reported_with_the_first_row(spec: dict, tmp_path: Path):
    width = len(spec["primary_key"])
    first, other = (0,) * width, (1,) * width
    found = _duplicates(tmp_path, spec, _rows(spec, first, other, first, first))
    key_text = " / ".join(_values(spec, c)[0] for c in spec["primary_key"])
    assert found.select("table", "row", "column", "value").rows() == [
        (spec["name"], 4, spec["primary_key"][-1], key_text),
        (spec["name"], 5, spec["primary_key"][-1], key_text),
    ], shown(found)
    assert found["message"].to_list() == [f"{key_text} already appears in row 2."] * 2


@pytest.mark.parametrize("spec", KEYED, ids=[spec["name"] for spec in KEYED])
def test_different_keys_are_not_repeats(spec: dict, tmp_path: Path):
    width = len(spec["primary_key"])
    rows = [(0,) * width, (1,) * width]
    if width > 1:  # keys of several columns that share all but their last part differ
        rows += [(0,) * (width - 1) + (1,), (1,) + (0,) * (width - 1)]
    assert _duplicates(tmp_path, spec, _rows(spec, *rows)).is_empty()


@pytest.mark.parametrize("spec", KEYED, ids=[spec["name"] for spec in KEYED])
def test_a_key_with_a_part_missing_is_not_a_repeat(spec: dict, tmp_path: Path):
    width = len(spec["primary_key"])
    missing = (0,) * (width - 1) + (-1,)
    assert _duplicates(tmp_path, spec, _rows(spec, missing, missing)).is_empty()

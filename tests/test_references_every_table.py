"""A dangling reference is found in every column that refers to another table.

The cases are generated from the contract's foreign keys, so a reference added to the schema
is tested without a new test: each copies the example package, points one row of the
referring column at an id the target table does not hold, and expects exactly that FFB213.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ffb.contract.codes import load_contract
from snippets import shown, validator
from support import copy_example, read_rows, set_cell

MISSING_ID = "findes-ikke-1"


def _references() -> list[tuple[str, str, str, str]]:
    return [
        (spec["name"], column["name"], column["references"]["table"], column["references"]["column"])
        for spec in load_contract()["tables"]
        for column in spec["columns"]
        if column.get("references")
    ]


REFERENCES = _references()


def test_every_referenced_table_is_covered():
    """The generated cases reach every table the data model links to, providers included."""
    targets = {target for _table, _column, target, _key in REFERENCES}
    assert {"citizens", "cases", "assessments", "goals", "conditions", "providers"} <= targets
    referring = {table for table, *_ in REFERENCES}
    assert {"cases", "interventions", "prices", "follow_ups", "goal_conditions"} <= referring


@pytest.mark.parametrize(("table", "column", "target", "key"), REFERENCES,
                         ids=[f"{t}.{c}->{target}" for t, c, target, _ in REFERENCES])
def test_dangling_reference(table: str, column: str, target: str, key: str, tmp_path: Path):
    folder = copy_example(tmp_path)
    known = {row[read_rows(folder, target)[0].index(key)] for row in read_rows(folder, target)[1:]}
    assert MISSING_ID not in known
    set_cell(folder, table, 2, column, MISSING_ID)
    report = validator().validate(folder, lang="en")
    dangling = report.issues.filter(pl.col("code") == "FFB213")
    assert dangling.select("table", "row", "column", "value").rows() == [(table, 2, column, MISSING_ID)], (
        shown(dangling)
    )
    assert dangling["message"].to_list() == [f"{MISSING_ID} does not exist in the table {target}."]
    assert dangling["severity"].to_list() == ["error"] and not report.valid


@pytest.mark.parametrize(("table", "column", "target", "key"), REFERENCES,
                         ids=[f"{t}.{c}->{target}" for t, c, target, _ in REFERENCES])
def test_existing_reference_is_not_reported(table: str, column: str, target: str, key: str, tmp_path: Path):
    """The same row pointed at another id the target does hold is fine."""
    folder = copy_example(tmp_path)
    rows = read_rows(folder, target)
    other = rows[-1][rows[0].index(key)]
    set_cell(folder, table, 2, column, other)
    report = validator().validate(folder, lang="en")
    assert report.issues.filter(pl.col("code") == "FFB213").is_empty()

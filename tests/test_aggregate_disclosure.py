"""Disclosure control seen by an attacker: no hidden cell may be recoverable from what is published.

The attacker here is written apart from the suppression code. It knows only what a reader of
the output knows: the published cells, which cells are hidden, that a margin (`alle`) is the
sum of its cells, and that a cell that is listed holds at least one unit. For every hidden cell
it solves for the smallest and the largest value the published numbers allow; if the two meet,
the cell was recovered and the test fails.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from ffb.aggregate.suppression import ALL, Table, suppress

ROOT = Path(__file__).resolve().parents[1]


def attack(keys: list[tuple], units: list[float | None]) -> list[tuple[tuple, float, float]]:
    """Hidden cells (units None) whose value the published ones pin down: (key, low, high)."""
    index = {key: i for i, key in enumerate(keys)}
    hidden = [i for i, u in enumerate(units) if u is None]
    if not hidden:
        return []
    position = {cell: j for j, cell in enumerate(hidden)}
    rows, rhs = [], []
    for dim in range(len(keys[0])):
        groups: dict[int, list[int]] = {}
        for i, key in enumerate(keys):
            if key[dim] == ALL:
                continue
            parent = index.get(key[:dim] + (ALL,) + key[dim + 1:])
            if parent is not None:
                groups.setdefault(parent, []).append(i)
        for parent, children in groups.items():
            row = np.zeros(len(hidden))
            known = 0.0
            for cell, sign in [(parent, 1.0)] + [(c, -1.0) for c in children]:
                if cell in position:
                    row[position[cell]] += sign
                else:
                    known -= sign * units[cell]
            if row.any():
                rows.append(row)
                rhs.append(known)
    recovered = []
    if not rows:
        return recovered
    matrix, rhs = np.array(rows), np.array(rhs)
    for j, cell in enumerate(hidden):
        objective = np.zeros(len(hidden))
        objective[j] = 1
        low = linprog(objective, A_eq=matrix, b_eq=rhs, bounds=(1, None), method="highs")
        high = linprog(-objective, A_eq=matrix, b_eq=rhs, bounds=(1, None), method="highs")
        assert low.status == 0, "the published table must be consistent"
        top = -high.fun if high.status == 0 else np.inf
        if top - low.fun < 1 - 1e-6:
            recovered.append((keys[cell], low.fun, top))
    return recovered


def cube(counts: dict[tuple, int]) -> tuple[list[tuple], list[int]]:
    """A table with every margin from its finest cells (cells with no units are not listed)."""
    totals: dict[tuple, int] = {}
    for key, value in counts.items():
        if value == 0:
            continue
        for mask in itertools.product((False, True), repeat=len(key)):
            margin = tuple(ALL if m else v for v, m in zip(key, mask))
            totals[margin] = totals.get(margin, 0) + value
    keys = sorted(totals)
    return keys, [totals[k] for k in keys]


tables = st.integers(2, 3).flatmap(
    lambda dims: st.lists(st.integers(2, 4), min_size=dims, max_size=dims).flatmap(
        lambda sizes: st.lists(
            st.integers(0, 14), min_size=int(np.prod(sizes)), max_size=int(np.prod(sizes))
        ).map(lambda values: dict(zip(itertools.product(*[[f"c{i}" for i in range(s)] for s in sizes]), values)))
    )
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables, st.integers(2, 6))
def test_no_suppressed_cell_can_be_recovered(counts: dict[tuple, int], min_n: int) -> None:
    keys, units = cube(counts)
    if not keys:
        return
    hidden = suppress(Table(keys, [float(u) for u in units], units), min_n)
    published = [None if i in hidden else u for i, u in enumerate(units)]
    assert all(u >= min_n for u in published if u is not None), "a published cell is under min_n"
    assert not attack(keys, published)


def test_the_attacker_finds_a_lone_hidden_cell() -> None:
    """The attacker works: hide one cell of a row and it subtracts it back."""
    keys, units = cube({("a", "x"): 3, ("a", "y"): 10, ("b", "x"): 8, ("b", "y"): 9})
    published = [None if k == ("a", "x") else u for k, u in zip(keys, units)]
    recovered = attack(keys, published)
    assert [(k, round(low)) for k, low, _ in recovered] == [(("a", "x"), 3)]


def test_the_attacker_uses_that_a_listed_cell_is_not_empty() -> None:
    """Two hidden cells adding up to 2 must both be 1: hiding a second cell is not enough then."""
    keys, units = cube({("a", "x"): 1, ("a", "y"): 1, ("a", "z"): 9, ("b", "x"): 7, ("b", "y"): 8, ("b", "z"): 9})
    hidden_keys = {("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")}
    published = [None if k in hidden_keys else u for k, u in zip(keys, units)]
    assert {k for k, _, _ in attack(keys, published)} >= {("a", "x"), ("a", "y")}
    # and the suppression finds a pattern the attacker cannot break
    hidden = suppress(Table(keys, [float(u) for u in units], units), 5)
    assert not attack(keys, [None if i in hidden else u for i, u in enumerate(units)])


def published_tables(frame: pl.DataFrame):
    """The tables of a published key_figures file, as an attacker rebuilds them."""
    slots = ["municipality_code", "group_1_code", "group_2_code", "group_3_code"]
    for _, part in frame.group_by(["metric", "year", "group_1", "group_2", "group_3"], maintain_order=True):
        additive = [c for c in slots if part[c].null_count() == 0 and (part[c] == ALL).any()]
        fixed = [c for c in slots if c not in additive and part[c].null_count() == 0]
        for _, table in part.group_by(fixed or [pl.lit(1)], maintain_order=True):
            yield table.select(additive).rows(), table["units"].to_list(), table["n"].to_list()


@pytest.fixture(scope="module")
def example_output(tmp_path_factory) -> pl.DataFrame:
    from ffb.aggregate.run import aggregate

    out = tmp_path_factory.mktemp("disclosure")
    aggregate([ROOT / "examples" / "canonical"], out, report=False)
    return pl.read_parquet(out / "key_figures.parquet")


def test_the_example_output_leaks_nothing(example_output: pl.DataFrame) -> None:
    checked = 0
    for keys, units, citizens in published_tables(example_output):
        assert all(n is None or n >= 5 for n in citizens)
        assert not attack([tuple(k) for k in keys], units)
        checked += sum(u is None for u in units)
    assert checked > 50  # the small example hides many cells, so the attack had work to do

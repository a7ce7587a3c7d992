"""Every key figure reproduces the figures a synthetic population was built to have.

The population's design (the levels, goal types, prices … drawn for each unit) is added up
without SQL; the figures are computed by `ffb aggregate` from the written packages alone.
"""

from __future__ import annotations


import polars as pl
import pytest

from ffb.aggregate.figures import load_figures
from ffb.aggregate.run import aggregate
from ffb.synth.population import build_population, true_figures, write_population

MUNICIPALITIES = ["101", "147", "461", "851"]


@pytest.fixture(scope="module")
def computed_and_true(tmp_path_factory):
    folder = tmp_path_factory.mktemp("population")
    population = build_population(MUNICIPALITIES, citizens=400, registrations=4, seed=7)
    packages = write_population(population, folder)
    result = aggregate(packages, folder / "out", report=False)
    return result, true_figures(population)


def test_the_population_is_valid(computed_and_true) -> None:
    result, _ = computed_and_true
    assert result.loaded.excluded.height == 0
    assert result.loaded.table_issues.height == 0


@pytest.mark.parametrize("figure", [f.id for f in load_figures()])
def test_figure_reproduces_the_design(computed_and_true, figure: str) -> None:
    result, truth = computed_and_true
    _reproduces(result, truth, figure)


def _reproduces(result, truth, figure: str) -> None:
    assert figure in truth, f"the population has no design for {figure}"
    expected = truth[figure]
    definition = next(f for f in load_figures() if f.id == figure)
    keys = ["municipality_code", *definition.partition, *definition.dims]
    cells = result.cells.frame.filter(pl.col("metric") == figure)
    # only the cells the design adds up: every dimension a real category
    finest = cells.filter(pl.all_horizontal([pl.col(k) != "alle" for k in keys[1:]] or [pl.lit(True)]))
    joined = expected.join(finest.select(*keys, "units", "n", "value", "suppressed"), on=keys, how="full",
                           suffix="_computed", coalesce=True)
    missing = joined.filter(pl.col("units_computed").is_null() | pl.col("units").is_null())
    assert missing.height == 0, f"cells only on one side:\n{missing}"
    assert (joined["units"] == joined["units_computed"]).all(), joined.filter(pl.col("units") != pl.col("units_computed"))
    assert (joined["n"] == joined["n_computed"]).all()
    off = joined.filter((pl.col("value") - pl.col("value_computed")).abs() > 0.01)
    assert off.height == 0, f"values differ:\n{off}"
    # the comparison covers published cells, not only hidden ones
    assert joined.filter(~pl.col("suppressed")).height > 0


def test_one_registration_a_case_has_no_changes_to_count(tmp_path) -> None:
    """With one registration a case there are no consecutive pairs: the population is still
    made, the figures that need two registrations are empty, and the others reproduce it."""
    population = build_population(["101", "147"], citizens=300, registrations=1, seed=3)
    truth = true_figures(population)
    assert truth["function_level_change"].height == 0 and truth["months_between_registrations"].height == 0
    result = aggregate(write_population(population, tmp_path), tmp_path / "out", report=False)
    assert result.loaded.excluded.height == 0
    for figure in ("function_level_first", "goals_set_share", "income_basis", "support_need_by_function_level"):
        _reproduces(result, truth, figure)

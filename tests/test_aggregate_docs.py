"""docs/key-figures.md is written from the figure catalogue and must not go stale."""

from __future__ import annotations

from pathlib import Path

from ffb.aggregate.docs import render
from ffb.aggregate.figures import load_figures

PAGE = Path(__file__).resolve().parents[1] / "docs" / "key-figures.md"


def test_key_figures_page_is_fresh() -> None:
    assert PAGE.read_text(encoding="utf-8") == render(), "run: python -m ffb.aggregate.docs"


def test_every_figure_has_its_formula_and_columns_on_the_page() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for figure in load_figures():
        assert figure.title["en"] in text and figure.formula["da"] in text
        for column in figure.reads:
            assert f"`{column}`" in text

"""mask_text, which masks the command's one-line errors and the docs pages: short and long
texts, several lines, and undecodable characters from file names."""

from __future__ import annotations

import polars as pl
import pytest

from ffb.report.masking import mask_expr, mask_text
from support import CLEAR_CPR, fictional_cpr


def test_short_text_is_masked_and_kept_otherwise():
    clear = fictional_cpr(day=12, month=3, year=85, serial=4321)
    assert mask_text(f"fil {clear}.csv mangler") == "fil 120385-****.csv mangler"
    assert mask_text("") == ""


def test_long_text_is_masked_on_every_line():
    clear = fictional_cpr(day=1, month=2, year=3, serial=4444)
    lines = [f"linje {n} {clear}" if n % 1000 == 0 else f"linje {n} " + "x" * 20 for n in range(5000)]
    masked = mask_text("\n".join(lines))
    assert not CLEAR_CPR.search(masked)
    out = masked.split("\n")
    assert len(out) == 5000 and out[1] == lines[1] and out[1000] == "linje 1000 010203-****"


def test_undecodable_characters_are_written_as_escapes():
    assert mask_text("fil-\udce6.csv") == "fil-\\udce6.csv"


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _written(separator: str, full_width: bool = False) -> tuple[str, str]:
    """A CPR-shaped number written with `separator` between its parts, and its masked form."""
    date = separator.join(["07", "11", "64"])
    text = f"{date}{separator}5678"
    if full_width:
        text, date = text.translate(FULL_WIDTH), date.translate(FULL_WIDTH)
    return text, f"{date}-****"


@pytest.mark.parametrize(
    "separator",
    ["", "-", " ", "\u00a0", "\u2013", "\u2014", "\u2212", "\u200b", "\uff0d", ".", "/", "_", " - ", "   "],
)
def test_every_way_of_writing_the_number_is_masked(separator):
    text, masked = _written(separator)
    assert mask_text(f"a {text} b") == f"a {masked} b"
    assert mask_text(text) == masked  # at the very start and end of the text


def test_full_width_digits_are_masked():
    text, masked = _written("", full_width=True)
    assert mask_text(f"x{text}y") == f"x{masked}y"


def test_four_separators_or_a_digit_beside_it_make_it_another_number():
    assert mask_text("07-11-64----5678") == "07-11-64----5678"
    assert mask_text("1" + fictional_cpr(7, 11, 64, 5678)) == "1" + fictional_cpr(7, 11, 64, 5678)
    assert mask_text(fictional_cpr(7, 11, 64, 5678) + "9") == fictional_cpr(7, 11, 64, 5678) + "9"


def test_impossible_days_and_months_are_not_cpr_numbers():
    for day, month in [(0, 5), (32, 5), (40, 1), (5, 0), (5, 13), (5, 20)]:
        number = fictional_cpr(day, month, 70, 1234)
        assert mask_text(number) == number
    for day, month in [(1, 1), (9, 9), (10, 10), (19, 12), (29, 2), (31, 1), (30, 11)]:
        assert mask_text(fictional_cpr(day, month, 70, 1234)) == f"{day:02d}{month:02d}70-****"


def test_numbers_next_to_each_other_are_all_masked():
    one, two = fictional_cpr(1, 2, 3, 4444), fictional_cpr(5, 6, 7, 8888)
    assert mask_text(f"{one} {two}") == "010203-**** 050607-****"
    assert mask_text(f"{one},{two};{one}") == "010203-****,050607-****;010203-****"
    assert mask_text(f"CPR{one}_{two}") == "CPR010203-****_050607-****"


def test_mask_expr_masks_a_column_and_leaves_other_values_alone():
    clear = fictional_cpr(24, 12, 99, 1357)
    column = pl.Series("v", [clear, "ingen", None, f"x {clear}"], dtype=pl.String)
    masked = pl.select(mask_expr(pl.lit(column))).to_series().to_list()
    assert masked == ["241299-****", "ingen", None, "x 241299-****"]

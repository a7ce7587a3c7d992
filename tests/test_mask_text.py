"""mask_text, which masks the command's one-line errors and the docs pages: short and long
texts, several lines, and undecodable characters from file names."""

from __future__ import annotations

from ffb.report.masking import mask_text
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

"""docs/kl-gateway-checks.md maps KL's gateway checks onto ffb rules; every code it names exists."""

from __future__ import annotations

import re
from pathlib import Path

from ffb.validate.catalogue import RULES

DOC = Path(__file__).resolve().parents[1] / "docs" / "kl-gateway-checks.md"


def _rows() -> list[list[str]]:
    lines = [line for line in DOC.read_text("utf-8").splitlines() if re.match(r"\| \d+ \|", line)]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_every_rule_code_the_page_names_exists():
    named = set(re.findall(r"FFB\d{3}", DOC.read_text("utf-8")))
    assert named, "the page names no rule"
    assert not named - set(RULES), f"unknown rule codes: {sorted(named - set(RULES))}"


def test_every_group_names_rules_or_says_why_not():
    rows = _rows()
    assert [int(r[0]) for r in rows] == list(range(1, len(rows) + 1))
    for number, check, rules, how in rows:
        if rules == "—":
            assert how.startswith("Cannot apply") or "cannot" in how, (number, check)
        else:
            assert re.fullmatch(r"FFB\d{3}(, FFB\d{3})*", rules), (number, rules)

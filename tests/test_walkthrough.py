"""docs/validate-in-5-minutes.md shows what ffb-validate really prints on the first export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ffb.report.text import render_text
from ffb.validate.engine import Validator
from first_export import ASSESSMENTS, FIRST_EXPORT, FIXED_EXPORT, write_first_export
from support import ROOT, TODAY

PAGE = ROOT / "docs" / "validate-in-5-minutes.md"
# A line of a report excerpt that names a rule: the code and the message after it.
RULE_LINE = re.compile(r"\b(FFB[0-9]{3})  (\S.*)$")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("walk")
    validator = Validator(today=TODAY)
    first = write_first_export(folder / "udtraek")
    second = write_first_export(folder / "med-registreringer", {**FIRST_EXPORT, **ASSESSMENTS})
    return " ".join(_flat(render_text(validator.validate(path))) for path in (first, second))


def test_every_message_the_page_quotes_is_printed(reports):
    quoted = [m.group(2) for line in PAGE.read_text(encoding="utf-8").splitlines() if (m := RULE_LINE.search(line))]
    assert len(quoted) >= 10
    for message in quoted:
        message = message.split("…")[0]
        assert _flat(message) in reports, message


def test_the_fixed_export_is_valid_with_the_counts_the_page_gives(tmp_path):
    report = Validator(today=TODAY).validate(write_first_export(tmp_path / "udtraek", FIXED_EXPORT))
    verdict = render_text(report).splitlines()[1]
    assert report.valid and verdict.startswith("✓")
    assert verdict in PAGE.read_text(encoding="utf-8")

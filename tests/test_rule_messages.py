"""Every rule's message renders in Danish and in English with each placeholder filled.

The docs pages show the templates, but once regenerated they agree with any template, broken
or not. Here each rule's failing example is validated in both languages and every message it
gives must match its template with every {placeholder} filled by a non-empty text; the
rules without an example are rendered from a made-up issue the same way.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import polars as pl
import pytest

from ffb.validate.catalogue import RULES, Rule
from ffb.validate.engine import word_issues
from snippets import shown, validate_tables
from support import CLEAR_CPR, fictional_cpr

LANGUAGES = ("da", "en")
PLACEHOLDERS = {"table", "column", "value", "detail"}
# A placeholder that was not filled ({value}, {detail}, …); a pattern's {0,63} is not one.
LEFT_OVER = re.compile(r"\{[A-Za-z_][A-Za-z_0-9]*\}")


def _placeholders(template: str) -> list[str]:
    return [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None]


def _pattern(template: str, known: dict[str, str]) -> re.Pattern:
    """The template as a regular expression: its literal text, the `known` fills as they are,
    and a group for each other placeholder (the detail, which some rules say in words)."""
    parts = []
    for text, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(text))
        if name is None:
            continue
        if name in known:
            parts.append(re.escape(known[name]))
        elif f"(?P<{name}>" in "".join(parts):
            parts.append(f"(?P={name})")
        else:
            parts.append(f"(?P<{name}>.+?)")
    return re.compile("".join(parts), re.DOTALL)


@pytest.mark.parametrize("code", sorted(RULES))
def test_templates_use_known_placeholders_only(code: str):
    rule = RULES[code]
    for lang in LANGUAGES:
        template = rule.message[lang]
        assert template.strip(), f"{code} has no {lang} message"
        assert set(_placeholders(template)) <= PLACEHOLDERS, f"{code} {lang}: {template!r}"
    # Both languages say the same thing: they fill the same placeholders.
    assert set(_placeholders(rule.message["da"])) == set(_placeholders(rule.message["en"])), code
    assert rule.message["da"] != rule.message["en"], f"{code}: the Danish message is the English one"
    assert rule.title["da"] and rule.title["en"], code


def _made_up_issue(code: str) -> pl.DataFrame:
    return pl.DataFrame({
        "code": [code], "source": ["borgere.csv"], "table": ["citizens"], "row": [7], "pointer": [None],
        "column": ["id"], "value": ["1850"], "detail": ["1900"],
    }, schema={"code": pl.String, "source": pl.String, "table": pl.String, "row": pl.Int64,
               "pointer": pl.String, "column": pl.String, "value": pl.String, "detail": pl.String})


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", sorted(RULES))
def test_every_message_renders_from_an_issue(code: str, lang: str):
    worded = word_issues(_made_up_issue(code), lang, ["citizens"])
    [issue] = worded.to_dicts()
    template = RULES[code].message[lang]
    match = _pattern(template, {"table": "citizens", "column": "id", "value": "1850"}).fullmatch(issue["message"])
    assert match, f"{code} {lang}: {issue['message']!r} does not fit {template!r}"
    # A rule may say its detail in words (a pattern described), but never leave it empty.
    assert all(text.strip() for text in match.groupdict().values()), issue["message"]
    assert issue["severity"] == RULES[code].severity
    assert (issue["code"], issue["table"], issue["row"], issue["column"], issue["value"]) == (
        code, "citizens", 7, "id", "1850")


EXAMPLES = [pytest.param(rule, lang, id=f"{rule.code}-{lang}")
            for rule in RULES.values() if rule.bad for lang in LANGUAGES]


@pytest.mark.parametrize(("rule", "lang"), EXAMPLES)
def test_failing_example_message_is_complete(rule: Rule, lang: str, tmp_path: Path):
    report = validate_tables(tmp_path / "bad", rule.bad, lang=lang)
    own = report.issues.filter(pl.col("code") == rule.code)
    assert not own.is_empty(), f"{rule.code}'s failing example does not report it:\n{shown(report.issues)}"
    for issue in own.to_dicts():
        message = issue["message"]
        assert not LEFT_OVER.search(message), f"{rule.code} {lang}: placeholder left in {message!r}"
        # The table, column and value of the issue fill their placeholders as they are.
        known = {name: issue[name] for name in ("table", "column", "value") if issue[name] is not None}
        match = _pattern(rule.message[lang], known).fullmatch(message)
        assert match, f"{rule.code} {lang}: {message!r} does not fit {rule.message[lang]!r} with {known}"
        for name, filled in match.groupdict().items():
            assert filled.strip() and filled not in ("None", "null"), f"{rule.code} {lang}: empty {{{name}}}: {message!r}"


def test_the_languages_differ_in_the_report(tmp_path: Path):
    rule = RULES["FFB405"]
    danish = validate_tables(tmp_path / "da", rule.bad, lang="da").issues.filter(pl.col("code") == "FFB405")
    english = validate_tables(tmp_path / "en", rule.bad, lang="en").issues.filter(pl.col("code") == "FFB405")
    assert danish["message"][0].startswith("Dagsprisen 55500")
    assert english["message"][0].startswith("The daily price 55500")


def test_a_cpr_number_in_a_value_or_detail_is_masked_in_the_message():
    clear = fictional_cpr(day=12, month=3, year=85, serial=4321)
    issue = _made_up_issue("FFB213").with_columns(pl.lit(clear).alias("value"),
                                                  pl.lit(f"x {clear} y").alias("detail"))
    for lang in LANGUAGES:
        [worded] = word_issues(issue, lang, ["citizens"]).to_dicts()
        text = " ".join(str(v) for v in worded.values())
        assert not CLEAR_CPR.search(text), text
        assert "120385-****" in worded["message"] and worded["value"] == "120385-****"

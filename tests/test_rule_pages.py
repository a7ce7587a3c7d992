"""The docs pages of the rules (docs/rules/) are what `ffb generate` makes from the catalogue.

The pages are regenerated into a temporary folder with the builder `ffb generate` uses and
compared with the committed ones file by file; then their content is checked: a page per
rule, the index links them all, every example is shown, and no CPR number is in clear.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from ffb.contract.codes import load_contract
from ffb.contract.generate import ARTEFACTS, SCHEMA
from ffb.docs.rule_pages import INDEX
from ffb.validate.catalogue import RULES
from support import CLEAR_CPR

ROOT = Path(__file__).resolve().parents[1]
PAGES = Path("docs/rules")
COMMITTED = ROOT / PAGES


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "rules"
    ARTEFACTS[PAGES](ROOT / SCHEMA, load_contract(), out)
    return out


def _names(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir() if path.is_file()}


def test_a_catalogue_change_makes_the_committed_pages_stale(monkeypatch, tmp_path: Path):
    """`ffb generate` rebuilds the pages from the live catalogue, so editing a rule's message
    without regenerating turns the up-to-date check red."""
    rule = RULES["FFB405"]
    changed = "Dagsprisen {value} kr. er ændret til prøve ({detail} kr.)."
    monkeypatch.setitem(RULES, "FFB405", replace(rule, message={**rule.message, "da": changed}))
    out = tmp_path / "rules"
    ARTEFACTS[PAGES](ROOT / SCHEMA, load_contract(), out)
    page = (out / "FFB405.md").read_text(encoding="utf-8")
    assert "er ændret til prøve" in page and page != (COMMITTED / "FFB405.md").read_text(encoding="utf-8")
    # Only that rule's page changes.
    others = sorted(n for n in _names(out) if n != "FFB405.md"
                    and (out / n).read_bytes() != (COMMITTED / n).read_bytes())
    assert not others, others


def test_committed_pages_are_up_to_date(fresh: Path):
    assert COMMITTED.is_dir(), "docs/rules is not generated; run `ffb generate`"
    missing = sorted(_names(fresh) - _names(COMMITTED))
    extra = sorted(_names(COMMITTED) - _names(fresh))
    stale = sorted(name for name in _names(fresh) & _names(COMMITTED)
                   if (fresh / name).read_bytes() != (COMMITTED / name).read_bytes())
    assert not (missing or extra or stale), (
        f"docs/rules differs from what `ffb generate` writes: missing {missing}, "
        f"not generated {extra}, out of date {stale}. Run `ffb generate` and commit the result."
    )


def test_generation_is_deterministic(fresh: Path, tmp_path: Path):
    again = tmp_path / "rules"
    ARTEFACTS[PAGES](ROOT / SCHEMA, load_contract(), again)
    assert {n: (again / n).read_bytes() for n in _names(again)} == {
        n: (fresh / n).read_bytes() for n in _names(fresh)
    }


def test_every_rule_has_a_page_and_an_index_entry(fresh: Path):
    assert _names(fresh) == {INDEX} | {f"{code}.md" for code in RULES}
    index = (fresh / INDEX).read_text(encoding="utf-8")
    for code, rule in RULES.items():
        assert f"[{code}]({code}.md)" in index, code
        page = (fresh / f"{code}.md").read_text(encoding="utf-8")
        assert page.startswith(f"# {code} {rule.name}\n"), code
        for text in (rule.severity, rule.title["da"], rule.title["en"], "--list-rules"):
            assert text in page, f"{code}: {text!r} not on its page"


@pytest.mark.parametrize("code", sorted(RULES))
def test_page_shows_the_examples(code: str, fresh: Path):
    rule = RULES[code]
    page = (fresh / f"{code}.md").read_text(encoding="utf-8")
    for tables in (rule.bad, rule.good):
        for name, text in tables.items():
            assert f'```csv title="{name}.csv"' in page, f"{code}: no block for {name}"
            first_line = text.splitlines()[0]
            assert first_line in page, f"{code}: {name}'s header is not shown"
    if rule.example_note:
        assert rule.example_note in page
    assert "## Eksempel (example)" in page
    assert rule.bad or rule.example_note, f"{code} has neither an example nor a note"


def test_no_page_shows_a_cpr_number_in_clear(fresh: Path):
    shown = {name: CLEAR_CPR.findall((fresh / name).read_text(encoding="utf-8"))
             for name in _names(fresh)}
    assert not {name: found for name, found in shown.items() if found}
    # The privacy rules' examples are there, masked.
    assert "010100-****" in (fresh / "FFB601.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(RULES))
def test_page_says_how_to_fix_it(code: str, fresh: Path):
    from ffb.validate.hints import TEMPLATES

    page = (fresh / f"{code}.md").read_text(encoding="utf-8")
    assert "## Sådan retter du det (how to fix)" in page
    if code in TEMPLATES:
        danish, english = (text.split("{")[0].strip() for text in TEMPLATES[code])
        assert danish in page and english in page, f"{code}: the fix is not on its page"

"""One Markdown page per validation rule, and an index of them all: docs/rules/.

The pages are made from the rule catalogue (ffb.validate.catalogue) and the fixes that
ffb-validate suggests (ffb.validate.hints) by `ffb generate`, like the other generated
artefacts, and are meant for mkdocs-material. Each shows the rule's severity, titles,
description, message templates, how to fix it and its examples: the failing and the passing
tables as CSV, or a short text where a few CSV lines cannot show the problem. The FFB codes
in an example link to the code finder of the website.

CPR-shaped values never appear in clear: every page is masked the way ffb-validate's
reports are (DDMMYY-****).
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterable
from pathlib import Path

from ffb.docs.code_finder import anchor
from ffb.validate.catalogue import GROUPS, RULES, Rule
from ffb.validate.hints import TEMPLATES as FIXES
from ffb.report.masking import CPR_ANYWHERE, mask_text

INDEX = "index.md"
GENERATED_NOTE = (
    "<!-- Generated from the rule catalogue (src/ffb/validate/catalogue.py) by `ffb generate`. "
    "Do not edit by hand. -->\n"
)
LISTING = (
    "List every rule with `ffb-validate --list-rules`; add `--format json` (or `csv`) for a "
    "machine-readable list and `--lang en` for English titles."
)
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
CODE_FINDER = "../reference/code-finder.md"
_CPR = re.compile(CPR_ANYWHERE)
SEVERITY_NAMES = {"error": "fejl (error)", "warning": "advarsel (warning)", "info": "oplysning (info)"}


def _group_label(digit: str) -> str:
    return f"{GROUPS[digit]} (FFB{digit}xx)"


def _code_placeholders(text: str) -> str:
    """Message placeholders such as {value} set as code."""
    return PLACEHOLDER.sub(lambda m: f"`{m.group(0)}`", text)


def _code_titles(contract: dict) -> dict[str, tuple[str, str, str]]:
    """FFB's UUID codes -> (their Danish name, their code list's title, the list's name)."""
    return {
        key: (value["title"], enum.get("title", name), name)
        for name, enum in contract["enums"].items()
        for key, value in enum["values"].items()
        if UUID.match(key)
    }


def _codes_in(tables: Iterable[str], titles: dict[str, tuple[str, str, str]]) -> list[str]:
    """The UUID codes the example tables use, in the order they first appear."""
    seen: dict[str, None] = {}
    for text in tables:
        for row in csv.reader(io.StringIO(text)):
            for cell in row:
                if cell in titles:
                    seen.setdefault(cell)
    return list(seen)


def _changed_lines(bad: dict[str, str], good: dict[str, str]) -> tuple[dict, dict]:
    """Per table, the line numbers (from 1) that differ between the failing and passing
    example, so the pages can highlight the fix."""
    in_bad: dict[str, list[int]] = {}
    in_good: dict[str, list[int]] = {}
    for name in bad.keys() & good.keys():
        before, after = bad[name].splitlines(), good[name].splitlines()
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, b1, b2, g1, g2 in matcher.get_opcodes():
            if tag != "equal":
                in_bad.setdefault(name, []).extend(range(b1 + 1, b2 + 1))
                in_good.setdefault(name, []).extend(range(g1 + 1, g2 + 1))
    return in_bad, in_good


def _csv_blocks(tables: dict[str, str], highlight: dict[str, list[int]]) -> list[str]:
    """Each table as a fenced CSV block titled with its file name (mkdocs-material)."""
    lines = []
    for name, text in tables.items():
        marked = " ".join(str(n) for n in highlight.get(name, []))
        options = f' hl_lines="{marked}"' if marked else ""
        lines += [f'```csv title="{name}.csv"{options}', text.rstrip("\n"), "```", ""]
    return lines


def render_rule(rule: Rule, contract: dict) -> str:
    """The Markdown page of one rule."""
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        GENERATED_NOTE.rstrip("\n"),
        "",
        "| | |",
        "|---|---|",
        f"| Kode (code) | `{rule.code}` |",
        f"| Navn (name) | `{rule.name}` |",
        f"| Gruppe (group) | [{_group_label(rule.code[3])}](index.md#{_anchor(rule.code[3])}) |",
        f"| Alvor (severity) | {SEVERITY_NAMES[rule.severity]} |",
        f"| Titel | {rule.title['da']} |",
        f"| Title (English) | {rule.title['en']} |",
        "",
        "## Hvad reglen tjekker (what it checks)",
        "",
        _code_placeholders(rule.description),
        "",
        "## Meddelelse (message)",
        "",
        f"- Dansk: {_code_placeholders(rule.message['da'])}",
        f"- English: {_code_placeholders(rule.message['en'])}",
        "",
        "## Sådan retter du det (how to fix)",
        "",
    ]
    fix = FIXES.get(rule.code)
    if fix:
        lines += [
            f"- Dansk: {_code_placeholders(fix[0])}",
            f"- English: {_code_placeholders(fix[1])}",
            "",
            "ffb-validate skriver rådet ved hver melding, udfyldt med kolonne og værdi. "
            "Eksemplet nedenfor viser den mindste rettelse.",
            "",
        ]
    else:
        lines += ["Eksemplet nedenfor viser den mindste rettelse.", ""]
    lines += ["## Eksempel (example)", ""]
    if rule.bad or rule.good:
        lines += [
            "The examples show only the tables and columns that matter. Each table is a file "
            "named after it in a folder (or data package); a column left out is read as empty, "
            "which ffb-validate notes with FFB107.",
            "",
        ]
    in_bad, in_good = _changed_lines(rule.bad, rule.good)
    if rule.bad:
        lines += [
            "### Fejler (fails)",
            "",
            f"ffb-validate reports {rule.code} here; the lines the fix changes are highlighted.",
            "",
        ]
        lines += _csv_blocks(rule.bad, in_bad)
    if rule.good:
        lines += ["### Består (passes)", "", f"The smallest fix: {rule.code} is no longer reported.", ""]
        lines += _csv_blocks(rule.good, in_good)
    if rule.example_note:
        lines += [rule.example_note, ""]
    titles = _code_titles(contract)
    used = _codes_in([*rule.bad.values(), *rule.good.values()], titles)
    if used:
        lines += ["FFB-koderne i eksemplet (FFB codes in the example):", "",
                  "| Kode | Navn | Kodeliste |", "|---|---|---|"]
        lines += [
            f"| [`{code}`]({CODE_FINDER}#{anchor(titles[code][2], code)}) | {titles[code][0]} | {titles[code][1]} |"
            for code in used
        ]
        lines.append("")
    page = "\n".join(lines)
    if _CPR.search(page):
        lines += [
            "!!! note \"CPR numbers are masked\"",
            "    The example uses a fictional number with the shape of a CPR number. It is shown "
            "masked here, as ffb-validate's reports show it; the example the test suite runs "
            "holds the full fictional number.",
            "",
        ]
    lines += ["## Alle regler (all rules)", "", f"See [the list of rules](index.md). {LISTING}", ""]
    return mask_text("\n".join(lines))


def _anchor(digit: str) -> str:
    return f"ffb{digit}xx"


def render_index(rules: Iterable[Rule]) -> str:
    """The overview page: every rule, grouped by its code range."""
    by_group: dict[str, list[Rule]] = {}
    for rule in rules:
        by_group.setdefault(rule.code[3], []).append(rule)
    lines = [
        "# Valideringsregler",
        "",
        GENERATED_NOTE.rstrip("\n"),
        "",
        "*Validation rules.* Every problem `ffb-validate` can report has a rule with a stable code that never changes "
        "meaning. An error makes the export invalid; a warning does so only with "
        "`--fail-on warning`; an info note never does. Each rule's page shows what it checks, "
        "its message and an example that fails and one that passes.",
        "",
        LISTING,
        "",
    ]
    for digit in sorted(by_group):
        lines += [
            f'<a id="{_anchor(digit)}"></a>',
            "",
            f"## {_group_label(digit)}",
            "",
            "| Kode | Navn | Alvor | Titel |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| [{r.code}]({r.code}.md) | `{r.name}` | {SEVERITY_NAMES[r.severity]} | {r.title['da']} |"
            for r in by_group[digit]
        ]
        lines.append("")
    return mask_text("\n".join(lines))


def rule_pages(contract: dict, rules: dict[str, Rule] | None = None) -> dict[str, str]:
    """File name -> Markdown text for the index and every rule's page."""
    rules = RULES if rules is None else rules
    pages = {INDEX: render_index(rules.values())}
    pages.update({f"{code}.md": render_rule(rule, contract) for code, rule in rules.items()})
    return pages


def write_rule_pages(out_dir: Path, contract: dict) -> list[Path]:
    """Write every page into `out_dir`, removing rule pages of rules that no longer exist."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = rule_pages(contract)
    for stale in out_dir.glob("FFB*.md"):
        if stale.name not in pages:
            stale.unlink()
    written = []
    for name, text in sorted(pages.items()):
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

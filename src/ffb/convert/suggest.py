"""Draft a profile from a sample export: headers matched to canonical columns and labels to
codes, each guess with its score, everything unmatched listed as a TODO for a person.

Matching compares the normal form of the header or label (see normalise) with the contract's
column names and Danish titles and the codes' Danish titles, exactly first and then with
rapidfuzz's token-sort ratio, which tolerates word order and small spelling differences
("Maalgruppe" ~ "Målgruppe", "Timer pr uge gruppe" ~ "Timer pr. uge i gruppe"), and labels
with its weighted ratio, which also scores a short label inside a longer title ("Moderat" ~
"Moderat støttebehov"). A column that holds a person's name is never mapped.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from rapidfuzz import fuzz, process

from ffb.contract.codes import load_contract
from ffb.convert.crosswalk import default_crosswalk
from ffb.convert.normalise import normal
from ffb.convert.parsing import CPR
from ffb.convert.profile import Read
from ffb.convert.sources import read_source

HEADER_SCORE = 80
LABEL_SCORE = 85
MAX_LABELS = 200
# Headers that hold a person's name: never carried over (a provider's name is `Leverandør`).
PERSON_NAMES = {"navn", "name", "borgers navn", "fornavn", "efternavn", "borger"}  # distinct values looked at per coded column


def _q(text: str) -> str:
    """A YAML scalar in double quotes (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def suggest_profile(export: Path, name: str) -> str:
    contract = load_contract()
    enums = contract["enums"]
    read = Read(format="xlsx" if export.suffix.lower() == ".xlsx" else "csv")
    source = read_source(export, read)[0]
    frame = source.frame
    candidates = {}
    for table in contract["tables"]:
        for column in table["columns"]:
            if (table["name"], column["name"]) == ("citizens", "cpr"):
                continue
            for label in (column["name"], column["title"]):
                candidates.setdefault(normal(label), []).append((table["name"], column))
    labels = list(candidates)

    cpr_header = next((h for h in source.header if _cpr_share(frame[h]) > 0.8), None)
    mapped: dict[str, dict[str, tuple[str, float, dict]]] = {}
    todo_headers = []
    for header in source.header:
        if header == cpr_header:
            continue
        if normal(header) in PERSON_NAMES:
            todo_headers.append(header)
            continue
        match = process.extractOne(normal(header), labels, scorer=fuzz.token_sort_ratio)
        if match is None or match[1] < HEADER_SCORE:
            todo_headers.append(header)
            continue
        for table, column in candidates[match[0]]:
            current = mapped.setdefault(table, {}).get(column["name"])
            if current is None or current[1] < match[1]:
                mapped[table][column["name"]] = (header, match[1], column)

    lines = [
        f"# Draft profile made by `ffb profile suggest` from {export.name}.",
        "# Check every guess (its score is in the comment), decide every TODO, then convert.",
        f"profile: {name}",
        f"title: {_q('Udkast: ' + export.stem)}",
        "read:",
        f"  format: {read.format}",
        *([f"  sheet: {_q(source.sheet)}"] if source.sheet else []),
        "numbers: {decimal: \",\", thousands: \".\"}",
        "dates: [dd-mm-yyyy, dd.mm.yyyy, d/m-yy, excel]",
        "tables:",
    ]
    if cpr_header:
        mapped.setdefault("citizens", {})
    for table in contract["tables"]:
        name_ = table["name"]
        if name_ not in mapped:
            continue
        columns = mapped[name_]
        key = table["primary_key"]
        if name_ == "citizens" and cpr_header:
            columns.pop("id", None)
        if key != ["id"] and not all(k in columns for k in key):
            lines.append(f"  # TODO {name_}: no source column for its key ({', '.join(key)}); left out")
            continue
        lines.append(f"  {name_}:")
        lines.append("    columns:")
        if name_ == "citizens" and cpr_header:
            lines += [f"      id: {{from: {_q(cpr_header)}, derive: pseudonym}}  # CPR numbers found here",
                      f"      birth_year: {{from: {_q(cpr_header)}, derive: birth_year}}",
                      f"      sex: {{from: {_q(cpr_header)}, derive: sex}}"]
            columns.pop("birth_year", None)
            columns.pop("sex", None)
        elif "id" in key and "id" not in columns:
            lines.append(f"      id: {{key: [\"{{row}}\"], prefix: {name_[:2].upper()}-}}  # TODO: a real key")
        if cpr_header and "citizen_id" in {c["name"] for c in table["columns"]} and "citizen_id" not in columns:
            lines.append(f"      citizen_id: {{from: {_q(cpr_header)}, derive: pseudonym}}")
        for column_name, (header, score, column) in columns.items():
            lines.append(f"      {column_name}:")
            lines.append(f"        from: {_q(header)}  # score {score:.0f}")
            if "enum" in column:
                lines += _codes(frame, header, column["enum"], enums)
    if todo_headers:
        lines.append("# TODO source columns not matched to any canonical column (left out unless you map them):")
        lines += [f"#   {_q(h)}" for h in todo_headers]
    return "\n".join(lines) + "\n"


def _cpr_share(values: pl.Series) -> float:
    """How many of a column's first filled cells are CPR-shaped."""
    sample = values.drop_nulls().head(50).str.replace_all(r"\s", "")
    return float(sample.str.contains(CPR).mean() or 0) if sample.len() else 0.0


def _codes(frame: pl.DataFrame, header: str, enum: str, enums: dict) -> list[str]:
    crosswalk = default_crosswalk(enum, enums)
    titles = {normal(v["title"]): code for code, v in enums[enum]["values"].items()}
    values = frame[header].drop_nulls().unique().sort().head(MAX_LABELS).to_list()
    guessed, todo = [], []
    for value in values:
        if normal(value) in crosswalk.labels:
            continue
        match = process.extractOne(normal(value), list(titles), scorer=fuzz.WRatio)
        if match and match[1] >= LABEL_SCORE:
            code = titles[match[0]]
            guessed.append(f"          {_q(value)}: {_q(enums[enum]['values'][code]['title'])}  # score {match[1]:.0f}")
        else:
            todo.append(value)
    out = []
    if guessed:
        out += ["        codes:", *guessed]
    if todo:
        out.append(f"        # TODO values with no code in {enum} (rejected until mapped under codes):")
        out += [f"        #   {_q(v)}" for v in todo]
    return out

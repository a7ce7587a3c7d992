"""Draft a profile from a sample export: headers matched to canonical columns and labels to
codes, each guess with its score, everything unmatched listed as a TODO for a person.

Matching compares the normal form of the header or label (see normalise) with the contract's
column names and Danish titles, the headers the shipped profiles read (with the unit they
state, so "Timer pr. uge" comes with `unit: per_week`), and the codes' Danish titles, exactly
first and then with rapidfuzz's token-sort ratio, which tolerates word order and small spelling differences
("Maalgruppe" ~ "Målgruppe", "Timer pr uge gruppe" ~ "Timer pr. uge i gruppe"), and labels
with its weighted ratio, which also scores a short label inside a longer title ("Moderat" ~
"Moderat støttebehov"). A column that holds a person's name is never mapped.

Ids and references are not matched by title (a follow-up's `intervention_id` is titled
"Ydelse", as is the service): they are keys made from the case number, the registration date
and the service, as the shipped flat-csv-da makes them, or a TODO where those are missing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import polars as pl
from rapidfuzz import fuzz, process

from ffb.contract.codes import load_contract
from ffb.convert.crosswalk import default_crosswalk
from ffb.convert.normalise import normal
from ffb.convert.parsing import CPR
from ffb.convert.profile import Column, Profile, ProfileError, Read, load_profile, shipped_profiles
from ffb.convert.sources import read_source

_SQUEEZE = re.compile(r"[^0-9a-z]")
_NUMBER = re.compile(r"[0-9]+")
HEADER_SCORE = 80
LABEL_SCORE = 85
MAX_LABELS = 200
# Headers that hold a person's name: never carried over (a provider's name is `Leverandør`).
PERSON_NAMES = {"navn", "name", "borgers navn", "fornavn", "efternavn", "borger"}  # distinct values looked at per coded column


def _q(text: str) -> str:
    """A YAML scalar in double quotes (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# The keys a draft makes, as flat-csv-da makes them: table → (prefix, the columns whose source
# headers the key is made of, as table.column).
KEYS = {
    "cases": ("S-", ["cases.case_number"]),
    "assessments": ("R-", ["cases.case_number", "assessments.assessment_date"]),
    "interventions": ("Y-", ["cases.case_number", "interventions.service", "interventions.start_date"]),
}
REFERENCES = {"case_id": "cases", "assessment_id": "assessments", "intervention_id": "interventions"}


def _header_score(a: str, b: str, **_) -> float:
    """Token-sort ratio, or the plain ratio of the letters and digits alone when that is higher
    ("Sags nr" ~ "Sagsnr.", "Timer/uge" ~ "Timer pr. uge")."""
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(_SQUEEZE.sub("", a), _SQUEEZE.sub("", b)))


def _numbers_agree(label: str, title: str) -> bool:
    """Every number in a label is in the title: "§ 108" is never "§ 82 c"."""
    return set(_NUMBER.findall(label)) <= set(_NUMBER.findall(title))


def _is_key(column: dict) -> bool:
    return column["name"] == "id" or column["name"].endswith("_id")


def _shipped() -> list[Profile]:
    """The shipped profiles that load (the suggestions learn from them)."""
    profiles = []
    for name in shipped_profiles():
        try:
            profiles.append(load_profile(name)[0])
        except ProfileError:
            continue
    return profiles


def _shipped_labels(profiles: list[Profile], contract: dict, columns_of: dict) -> dict[str, dict[str, str]]:
    """The labels the shipped profiles map, per enum (normal form → code)."""
    found: dict[str, dict[str, str]] = {}
    for profile in profiles:
        for table_name, table in profile.tables.items():
            for column_name, spec in table.columns.items():
                enum = columns_of.get(table_name, {}).get(column_name, {}).get("enum")
                if not isinstance(spec, Column) or enum is None:
                    continue
                labels = dict(spec.codes)
                if spec.crosswalk:
                    labels.update(profile.crosswalks.get(spec.crosswalk, {}))
                crosswalk = default_crosswalk(enum, contract["enums"])
                for label, target in labels.items():
                    code = target if target in contract["enums"][enum]["values"] else crosswalk.labels.get(normal(target))
                    if code is not None:
                        found.setdefault(enum, {})[normal(label)] = code
    return found


def _learned(profiles: list[Profile]) -> dict[str, list[tuple[str, str, str | None]]]:
    """The headers the shipped profiles read (normal form → table, column, unit)."""
    learned: dict[str, list[tuple[str, str, str | None]]] = {}
    for profile in profiles:
        if profile.read.format == "fhir":
            continue
        for table_name, table in profile.tables.items():
            for column_name, spec in table.columns.items():
                if isinstance(spec, str):
                    spec = Column(**{"from": spec})
                if not isinstance(spec, Column) or not spec.from_ or spec.derive:
                    continue
                for header in spec.from_:
                    if "{" not in header:
                        entry = (table_name, column_name, spec.unit)
                        if entry not in learned.setdefault(normal(header), []):
                            learned[normal(header)].append(entry)
    return learned


def suggest_profile(export: Path, name: str) -> str:
    contract = load_contract()
    enums = contract["enums"]
    read = Read(format="xlsx" if export.suffix.lower() == ".xlsx" else "csv")
    source = read_source(export, read)[0]
    frame = source.frame
    columns_of = {t["name"]: {c["name"]: c for c in t["columns"]} for t in contract["tables"]}
    # normal form → [(table, column, unit)]
    candidates: dict[str, list[tuple[str, dict, str | None]]] = {}
    for table in contract["tables"]:
        for column in table["columns"]:
            if (table["name"], column["name"]) == ("citizens", "cpr") or _is_key(column):
                continue
            for label in (column["name"], column["title"]):
                candidates.setdefault(normal(label), []).append((table["name"], column, None))
    profiles = _shipped()
    for label, entries in _learned(profiles).items():
        for table_name, column_name, unit in entries:
            column = columns_of.get(table_name, {}).get(column_name)
            if column is not None and (table_name, column) not in [(t, c) for t, c, _ in candidates.get(label, [])]:
                candidates.setdefault(label, []).append((table_name, column, unit))
    labels = list(candidates)
    shipped = _shipped_labels(profiles, contract, columns_of)

    cpr_header = next((h for h in source.header if _cpr_share(frame[h]) > 0.8), None)
    mapped: dict[str, dict[str, tuple[str, float, dict, str | None]]] = {}
    todo_headers = []
    for header in source.header:
        if header == cpr_header:
            continue
        if normal(header) in PERSON_NAMES:
            todo_headers.append(header)
            continue
        match = process.extractOne(normal(header), labels, scorer=_header_score)
        if match is None or match[1] < HEADER_SCORE:
            todo_headers.append(header)
            continue
        for table, column, unit in candidates[match[0]]:
            current = mapped.setdefault(table, {}).get(column["name"])
            if current is None or current[1] < match[1]:
                mapped[table][column["name"]] = (header, match[1], column, unit)

    def key_headers(table: str) -> list[str] | None:
        """The source headers a table's key is made of (None when one is not in the export)."""
        if table not in KEYS:
            return None
        headers = []
        for part in KEYS[table][1]:
            part_table, part_column = part.split(".")
            found = mapped.get(part_table, {}).get(part_column)
            if found is None:
                return None if part_column != "start_date" else headers
            headers.append(found[0])
        return headers

    def key_line(column: str, table: str) -> str | None:
        headers = key_headers(table)
        if headers is None:
            return None
        return f"      {column}: {{key: [{', '.join(_q(h) for h in headers)}], prefix: {KEYS[table][0]}}}"

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
    # A table whose every header another table with more columns reads too (a price list's
    # "Ydelse" beside the services') is not a table of this export.
    headers_of = {t: {h for h, _, c, _ in cols.values() if not _is_key(c)} for t, cols in mapped.items()}
    shadowed = {t: o for t, own in headers_of.items() for o, other in headers_of.items()
                if o != t and own and own <= other and len(other) > len(own)}
    for table in contract["tables"]:
        name_ = table["name"]
        if name_ not in mapped:
            continue
        if name_ in shadowed:
            lines.append(f"  # TODO {name_}: its only columns ({', '.join(sorted(headers_of[name_]))}) are "
                         f"read by {shadowed[name_]}; left out")
            continue
        columns = mapped[name_]
        key = table["primary_key"]
        if name_ == "citizens" and cpr_header:
            columns.pop("id", None)
        elif not any(not _is_key(c) for _, _, c, _ in columns.values()):
            continue  # nothing but ids: not a table of this export
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
            lines.append(key_line("id", name_) or
                         f"      id: {{key: [\"{{row}}\"], prefix: {name_[:2].upper()}-}}  # TODO: a real key")
        own = {c["name"] for c in table["columns"]}
        if cpr_header and "citizen_id" in own and "citizen_id" not in columns:
            lines.append(f"      citizen_id: {{from: {_q(cpr_header)}, derive: pseudonym}}")
        for reference, target in REFERENCES.items():
            if reference in own and reference not in columns:
                lines.append(key_line(reference, target) or f"      # TODO {reference}: no source column for it")
        for column_name, (header, score, column, unit) in columns.items():
            lines.append(f"      {column_name}:")
            lines.append(f"        from: {_q(header)}  # score {score:.0f}")
            if unit:
                lines.append(f"        unit: {unit}")
            if "enum" in column:
                lines += _codes(frame, header, column["enum"], enums, shipped.get(column["enum"], {}))
    if todo_headers:
        lines.append("# TODO source columns not matched to any canonical column (left out unless you map them):")
        lines += [f"#   {_q(h)}" for h in todo_headers]
    return "\n".join(lines) + "\n"


def _cpr_share(values: pl.Series) -> float:
    """How many of a column's first filled cells are CPR-shaped."""
    sample = values.drop_nulls().head(50).str.replace_all(r"\s", "")
    return float(sample.str.contains(CPR).mean() or 0) if sample.len() else 0.0


def _codes(frame: pl.DataFrame, header: str, enum: str, enums: dict, shipped: dict[str, str]) -> list[str]:
    crosswalk = default_crosswalk(enum, enums)
    titles = {normal(v["title"]): code for code, v in enums[enum]["values"].items()}
    values = frame[header].drop_nulls().unique().sort().head(MAX_LABELS).to_list()
    guessed, todo = [], []
    for value in values:
        if normal(value) in crosswalk.labels:
            continue
        if normal(value) in shipped:
            code = shipped[normal(value)]
            guessed.append(f"          {_q(value)}: {_q(enums[enum]['values'][code]['title'])}  # as a shipped profile maps it")
            continue
        match = process.extractOne(normal(value), list(titles), scorer=fuzz.WRatio)
        if match and match[1] >= LABEL_SCORE and _numbers_agree(normal(value), match[0]):
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

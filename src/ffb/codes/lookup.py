"""Find codes by Danish name, fuzzily, and the allowed values nearest to a value a list lacks.

One lookup serves `ffb codes search`/`show` and the hints of the validation report, so a user
who searches by hand finds what the report suggests. Names are compared after normalising
(case, spaces, punctuation, decimal comma, leading zeros, "§ 85" for legal bases) and then
with rapidfuzz's weighted ratio, which copes with typos, extra words and word order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from ffb.contract.codes import load_contract

# A list this short is listed in full in a hint.
SHORT_LIST = 8
# Fuzzy scores (0–100) below this are no suggestion at all.
FUZZY_CUTOFF = 55.0
# Suggestions within this many points of the best one are offered with it.
FUZZY_SPREAD = 12.0
# A free search lists what scores within this many points of the best match.
SEARCH_SPREAD = 20.0

_LEGAL_BASIS = re.compile(
    r"^(?:(?P<law>sel|servicelov(?:en|ens)?|abl|almenboliglov(?:en|ens)?)\s*)?§*\s*(?P<section>\d+)\s*(?P<letter>[a-z]?)$"
)


@dataclass(frozen=True)
class Code:
    """One allowed value of one code list."""

    enum: str
    enum_title: str
    key: str
    title: str
    parent: str | None = None
    parent_title: str | None = None
    legal_bases: tuple[str, ...] = ()
    selectable: bool = True

    def to_dict(self) -> dict:
        return {
            "list": self.enum, "list_title": self.enum_title, "code": self.key, "title": self.title,
            "parent": self.parent, "parent_title": self.parent_title,
            "legal_bases": list(self.legal_bases), "selectable": self.selectable,
        }


def similarity(a: str, b: str, **_: object) -> float:
    """How alike two normalised names are (0–100): the weighted ratio, which forgives extra
    words and word order, tempered by the plain ratio so that the closer spelling wins."""
    return 0.7 * fuzz.WRatio(a, b) + 0.3 * fuzz.ratio(a, b)


def _fuzzy_choices(texts: dict[int, str]) -> dict[int, str]:
    """Names long enough to compare fuzzily (a one-letter code is only matched exactly)."""
    return {i: text for i, text in texts.items() if len(text) >= 3}


def normalise(text: str) -> str:
    """Lower case, one space between words, no punctuation but § and the decimal point."""
    text = text.casefold().replace("–", " ").replace("_", " ")
    text = re.sub(r"[^\w§.,]+", " ", text)
    return " ".join(text.split())


class CodeLookup:
    """Every code list of the contract, searchable by code and by Danish name."""

    def __init__(self, enums: dict | None = None) -> None:
        self.enums = enums if enums is not None else load_contract()["enums"]
        self.codes: dict[str, list[Code]] = {}
        for name, enum in self.enums.items():
            values = enum["values"]
            entries = []
            for key, value in values.items():
                parent = value.get("parent")
                bases = value.get("legal_bases") or ()
                if isinstance(bases, str):
                    bases = tuple(bases.split())
                entries.append(Code(
                    name, enum["title"], key, value["title"], parent,
                    values[parent]["title"] if parent in values else None,
                    tuple(bases), value.get("selectable", True),
                ))
            self.codes[name] = entries
        self._folded = {
            name: {normalise(c.title): c for c in entries} for name, entries in self.codes.items()
        }

    # --- lists ------------------------------------------------------------------------------
    def list_name(self, text: str) -> str | None:
        """The code list `text` names: its key (FunctionLevelEnum, functionlevel) or Danish title."""
        wanted = normalise(text).replace(" ", "")
        for name, enum in self.enums.items():
            if wanted in (name.casefold(), name.casefold().removesuffix("enum"),
                          normalise(enum["title"]).replace(" ", "")):
                return name
        match = process.extractOne(
            normalise(text), {name: normalise(enum["title"]) for name, enum in self.enums.items()},
            scorer=similarity, score_cutoff=80,
        )
        return match[2] if match else None

    def code(self, enum: str, key: str) -> Code | None:
        return next((c for c in self.codes.get(enum, ()) if c.key == key), None)

    # --- one value against one list ---------------------------------------------------------
    def exact(self, enum: str, value: str) -> Code | None:
        """The code `value` means without doubt: its key in another case or spelling, its Danish
        name, a decimal comma for a point ("3,5"), leading zeros ("0101"), a legal basis
        written as the law does ("§ 85", "SEL § 82 a", "servicelovens § 107")."""
        entries = self.codes.get(enum)
        if not entries or value is None:
            return None
        text = value.strip()
        folded = normalise(text)
        candidates = {text, text.replace(",", "."), text.lstrip("0") or "0", folded, folded.replace(" ", "_")}
        by_key = {c.key.casefold(): c for c in entries}
        for candidate in candidates:
            if candidate.casefold() in by_key:
                return by_key[candidate.casefold()]
        if folded in self._folded[enum]:
            return self._folded[enum][folded]
        if enum == "LegalBasisEnum":
            return self._legal_basis(folded)
        return None

    def _legal_basis(self, folded: str) -> Code | None:
        match = _LEGAL_BASIS.match(folded.replace("stk.", "").strip())
        if not match:
            return None
        law = "ABL" if (match["law"] or "").startswith(("abl", "almen")) else "SEL"
        key = f"{law}_{match['section']}{match['letter']}"
        return self.code("LegalBasisEnum", key)

    def closest(self, enum: str, value: str, limit: int = 3) -> list[Code]:
        """The allowed values nearest to `value`: the exact one if there is one, else the best
        fuzzy matches on Danish name and code (only those close to the best)."""
        found = self.exact(enum, value)
        if found is not None:
            return [found]
        entries = self.codes.get(enum) or []
        choices = {i: normalise(c.title) for i, c in enumerate(entries)}
        choices.update({len(entries) + i: normalise(c.key) for i, c in enumerate(entries)})
        matches = process.extract(normalise(value), _fuzzy_choices(choices), scorer=similarity,
                                  score_cutoff=FUZZY_CUTOFF, limit=limit * 2)
        if not matches:
            return []
        best = matches[0][1]
        result: list[Code] = []
        for _, score, index in matches:
            code = entries[index % len(entries)]
            if score >= best - FUZZY_SPREAD and code not in result:
                result.append(code)
        return result[:limit]

    # --- free search ------------------------------------------------------------------------
    def search(self, text: str, enum: str | None = None, limit: int = 10) -> list[tuple[Code, float]]:
        """Codes whose Danish name or code is like `text`, best first, with their score."""
        names = [enum] if enum else list(self.codes)
        pool = [c for name in names for c in self.codes[name]]
        exact = [c for name in names if (c := self.exact(name, text)) is not None]
        choices = {i: normalise(c.title) for i, c in enumerate(pool)}
        matches = process.extract(normalise(text), _fuzzy_choices(choices), scorer=similarity,
                                  score_cutoff=FUZZY_CUTOFF, limit=limit * 3)
        result: list[tuple[Code, float]] = [(c, 100.0) for c in exact]
        best = max([100.0 if exact else 0.0] + [score for _, score, _ in matches])
        for _, score, index in matches:
            code = pool[index]
            if score >= best - SEARCH_SPREAD and all(code is not seen for seen, _ in result):
                result.append((code, score))
        return result[:limit]


@lru_cache(maxsize=1)
def lookup() -> CodeLookup:
    """The lookup over the shipped contract (built once per process)."""
    return CodeLookup()

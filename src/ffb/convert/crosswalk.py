"""Crosswalks: which source labels stand for which code of a contract code list.

The default crosswalk of a code list is generated from the contract: every code and its
Danish title, and every value of the local scales that map to the list (`maps_to_enum` with
`maps_to` on each value: VUM scores and letters, the SEP template's goal types and attainment).
A profile adds its own labels on top. A label that two codes claim is left out rather than
guessed, and a value no label matches is rejected by the engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ffb.convert.normalise import normal

YES = ("ja", "j", "x", "yes", "y", "true", "sand", "1")
NO = ("nej", "n", "no", "false", "falsk", "0")


class CrosswalkError(ValueError):
    """A profile names a code the contract's list does not have."""


@dataclass
class Crosswalk:
    """Normalised label → code, for one code list."""

    enum: str
    labels: dict[str, str] = field(default_factory=dict)
    ambiguous: set[str] = field(default_factory=set)

    def with_labels(self, extra: Mapping[str, str], enums: dict, where: str) -> Crosswalk:
        """A copy with the profile's labels added (they win over the defaults)."""
        labels = dict(self.labels)
        for label, target in extra.items():
            labels[normal(label)] = resolve_code(self.enum, target, enums, where)
        return Crosswalk(self.enum, labels, self.ambiguous - set(labels))


def resolve_code(enum: str, target: str, enums: dict, where: str) -> str:
    """The code a profile means by `target`: the code itself or its Danish title."""
    values = enums[enum]["values"]
    if target in values:
        return target
    wanted = normal(target)
    matches = [code for code, value in values.items() if normal(value["title"]) == wanted or normal(code) == wanted]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CrosswalkError(f"{where}: {target!r} names several codes of {enum}; give the code itself")
    raise CrosswalkError(f"{where}: {target!r} is neither a code nor a title in {enum}")


def default_crosswalk(enum: str, enums: dict) -> Crosswalk:
    own: dict[str, str] = {}
    clashes: set[str] = set()

    def add(into: dict[str, str], label: str, code: str) -> None:
        key = normal(label)
        if not key:
            return
        if key in into and into[key] != code:
            clashes.add(key)
        into[key] = code

    for code, value in enums[enum]["values"].items():
        add(own, code, code)
        add(own, value["title"], code)
        if enum == "MunicipalityEnum":
            add(own, f"{value['title']} Kommune", code)
            add(own, f"{value['title']}s Kommune", code)
    local: dict[str, str] = {}
    for other in enums.values():
        if other.get("maps_to_enum") != enum:
            continue
        for code, value in other["values"].items():
            if "maps_to" in value:
                add(local, code, value["maps_to"])
                add(local, value["title"], value["maps_to"])
    labels = {**{k: v for k, v in local.items() if k not in own}, **own}
    ambiguous = {key for key in clashes if key not in own or key in _own_clashes(enums[enum])}
    return Crosswalk(enum, {k: v for k, v in labels.items() if k not in ambiguous}, ambiguous)


def _own_clashes(enum: dict) -> set[str]:
    seen: dict[str, str] = {}
    clashes = set()
    for code, value in enum["values"].items():
        for label in (code, value["title"]):
            key = normal(label)
            if key in seen and seen[key] != code:
                clashes.add(key)
            seen[key] = code
    return clashes


def boolean_labels(yes: list[str], no: list[str]) -> dict[str, bool]:
    labels = {normal(word): True for word in YES} | {normal(word): False for word in NO}
    labels |= {normal(word): True for word in yes}
    labels |= {normal(word): False for word in no}
    return labels

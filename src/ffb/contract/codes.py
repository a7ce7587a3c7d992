"""Read access to the compiled contract: tables, columns and code lists."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

COMPILED_PATH = Path(__file__).with_name("compiled.json")


@lru_cache(maxsize=1)
def load_contract() -> dict:
    """The compiled contract shipped with the package (see ffb.contract.compile)."""
    return json.loads(COMPILED_PATH.read_text(encoding="utf-8"))


class Codes:
    """Look up codes by Danish title, position on a scale or place in the hierarchy."""

    def __init__(self, contract: dict | None = None) -> None:
        self.enums = (contract or load_contract())["enums"]

    def values(self, enum: str) -> dict[str, dict]:
        return self.enums[enum]["values"]

    def keys(self, enum: str) -> list[str]:
        return list(self.values(enum))

    def code(self, enum: str, title: str) -> str:
        for key, value in self.values(enum).items():
            if value["title"] == title:
                return key
        raise KeyError(f"{enum} has no value titled {title!r}")

    def title(self, enum: str, key: str) -> str:
        return self.values(enum)[key]["title"]

    def by_ordinal(self, enum: str, ordinal: int) -> str:
        for key, value in self.values(enum).items():
            if value.get("ordinal") == ordinal:
                return key
        raise KeyError(f"{enum} has no step {ordinal}")

    def descendants(self, enum: str, ancestor_title: str, leaves_only: bool = False) -> list[str]:
        """Codes below the value titled `ancestor_title`, in schema order."""
        ancestor = self.code(enum, ancestor_title)
        values = self.values(enum)
        parents = {value.get("parent") for value in values.values()}
        return [
            key
            for key, value in values.items()
            if ancestor in value.get("ancestors", ()) and not (leaves_only and key in parents)
        ]

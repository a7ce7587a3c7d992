"""One normal form for headers and labels, so "Målgruppe ", "MAALGRUPPE" and "målgruppe"
meet: case, accents, Danish letters spelt out (æ → ae, ø → oe, å → aa), whitespace and
punctuation at the edges or doubled do not matter, and a number is the same with a decimal
comma or trailing zeros.

Source values are normalised once per distinct value, never per row.
"""

from __future__ import annotations

import re
import unicodedata

DANISH = {"æ": "ae", "ø": "oe", "å": "aa"}
_SPACES = re.compile(r"[\s_]+")
_EDGE = re.compile(r"^[\s.,;:!?()\[\]\"']+|[\s.,;:!?()\[\]\"']+$")
_DECIMAL_COMMA = re.compile(r"^-?[0-9]+,[0-9]+$")
_TRAILING_ZEROS = re.compile(r"^(-?[0-9]+)(\.[0-9]*?)0+$")


def normal(text: str) -> str:
    """The normal form of a header or label."""
    text = text.casefold()
    for letter, spelt in DANISH.items():
        text = text.replace(letter, spelt)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = _EDGE.sub("", _SPACES.sub(" ", text))
    if _DECIMAL_COMMA.match(text):
        text = text.replace(",", ".")
    # "3.0" and "3,50" are the numbers 3 and 3.5, as spreadsheets write them.
    text = _TRAILING_ZEROS.sub(lambda m: m.group(1) + m.group(2).rstrip("."), text)
    return text

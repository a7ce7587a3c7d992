"""How text from the input is made safe to show: visible in a terminal or a CI page, inert in a
spreadsheet.

An export can hold anything, so a value, a file name or a sheet name is shown, never obeyed:

* Control characters (newline, tab, escape sequences such as ``ESC[2J`` that clear a terminal or
  ``ESC]0;`` that retitle it, NUL, the C1 controls) and characters that print as nothing or as a
  plain space (zero-width spaces and joiners, the byte-order mark, soft hyphen, bidirectional
  overrides, the non-breaking and other Unicode spaces, line and paragraph separators, lone
  surrogates) are written as a Python-style escape: ``\\n``, ``\\r``, ``\\t``, and ``\\u00a0``,
  ``\\u200b``, ``\\u001b``, … for the rest (``\\U000e0001`` beyond the first plane). A backslash
  itself is left as it is, so Windows paths stay readable.
* The terminal renderer never interprets input as markup: ``[bold]`` or ``[link=…]`` in a cell
  is printed as written (see ``ffb.report.text``).
* A CSV cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``,
  a tab, a carriage return or a line feed, or their full-width forms) gets a leading ``'``, as
  OWASP recommends against CSV injection; the apostrophe tells the reader the cell was changed.
"""

from __future__ import annotations

import re

import polars as pl

# Every character that a terminal or a web page shows as nothing, as blank space other than an
# ordinary space, or acts on: Unicode categories Cc, Cf, Zl, Zp, Zs (except U+0020) and Cs, and
# a few fillers that render blank (Hangul fillers, the combining grapheme joiner, variation
# selectors, the braille blank). A test checks the list against `unicodedata`.
_INVISIBLE_RANGES = (
    "\x00-\x1f\x7f-\xa0\xad"
    "\u034f\u061c\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u1680\u17b4\u17b5"
    "\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u2800\u3000\u3164"
    "\ud800-\udfff\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef"
)
INVISIBLE = re.compile(f"[{_INVISIBLE_RANGES}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: str | None) -> str:
    """`text` with every control or invisible character written as an escape (see above)."""
    if not text:
        return text or ""
    return INVISIBLE.sub(_escape, text)


# Characters that make a spreadsheet read a CSV cell as a formula (OWASP, "CSV Injection"),
# with their full-width forms, which some spreadsheets also accept.
FORMULA_START = "^[=+\\-@\t\r\n\uff1d\uff0b\uff0d\uff20]"


def inert_in_spreadsheet(column: str) -> pl.Expr:
    """The string column `column` with a `'` before every cell a spreadsheet would run."""
    value = pl.col(column)
    return (
        pl.when(value.str.contains(FORMULA_START))
        .then(pl.lit("'") + value)
        .otherwise(value)
        .alias(column)
    )


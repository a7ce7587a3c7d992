"""The shape of a CPR number, and the one function that masks it in every text ffb shows.

A CPR number is DDMMYY followed by a four-digit serial. People write it in many ways, so the
shape allows, between the day, month, year and serial, up to three separators (any Unicode
space such as the non-breaking one, zero-width spaces, a hyphen, an en or em dash, a minus
sign, a full-width hyphen, a dot, a slash or an underscore), and ASCII or full-width digits.
It is a number of its own when no digit comes right before or after it: letters and
underscores do not hide it (``borger_0101901234.csv``, ``CPR0101901234``).

Masking keeps the date part as written and replaces the serial with ``-****``. It is done by
one function, `mask_expr`, on polars columns; `mask_text` runs the very same expression on a
single string, so a report's issues, its header fields, the command's one-line errors and
everything written to stdout, stderr or a report file are masked alike (the command passes
every text it writes through `mask_text` as a last step).
"""

from __future__ import annotations

import re

import polars as pl

_DIGITS = "0-9\uff10-\uff19"
_DIGIT = f"[{_DIGITS}]"
_SEPARATOR = "[\\s\u200b-\u200d\u2060\ufeff\\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d._/]{0,3}"
_DAY = "(?:[0\uff10][1-9\uff11-\uff19]|[12\uff11\uff12][0-9\uff10-\uff19]|[3\uff13][01\uff10\uff11])"
_MONTH = "(?:[0\uff10][1-9\uff11-\uff19]|[1\uff11][0-2\uff10-\uff12])"

# A CPR number as a value is written: DDMMYY, an optional dash, four digits (groups: day, month,
# year). For reading such values, not for finding them in text.
CPR_SHAPE = r"(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])([0-9]{2})-?[0-9]{4}"
# A CPR-shaped number however it is written (see above), no boundaries. The named group `date`
# is the part a mask keeps.
CPR_LIKE = (
    f"(?P<date>{_DAY}{_SEPARATOR}{_MONTH}{_SEPARATOR}{_DIGIT}{{2}}){_SEPARATOR}{_DIGIT}{{4}}"
)
# A CPR-shaped number anywhere in a text, with no digit right before or after it (Python `re`).
CPR_ANYWHERE = f"(?<!{_DIGIT}){CPR_LIKE}(?!{_DIGIT})"
# The same for polars, whose regular expressions have no look-around: the characters around
# the number are matched and put back.
_CPR_WITH_NEIGHBOURS = f"(?P<before>^|[^{_DIGITS}]){CPR_LIKE}(?P<after>[^{_DIGITS}]|$)"
CPR_MASK = "${before}${date}-****${after}"
_SURROGATE = re.compile("[\ud800-\udfff]")


def mask_expr(text: pl.Expr) -> pl.Expr:
    """`text` (a string expression) with every CPR-shaped number masked as DDMMYY-****.

    Two passes: a number right after a masked one may have lost its `before` character to the
    first match; in the second pass its neighbour is the mask, so it is found. Texts without
    a match (nearly all) are only searched, which is several times faster than replacing.
    """
    masked = text.str.replace_all(_CPR_WITH_NEIGHBOURS, CPR_MASK).str.replace_all(
        _CPR_WITH_NEIGHBOURS, CPR_MASK
    )
    return pl.when(text.str.contains(_CPR_WITH_NEIGHBOURS)).then(masked).otherwise(text)


# Longer texts are masked line by line (much faster than one huge string); a number is never
# split across lines by the writers, which write whole lines.
_LINE_WISE_FROM = 1 << 16


def mask_text(text: str) -> str:
    """`text` with every CPR-shaped number masked, by the same expression as the report's
    columns. Lone surrogates (undecodable bytes in a file name) are written as `\\udcxx`."""
    if not text:
        return text
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if len(text) < _LINE_WISE_FROM:
        return pl.select(mask_expr(pl.lit(text, dtype=pl.String))).item()
    lines = pl.Series("text", text.split("\n"), dtype=pl.String)
    return "\n".join(pl.select(mask_expr(pl.lit(lines))).to_series().to_list())

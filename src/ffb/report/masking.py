"""The shape of a CPR number, and how every text ffb shows is masked.

One definition serves the report (as a polars expression), the command's one-line errors
and the generated docs pages (as a Python regular expression), and the privacy rules.
"""

from __future__ import annotations

import re

# DDMMYY followed by four digits, the dash optional. Groups: day, month, year.
CPR_SHAPE = r"(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])([0-9]{2})-?[0-9]{4}"
# A CPR-shaped run anywhere in a text, between word boundaries.
CPR_ANYWHERE = rf"\b{CPR_SHAPE}\b"
# What polars' replace_all puts in its place: the date part kept, the serial hidden.
CPR_MASK = "${1}${2}${3}-****"

_CPR_ANYWHERE = re.compile(CPR_ANYWHERE)


def mask_text(text: str) -> str:
    """`text` with every CPR-shaped number masked as DDMMYY-****."""
    return _CPR_ANYWHERE.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}-****", text)

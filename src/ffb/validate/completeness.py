"""Which tables an input must hold: an FFB export has at least citizens, cases and assessments.

KL's FFB reporting sends per citizen the citizen, the case (service request) and the
assessments made on it (information gathering), and everything else refers to them (see
`kl-ffb-reporting.md`). A package, folder, workbook or export document without them is not an
export. A single table file (or a workbook holding one table) is a table, checked on its own. Whoever checks some tables on
purpose names them (`--table`): then exactly those are expected.
"""

from __future__ import annotations

from collections.abc import Iterable

from ffb.read.model import Finding, RawInput

REQUIRED_TABLES = ("citizens", "cases", "assessments")
# Kinds of input that stand for a whole export (a single table file does not).
WHOLE_EXPORTS = ("package", "folder", "document", "workbook")


def expect_tables(raw: RawInput, expected: Iterable[str] | None = None) -> None:
    """Turn the readers' notes of absent tables into what the input is expected to hold.

    Without `expected`: a missing required table is an error (FFB122), another missing table
    stays a note (FFB116). With `expected`: a missing expected table is FFB122, and tables
    nobody asked for are not mentioned.
    """
    if raw.kind not in WHOLE_EXPORTS:
        return
    if raw.kind == "workbook" and len(raw.tables) <= 1 and not expected:
        return  # a workbook of one table is a table file, like a CSV file
    wanted = set(expected) if expected else None
    absent = {f.table for f in raw.findings if f.code == "FFB116"}
    kept = [f for f in raw.findings if f.code != "FFB116"]
    nothing_read = not raw.tables and raw.findings
    for name in _ordered(absent | (wanted or set())):
        if name in raw.tables or nothing_read:
            continue
        if wanted is None:
            code = "FFB122" if name in REQUIRED_TABLES else "FFB116"
        elif name in wanted:
            code = "FFB122"
        else:
            continue
        kept.append(Finding(code, "", name))
    raw.findings[:] = kept


def _ordered(names: set[str]) -> list[str]:
    from ffb.contract.codes import load_contract

    order = [t["name"] for t in load_contract()["tables"]]
    return sorted(names, key=lambda n: order.index(n) if n in order else len(order))

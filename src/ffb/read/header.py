"""Match a table's header against the contract: which table it is and which columns are off."""

from __future__ import annotations

from collections import Counter

from ffb.read.model import Finding


def recognise_table(header: list[str], tables: list[dict], hint: str | None = None) -> str | None:
    """The contract table a header belongs to.

    `hint` (a file or sheet name) wins when it names a table. Otherwise the table whose
    columns the header covers best, provided every required column is there.
    """
    names = {table["name"] for table in tables}
    if hint in names:
        return hint
    present = set(header)
    best, best_score = None, 0.0
    for table in tables:
        columns = {column["name"] for column in table["columns"]}
        required = {column["name"] for column in table["columns"] if column["required"]}
        if not required <= present:
            continue
        score = len(columns & present) / len(columns | present)
        if score > best_score:
            best, best_score = table["name"], score
    return best


def header_findings(header: list[str], table: dict, source: str) -> tuple[list[Finding], bool]:
    """Problems of a header, and whether the table can be read at all (no duplicate names)."""
    findings: list[Finding] = []
    name = table["name"]
    duplicates = [column for column, count in Counter(header).items() if count > 1]
    for column in duplicates:
        findings.append(Finding("FFB109", source, name, row=1, column=column, value=column))
    known = {column["name"] for column in table["columns"]}
    for position, column in enumerate(header, start=1):
        if column not in known:
            findings.append(
                Finding("FFB108", source, name, row=1, column=column, value=column, detail=str(position))
            )
    for column in table["columns"]:
        if column["name"] not in header:
            code = "FFB106" if column["required"] else "FFB107"
            findings.append(Finding(code, source, name, row=1, column=column["name"]))
    return findings, not duplicates

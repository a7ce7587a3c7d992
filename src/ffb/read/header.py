"""Match a table's header against the contract: which table it is, which columns are off, and
the rows reduced to the contract's columns."""

from __future__ import annotations

from collections import Counter

import polars as pl

from ffb.naming import nearest_table
from ffb.read.model import ROW, Finding

SHOWN_NAME = 200  # a longer column name is cut in findings (the report shows no more)


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
        findings.append(Finding("FFB109", source, name, row=1, column=column[:SHOWN_NAME], value=column))
    known = {column["name"] for column in table["columns"]}
    for position, column in enumerate(header, start=1):
        if column not in known:
            findings.append(
                Finding("FFB108", source, name, row=1, column=column[:SHOWN_NAME], value=column, detail=str(position))
            )
    for column in table["columns"]:
        # A privacy column (the clear CPR number) is best left out altogether: no FFB107.
        if column["name"] not in header and not column.get("privacy"):
            code = "FFB106" if column["required"] else "FFB107"
            findings.append(Finding(code, source, name, row=1, column=column["name"]))
    return findings, not duplicates


def frame_for_contract(
    frame: pl.LazyFrame, header: list[str], table: dict, empty_is_null: bool = False
) -> pl.LazyFrame:
    """Keep the contract's columns in contract order; absent ones become null text.

    With `empty_is_null` an empty text becomes null, as an empty field is everywhere else.
    """
    present = set(header)

    def column(name: str) -> pl.Expr:
        if name not in present:
            return pl.lit(None, pl.String).alias(name)
        if empty_is_null:
            return pl.when(pl.col(name) != "").then(pl.col(name)).alias(name)
        return pl.col(name)

    return frame.select(pl.col(ROW).cast(pl.Int64), *[column(c["name"]) for c in table["columns"]])


def missing_columns(header: list[str], table: dict) -> frozenset[str]:
    """The table's columns that the header lacks (reported once by header_findings)."""
    return frozenset(column["name"] for column in table["columns"]) - set(header)


def match_header(
    header: list[str], tables: list[dict], source: str, table_name: str | None, hint: str | None
) -> tuple[dict | None, list[Finding]]:
    """The contract table a tabular file holds, with the problems of its header.

    None when the file matches no table (FFB110) or its header cannot be read (a duplicate
    column name, FFB109).
    """
    name = table_name or recognise_table(header, tables, hint=hint)
    near = None
    if name is None and hint:
        # A file or sheet named almost like a table (goal_condition.csv) is that table.
        near = name = nearest_table(hint, [t["name"] for t in tables])
    if name is None:
        return None, [Finding("FFB110", source, detail=", ".join(header[:12]))]
    table = next(t for t in tables if t["name"] == name)
    findings, readable = header_findings(header, table, source)
    if near is not None:
        findings.insert(0, Finding("FFB120", source, name, value=hint[:SHOWN_NAME]))
    return (table if readable else None), findings

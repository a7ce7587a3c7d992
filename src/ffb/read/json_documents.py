"""Read JSON: an export document (every table as a list), a list of rows, or JSON lines.

Each value is checked against the JSON type its column needs (a string for codes and dates, a
number for quantities, true/false for yes/no) exactly as the generated JSON Schema does, and
then turned into the same text a CSV cell would hold, so one set of rules checks every format.
Locations are JSON pointers such as `/cases/3/opened_date`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import polars as pl

from ffb.read.header import recognise_table
from ffb.read.model import ROW, Finding, RawTable

def _json_type_ok(value: object, column_type: str) -> bool:
    if column_type == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    if column_type == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if column_type == "boolean":
        return isinstance(value, bool)
    return isinstance(value, str)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)[:200]
    return str(value)


def rows_to_table(
    rows: list, table: dict, source: str, pointer: str
) -> tuple[RawTable, list[Finding]]:
    """Turn a list of row objects into a raw table, with findings for every structural slip."""
    findings: list[Finding] = []
    name = table["name"]
    types = {column["name"]: column["type"] for column in table["columns"]}
    columns: dict[str, list[str | None]] = {column: [] for column in types}
    indexes: list[int] = []
    seen_keys: set[str] = set()
    for index, row in enumerate(rows):
        where = f"{pointer}/{index}"
        if not isinstance(row, dict):
            findings.append(Finding("FFB114", source, name, pointer=where, value=_text(row)))
            continue
        indexes.append(index)
        for key in row.keys() - types.keys():
            findings.append(Finding("FFB108", source, name, pointer=f"{where}/{key}", column=key, value=key))
        for column, column_type in types.items():
            value = row.get(column)
            if value is not None and not _json_type_ok(value, column_type):
                findings.append(
                    Finding("FFB115", source, name, pointer=f"{where}/{column}", column=column,
                            value=_text(value), detail=column_type)
                )
            columns[column].append(_text(value))
        seen_keys.update(row.keys())
    frame = pl.DataFrame(
        {ROW: indexes, **columns}, schema={ROW: pl.Int64, **{c: pl.String for c in types}}
    )

    def batches() -> Iterator[pl.DataFrame]:
        yield frame

    header = [column for column in types if column in seen_keys]
    return RawTable(name, source, header, batches, pointer=pointer), findings


def read_json(
    path: Path, source: str, tables: list[dict], table_name: str | None = None
) -> tuple[list[RawTable], list[Finding], str]:
    """Raw tables of a JSON or JSON-lines file, its findings, and the input kind."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return [], [Finding("FFB103", source, table_name)], "json"
    if not text.strip():
        return [], [Finding("FFB101", source, table_name)], "json"
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return _read_json_lines(text, source, tables, table_name)
    try:
        document = json.loads(text)
    except RecursionError:
        # The parser refuses nesting deeper than Python's recursion limit (about 1,000 levels).
        return [], [Finding("FFB113", source, table_name)], "json"
    except json.JSONDecodeError as error:
        return [], [Finding("FFB114", source, table_name, row=error.lineno, detail=f"{error.lineno}:{error.colno}")], "json"
    by_name = {table["name"]: table for table in tables}
    if isinstance(document, list):
        keys = sorted({k for row in document[:1000] if isinstance(row, dict) for k in row})
        name = table_name or recognise_table(keys, tables, hint=path.stem)
        if name is None:
            return [], [Finding("FFB110", source, detail=", ".join(keys[:12]))], "json"
        raw, findings = rows_to_table(document, by_name[name], source, pointer="")
        return [raw], findings, "json"
    if not isinstance(document, dict):
        return [], [Finding("FFB114", source, table_name, pointer="", value=_text(document))], "json"
    raw_tables, findings = [], []
    for key, value in document.items():
        if key == "schema_version":
            if not isinstance(value, str):
                findings.append(Finding("FFB115", source, None, pointer="/schema_version", column=key, value=_text(value), detail="string"))
            continue
        if key not in by_name:
            findings.append(Finding("FFB114", source, None, pointer=f"/{key}", value=key))
            continue
        if not isinstance(value, list):
            findings.append(Finding("FFB114", source, key, pointer=f"/{key}", value=_text(value)))
            continue
        raw, table_findings = rows_to_table(value, by_name[key], source, pointer=f"/{key}")
        raw_tables.append(raw)
        findings.extend(table_findings)
    return raw_tables, findings, "document"


def _read_json_lines(
    text: str, source: str, tables: list[dict], table_name: str | None
) -> tuple[list[RawTable], list[Finding], str]:
    rows, findings = [], []
    line_numbers = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
            line_numbers.append(number)
        except RecursionError:
            findings.append(Finding("FFB113", source, table_name, row=number))
        except json.JSONDecodeError:
            findings.append(Finding("FFB114", source, table_name, row=number))
    keys = sorted({k for row in rows[:1000] if isinstance(row, dict) for k in row})
    name = table_name or recognise_table(keys, tables, hint=Path(source).stem)
    if name is None:
        return [], findings + [Finding("FFB110", source, detail=", ".join(keys[:12]))], "table"
    table = next(t for t in tables if t["name"] == name)
    raw, row_findings = rows_to_table(rows, table, source, pointer="")
    # In JSON lines a row is a line: report line numbers, not list positions.
    renumber = dict(enumerate(line_numbers))
    frame_batches = raw.batches

    def batches() -> Iterator[pl.DataFrame]:
        for frame in frame_batches():
            yield frame.with_columns(pl.col(ROW).replace_strict(renumber, return_dtype=pl.Int64))

    raw.batches = batches
    raw.pointer = None
    for finding in row_findings:
        index = int(finding.pointer.split("/")[1])
        findings.append(
            Finding(finding.code, finding.source, finding.table, row=renumber.get(index, index + 1),
                    column=finding.column, value=finding.value, detail=finding.detail)
        )
    return [raw], findings, "table"

"""Read JSON: an export document (every table as a list), a list of rows, or JSON lines.

Each value is checked against the JSON type its column needs (a string for codes and dates, a
number for quantities, true/false for yes/no) exactly as the generated JSON Schema does, and
then turned into the same text a CSV cell would hold, so one set of rules checks every format.
Locations are JSON pointers such as `/cases/3/opened_date`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import polars as pl

from ffb.read.header import recognise_table
from ffb.read.model import ROW, Finding, RawTable
from ffb.read.text_files import SNIFF_BYTES, UTF16_BOMS

# Python's parser holds a whole document in memory, many times its size; larger exports
# belong in CSV or JSON lines.
MAX_JSON_BYTES = 512 * 1024**2
NESTING = "nesting depth"  # the detail of FFB113 for JSON nested too deeply
SHOWN_KEY = 200  # longer property names are cut in findings; the report shows no more


class _Overflowing(float):
    """A JSON number too large for a double: infinite, but shown as it was written."""

    text: str

    def __new__(cls, text: str) -> _Overflowing:
        number = super().__new__(cls, text)
        number.text = text
        return number


class _NotJson:
    """NaN, Infinity and -Infinity: Python's parser takes them, JSON (RFC 8259) has no such
    values. They are read as a value of no JSON type, so they are reported, never a number."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


class _Duplicated(dict):
    """An object in which some property name is given twice; the last value wins in the
    parser, so the first is lost unless it is reported."""

    duplicates: list[str]


def _number(text: str) -> float:
    number = float(text)
    return number if number not in (float("inf"), float("-inf")) else _Overflowing(text)


def _object(pairs: list[tuple[str, object]]) -> dict:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    duplicated = _Duplicated(result)
    seen: set[str] = set()
    duplicated.duplicates = [key for key, _ in pairs if key in seen or seen.add(key)]
    return duplicated


# A \\uD800-\\uDFFF escape: half of a UTF-16 pair. Two halves make one character; one alone is
# no character and cannot be written as UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _shown_surrogates(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def replace_lone_surrogates(value: object, pointer: str, found: list[str]) -> object:
    """`value` with every lone surrogate shown as its escape (\\ud800); the pointers of the
    strings (values or property names) that held one go to `found`."""
    if isinstance(value, str):
        if _has_lone_surrogate(value):
            found.append(pointer)
            return _shown_surrogates(value)
        return value
    if isinstance(value, list):
        return [replace_lone_surrogates(item, f"{pointer}/{index}", found) for index, item in enumerate(value)]
    if isinstance(value, dict):
        cleaned = type(value)()
        for key, item in value.items():
            where = f"{pointer}/{_escaped(key) if not _has_lone_surrogate(key) else _escaped(_shown_surrogates(key))}"
            if _has_lone_surrogate(key):
                found.append(where)
                key = _shown_surrogates(key)
            cleaned[key] = replace_lone_surrogates(item, where, found)
        if isinstance(value, _Duplicated):
            cleaned.duplicates = [_shown_surrogates(k) for k in value.duplicates]
        return cleaned
    return value


def loads(text: str) -> object:
    """json.loads, strict as JSON is: no NaN or Infinity, no number silently infinite, and
    objects with a property given twice marked."""
    return json.loads(text, parse_float=_number, parse_constant=_NotJson, object_pairs_hook=_object)


def _escaped(key: str) -> str:
    """A property name as one step of a JSON pointer (RFC 6901), cut to a readable length."""
    return key[:SHOWN_KEY].replace("~", "~0").replace("/", "~1")


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
    if isinstance(value, (_Overflowing, _NotJson)):
        return value.text
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    if isinstance(value, (dict, list)):
        try:
            return json.dumps(value, ensure_ascii=False, default=str)[:200]
        except RecursionError:  # nested nearly as deep as the parser allows
            return "[…]" if isinstance(value, list) else "{…}"
    return str(value)


def _shown_json(value: object) -> str:
    """A value as a finding shows it, null included (an empty text would say nothing)."""
    text = _text(value)
    return "null" if text is None else text


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
            findings.append(Finding("FFB114", source, name, pointer=where, value=_shown_json(row)))
            continue
        indexes.append(index)
        if isinstance(row, _Duplicated):
            findings.extend(
                Finding("FFB123", source, name, pointer=f"{where}/{_escaped(key)}", column=key[:SHOWN_KEY], value=key)
                for key in row.duplicates
            )
        for key in row.keys() - types.keys():
            findings.append(
                Finding("FFB108", source, name, pointer=f"{where}/{_escaped(key)}", column=key[:SHOWN_KEY], value=key)
            )
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


def _json_text(data: bytes, source: str, table_name: str | None) -> tuple[str | None, list[Finding]]:
    """The text of a JSON file, or the finding that says why there is none."""
    if not data.strip():
        return None, [Finding("FFB101", source, table_name)]
    if data.startswith(UTF16_BOMS):
        return None, [Finding("FFB103", source, table_name)]
    if b"\x00" in data:
        return None, [Finding("FFB102", source, table_name, detail=str(data.index(0)))]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return None, [Finding("FFB103", source, table_name)]


def _parse(text: str) -> tuple[object, str | None, int | None, str | None, list[str]]:
    """The parsed value, or the finding code, line and place (line:column) of the failure;
    and the pointers of strings that held a lone surrogate (shown escaped in the value)."""
    try:
        value = loads(text)
    except RecursionError:
        # The parser refuses nesting deeper than Python's recursion limit (about 1,000 levels).
        return None, "FFB113", None, None, []
    except json.JSONDecodeError as error:
        return None, "FFB114", error.lineno, f"{error.lineno}:{error.colno}", []
    except ValueError:  # e.g. an integer of more digits than Python converts
        return None, "FFB114", None, "/", []
    surrogates: list[str] = []
    if _SURROGATE_ESCAPE.search(text):
        try:
            value = replace_lone_surrogates(value, "", surrogates)
        except RecursionError:
            return None, "FFB113", None, None, []
    return value, None, None, None, surrogates


def read_json(
    path: Path, source: str, tables: list[dict], table_name: str | None = None
) -> tuple[list[RawTable], list[Finding], str]:
    """Raw tables of a JSON or JSON-lines file, its findings, and the input kind."""
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        return [], [Finding("FFB113", source, table_name, detail=f"{size} bytes")], "json"
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return _read_json_lines(path, source, tables, table_name)
    text, findings = _json_text(path.read_bytes(), source, table_name)
    if text is None:
        return [], findings, "json"
    document, code, line, place, surrogates = _parse(text)
    findings = [Finding("FFB124", source, table_name, pointer=p) for p in surrogates]
    if code == "FFB113":
        return [], [Finding("FFB113", source, table_name, detail=NESTING)], "json"
    if code is not None:
        return [], [Finding(code, source, table_name, row=line, value=place)], "json"
    if isinstance(document, list):
        raw_tables, more, kind = _read_row_list(document, path, source, tables, table_name)
        return raw_tables, findings + more, kind
    if not isinstance(document, dict):
        return [], [Finding("FFB114", source, table_name, pointer="", value=_shown_json(document))], "json"
    raw_tables, more = _read_document(document, source, tables)
    return raw_tables, findings + more, "document"


def _read_row_list(
    rows: list, path: Path, source: str, tables: list[dict], table_name: str | None
) -> tuple[list[RawTable], list[Finding], str]:
    keys = sorted({k for row in rows[:1000] if isinstance(row, dict) for k in row})
    name = table_name or recognise_table(keys, tables, hint=path.stem)
    if name is None:
        return [], [Finding("FFB110", source, detail=", ".join(keys[:12]))], "json"
    table = next(t for t in tables if t["name"] == name)
    raw, findings = rows_to_table(rows, table, source, pointer="")
    return [raw], findings, "json"


def _read_document(document: dict, source: str, tables: list[dict]) -> tuple[list[RawTable], list[Finding]]:
    by_name = {table["name"]: table for table in tables}
    raw_tables, findings = [], []
    if isinstance(document, _Duplicated):
        findings.extend(
            Finding("FFB123", source, key if key in by_name else None, pointer=f"/{_escaped(key)}", value=key)
            for key in document.duplicates
        )
    for key, value in document.items():
        where = f"/{_escaped(key)}"
        if key == "schema_version":
            if not isinstance(value, str):
                findings.append(
                    Finding("FFB115", source, None, pointer=where, column=key, value=_text(value), detail="string")
                )
            continue
        if key not in by_name:
            findings.append(Finding("FFB114", source, None, pointer=where, value=key))
            continue
        if not isinstance(value, list):
            findings.append(Finding("FFB114", source, key, pointer=where, value=_shown_json(value)))
            continue
        raw, table_findings = rows_to_table(value, by_name[key], source, pointer=where)
        raw_tables.append(raw)
        findings.extend(table_findings)
    return raw_tables, findings


def _json_lines(path: Path, source: str, table_name: str | None) -> tuple[list, list[int], list[Finding]]:
    """The rows of a JSON-lines file and their line numbers, read a line at a time.

    Lines end at `\n` only: a JSON string may hold U+2028 and other characters that
    str.splitlines() would split at.
    """
    rows, numbers, findings = [], [], []
    with path.open("rb") as handle:
        for number, data in enumerate(handle, start=1):
            if not data.strip():
                continue
            text, problems = _json_text(data, source, table_name)
            if text is None:
                findings.extend(replace(p, row=number, detail=None) for p in problems)
                continue
            row, code, _, place, surrogates = _parse(text)
            findings.extend(Finding("FFB124", source, table_name, row=number, pointer=None, value=p or "/")
                            for p in surrogates)
            if code is None:
                rows.append(row)
                numbers.append(number)
            elif code == "FFB113":
                findings.append(Finding(code, source, table_name, row=number, detail=NESTING))
            else:
                column = place and place.split(":")[1]
                where = column and f"{number}:{column}"  # the line of the file, the column on it
                findings.append(Finding(code, source, table_name, row=number, value=where))
    return rows, numbers, findings


def _read_json_lines(
    path: Path, source: str, tables: list[dict], table_name: str | None
) -> tuple[list[RawTable], list[Finding], str]:
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if b"\x00" in head or head.startswith(UTF16_BOMS):
        # Binary or UTF-16 through and through: one finding, not one per line.
        return [], _json_text(head, source, table_name)[1], "table"
    rows, line_numbers, findings = _json_lines(path, source, table_name)
    if not rows and not findings:
        return [], [Finding("FFB101", source, table_name)], "table"
    keys = sorted({k for row in rows[:1000] if isinstance(row, dict) for k in row})
    name = table_name or recognise_table(keys, tables, hint=path.stem)
    if name is None:
        if rows or not findings:  # with no row read, the findings already say why
            findings.append(Finding("FFB110", source, detail=", ".join(keys[:12])))
        return [], findings, "table"
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
        findings.append(replace(finding, row=renumber.get(index, index + 1), pointer=None))
    return [raw], findings, "table"


_FHIR_BUNDLE = re.compile(rb'"resourceType"\s*:\s*"Bundle"')
PEEK_BYTES = 64 * 1024


def starts_as_bundle(path: Path) -> bool:
    """Whether a JSON or NDJSON file starts with a FHIR Bundle (its first 64 KB are looked at)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(PEEK_BYTES)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and bool(_FHIR_BUNDLE.search(head))

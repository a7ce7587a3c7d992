"""Write rows as a canonical data package: one CSV per table plus datapackage.json."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from ffb.contract.codes import load_contract
from ffb.contract.datapackage import datapackage_descriptor


def format_value(value: object) -> str:
    """The canonical text of one cell: ISO dates, true/false, empty for missing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def write_table(path: Path, columns: list[str], rows: Iterable[Mapping[str, object]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([format_value(row.get(column)) for column in columns])
            count += 1
    return count


def write_package(folder: Path, tables: Mapping[str, list[Mapping[str, object]]]) -> dict[str, int]:
    """Write every table of the contract (empty ones too) and the descriptor; return row counts."""
    contract = load_contract()
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in contract["tables"]:
        columns = [column["name"] for column in table["columns"]]
        counts[table["name"]] = write_table(
            folder / f"{table['name']}.csv", columns, tables.get(table["name"], [])
        )
    descriptor = json.dumps(datapackage_descriptor(contract), ensure_ascii=False, indent=2)
    (folder / "datapackage.json").write_text(descriptor + "\n", encoding="utf-8")
    return counts

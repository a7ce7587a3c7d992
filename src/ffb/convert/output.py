"""Write a conversion: the canonical data package, rejects.csv and conversion-report.json."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from ffb.contract.datapackage import datapackage_descriptor
from ffb.convert.engine import Conversion

REPORT_NAME = "conversion-report.json"
REJECTS_NAME = "rejects.csv"


def _canonical_text(frame: pl.DataFrame) -> pl.DataFrame:
    """Cells as the canonical CSV writes them: ISO dates, true/false, numbers without a
    trailing `.0`, empty for missing (the same text as ffb.canonical.writer.format_value)."""
    out = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype == pl.Boolean:
            out.append(pl.when(column).then(pl.lit("true")).when(~column).then(pl.lit("false")).alias(name))
        elif dtype == pl.Float64:
            text = column.round(6).cast(pl.String)
            out.append(text.str.replace(r"\.0$", "").alias(name))
        else:
            out.append(column.cast(pl.String).alias(name))
    return frame.select(out)


def write_table(folder: Path, name: str, frame: pl.DataFrame, add: bool = False) -> None:
    """One canonical table as the package's UTF-8 CSV file (`add`: its rows added to the file)."""
    with (folder / f"{name}.csv").open("ab" if add else "wb") as handle:
        _canonical_text(frame).write_csv(handle, line_terminator="\n", null_value="", include_header=not add)


def write_conversion(folder: Path, conversion: Conversion, rejects: pl.DataFrame, report: dict, contract: dict) -> None:
    """The package around the tables: every table not written yet (a contract table no source
    fills is written with its header only), datapackage.json, the rejects and the report."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in contract["tables"]:
        name = table["name"]
        if name in conversion.written:
            continue
        frame = conversion.tables.get(name)
        if frame is None:
            frame = pl.DataFrame(schema={c["name"]: pl.String for c in table["columns"]})
        write_table(folder, name, frame)
    descriptor = json.dumps(datapackage_descriptor(contract), ensure_ascii=False, indent=2)
    (folder / "datapackage.json").write_text(descriptor + "\n", encoding="utf-8")
    rejects.write_csv(folder / REJECTS_NAME, line_terminator="\n", null_value="")
    (folder / REPORT_NAME).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

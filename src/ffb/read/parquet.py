"""Read a Parquet file as a raw table: every column as text, as a CSV file would hold it (an
empty text is a missing value, as an empty CSV field is)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from ffb.read.header import frame_for_contract, match_header, missing_columns
from ffb.read.model import ROW, Finding, RawTable, guarded

BATCH_ROWS = 1_000_000


def read_parquet(
    path: Path, source: str, tables: list[dict], table_name: str | None = None
) -> tuple[list[RawTable], list[Finding]]:
    try:
        schema = pl.scan_parquet(path, glob=False).collect_schema()
    except Exception:  # polars raises several error types for files that are not Parquet
        return [], [Finding("FFB102", source, table_name)]
    header = list(schema)
    table, findings = match_header(header, tables, source, table_name, hint=path.stem)
    if table is None:
        return [], findings
    name = table["name"]

    def batches() -> Iterator[pl.DataFrame]:
        scan = pl.scan_parquet(path, glob=False).select(pl.all().cast(pl.String)).with_row_index(ROW, offset=2)
        frame = frame_for_contract(scan, header, table, empty_is_null=True)
        yield from frame.collect_batches(chunk_size=BATCH_ROWS)

    raw = RawTable(name, source, header, guarded(batches, source), missing_columns=missing_columns(header, table))
    return [raw], findings

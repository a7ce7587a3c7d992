"""Read a Parquet file as a raw table: every column as the text a CSV file would hold (an
empty text is a missing value, as an empty CSV field is).

Data teams write Parquet with native types (pandas, Spark, polars), so each type is turned
into the text CSV gives for the same value: whole numbers without `.0` (pandas stores an
integer column with gaps as floats, and NaN is its missing value), `true`/`false`, ISO
dates, and a date-time at midnight as its date (a time zone is kept as written: the wall
clock date, as a CSV export from the same system would show it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from ffb.read.header import frame_for_contract, match_header, missing_columns
from ffb.read.limits import DEFAULT_LIMITS, Limits, check
from ffb.read.model import ROW, CannotRun, Finding, RawTable, guarded

BATCH_ROWS = 1_000_000
EXPANSION_BATCH = 1_000_000
NUMBER_TEXT_BYTES = 24  # the longest text a number or date column's value becomes
WHOLE_LIMIT = 2**53  # floats up to here hold every whole number exactly


def _float_text(column: pl.Expr) -> pl.Expr:
    whole = column.is_finite() & (column == column.floor()) & (column.abs() < WHOLE_LIMIT)
    return (
        pl.when(column.is_nan()).then(pl.lit(None, pl.String))
        .when(whole).then(column.cast(pl.Int64).cast(pl.String))
        .otherwise(column.cast(pl.String))
    )


def _datetime_text(column: pl.Expr, dtype: pl.Datetime) -> pl.Expr:
    if dtype.time_zone is not None:
        column = column.dt.replace_time_zone(None)
    midnight = column.dt.time() == pl.time(0, 0)
    return (
        pl.when(midnight).then(column.dt.date().cast(pl.String))
        .otherwise(column.dt.to_string("%Y-%m-%dT%H:%M:%S%.f"))
    )


def _decimal_text(column: pl.Expr) -> pl.Expr:
    """2.50 as 2.5 and 3.00 as 3, as a spreadsheet or CSV export writes them."""
    text = column.cast(pl.String)
    trimmed = text.str.replace(r"(\.[0-9]*?)0+$", "${1}").str.replace(r"\.$", "")
    return pl.when(text.str.contains(".", literal=True)).then(trimmed).otherwise(text)


def is_nested(dtype: pl.DataType) -> bool:
    return isinstance(dtype, (pl.List, pl.Array, pl.Struct, pl.Object)) or dtype == pl.Binary


def as_text(name: str, dtype: pl.DataType) -> pl.Expr:
    """The column `name` of type `dtype` as the text CSV would give."""
    column = pl.col(name)
    if dtype.is_float():
        return _float_text(column).alias(name)
    if isinstance(dtype, pl.Datetime):
        return _datetime_text(column, dtype).alias(name)
    if isinstance(dtype, pl.Decimal):
        return _decimal_text(column).alias(name)
    if dtype == pl.Boolean:
        return pl.when(column).then(pl.lit("true")).when(~column).then(pl.lit("false")).alias(name)
    return column.cast(pl.String).alias(name)


def _check_expansion(path: Path, source: str, columns: list[str], limits: Limits) -> None:
    """Refuse a file whose rows or text would pass the limits once read.

    The row count and each column's uncompressed size are declared in the file's footer. A
    column stored through a dictionary (one text, many references to it) is declared small
    whatever it expands to, so for those columns the references are read, without the texts
    they stand for, and the expanded size is summed batch by batch.
    """
    import pyarrow as pa  # imported here: only Parquet input pays for it
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    with path.open("rb") as handle:
        parquet = pq.ParquetFile(handle)
        metadata = parquet.metadata
        check(source, limits, "max_rows", metadata.num_rows, "rows")
        declared, dictionary_columns = 0, set()
        for group_number in range(metadata.num_row_groups):
            group = metadata.row_group(group_number)
            for column_number in range(group.num_columns):
                chunk = group.column(column_number)
                if chunk.path_in_schema not in columns:
                    continue
                if chunk.has_dictionary_page:
                    dictionary_columns.add(chunk.path_in_schema)
                declared += chunk.total_uncompressed_size
        check(source, limits, "max_text_bytes", declared, "bytes of declared column data")
    if not dictionary_columns:
        return
    expanded = 0
    with path.open("rb") as handle:
        parquet = pq.ParquetFile(handle, read_dictionary=sorted(dictionary_columns))
        for batch in parquet.iter_batches(batch_size=EXPANSION_BATCH, columns=sorted(dictionary_columns)):
            for column in batch.columns:
                if not pa.types.is_dictionary(column.type) or not (
                    pa.types.is_string(column.type.value_type) or pa.types.is_large_string(column.type.value_type)
                    or pa.types.is_binary(column.type.value_type)
                ):
                    expanded += NUMBER_TEXT_BYTES * len(column)
                    continue
                lengths = pc.binary_length(column.dictionary)
                if len(lengths):
                    longest = pc.max(pc.take(lengths, pc.unique(column.indices.drop_null()))).as_py() or 0
                    check(source, limits, "max_cell_bytes", longest, "bytes in one cell")
                expanded += pc.sum(pc.take(lengths, column.indices)).as_py() or 0
            check(source, limits, "max_text_bytes", expanded, "bytes of text once the dictionary is expanded")


def read_parquet(
    path: Path, source: str, tables: list[dict], table_name: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
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
    known = {column["name"] for column in table["columns"]}
    import pyarrow as pa

    try:
        _check_expansion(path, source, [column for column in header if column in known], limits)
    except pa.ArrowException:  # a footer polars read but pyarrow does not
        return [], findings + [Finding("FFB102", source, name)]
    except OSError as error:
        raise CannotRun(f"{source}: {error.strerror or error}") from error
    nested = [column for column, dtype in schema.items() if is_nested(dtype) and column in known]
    findings += [
        Finding("FFB125", source, name, row=1, column=column, value=column, detail=str(schema[column]))
        for column in nested
    ]
    # A nested column is reported once above; its cells are read as absent.
    readable = [column for column in header if column not in nested]

    def batches() -> Iterator[pl.DataFrame]:
        scan = (
            pl.scan_parquet(path, glob=False)
            .select([as_text(column, schema[column]) for column in readable if column in known])
            .with_row_index(ROW, offset=2)
        )
        frame = frame_for_contract(scan, readable, table, empty_is_null=True)
        yield from frame.collect_batches(chunk_size=BATCH_ROWS)

    raw = RawTable(name, source, header, guarded(batches, source),
                   missing_columns=missing_columns(readable, table))
    return [raw], findings

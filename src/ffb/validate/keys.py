"""Keys: unique row keys within a table and references that resolve in the table they name."""

from __future__ import annotations

import polars as pl

from ffb.read.model import ROW, RawTable
from ffb.validate.context import issues


def duplicate_keys(frame: pl.DataFrame, table: dict) -> pl.DataFrame:
    """FFB212 for every repeat of a key after its first row."""
    key = table["primary_key"]
    value = pl.concat_str([pl.col(c).cast(pl.String) for c in key], separator=" / ") if len(key) > 1 else pl.col(key[0])
    # Only the key and the row number: filtering the whole table would copy every column.
    complete = frame.select(ROW, *key)
    if any(complete[c].null_count() for c in key):  # a filter copies, so only when needed
        complete = complete.filter(pl.all_horizontal(pl.col(c).is_not_null() for c in key))
    # Hashes find the candidates fast; the exact test on the (usually empty) rest decides.
    # A sorted column of 64-bit hashes shows its repeats as equal neighbours, in far less
    # memory than a hash table of millions of keys.
    hashed = (pl.struct(key).hash() if len(key) > 1 else pl.col(key[0]).hash()).alias("_hash")
    hashes = complete.select(hashed)["_hash"].sort()
    repeats = hashes.filter(hashes == hashes.shift(1))
    del hashes
    candidates = complete.filter(hashed.is_in(repeats.implode())) if repeats.len() else complete.clear()
    repeated = candidates.filter(pl.struct(key).is_duplicated() if len(key) > 1 else pl.col(key[0]).is_duplicated())
    # Only the (usually few) repeated keys need their first row looked up.
    rows = repeated.with_columns(pl.col(ROW).min().over(key).alias("first")).filter(
        pl.col(ROW) != pl.col("first")
    )
    return issues(rows, "FFB212", table["name"], key[-1], value, pl.col("first"))


def dangling_references(
    frame: pl.DataFrame,
    table: dict,
    targets: dict[str, pl.DataFrame],
    skipped: dict[str, RawTable] | None = None,
) -> list[pl.DataFrame]:
    """FFB213 for references whose target row does not exist; absent tables are skipped.

    A row skipped for its shape (`skipped`, the raw tables) still exists: its key counts as
    present, and references into a table where some skipped row's key could not be read are
    not checked, since any of them may point at that row.
    """
    skipped = skipped or {}
    found = []
    for column in table["columns"]:
        reference = column.get("references")
        if not reference or reference["table"] not in targets:
            continue
        target = skipped.get(reference["table"])
        if target is not None and target.unknown_skipped_keys:
            continue
        known = targets[reference["table"]][reference["column"]]
        extra = target.skipped_keys.get(reference["column"]) if target is not None else None
        if extra:
            known = pl.concat([known, pl.Series(known.name, extra, dtype=known.dtype, strict=False)])
        rows = frame.filter(pl.col(column["name"]).is_not_null() & ~pl.col(column["name"]).is_in(known.implode()))
        found.append(
            issues(rows, "FFB213", table["name"], column["name"], pl.col(column["name"]),
                   pl.lit(reference["table"]))
        )
    return found

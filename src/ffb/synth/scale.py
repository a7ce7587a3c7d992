"""Scale an export up by copying it: every copy gets its own ids, so keys stay unique and
references still resolve. Used for benchmarks and for the large test corpora."""

from __future__ import annotations

import polars as pl

from ffb.contract.codes import load_contract

SHARED_TABLES = ("providers", "prices")  # one set of providers serves every copy


def read_package_frames(folder) -> dict[str, pl.DataFrame]:
    """The CSV tables of a canonical package as text frames (no type inference)."""
    contract = load_contract()
    return {
        table["name"]: pl.read_csv(folder / f"{table['name']}.csv", infer_schema=False)
        for table in contract["tables"]
        if (folder / f"{table['name']}.csv").is_file()
    }


def copied_columns(table: dict) -> list[str]:
    """Columns whose values name rows of copied tables and so must differ per copy."""
    names = []
    for column in table["columns"]:
        reference = column.get("references")
        if column.get("identifier") or (reference and reference["table"] not in SHARED_TABLES):
            names.append(column["name"])
    return names


def scale_frames(frames: dict[str, pl.DataFrame], copies: int) -> dict[str, pl.DataFrame]:
    """`copies` copies of every table (except the shared ones), ids suffixed per copy."""
    contract = load_contract()
    copy = pl.DataFrame({"__copy": pl.int_range(0, copies, eager=True, dtype=pl.Int64)})
    scaled = {}
    for table in contract["tables"]:
        name = table["name"]
        if name not in frames:
            continue
        frame = frames[name]
        if name in SHARED_TABLES:
            scaled[name] = frame
            continue
        suffix = pl.when(pl.col("__copy") > 0).then(pl.lit("-k") + pl.col("__copy").cast(pl.String)).otherwise(pl.lit(""))
        scaled[name] = (
            copy.join(frame, how="cross")
            .with_columns([(pl.col(c) + suffix).alias(c) for c in copied_columns(table)])
            .drop("__copy")
        )
    return scaled


def write_frames(frames: dict[str, pl.DataFrame], folder) -> dict[str, int]:
    """Write text frames as a canonical package (CSV files and the descriptor)."""
    import json

    from ffb.contract.datapackage import datapackage_descriptor

    folder.mkdir(parents=True, exist_ok=True)
    contract = load_contract()
    for name, frame in frames.items():
        frame.write_csv(folder / f"{name}.csv")
    descriptor = datapackage_descriptor(contract)
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] in frames]
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {name: frame.height for name, frame in frames.items()}

#!/usr/bin/env python
"""Benchmark: how fast does `ffb convert` turn a flat-csv-da export into a valid package?

Not a test: run it by hand and read the table it prints.

    python benchmarks/convert_speed.py                       # 250,000, 500,000 and 1,000,000 rows
    python benchmarks/convert_speed.py --rows 1000000        # one size

The export is the shipped example (examples/sources/flat-csv-da/udtraek.csv) copied until it
has the asked number of rows; every copy gets its own fictional CPR numbers and case numbers,
so citizens, cases and assessments grow with the rows. It is written as the example is:
Windows-1252, `;`, Danish headers. Each size runs `ffb convert` as its own process twice: with
`--no-validate` (the conversion alone) and end to end (read, crosswalk, split, hash, write,
validate), and reports wall-clock seconds, source rows per second and peak resident memory
(`/usr/bin/time -v`).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "sources" / "flat-csv-da" / "udtraek.csv"
TARGET_ROWS_PER_SECOND = 200_000


def scaled_export(rows: int, path: Path) -> None:
    """The example export copied to `rows` rows, each copy with its own citizens and cases."""
    example = pl.read_csv(EXAMPLE, separator=";", encoding="cp1252", infer_schema=False)
    example = example.filter(~pl.all_horizontal(pl.all().is_null()))  # the example's blank line
    copies = -(-rows // example.height)
    frame = example.join(pl.DataFrame({"_k": pl.int_range(0, copies, eager=True)}), how="cross").head(rows)
    digits = pl.col("CPR-nr.").str.replace("-", "")
    # Fictional numbers, distinct per copy and citizen: the citizen picks the month, the copy
    # the day, the serial and a shift of the birth year; the seventh digit (the century) stays.
    citizen = digits.rank("dense").cast(pl.Int64)
    k = pl.col("_k")
    day = ((k // 1000) % 28 + 1).cast(pl.String).str.zfill(2)
    month = citizen.cast(pl.String).str.zfill(2)
    year = ((digits.str.slice(4, 2).cast(pl.Int64) + k // 28_000) % 100).cast(pl.String).str.zfill(2)
    serial = digits.str.slice(6, 1) + (k % 1000).cast(pl.String).str.zfill(3)
    frame = frame.with_columns(
        (day + month + year + "-" + serial).alias("CPR-nr."),
        (pl.col("Sagsnr.") + "-" + k.cast(pl.String)).alias("Sagsnr."),
        pl.lit(None, pl.String).alias("Bemærkning"),
    ).drop("_k")
    frame.write_csv(path, separator=";")
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1252"))


def _timed(command: list[str]) -> tuple[subprocess.CompletedProcess, float, int]:
    """The command's result, wall-clock seconds and peak resident MB."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seconds = time.perf_counter() - start
    peak = next(
        (int(line.split(":")[1]) // 1024 for line in done.stderr.splitlines() if "Maximum resident set size" in line), 0
    )
    return done, seconds, peak


def run(rows: int, workdir: Path, key_file: Path) -> dict:
    source = workdir / f"udtraek-{rows}.csv"
    if not source.exists():
        scaled_export(rows, source)
    out = workdir / f"out-{rows}"
    command = [str(Path(sys.executable).with_name("ffb")), "convert", "--profile", "flat-csv-da",
               str(source), "--out", str(out), "--key-file", str(key_file)]
    # The conversion alone first, then the whole command (which also validates the package).
    _, convert_seconds, convert_peak = _timed(command + ["--no-validate"])
    done, seconds, peak = _timed(command)
    valid = "Gyldig" in done.stdout and "Ugyldig" not in done.stdout
    return {
        "rows": rows, "seconds": seconds, "rows_per_second": rows / seconds, "peak_mb": peak,
        "convert_seconds": convert_seconds, "convert_peak_mb": convert_peak,
        "exit": done.returncode, "valid": valid, "megabytes": source.stat().st_size / 1024**2,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="source rows (repeatable)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size; the fastest is shown")
    args = parser.parse_args()
    sizes = args.rows or [250_000, 500_000, 1_000_000]
    results = []
    with tempfile.TemporaryDirectory(prefix="ffb-convert-bench-") as folder:
        workdir = Path(folder)
        key_file = workdir / "key"
        key_file.write_bytes(os.urandom(32).hex().encode())
        for rows in sizes:
            runs = [run(rows, workdir, key_file) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: r["seconds"])
            best["all"] = [round(r["seconds"], 2) for r in runs]
            results.append(best)
    print(f"{'':>12} {'':>6} {'conversion alone':>17}  {'end to end (validation included)':>36}")
    print(f"{'source rows':>12} {'MB':>6} {'seconds':>8} {'peak MB':>8}  {'seconds':>8} {'rows/s':>10} {'peak MB':>8} "
          f"{'exit':>4} {'valid':>5}  runs")
    for r in results:
        print(
            f"{r['rows']:>12,} {r['megabytes']:>6.0f} {r['convert_seconds']:>8.2f} {r['convert_peak_mb']:>8,}  "
            f"{r['seconds']:>8.2f} {r['rows_per_second']:>10,.0f} {r['peak_mb']:>8,} {r['exit']:>4} "
            f"{str(r['valid']):>5}  {r['all']}"
        )
    largest = results[-1]
    verdict = "meets" if largest["rows_per_second"] >= TARGET_ROWS_PER_SECOND else "misses"
    print(f"\n{largest['rows']:,} rows: {largest['rows_per_second']:,.0f} rows/s {verdict} the target of "
          f"{TARGET_ROWS_PER_SECOND:,} rows/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

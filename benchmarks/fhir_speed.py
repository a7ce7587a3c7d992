#!/usr/bin/env python
"""Benchmark: KL's FFB Bundles through `ffb convert --profile kl-ffb-reporting` and `ffb-validate`.

Not a test: run it by hand and read the table it prints.

    python benchmarks/fhir_speed.py                 # 10,000 Bundles
    python benchmarks/fhir_speed.py --bundles 2000

The Bundles are made from the synthetic population (`src/ffb/synth/population.py`): one
municipality, one citizen per Bundle with a fictional CPR number, written by the same writer
that `ffb convert` offers for the way back (`src/ffb/fhir/write.py`), as one NDJSON file.
Each command runs as its own process; seconds are wall-clock, peak MB the maximum resident
set size from `/usr/bin/time -v`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

MUNICIPALITY = "101"
STS_UUID = "0f8b8e0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"  # fictional


def make_delivery(bundles: int, folder: Path) -> tuple[Path, Path, int]:
    """An NDJSON file of `bundles` Bundles, the organisation table, and the canonical rows behind them."""
    from ffb.fhir.write import write_bundles
    from ffb.synth.population import build_population

    population = build_population([MUNICIPALITY], citizens=bundles, registrations=4)
    tables = {name: frame.with_columns(pl.all().cast(pl.String)).to_dicts() for name, frame in population.tables.items()}
    for number, citizen in enumerate(tables["citizens"]):
        year = int(citizen.get("birth_year") or 1970)
        seventh = 4 if year >= 2000 else 1
        citizen["cpr"] = f"{number % 28 + 1:02d}{number // 28 % 12 + 1:02d}{year % 100:02d}-{seventh}{number % 1000:03d}"
    written = write_bundles(tables, {MUNICIPALITY: STS_UUID}, timestamp="2025-01-31T12:00:00+01:00")
    delivery = folder / "levering.ndjson"
    with delivery.open("w", encoding="utf-8") as handle:
        for bundle in written:
            handle.write(json.dumps(bundle, ensure_ascii=False) + "\n")
    organisations = folder / "organisationer.csv"
    organisations.write_text(f"municipality_code,sts_uuid\n{MUNICIPALITY},{STS_UUID}\n", encoding="utf-8")
    rows = sum(len(v) for v in tables.values())
    return delivery, organisations, rows


def timed(command: list[str]) -> tuple[float, int, int]:
    """Seconds, peak MB and exit code of `command` in its own process."""
    started = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    code = re.search(r"Exit status: (\d+)", run.stderr)
    if run.returncode not in (0, 1):
        print(run.stdout[-2000:], run.stderr[-2000:], file=sys.stderr)
    return seconds, int(peak.group(1)) // 1024 if peak else -1, int(code.group(1)) if code else run.returncode


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundles", type=int, default=10_000, help="Bundles to make (default 10,000)")
    args = parser.parse_args(argv)
    bin_dir = Path(sys.executable).parent
    with tempfile.TemporaryDirectory(prefix="ffb-fhir-bench-") as temp:
        root = Path(temp)
        started = time.perf_counter()
        delivery, organisations, rows = make_delivery(args.bundles, root)
        made = time.perf_counter() - started
        size = delivery.stat().st_size / 1e6
        print(f"{args.bundles:,} Bundles ({rows:,} canonical rows behind them), {size:.0f} MB of NDJSON, made in {made:.1f} s")
        key = root / "key"
        key.write_bytes(os.urandom(32).hex().encode())
        runs = {
            "ffb convert --profile kl-ffb-reporting": [
                str(bin_dir / "ffb"), "convert", "--profile", "kl-ffb-reporting", str(delivery), "--out",
                str(root / "pakke"), "--key-file", str(key), "--organisations", str(organisations),
            ],
            "ffb-validate (the Bundles directly)": [
                str(bin_dir / "ffb-validate"), str(delivery), "--organisations", str(organisations),
                "--format", "json", "-o", str(root / "rapport.json"),
            ],
        }
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        print(f"| command | Bundles | seconds | Bundles/s | peak MB | exit |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, command in runs.items():
            seconds, peak, code = timed(command)
            print(f"| {name} | {args.bundles:,} | {seconds:.1f} | {args.bundles / seconds:,.0f} | {peak:,} | {code} |")
        report = json.loads((root / "rapport.json").read_text("utf-8"))
        print(f"validation found {report['summary']['counts']} in {sum(t['rows'] for t in report['tables'].values()):,} rows")
        print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

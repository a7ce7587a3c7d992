"""Peak memory and time of ffb-validate writing a report with very many issues.

Builds a citizens table whose every row breaks one field rule (so one issue per row), runs
`ffb-validate --format F -o report` for each report format in a child process, and prints the
child's peak resident memory and wall time. The text report lists at most 1,000 issues, so its
run shows what validating alone costs; the other formats carry every issue.

    python benchmarks/report_memory.py                      # 1,300,000 issues
    python benchmarks/report_memory.py --issues 13000000 --formats json
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = "id,municipality_code,birth_year,sex,cpr\n"
FORMATS = ("text", "json", "csv", "junit")


def write_table(path: Path, rows: int) -> None:
    """`rows` citizens with distinct ids, each with a birth year that is not a whole number
    (FFB203): one issue per row."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for start in range(0, rows, 100_000):
            handle.write("".join(f"c{i},665,19x8,kvinde,\n" for i in range(start, min(start + 100_000, rows))))


def measure_one(table: Path, output_format: str, limit: int | None) -> None:
    report = table.with_suffix(f".report.{output_format}")
    command = [sys.executable, "-m", "ffb.validate", str(table), "--table", "citizens",
               "--format", output_format, "-o", str(report), "--today", "2026-11-23"]
    # A fresh parent per measurement, so RUSAGE_CHILDREN holds this run only.
    probe = (
        "import resource, subprocess, sys, time\n"
        "limit = int(sys.argv[1])\n"
        "def cap():\n"
        "    if limit: resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
        "start = time.perf_counter()\n"
        "child = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=cap, text=True)\n"
        "seconds = time.perf_counter() - start\n"
        "print(child.returncode, seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
        "print(child.stderr.strip().splitlines()[-1] if child.stderr.strip() else '')\n"
    )
    result = subprocess.run([sys.executable, "-c", probe, str(limit or 0), *command],
                            capture_output=True, text=True, check=True)
    numbers, _, problem = result.stdout.partition("\n")
    code, seconds, peak = numbers.split()
    size = report.stat().st_size if report.exists() else 0
    print(f"{output_format:<6} exit {code}  {float(seconds):7.1f} s  peak RSS {int(peak) / 2**30:5.2f} GiB"
          f"  report {size / 2**20:8.1f} MiB", flush=True)
    if problem.strip():
        print(f"       {problem.strip()}", flush=True)
    report.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--issues", type=int, default=1_300_000)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated, of " + ", ".join(FORMATS))
    parser.add_argument("--limit-gb", type=float, default=6.0, help="address-space cap for the child (0: none)")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ffb-report-bench-", dir=args.workdir))
    try:
        table = work / "citizens.csv"
        write_table(table, args.issues)
        print(f"{args.issues:,} issues ({table.stat().st_size / 2**20:.0f} MiB of CSV), "
              f"{os.cpu_count()} CPUs, cap {args.limit_gb} GB", flush=True)
        limit = int(args.limit_gb * 1e9) if args.limit_gb else None
        for output_format in args.formats.split(","):
            measure_one(table, output_format.strip(), limit)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python
"""Benchmark: how fast is ffb-validate next to frictionless and linkml-validate?

Not a test: run it by hand and read the table it prints.

    python benchmarks/validate_speed.py                  # scenarios A and B, 1,000,000 rows
    python benchmarks/validate_speed.py --ten-million    # ... and a 10,000,000-row table

Scenarios (built from the example export in examples/canonical):

  A  one table: assessments.csv with exactly --rows rows (the example's assessments copied
     with unique ids per copy, then trimmed). Frictionless gets a resource descriptor with the
     table's Table Schema from validators/datapackage.json (primary key kept, the foreign key
     to cases dropped because the table stands alone).
  B  the whole package (all 11 tables, references intact) copied until the total row count is
     about --rows. Frictionless validates the package's datapackage.json.

Every tool runs as a whole process: wall-clock seconds from start to exit, and its peak
resident memory as `/usr/bin/time -v` reports it ("Maximum resident set size"). linkml-validate runs on a sample (--linkml-rows, default 10,000
rows) and is scaled to the full size; so is frictionless when --frictionless-rows or
--frictionless-package-rows asks for a sample. Scaling is linear in the rows *after* taking
off the tool's fixed start-up cost, which is measured separately on an empty input:

    seconds(full) = startup + (seconds(sample) - startup) * rows(full) / rows(sample)

Scaled rows are marked in the table. Uses only the project's dependencies and the standard
library; generated data goes to a temporary folder (or --workdir) and is removed unless --keep.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import polars as pl

from ffb.contract.codes import load_contract
from ffb.synth.scale import SHARED_TABLES, copied_columns, read_package_frames, scale_frames, write_frames

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "canonical"
DESCRIPTOR = ROOT / "validators" / "datapackage.json"
LINKML_SCHEMA = ROOT / "schemas" / "ffb.yaml"

TARGET_SECONDS_PER_MILLION = 3.0
TARGET_FRICTIONLESS_RATIO = 10.0
TARGET_LINKML_RATIO = 100.0
TARGET_PEAK_MB = 2048.0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def tool(name: str) -> str:
    """The console script of this virtualenv (next to the running interpreter), else PATH's."""
    local = Path(sys.executable).parent / name
    if local.is_file():
        return str(local)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"cannot find {name}: install the project with the dev extra")
    return found


# --------------------------------------------------------------------------- measuring


@dataclass
class Run:
    seconds: float
    peak_mb: float
    exit_code: int
    stdout: Path
    stderr: Path
    timed_out: bool = False
    all_seconds: tuple[float, ...] = ()


GNU_TIME = Path("/usr/bin/time")
# Without GNU time: a tiny Python parent that runs the tool and reports its children's peak RSS.
LAUNCHER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "open(sys.argv[1], 'w').write('Maximum resident set size (kbytes): %d\\n'"
    " % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def peak_kib(time_file: Path) -> float:
    if not time_file.is_file():  # e.g. killed before it could write
        return float("nan")
    for line in time_file.read_text(encoding="utf-8", errors="replace").splitlines():
        if "Maximum resident set size" in line:
            return float(line.rsplit(":", 1)[1])
    return float("nan")


def run_once(command: list[str], cwd: Path, logs: Path, label: str, timeout: float | None) -> Run:
    """Run `command` as a child process; wall clock and the child's peak RSS.

    The peak comes from `/usr/bin/time -v` ("Maximum resident set size"), not from os.wait4 on
    a child of this process: Linux carries a process's peak RSS across fork and exec, so a
    child forked from this (large) process would report at least this process's size."""
    logs.mkdir(parents=True, exist_ok=True)
    stdout, stderr, time_file = logs / f"{label}.out", logs / f"{label}.err", logs / f"{label}.time"
    if GNU_TIME.is_file():
        wrapped = [str(GNU_TIME), "-v", "-o", str(time_file), *command]
    else:
        wrapped = [sys.executable, "-c", LAUNCHER, str(time_file), *command]
    with stdout.open("wb") as out, stderr.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                   start_new_session=True)
        killed = threading.Event()

        def kill() -> None:  # a timer, so that the wait below returns the moment the tool exits
            killed.set()
            os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        process.wait()
        seconds = time.perf_counter() - started
        if timer:
            timer.cancel()
        timed_out = killed.is_set()
    return Run(seconds, peak_kib(time_file) / 1024, process.returncode, stdout, stderr, timed_out)


def run_best(command: list[str], cwd: Path, logs: Path, label: str, repeat: int, timeout: float | None) -> Run:
    """The fastest of `repeat` runs; its peak memory is the highest seen in any run."""
    runs = []
    for attempt in range(repeat):
        log(f"  {label} (run {attempt + 1}/{repeat}): {' '.join(Path(command[0]).name if i == 0 else a for i, a in enumerate(command))}")
        run = run_once(command, cwd, logs, f"{label}-{attempt + 1}", timeout)
        log(f"    {run.seconds:.2f} s, peak {run.peak_mb:.0f} MB, exit {run.exit_code}{' (timed out)' if run.timed_out else ''}")
        runs.append(run)
        if run.timed_out:
            break
    best = min(runs, key=lambda r: r.seconds)
    best.peak_mb = max(r.peak_mb for r in runs)
    best.all_seconds = tuple(r.seconds for r in runs)
    return best


def spread(run: Run) -> str:
    """The seconds of every run, in order, when there were several (the table shows the fastest)."""
    if len(run.all_seconds) < 2:
        return ""
    return "runs: " + " / ".join(f"{s:.2f}" for s in run.all_seconds) + " s"


def joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


# --------------------------------------------------------------------------- results of the tools


def ffb_outcome(report: Path, run: Run) -> str:
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"exit {run.exit_code}, no report: {tail(run.stderr)}"
    counts = data.get("summary", {}).get("counts", {})
    verdict = "valid" if data.get("valid") else "INVALID"
    issues = sum(counts.values()) if counts else 0
    return verdict if not issues else f"{verdict} ({issues} issues: {counts})"


def frictionless_outcome(run: Run) -> str:
    try:
        data = json.loads(run.stdout.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"exit {run.exit_code}, no report: {tail(run.stderr)}"
    errors = data.get("stats", {}).get("errors", 0)
    if data.get("valid"):
        return "valid"
    kinds = sorted({e.get("type", "?") for t in data.get("tasks", []) for e in t.get("errors", [])}
                   | {e.get("type", "?") for e in data.get("errors", [])})
    return f"INVALID ({errors} errors: {', '.join(kinds)})"


def linkml_outcome(run: Run) -> str:
    text = run.stdout.read_text(encoding="utf-8", errors="replace")
    errors = run.stderr.read_text(encoding="utf-8", errors="replace")
    if run.exit_code == 0 and "No issues found" in text:
        return "valid"
    reported = [line for line in (text + "\n" + errors).splitlines() if line.startswith("[ERROR]")]
    if reported:
        return f"INVALID ({len(reported)} errors, first: {reported[0][:120]})"
    return f"exit {run.exit_code}: {tail(run.stderr)}"


def tail(path: Path, chars: int = 300) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").strip() if path.exists() else ""
    return " ".join(text[-chars:].split())


def outcome_of(kind: str, run: Run, report: Path | None) -> str:
    if run.timed_out:
        return "TIMED OUT"
    if kind == "ffb":
        return ffb_outcome(report, run)
    if kind == "frictionless":
        return frictionless_outcome(run)
    return linkml_outcome(run)


# --------------------------------------------------------------------------- data


def contract_types() -> dict[str, dict[str, str]]:
    return {t["name"]: {c["name"]: c["type"] for c in t["columns"]} for t in load_contract()["tables"]}


def json_value(text: str | None, column_type: str):
    """A CSV cell as the JSON value the JSON Schema (and so linkml-validate) expects."""
    if text is None or text == "":
        return None
    if column_type == "integer":
        return int(text)
    if column_type == "number":
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    if column_type == "boolean":
        return {"true": True, "false": False}.get(text, text)
    return text


def json_rows(frame: pl.DataFrame, types: dict[str, str]) -> list[dict]:
    rows = []
    for row in frame.iter_rows(named=True):
        converted = {k: json_value(v, types[k]) for k, v in row.items()}
        rows.append({k: v for k, v in converted.items() if v is not None})
    return rows


def write_json(path: Path, document) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False)


def assessments_resource(path: str) -> dict:
    """The assessments resource of validators/datapackage.json, standing alone."""
    descriptor = json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "assessments")
    resource = json.loads(json.dumps(resource))
    resource["path"] = path
    resource["schema"].pop("foreignKeys", None)  # no cases table to refer to
    return resource


def write_table_folder(folder: Path, frame: pl.DataFrame, csv_name: str = "assessments.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frame.write_csv(folder / csv_name)
    resource = folder / "assessments.resource.json"
    resource.write_text(json.dumps(assessments_resource(csv_name), ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def package_rows(frames: dict[str, pl.DataFrame]) -> int:
    return sum(f.height for f in frames.values())


def copies_for(total_rows: int, frames: dict[str, pl.DataFrame]) -> int:
    shared = sum(f.height for name, f in frames.items() if name in SHARED_TABLES)
    per_copy = sum(f.height for name, f in frames.items() if name not in SHARED_TABLES)
    return max(1, round((total_rows - shared) / per_copy))


def write_ten_million(base: pl.DataFrame, path: Path, times: int) -> int:
    """`times` copies of `base` appended to one CSV, ids made distinct per copy ("-m<k>").

    Only one copy (base.height rows) is held in memory at a time."""
    columns = copied_columns(next(t for t in load_contract()["tables"] if t["name"] == "assessments"))
    rows = 0
    with path.open("wb") as handle:
        for k in range(times):
            block = base if k == 0 else base.with_columns([(pl.col(c) + f"-m{k}").alias(c) for c in columns])
            block.write_csv(handle, include_header=(k == 0))
            rows += block.height
            del block
    return rows


# --------------------------------------------------------------------------- the table


@dataclass
class Row:
    tool: str
    scenario: str
    rows: int
    seconds: float
    peak_mb: float | None
    result: str
    note: str = ""
    scaled: bool = False
    full_size: bool = True  # counts as a measurement at the scenario's size (gets a ratio)
    ratio: float | None = None
    extra: dict = field(default_factory=dict)


def fmt_int(n: float) -> str:
    return f"{n:,.0f}"


def markdown(rows: list[Row]) -> str:
    head = "| tool | scenario | rows | seconds | rows/s | peak MB | × slower than ffb-validate | result | note |"
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        rows_text = fmt_int(r.rows) + (" (scaled)" if r.scaled else "")
        known = r.seconds > 0 and not math.isnan(r.seconds) and r.result != "TIMED OUT"
        seconds = (f"{r.seconds:,.2f}" if known else "–") + (" *" if r.scaled else "")
        rate = fmt_int(r.rows / r.seconds) if known else "–"
        peak = "–" if r.peak_mb is None or math.isnan(r.peak_mb) else fmt_int(r.peak_mb)
        ratio = "–" if r.ratio is None else ("1.0 (baseline)" if r.tool == "ffb-validate" else f"{r.ratio:,.1f}×")
        lines.append(f"| {r.tool} | {r.scenario} | {rows_text} | {seconds} | {rate} | {peak} | {ratio} | {r.result} | {r.note} |")
    return "\n".join(lines)


# --------------------------------------------------------------------------- scenarios


@dataclass
class Settings:
    rows: int
    repeat: int
    timeout: float | None
    linkml_rows: int
    frictionless_rows: int | None
    frictionless_package_rows: int | None
    tools: set[str]
    linkml_csv: bool = False


def measure_tool(kind: str, command: list[str], cwd: Path, logs: Path, label: str, settings: Settings,
                 report: Path | None = None) -> tuple[Run, str]:
    run = run_best(command, cwd, logs, label, settings.repeat, settings.timeout)
    return run, outcome_of(kind, run, report)


def scaled_row(tool_name: str, scenario: str, full_rows: int, sample: Run, sample_rows: int,
               startup: Run, outcome: str, what: str) -> Row:
    if sample.timed_out or startup.timed_out:
        return Row(tool_name, scenario, full_rows, float("nan"), None, "TIMED OUT", f"no estimate: the {what} sample run timed out",
                   scaled=True, full_size=False)
    plain = sample.seconds * full_rows / sample_rows
    if sample.seconds > startup.seconds:
        seconds = startup.seconds + (sample.seconds - startup.seconds) * full_rows / sample_rows
        note = (f"scaled from the {fmt_int(sample_rows)}-row {what} run ({sample.seconds:.2f} s) minus "
                f"start-up {startup.seconds:.2f} s; plain ×{full_rows / sample_rows:,.0f} would be "
                f"{plain:,.0f} s; peak MB is the sample's")
    else:  # the sample was too small to rise above the noise of the start-up
        seconds = plain
        note = (f"scaled ×{full_rows / sample_rows:,.0f} from the {fmt_int(sample_rows)}-row {what} run "
                f"({sample.seconds:.2f} s, not above its start-up {startup.seconds:.2f} s); peak MB is the sample's")
    return Row(tool_name, scenario, full_rows, seconds, sample.peak_mb, outcome, note, scaled=True)


def scenario_a(work: Path, example: dict[str, pl.DataFrame], settings: Settings, results: list[Row]) -> pl.DataFrame:
    n = settings.rows
    base = example["assessments"]
    copies = math.ceil(n / base.height)
    log(f"A: building assessments.csv with {n:,} rows ({copies:,} copies of {base.height}, trimmed)")
    frame = scale_frames({"assessments": base}, copies)["assessments"].head(n)
    folder = write_table_folder(work / "A", frame)
    csv_path = folder / "assessments.csv"
    log(f"A: {csv_path} is {csv_path.stat().st_size / 1024**2:,.0f} MB")
    logs = work / "logs"
    types = contract_types()["assessments"]

    if "ffb" in settings.tools:
        report = work / "A-ffb-report.json"
        run, outcome = measure_tool("ffb", [tool("ffb-validate"), str(csv_path), "--format", "json", "--output", str(report)],
                                    folder, logs, "A-ffb", settings, report)
        results.append(Row("ffb-validate", "A", n, run.seconds, run.peak_mb, outcome, spread(run)))

    if "frictionless" in settings.tools:
        sample_rows = min(settings.frictionless_rows or n, n)
        if sample_rows >= n:
            run, outcome = measure_tool("frictionless", [tool("frictionless"), "validate", "assessments.resource.json", "--json"],
                                        folder, logs, "A-frictionless", settings)
            results.append(Row("frictionless validate", "A", n, run.seconds, run.peak_mb, outcome,
                               joined("resource descriptor: Table Schema of validators/datapackage.json, primary key, "
                                      "no foreign key", spread(run))))
        else:
            sample = write_table_folder(work / "A-frictionless-sample", frame.head(sample_rows))
            empty = write_table_folder(work / "A-frictionless-empty", frame.clear())
            run, outcome = measure_tool("frictionless", [tool("frictionless"), "validate", "assessments.resource.json", "--json"],
                                        sample, logs, "A-frictionless-sample", settings)
            startup, _ = measure_tool("frictionless", [tool("frictionless"), "validate", "assessments.resource.json", "--json"],
                                      empty, logs, "A-frictionless-empty", settings)
            results.append(Row("frictionless validate", "A", sample_rows, run.seconds, run.peak_mb, outcome,
                               joined("measured sample (first rows of the table)", spread(run)), full_size=False))
            results.append(scaled_row("frictionless validate", "A", n, run, sample_rows, startup, outcome, "frictionless"))

    if "linkml" in settings.tools:
        sample_rows = min(settings.linkml_rows, n)
        sample_dir = work / "A-linkml"
        sample_dir.mkdir(parents=True, exist_ok=True)
        write_json(sample_dir / "assessments.json", json_rows(frame.head(sample_rows), types))
        write_json(sample_dir / "empty.json", [])
        command = [tool("linkml-validate"), "-s", str(LINKML_SCHEMA), "-C", "Assessment"]
        run, outcome = measure_tool("linkml", command + ["assessments.json"], sample_dir, logs, "A-linkml-sample", settings)
        startup, _ = measure_tool("linkml", command + ["empty.json"], sample_dir, logs, "A-linkml-empty", settings)
        note = ("measured: first rows as a JSON array of Assessment objects (-C Assessment); "
                f"start-up on an empty array: {startup.seconds:.2f} s, {startup.peak_mb:,.0f} MB")
        results.append(Row("linkml-validate", "A", sample_rows, run.seconds, run.peak_mb, outcome,
                           joined(note, spread(run)), full_size=False))
        if sample_rows < n:
            results.append(scaled_row("linkml-validate", "A", n, run, sample_rows, startup, outcome, "linkml"))
        if settings.linkml_csv:
            frame.head(sample_rows).write_csv(sample_dir / "assessments.csv")
            run, outcome = measure_tool("linkml", command + ["assessments.csv"], sample_dir, logs, "A-linkml-csv", settings)
            results.append(Row("linkml-validate (CSV)", "A", sample_rows, run.seconds, run.peak_mb, outcome,
                               joined("the same rows as CSV: its loader leaves true/false as text, which the "
                                      "boolean slots reject", spread(run)), full_size=False))
    return frame


def export_document(frames: dict[str, pl.DataFrame], schema_version: str) -> dict:
    types = contract_types()
    document: dict = {"schema_version": schema_version}
    for table in load_contract()["tables"]:
        name = table["name"]
        if name in frames:
            document[name] = json_rows(frames[name], types[name])
    return document


def scenario_b(work: Path, example: dict[str, pl.DataFrame], settings: Settings, results: list[Row]) -> None:
    copies = copies_for(settings.rows, example)
    log(f"B: building the whole package, {copies:,} copies of the example")
    frames = scale_frames(example, copies)
    folder = work / "B"
    counts = write_frames(frames, folder)
    n = sum(counts.values())
    biggest = max(counts, key=counts.get)
    log(f"B: {n:,} rows in {len(counts)} tables (largest: {biggest} {counts[biggest]:,}); "
        f"{sum(p.stat().st_size for p in folder.glob('*.csv')) / 1024**2:,.0f} MB")
    logs = work / "logs"
    shape = f"{len(counts)} tables, {copies:,} copies; largest {biggest} {counts[biggest]:,} rows"

    if "ffb" in settings.tools:
        report = work / "B-ffb-report.json"
        run, outcome = measure_tool("ffb", [tool("ffb-validate"), str(folder), "--format", "json", "--output", str(report)],
                                    folder, logs, "B-ffb", settings, report)
        results.append(Row("ffb-validate", "B", n, run.seconds, run.peak_mb, outcome, joined(shape, spread(run))))

    if "frictionless" in settings.tools:
        wanted = settings.frictionless_package_rows
        if wanted is None or wanted >= n:
            run, outcome = measure_tool("frictionless", [tool("frictionless"), "validate", "datapackage.json", "--json"],
                                        folder, logs, "B-frictionless", settings)
            results.append(Row("frictionless validate", "B", n, run.seconds, run.peak_mb, outcome,
                               joined("the package's datapackage.json (primary and foreign keys)", spread(run))))
        else:
            sample_copies = copies_for(wanted, example)
            sample_folder = work / "B-frictionless-sample"
            sample_rows = sum(write_frames(scale_frames(example, sample_copies), sample_folder).values())
            empty_folder = work / "B-frictionless-empty"
            write_frames({name: f.clear() for name, f in example.items()}, empty_folder)
            run, outcome = measure_tool("frictionless", [tool("frictionless"), "validate", "datapackage.json", "--json"],
                                        sample_folder, logs, "B-frictionless-sample", settings)
            startup, _ = measure_tool("frictionless", [tool("frictionless"), "validate", "datapackage.json", "--json"],
                                      empty_folder, logs, "B-frictionless-empty", settings)
            results.append(Row("frictionless validate", "B", sample_rows, run.seconds, run.peak_mb, outcome,
                               joined(f"measured sample: the first {sample_copies:,} copies", spread(run)), full_size=False))
            results.append(scaled_row("frictionless validate", "B", n, run, sample_rows, startup, outcome, "frictionless"))

    if "linkml" in settings.tools:
        sample_copies = copies_for(settings.linkml_rows, example)
        sample = scale_frames(example, sample_copies)  # the same rows as the first copies of B
        sample_rows = package_rows(sample)
        sample_dir = work / "B-linkml"
        sample_dir.mkdir(parents=True, exist_ok=True)
        version = load_contract()["schema"]["version"]
        write_json(sample_dir / "export.json", export_document(sample, version))
        write_json(sample_dir / "empty.json", {"schema_version": version})
        command = [tool("linkml-validate"), "-s", str(LINKML_SCHEMA), "-C", "Export"]
        run, outcome = measure_tool("linkml", command + ["export.json"], sample_dir, logs, "B-linkml-sample", settings)
        startup, _ = measure_tool("linkml", command + ["empty.json"], sample_dir, logs, "B-linkml-empty", settings)
        note = (f"measured: the first {sample_copies} copies as one Export JSON document (-C Export); "
                f"start-up on an empty Export: {startup.seconds:.2f} s, {startup.peak_mb:,.0f} MB")
        results.append(Row("linkml-validate", "B", sample_rows, run.seconds, run.peak_mb, outcome,
                           joined(note, spread(run)), full_size=False))
        results.append(scaled_row("linkml-validate", "B", n, run, sample_rows, startup, outcome, "linkml"))


def ten_million(work: Path, example: dict[str, pl.DataFrame], a_frame: pl.DataFrame | None, settings: Settings,
                times: int) -> Row:
    n = settings.rows
    if a_frame is None:
        base = example["assessments"]
        a_frame = scale_frames({"assessments": base}, math.ceil(n / base.height))["assessments"].head(n)
    folder = work / "ten-million"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "assessments.csv"
    log(f"10M: writing {times} × {a_frame.height:,} rows to {path}")
    rows = write_ten_million(a_frame, path, times)
    size_mb = path.stat().st_size / 1024**2
    log(f"10M: {rows:,} rows, {size_mb:,.0f} MB")
    report = work / "10M-ffb-report.json"
    run, outcome = measure_tool("ffb", [tool("ffb-validate"), str(path), "--format", "json", "--output", str(report)],
                                folder, work / "logs", "10M-ffb", settings, report)
    return Row("ffb-validate", "A×10", rows, run.seconds, run.peak_mb, outcome,
               joined(f"assessments.csv, {size_mb:,.0f} MB (read in batches of 1,000,000 rows above 512 MB)",
                      spread(run)))


# --------------------------------------------------------------------------- main


def add_ratios(rows: list[Row]) -> None:
    baseline = {r.scenario: r for r in rows if r.tool == "ffb-validate"}
    for r in rows:
        base = baseline.get(r.scenario)
        if base and r.full_size and base.rows == r.rows and base.seconds > 0:
            r.ratio = r.seconds / base.seconds


def targets(rows: list[Row], ten: Row | None) -> list[str]:
    def mark(ok: bool) -> str:
        return "met" if ok else "NOT met"

    lines = ["Targets:", ""]
    for r in [x for x in rows if x.tool == "ffb-validate"]:
        per_million = r.seconds * 1_000_000 / r.rows
        lines.append(f"- ffb-validate ≤ {TARGET_SECONDS_PER_MILLION:g} s per 1,000,000 rows (≥ 300,000 rows/s), "
                     f"scenario {r.scenario}: {per_million:.2f} s per million, {r.rows / r.seconds:,.0f} rows/s – "
                     f"{mark(per_million <= TARGET_SECONDS_PER_MILLION)}")
    for r in [x for x in rows if x.tool == "frictionless validate" and x.ratio is not None]:
        lines.append(f"- ≥ {TARGET_FRICTIONLESS_RATIO:g}× faster than frictionless, scenario {r.scenario}: "
                     f"{r.ratio:,.1f}×{' (scaled)' if r.scaled else ''} – {mark(r.ratio >= TARGET_FRICTIONLESS_RATIO)}")
    for r in [x for x in rows if x.tool == "linkml-validate" and x.ratio is not None]:
        lines.append(f"- ≥ {TARGET_LINKML_RATIO:g}× faster than linkml-validate, scenario {r.scenario}: "
                     f"{r.ratio:,.1f}×{' (scaled)' if r.scaled else ''} – {mark(r.ratio >= TARGET_LINKML_RATIO)}")
    for r in [x for x in rows if x.tool == "ffb-validate"]:
        lines.append(f"- ffb-validate peak memory < 2 GB ({TARGET_PEAK_MB:,.0f} MB), scenario {r.scenario} "
                     f"({r.rows:,} rows): {r.peak_mb:,.0f} MB – {mark(r.peak_mb < TARGET_PEAK_MB)}")
    if ten:
        finished = ten.result.startswith("valid") or ten.result.startswith("INVALID")
        lines.append(f"- ffb-validate completes on {ten.rows:,} rows without running out of memory: "
                     f"{'completed' if finished else ten.result}, {ten.seconds:,.2f} s, peak {ten.peak_mb:,.0f} MB – "
                     f"{mark(finished)}" + (" (above 4 GB)" if ten.peak_mb > 4096 else ""))
    return lines


def git_state() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "git revision unknown"
    return f"git {head}" + (" (src/ has uncommitted changes)" if dirty else "")


def versions() -> str:
    parts = []
    for package in ("ffb", "polars", "frictionless", "linkml"):
        try:
            parts.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package} (not installed)")
    return ", ".join(parts)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of scenario A, about the total rows of B (default 1,000,000)")
    parser.add_argument("--scenarios", default="A,B", help="comma-separated: A, B; 'none' to skip both (default A,B)")
    parser.add_argument("--tools", default="ffb,frictionless,linkml", help="comma-separated subset of ffb, frictionless, linkml")
    parser.add_argument("--frictionless-rows", type=int, metavar="N", default=None,
                        help="scenario A: run frictionless on the first N rows and scale (default: the full table)")
    parser.add_argument("--frictionless-package-rows", type=int, metavar="N", default=None,
                        help="scenario B: run frictionless on a package of about N rows and scale (default: the full package)")
    parser.add_argument("--linkml-rows", type=int, metavar="N", default=10_000, help="sample size for linkml-validate (default 10,000)")
    parser.add_argument("--linkml-csv", action="store_true",
                        help="scenario A: also run linkml-validate on the sample as CSV (it rejects CSV booleans)")
    parser.add_argument("--repeat", type=int, metavar="K", default=1, help="run each tool K times, keep the fastest (default 1)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", default=None, help="kill a tool run after this long")
    parser.add_argument("--ten-million", action="store_true", help="also validate a table of 10 × --rows rows with ffb-validate")
    parser.add_argument("--workdir", type=Path, default=None, help="where to put generated data (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated data and tool logs")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.rows < 1 or args.linkml_rows < 1:
        parser.error("--repeat, --rows and --linkml-rows must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scenarios = set() if args.scenarios.strip().lower() == "none" else {s.strip().upper() for s in args.scenarios.split(",")}
    tools = {t.strip().lower() for t in args.tools.split(",")}
    settings = Settings(args.rows, args.repeat, args.timeout, args.linkml_rows,
                        args.frictionless_rows, args.frictionless_package_rows, tools, args.linkml_csv)

    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="ffb-bench-", dir=args.workdir))
    else:
        work = Path(tempfile.mkdtemp(prefix="ffb-bench-"))
    log(f"working in {work}")
    started = time.perf_counter()
    load_at_start = os.getloadavg()
    results: list[Row] = []
    ten: Row | None = None
    try:
        example = read_package_frames(EXAMPLE)
        a_frame = scenario_a(work, example, settings, results) if "A" in scenarios else None
        if "B" in scenarios:
            scenario_b(work, example, settings, results)
        if args.ten_million:
            ten = ten_million(work, example, a_frame, settings, 10)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    add_ratios(results)
    print(f"ffb validation benchmark – {time.strftime('%Y-%m-%d')}, {platform.node()}, "
          f"{os.cpu_count()} CPUs, Python {platform.python_version()}; {versions()}; {git_state()}")
    print(f"Load average at start: {' '.join(f'{x:.2f}' for x in load_at_start)}; "
          f"at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (other processes on the machine skew the times)")
    print(f"Command: python {' '.join([Path(sys.argv[0]).as_posix()] + (argv if argv is not None else sys.argv[1:]))}")
    print()
    if results:
        print(markdown(results))
        print()
        print("Seconds are wall clock for the whole process (start-up included), best of "
              f"{args.repeat}; peak MB is the child's maximum resident set size (MiB). "
              "* = scaled linearly from a sample, see the note.")
        print("Scenario A: one table, assessments.csv. Scenario B: the whole package (all tables, references checked "
              "by ffb-validate and frictionless; linkml-validate checks no references).")
        print()
    if ten:
        print(markdown([ten]))
        print()
    print("\n".join(targets(results, ten)))
    log(f"done in {time.perf_counter() - started:,.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

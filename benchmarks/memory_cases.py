#!/usr/bin/env python
"""Benchmark: peak memory of ffb-validate on small inputs that expand enormously.

Not a test: run it by hand and read the table it prints.

    python benchmarks/memory_cases.py                 # the hostile cases
    python benchmarks/memory_cases.py --ten-million   # ... and a 10,000,000-row CSV table
    python benchmarks/memory_cases.py --only csv_blank_lines --keep

Each case is built in a temporary folder (or --workdir), then `ffb-validate <input> --format
json -o <report>` runs as its own process under an address-space limit (`prlimit --as`,
--address-space, default 8 GB) so no case can take the machine down. The table gives the
input's size, ffb-validate's exit code, its peak resident memory (the kernel's ru_maxrss for
that process, from os.wait4), its wall-clock seconds and the first line it wrote to stderr.
The goal: every case under 2 GB, ending in exit 2 with a message naming the limit, or in a
report.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "canonical"
MB = 1024 * 1024
GOAL_MB = 2048


def parquet_dictionary(folder: Path) -> Path:
    """2.5 KB: a 100,000-character text stored once in a dictionary, used by 200,000 rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = 200_000
    text = pa.array(["x" * 100_000]).dictionary_encode()
    column = pa.DictionaryArray.from_arrays(pa.array([0] * rows, pa.int32()), text.dictionary)
    table = pa.table({
        "id": pa.array(["c-1"] * rows).dictionary_encode(),
        "municipality_code": pa.array(["665"] * rows).dictionary_encode(),
        "sex": column,
    })
    path = folder / "citizens.parquet"
    pq.write_table(table, path, compression="zstd", use_dictionary=True)
    return path


def parquet_many_rows(folder: Path) -> Path:
    """200 million identical rows in row groups of a million, a few hundred KB in all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    group = pa.table({
        "id": pa.array(["c-1"] * 1_000_000).dictionary_encode(),
        "municipality_code": pa.array(["665"] * 1_000_000).dictionary_encode(),
    })
    path = folder / "citizens.parquet"
    with pq.ParquetWriter(path, group.schema, compression="zstd") as writer:
        for _ in range(200):
            writer.write_table(group)
    return path


def xlsx_shared_text(folder: Path, rows: int = 100_000, length: int = 32_767) -> Path:
    """755 KB: one workbook sheet whose 100,000 cells all use one 32,767-character shared text
    (Excel's longest cell)."""
    sheet_rows = ['<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1" t="s"><v>2</v></c></row>']
    sheet_rows += [
        f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c><c r="B{n}" t="s"><v>3</v></c></row>'
        for n in range(2, rows + 2)
    ]
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{relationships}">'
            '<sheets><sheet name="citizens" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="4" uniqueCount="4">'
            f'<si><t>{"x" * length}</t></si><si><t>id</t></si><si><t>municipality_code</t></si>'
            "<si><t>665</t></si></sst>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>'
            + "".join(sheet_rows) + "</sheetData></worksheet>"
        ),
    }
    path = folder / "citizens.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path


def csv_blank_lines(folder: Path) -> Path:
    """A header and 5 MB of line breaks."""
    path = folder / "citizens.csv"
    with path.open("wb") as handle:
        handle.write(b"id,municipality_code,birth_year,sex,cpr\nc-1,665,1970,kvinde,\n")
        handle.write(b"\n" * (5 * MB))
    return path


def csv_quoted_line_breaks(folder: Path) -> Path:
    """One quoted field of 100 MB of line breaks."""
    path = folder / "citizens.csv"
    with path.open("wb") as handle:
        handle.write(b'id,municipality_code,birth_year,sex,cpr\nc-1,665,1970,"')
        for _ in range(100):
            handle.write(b"\n" * MB)
        handle.write(b'",\n')
    return path


def csv_ten_million(folder: Path) -> Path:
    """assessments.csv with 10,000,000 rows (about 1.6 GB), as benchmarks/validate_speed.py
    builds scenario A."""
    from ffb.contract.codes import load_contract
    from ffb.synth.scale import copied_columns, read_package_frames

    rows = 10_000_000
    frames = read_package_frames(EXAMPLE)
    table = next(t for t in load_contract()["tables"] if t["name"] == "assessments")
    base = frames["assessments"]
    copies = -(-rows // base.height)
    unique = copied_columns(table)
    path = folder / "assessments.csv"
    with path.open("wb") as handle:
        for start in range(0, copies, 1000):
            count = min(1000, copies - start)
            block = pl.concat([
                base.with_columns([pl.col(c) + f"-k{start + i}" for c in unique if c in base.columns])
                for i in range(count)
            ])
            written = (start * base.height)
            block = block.head(max(0, rows - written))
            block.write_csv(handle, include_header=start == 0)
    return path


CASES: dict[str, Callable[[Path], Path]] = {
    "parquet_dictionary": parquet_dictionary,
    "parquet_many_rows": parquet_many_rows,
    "xlsx_shared_text": xlsx_shared_text,
    "csv_blank_lines": csv_blank_lines,
    "csv_quoted_line_breaks": csv_quoted_line_breaks,
}


def _command() -> list[str]:
    script = Path(sys.executable).with_name("ffb-validate")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ffb.validate"]


def run_case(path: Path, report: Path, address_space: int, options: list[str]) -> dict:
    command = ["prlimit", f"--as={address_space}", "--", *_command(), str(path), "--format", "json",
               "-o", str(report), *options]
    if not shutil.which("prlimit"):
        command = command[3:]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr.seek(0)
        message = stderr.read().decode("utf-8", "replace").strip().splitlines()
    return {
        "exit": process.returncode,
        "peak_mb": usage.ru_maxrss / 1024,
        "seconds": time.perf_counter() - started,
        "message": message[0][:150] if message else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ten-million", action="store_true", help="also a 10,000,000-row CSV table")
    parser.add_argument("--only", action="append", help="run only this case (repeatable)")
    parser.add_argument("--address-space", type=int, default=8 * 1024**3, help="prlimit --as in bytes")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("options", nargs="*", help="extra ffb-validate options (after --)")
    arguments = parser.parse_args()
    cases = dict(CASES)
    if arguments.ten_million:
        cases["csv_ten_million"] = csv_ten_million
    if arguments.only:
        cases = {name: cases[name] for name in arguments.only}
    workdir = Path(tempfile.mkdtemp(prefix="ffb-memory-", dir=arguments.workdir))
    print(f"{'case':<24} {'input':>10} {'exit':>4} {'peak MB':>8} {'seconds':>8}  message")
    worst = 0.0
    try:
        for name, build in cases.items():
            folder = workdir / name
            folder.mkdir()
            path = build(folder)
            size = path.stat().st_size
            result = run_case(path, folder / "report.json", arguments.address_space, arguments.options)
            worst = max(worst, result["peak_mb"])
            shown = f"{size / MB:.1f} MB" if size >= MB else f"{size / 1024:.1f} KB"
            print(f"{name:<24} {shown:>10} {result['exit']:>4} {result['peak_mb']:>8.0f} "
                  f"{result['seconds']:>8.1f}  {result['message']}", flush=True)
            if not arguments.keep:
                shutil.rmtree(folder)
    finally:
        if not arguments.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    verdict = "all under" if worst < GOAL_MB else "OVER"
    print(f"\nhighest peak: {worst:.0f} MB ({verdict} the goal of {GOAL_MB} MB)")


if __name__ == "__main__":
    main()

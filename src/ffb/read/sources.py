"""Open any supported input as raw tables: a data package (folder, descriptor or zip), a folder
of table files, one CSV/XLSX/JSON/JSON-lines/Parquet file, or an export JSON document."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import polars as pl

from ffb.contract.codes import load_contract
from ffb.read.archives import UnsafeArchive, extract_archive
from ffb.read.csv_table import frame_for_contract, read_csv_table
from ffb.read.excel import read_workbook
from ffb.read.header import header_findings, recognise_table
from ffb.read.json_documents import read_json
from ffb.read.model import ROW, CannotRun, Finding, RawInput, RawTable

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet"}
DESCRIPTOR = "datapackage.json"
MAX_DESCRIPTOR_BYTES = 16 * 1024**2


class _Reader:
    def __init__(self, workdir: Path, table_name: str | None) -> None:
        contract = load_contract()
        self.tables = contract["tables"]
        self.enums = contract["enums"]
        self.workdir = workdir
        self.table_name = table_name
        self.result = RawInput()
        if table_name is not None and table_name not in {t["name"] for t in self.tables}:
            names = ", ".join(t["name"] for t in self.tables)
            raise CannotRun(f"unknown table {table_name!r}; the tables are: {names}")

    # --- single files -----------------------------------------------------------------
    def add(self, raw_tables: list[RawTable], findings: list[Finding]) -> None:
        self.result.findings.extend(findings)
        for raw in raw_tables:
            if raw.name in self.result.tables:
                first = self.result.tables[raw.name].source
                self.result.findings.append(Finding("FFB119", raw.source, raw.name, value=first))
                continue
            self.result.tables[raw.name] = raw

    def file(self, path: Path, source: str, table_name: str | None = None) -> None:
        suffix = path.suffix.lower()
        table_name = table_name or self.table_name
        if suffix in CSV_SUFFIXES:
            raw, findings = read_csv_table(path, source, self.tables, self.workdir, table_name)
            self.add([raw] if raw else [], findings)
        elif suffix in EXCEL_SUFFIXES:
            if self.result.kind == "table":
                self.result.kind = "workbook"
            self.add(*read_workbook(path, source, self.tables, self.enums, table_name))
        elif suffix in JSON_SUFFIXES:
            raw_tables, findings, kind = read_json(path, source, self.tables, table_name)
            self.result.kind = kind
            self.add(raw_tables, findings)
        elif suffix in PARQUET_SUFFIXES:
            self.add(*self.parquet(path, source, table_name))
        else:
            raise CannotRun(
                f"{source}: unsupported file type {suffix or '(none)'}; give a data package, "
                "CSV, XLSX, JSON, JSON lines or Parquet"
            )

    def parquet(self, path: Path, source: str, table_name: str | None) -> tuple[list[RawTable], list[Finding]]:
        try:
            header = list(pl.read_parquet_schema(path))
        except Exception:  # polars raises several error types for files that are not Parquet
            return [], [Finding("FFB102", source, table_name)]
        name = table_name or recognise_table(header, self.tables, hint=path.stem)
        if name is None:
            return [], [Finding("FFB110", source, detail=", ".join(header[:12]))]
        table = next(t for t in self.tables if t["name"] == name)
        findings, readable = header_findings(header, table, source)
        if not readable:
            return [], findings

        def batches() -> Iterator[pl.DataFrame]:
            scan = (
                pl.scan_parquet(path)
                .select(pl.all().cast(pl.String))
                .with_row_index(ROW, offset=2)
            )
            yield from frame_for_contract(scan, header, table).collect_batches(chunk_size=1_000_000)

        return [RawTable(name, source, header, batches)], findings

    # --- packages and folders -----------------------------------------------------------
    def package(self, descriptor_path: Path, source: str) -> None:
        folder = descriptor_path.parent
        self.result.kind = "package"
        if descriptor_path.stat().st_size > MAX_DESCRIPTOR_BYTES:
            self.result.findings.append(Finding("FFB113", source))
            return
        try:
            descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
            self.result.findings.append(Finding("FFB114", source, pointer=""))
            return
        resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
        if not isinstance(resources, list):
            self.result.findings.append(Finding("FFB114", source, pointer="/resources"))
            return
        known = {t["name"] for t in self.tables}
        root = folder.resolve()
        for index, resource in enumerate(resources):
            where = f"/resources/{index}"
            if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
                self.result.findings.append(Finding("FFB114", source, pointer=f"{where}/path"))
                continue
            name, relative = resource.get("name"), resource["path"]
            if name not in known:
                self.result.findings.append(Finding("FFB110", source, pointer=f"{where}/name", value=str(name)))
                continue
            pure = PurePosixPath(relative)
            target = (folder / relative).resolve()
            if (
                "://" in relative
                or pure.is_absolute()
                or ".." in pure.parts
                or "\\" in relative
                or (len(relative) > 1 and relative[1] == ":")
                or root not in target.parents
            ):
                self.result.findings.append(
                    Finding("FFB112", source, name, pointer=f"{where}/path", value=relative)
                )
                continue
            if not target.is_file():
                self.result.findings.append(
                    Finding("FFB118", source, name, pointer=f"{where}/path", value=relative)
                )
                continue
            prefix = source[: -len(descriptor_path.name)] if source.endswith(descriptor_path.name) else ""
            self.file(target, f"{prefix}{relative}", name)

    def folder(self, folder: Path, source: str) -> None:
        descriptor = folder / DESCRIPTOR
        if descriptor.is_file():
            self.package(descriptor, f"{source.rstrip('/')}/{DESCRIPTOR}")
            return
        self.result.kind = "folder"
        files = sorted(
            p for p in folder.iterdir()
            if p.is_file() and p.suffix.lower() in CSV_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES | {".jsonl", ".ndjson"}
        )
        if not files:
            raise CannotRun(f"{source}: no datapackage.json and no table files in this folder")
        for path in files:
            self.file(path, f"{source.rstrip('/')}/{path.name}")

    def finish(self) -> RawInput:
        if self.result.kind in ("package", "folder", "document", "workbook"):
            for table in self.tables:
                if table["name"] not in self.result.tables:
                    self.result.findings.append(Finding("FFB116", "", table["name"]))
        return self.result


def _is_descriptor(path: Path) -> bool:
    if path.name == DESCRIPTOR:
        return True
    if path.suffix.lower() != ".json" or path.stat().st_size > MAX_DESCRIPTOR_BYTES:
        return False
    with path.open("rb") as handle:
        head = handle.read(4096)
    return b'"resources"' in head and b'"path"' in head


@contextmanager
def open_input(path: Path, table_name: str | None = None) -> Iterator[RawInput]:
    """Read `path` into raw tables; temporary files live until the block ends."""
    if not path.exists():
        raise CannotRun(f"{path}: no such file or folder")
    with tempfile.TemporaryDirectory(prefix="ffb-") as temporary:
        workdir = Path(temporary)
        reader = _Reader(workdir, table_name)
        source = str(path)
        if path.is_dir():
            reader.folder(path, source)
        elif path.suffix.lower() == ".zip":
            extracted = workdir / "package"
            extracted.mkdir()
            try:
                extract_archive(path, extracted)
            except UnsafeArchive as problem:
                reader.result.findings.append(Finding(problem.code, source, detail=problem.detail))
            else:
                inner = [p for p in extracted.rglob(DESCRIPTOR)]
                if inner:
                    descriptor = min(inner, key=lambda p: len(p.parts))
                    reader.package(descriptor, f"{source}!{descriptor.relative_to(extracted)}")
                else:
                    reader.folder(extracted, f"{source}!")
        elif _is_descriptor(path):
            reader.package(path, source)
        else:
            reader.file(path, source)
        yield reader.finish()

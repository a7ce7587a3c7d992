"""Open any supported input as raw tables: a data package (folder, descriptor or zip), a folder
of table files, one CSV/XLSX/JSON/JSON-lines/Parquet file, or an export JSON document.

Nothing outside the input is ever read: a package's paths and links must stay inside its
folder, and a zip file is checked before anything is inflated.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ffb.contract.codes import load_contract
from ffb.read.archives import UnsafeArchive, extract_archive
from ffb.read.csv_table import read_csv_table
from ffb.read.excel import read_workbook
from ffb.read.json_documents import NESTING, read_json, starts_as_bundle
from ffb.read.limits import DEFAULT_LIMITS, Limits
from ffb.read.model import CannotRun, Finding, RawInput, RawTable
from ffb.read.parquet import read_parquet

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
PARQUET_SUFFIXES = {".parquet"}
SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES | JSON_SUFFIXES | PARQUET_SUFFIXES
# The table files a folder without datapackage.json may hold (not .json: a document is no table).
# Every table file is read from a folder, a JSON one too (a list of rows, or a document of
# tables): a file that is data is never passed over in silence.
FOLDER_SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES | JSON_SUFFIXES
DESCRIPTOR = "datapackage.json"
MAX_DESCRIPTOR_BYTES = 16 * 1024**2


def _inside(root: Path, path: Path) -> bool:
    """Whether `path`, with every link followed, lies within the folder `root` (resolved)."""
    try:
        return root in path.resolve().parents
    except (OSError, RuntimeError, ValueError):  # a link loop, a name too long, a NUL byte
        return False


def _outside_by_name(relative: str) -> bool:
    """A resource path that names a place outside the package whatever the folder holds."""
    pure = PurePosixPath(relative)
    return (
        "://" in relative
        or pure.is_absolute()
        or ".." in pure.parts
        or "\\" in relative
        or (len(relative) > 1 and relative[1] == ":")
    )


def _child(source: str, name: str) -> str:
    """How a file in a folder (or in a zip file, `x.zip!`) is named in findings."""
    return f"{source}{name}" if source.endswith(("!", "/")) else f"{source}/{name}"


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


class _Reader:
    def __init__(self, workdir: Path, table_name: str | None, limits: Limits = DEFAULT_LIMITS) -> None:
        contract = load_contract()
        self.code_system = (contract["schema"]["ffb_code_system"], contract["schema"]["ffb_code_system_version"])
        self.limits = limits
        self.tables = contract["tables"]
        self.enums = contract["enums"]
        self.workdir = workdir
        self.table_name = table_name
        self.result = RawInput()
        if table_name is not None and table_name not in {t["name"] for t in self.tables}:
            names = ", ".join(t["name"] for t in self.tables)
            raise CannotRun(f"unknown table {table_name!r}; the tables are: {names}")

    def note(self, finding: Finding) -> None:
        self.result.findings.append(finding)

    # --- single files -----------------------------------------------------------------
    def add(self, raw_tables: list[RawTable], findings: list[Finding]) -> None:
        self.result.findings.extend(findings)
        for raw in raw_tables:
            if raw.name in self.result.tables:
                first = self.result.tables[raw.name].source
                self.note(Finding("FFB119", raw.source, raw.name, value=first))
                continue
            self.result.tables[raw.name] = raw

    def file(self, path: Path, source: str, table_name: str | None = None) -> None:
        suffix = path.suffix.lower()
        table_name = table_name or self.table_name
        if suffix not in SUFFIXES:
            raise CannotRun(
                f"{source}: unsupported file type {suffix or '(none)'}; give a data package, "
                "CSV, XLSX, JSON, JSON lines or Parquet"
            )
        # Absolute, so no reader takes a leading `~` or a `scheme://` for anything but a name.
        path = path.absolute()
        try:  # a file that cannot be opened stops the run whatever its kind, as for CSV
            with path.open("rb"):
                pass
        except OSError as error:
            raise CannotRun(f"{source}: {error.strerror or error}") from error
        if path.stat().st_size == 0:
            self.note(Finding("FFB101", source, table_name))
        elif suffix in CSV_SUFFIXES:
            raw, findings = read_csv_table(path, source, self.tables, self.workdir, table_name, self.limits)
            self.add([raw] if raw else [], findings)
        elif suffix in EXCEL_SUFFIXES:
            self.set_kind("workbook")
            self.add(*read_workbook(path, source, self.tables, self.enums, table_name, self.limits))
        elif suffix in JSON_SUFFIXES:
            raw_tables, findings, kind = read_json(path, source, self.tables, table_name)
            self.set_kind(kind)
            self.add(raw_tables, findings)
        else:
            self.add(*read_parquet(path, source, self.tables, table_name, self.limits))

    def set_kind(self, kind: str) -> None:
        """A single file names the input's kind; a file in a package or folder does not."""
        if self.result.kind == "table":
            self.result.kind = kind

    # --- packages and folders -----------------------------------------------------------
    def descriptor(self, path: Path, source: str) -> list | None:
        """The descriptor's list of resources, or None (with a finding) when there is none."""
        size = path.stat().st_size
        if size > MAX_DESCRIPTOR_BYTES:
            self.note(Finding("FFB113", source, detail=f"{size} bytes"))
            return None
        try:
            descriptor = json.loads(path.read_text(encoding="utf-8-sig"))
        except UnicodeDecodeError:
            self.note(Finding("FFB103", source))
            return None
        except RecursionError:
            self.note(Finding("FFB113", source, detail=NESTING))
            return None
        except ValueError:  # not JSON (JSONDecodeError), or a number too long to convert
            self.note(Finding("FFB114", source, pointer="", value="/"))
            return None
        resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
        if isinstance(descriptor, dict):
            self.code_system_stated(descriptor.get("ffb"), source)
        if not isinstance(resources, list):
            self.note(Finding("FFB114", source, pointer="/resources", value="/resources"))
            return None
        return resources

    def code_system_stated(self, stated, source: str) -> None:
        """FFB131 when the descriptor says its codes follow another FFB code system or version
        than the contract's. A descriptor that says nothing is not faulted: the codes are
        checked against the contract's version all the same."""
        if not isinstance(stated, dict):
            return
        system, version = self.code_system
        given_system, given_version = stated.get("code_system"), stated.get("code_system_version")
        for name, given, expected in (("code_system", given_system, system),
                                      ("code_system_version", given_version, version)):
            if given is not None and str(given) != expected:
                self.note(Finding("FFB131", source, pointer=f"/ffb/{name}", column=name,
                                  value=str(given)[:200], detail=f"{system} version {version}"))
                return

    def package(self, descriptor_path: Path, source: str) -> None:
        self.result.kind = "package"
        resources = self.descriptor(descriptor_path, source)
        if resources is None:
            return
        folder = descriptor_path.parent
        root = folder.resolve()
        known = {t["name"] for t in self.tables}
        prefix = source[: -len(descriptor_path.name)] if source.endswith(descriptor_path.name) else ""
        given: dict[str, str] = {}  # table name -> the file it was read from
        for index, resource in enumerate(resources):
            where = f"/resources/{index}"
            if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
                self.note(Finding("FFB114", source, pointer=f"{where}/path", value=f"{where}/path"))
                continue
            name, relative = resource.get("name"), resource["path"]
            if not isinstance(name, str) or name not in known:
                self.note(Finding("FFB110", source, pointer=f"{where}/name", value=str(name)[:200]))
                continue
            target = folder / relative
            if _outside_by_name(relative):
                self.note(Finding("FFB112", source, name, pointer=f"{where}/path", value=relative))
            elif not _is_file(target):
                self.note(Finding("FFB118", source, name, pointer=f"{where}/path", value=relative))
            elif not _inside(root, target):  # a link inside the package that leads out of it
                self.note(Finding("FFB112", source, name, pointer=f"{where}/path", value=relative))
            elif target.suffix.lower() not in SUFFIXES:
                self.note(Finding("FFB127", f"{prefix}{relative}", name, pointer=f"{where}/path", value=relative))
            elif name in given:
                # The table is named again: FFB119 from the descriptor alone, without reading
                # the file again (a descriptor may list one file thousands of times).
                self.note(Finding("FFB119", f"{prefix}{relative}", name, pointer=f"{where}/name", value=given[name]))
            else:
                given[name] = f"{prefix}{relative}"
                self.file(target, f"{prefix}{relative}", name)

    def folder(self, folder: Path, source: str) -> None:
        root = folder.resolve()
        descriptor = folder / DESCRIPTOR
        if descriptor.is_file():
            if _inside(root, descriptor):
                self.package(descriptor, _child(source, DESCRIPTOR))
            else:
                self.result.kind = "package"
                self.note(Finding("FFB112", _child(source, DESCRIPTOR), value=DESCRIPTOR))
            return
        self.result.kind = "folder"
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in FOLDER_SUFFIXES and _is_file(p))
        if not files:
            raise CannotRun(f"{source}: no datapackage.json and no table files in this folder")
        # (A folder of nothing but Bundles is checked as Bundles before it comes here.)
        bundles = [p.name for p in files if p.suffix.lower() in (".json", ".ndjson") and starts_as_bundle(p)]
        if bundles:
            raise CannotRun(f"{source}: {bundles[0]} is a FHIR Bundle among table files; check the Bundles on "
                            "their own (a file, or a folder of nothing but Bundles) and the tables without them")
        for path in files:
            if _inside(root, path):
                self.file(path, _child(source, path.name))
            else:  # a link that leads out of the folder
                self.note(Finding("FFB112", _child(source, path.name), value=path.name))

    def zip_package(self, path: Path, source: str) -> None:
        self.result.kind = "package"
        extracted = self.workdir / "package"
        extracted.mkdir()
        try:
            extract_archive(path, extracted)
        except UnsafeArchive as problem:
            value = problem.detail if problem.code in ("FFB112", "FFB126") else None
            self.note(Finding(problem.code, source, value=value, detail=problem.detail))
            return
        inner = [p for p in extracted.rglob(DESCRIPTOR) if _is_file(p)]
        if inner:
            descriptor = min(inner, key=lambda p: len(p.parts))
            self.package(descriptor, f"{source}!{descriptor.relative_to(extracted)}")
            return
        entries = list(extracted.iterdir())
        if len(entries) == 1 and entries[0].is_dir():  # zipped as one folder
            self.folder(entries[0], f"{source}!{entries[0].name}/")
        else:
            self.folder(extracted, f"{source}!")

    def finish(self) -> RawInput:
        """Note the tables a package, folder, document or workbook leaves out.

        Not when nothing could be read at all: the findings already say why, and eleven notes
        of absent tables would only bury them.
        """
        nothing_read = not self.result.tables and self.result.findings
        if self.result.kind in ("package", "folder", "document", "workbook") and not nothing_read:
            for table in self.tables:
                if table["name"] not in self.result.tables:
                    self.note(Finding("FFB116", "", table["name"]))
        return self.result


def _is_descriptor(path: Path) -> bool:
    if path.name == DESCRIPTOR:
        return True
    if path.suffix.lower() != ".json" or path.stat().st_size > MAX_DESCRIPTOR_BYTES:
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:  # reading it as a table says why it cannot be read
        return False
    return b'"resources"' in head and b'"path"' in head


@contextmanager
def open_input(path: Path, table_name: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Iterator[RawInput]:
    """Read `path` into raw tables; temporary files live until the block ends."""
    if not path.exists():
        raise CannotRun(f"{path}: no such file or folder")
    if not path.is_dir() and not path.is_file():
        raise CannotRun(f"{path}: not a regular file or folder")
    with tempfile.TemporaryDirectory(prefix="ffb-") as temporary:
        reader = _Reader(Path(temporary), table_name, limits)
        source = str(path)
        if path.is_dir():
            reader.folder(path, source)
        elif path.suffix.lower() == ".zip":
            reader.zip_package(path, source)
        elif _is_descriptor(path):
            reader.package(path, source)
        else:
            reader.file(path, source)
        yield reader.finish()

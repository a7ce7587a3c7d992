"""ffb-validate on hostile and broken input.

Every input here must end in a clear finding naming the file (exit 1) or a one-line error
(exit 2): never a traceback, never a read outside the package, always in bounded time and
memory. Inputs are built in tmp_path; the big ones are generated on the spot.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import textwrap
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ffb.read import CannotRun, open_input
from ffb.report.text import render_text
from ffb.validate.catalogue import RULES
from ffb.validate.engine import Validator

VALIDATOR = Validator(today=dt.date(2026, 11, 23))
CITIZENS_HEADER = "id,municipality_code,birth_year,sex,cpr"
CITIZEN = "c-001,665,1970,kvinde,"
# A row that would give a distinctive issue (FFB207, the id's pattern) if it were ever read.
MARKER = "OUTSIDE-MARKER!!"
MB = 1024 * 1024
CITIZENS_DESCRIPTOR = json.dumps({"resources": [{"name": "citizens", "path": "citizens.csv"}]})


def _codes(report) -> list[str]:
    return report.issues["code"].to_list()


def _issues(report, code: str) -> list[dict]:
    return report.issues.filter(pl.col("code") == code).to_dicts()


def _junk(size: int = 20_000, seed: int = 7) -> bytes:
    data = bytearray(random.Random(seed).randbytes(size))
    data[100] = 0  # surely a NUL byte
    return bytes(data)


def _cli(*arguments: str, timeout: float = 60) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("ffb-validate")
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from ffb.validate.cli import main; main()"]
    return subprocess.run([*command, *arguments], capture_output=True, text=True, timeout=timeout)


# --- 1. empty files --------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".csv", ".json", ".jsonl", ".xlsx", ".parquet"])
def test_empty_file(tmp_path, suffix):
    path = tmp_path / f"citizens{suffix}"
    path.write_bytes(b"")
    report = VALIDATOR.validate(path)
    assert _codes(report) == ["FFB101"]
    assert report.issues["source"].to_list() == [str(path)]
    assert report.exit_code == 1


@pytest.mark.parametrize("text", ["\n\n", "\ufeff", "   \r\n1,2\n"])
def test_csv_without_header_row(tmp_path, text):
    path = tmp_path / "citizens.csv"
    path.write_text(text, encoding="utf-8")
    assert _codes(VALIDATOR.validate(path)) == ["FFB101"]


# --- 2. binary junk --------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json", ".jsonl", ".parquet"])
def test_binary_junk(tmp_path, suffix):
    path = tmp_path / f"citizens{suffix}"
    path.write_bytes(_junk())
    report = VALIDATOR.validate(path)
    assert _codes(report) == ["FFB102"]
    assert report.issues["source"].to_list() == [str(path)]


def test_binary_junk_in_a_zip_named_like_a_workbook(tmp_path):
    path = tmp_path / "citizens.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", _junk())
    assert _codes(VALIDATOR.validate(path)) == ["FFB102"]


# --- 3. ragged rows --------------------------------------------------------------------------
def test_ragged_rows(tmp_path):
    path = tmp_path / "citizens.csv"
    rows = [
        CITIZENS_HEADER,
        "c-001,665,1970",  # too few
        "c-002,665,1971,mand,,extra",  # too many
        '"c-003",665,1972,"kvinde",""',  # quoted, fine
        'c-004,665,1973,mand,"with, delimiter\nand a line break"',  # one record over two lines
        "c-005,665",  # too few, after the record over two lines
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = VALIDATOR.validate(path)
    ragged = [(i["row"], i["value"]) for i in _issues(report, "FFB104")]
    assert ragged == [(2, "3"), (3, "6"), (6, "2")]
    assert _issues(report, "FFB104")[0]["message"] == "Rækken har 3 felter, men overskriften har 5."
    with open_input(path) as raw:
        frame = next(raw.tables["citizens"].batches())
    assert frame["id"].to_list() == ["c-003", "c-004"]
    assert frame["cpr"].to_list() == [None, "with, delimiter\nand a line break"]


def test_quote_in_the_middle_of_a_field_is_refused_at_its_row(tmp_path):
    path = tmp_path / "citizens.csv"
    stray = 'c-002,665,1970,12" mand,'
    path.write_text(f"{CITIZENS_HEADER}\n{CITIZEN}\n{stray}\nc-003,665,1970,mand,\n", encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [(i["code"], i["row"]) for i in report.issues.to_dicts()] == [("FFB102", 3)]


def test_header_quoted_so_that_readers_would_disagree(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_text('id,municipality_code,birth_year,""sex,cpr\nc-1,665,1970,mand,\n', encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [(i["code"], i["row"]) for i in report.issues.to_dicts()] == [("FFB102", 1)]


SMALL_CSV = f"{CITIZENS_HEADER}\n{CITIZEN}\nc-002,665,1980,mand,\n\"c-003\",665,1990,\"kvinde\",\n".encode()
NASTY_BYTES = [b'"', b",", b";", b"\t", b"\n", b"\r", b"\r\n", b"\x00", b"\x81", b"\xe6", b"\xc3", b"\xef\xbb\xbf"]
EDIT = st.tuples(st.integers(0, len(SMALL_CSV)), st.sampled_from(NASTY_BYTES))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDIT, min_size=1, max_size=6))
def test_damaged_csv_never_crashes(tmp_path, edits):
    """Stray quotes, delimiters, line ends, NUL and non-UTF-8 bytes anywhere: always a report."""
    data = bytearray(SMALL_CSV)
    for position, piece in edits:
        data[position:position] = piece
    path = tmp_path / "citizens.csv"
    path.write_bytes(bytes(data))
    report = VALIDATOR.validate(path)
    issues = report.issues
    # Every finding is a catalogued rule, located in this file, on a row the file has.
    assert set(issues["code"].to_list()) <= set(RULES)
    assert set(issues["source"].to_list()) <= {str(path)}
    lines = bytes(data).count(b"\n") + bytes(data).count(b"\r") + 1
    assert all(1 <= row <= lines for row in issues["row"].drop_nulls().to_list()), issues.to_dicts()
    # The counts and the verdict agree with the issues listed (nothing was cut).
    assert sum(report.counts.values()) == issues.height and report.omitted == 0
    assert report.exit_code == (1 if "error" in issues["severity"].to_list() else 0)


# --- 4. unknown encodings --------------------------------------------------------------------
def test_bytes_that_are_neither_utf8_nor_windows_1252(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_bytes(f"{CITIZENS_HEADER}\n".encode() + b"c-\x81\x8d,665,1970,mand,\n")
    report = VALIDATOR.validate(path)
    assert _codes(report) == ["FFB103"]
    assert report.issues["source"].to_list() == [str(path)]


def test_bad_bytes_after_a_clean_start(tmp_path):
    """Only the first 64 KB are sniffed; the fast reader meets the bad bytes later."""
    path = tmp_path / "citizens.csv"
    clean = "".join(f"c-{i},665,1970,mand,\n" for i in range(5000)).encode()
    assert len(clean) > 64 * 1024
    path.write_bytes(f"{CITIZENS_HEADER}\n".encode() + clean + b"c-\x81\x8d,665,1970,mand,\n")
    assert _codes(VALIDATOR.validate(path)) == ["FFB103"]


def test_bad_bytes_in_json(tmp_path):
    path = tmp_path / "citizens.jsonl"
    path.write_bytes(b'{"id": "c-\x81\x8d"}\n')
    assert _codes(VALIDATOR.validate(path)) == ["FFB103"]


# --- 5. one enormous line ----------------------------------------------------------------------
def test_a_50_mb_cell(tmp_path):
    path = tmp_path / "citizens.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f"{CITIZENS_HEADER}\n{CITIZEN}\n")
        handle.write("x" * (50 * MB))
        handle.write(",665,1970,mand,\n")
    started = time.monotonic()
    report = VALIDATOR.validate(path)
    assert time.monotonic() - started < 10
    (big,) = report.issues.to_dicts()
    assert (big["code"], big["row"]) == ("FFB113", 3)
    assert len(render_text(report)) < 5000


def test_a_50_mb_cell_through_the_cli_stays_within_memory(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_text(f"{CITIZENS_HEADER}\n" + "y" * (50 * MB) + ",665,1970,mand,\n", encoding="utf-8")
    script = textwrap.dedent(
        """
        import resource, sys
        from ffb.validate.cli import main
        try:
            main()
        except SystemExit as stop:
            code = stop.code
        print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code, file=sys.stderr)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "--format", "csv", str(path)], capture_output=True, text=True, timeout=60
    )
    peak_kb, code = result.stderr.split()[-2:]
    assert code == "1"
    assert int(peak_kb) < 1024 * 1024  # under 1 GB for a 50 MB file
    assert "yyyyyyyyyy" not in result.stdout and len(result.stdout) < 2000


def test_long_values_are_shortened_in_the_report(tmp_path):
    """A long cell that is still read reaches the rules; the report shows 120 characters."""
    path = tmp_path / "citizens.csv"
    path.write_text(f"{CITIZENS_HEADER}\n" + "z" * 200_000 + ",665,1970,mand,\n", encoding="utf-8")
    report = VALIDATOR.validate(path)
    (issue,) = _issues(report, "FFB207")
    assert issue["value"] == "z" * 120 + "…"
    assert "z" * 121 not in issue["message"]
    assert "z" * 121 not in render_text(report)


def test_a_50_mb_header_line(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_bytes(b"i" * (50 * MB))
    assert _codes(VALIDATOR.validate(path)) == ["FFB113"]  # a header there is, too long to be one


def test_a_50_mb_json_line(tmp_path):
    path = tmp_path / "citizens.jsonl"
    row = {"id": "q" * (50 * MB), "municipality_code": "665"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    report = VALIDATOR.validate(path)
    (issue,) = _issues(report, "FFB207")
    assert issue["row"] == 1 and len(issue["value"]) == 121
    assert len(render_text(report)) < 5000


# --- 6. deep nesting -------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_deeply_nested_json(tmp_path, suffix):
    path = tmp_path / f"citizens{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert _codes(report) == ["FFB113"]
    assert report.exit_code == 1


def test_nesting_just_below_the_parser_limit_inside_a_row(tmp_path):
    path = tmp_path / "citizens.json"
    deep = "[" * 900 + "]" * 900
    path.write_text(f'[{{"id": "c-1", "municipality_code": "665", "sex": {deep}}}]', encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [(i["code"], i["pointer"]) for i in _issues(report, "FFB115")] == [("FFB115", "/0/sex")]


def test_json_numbers_and_names_beyond_reason(tmp_path):
    path = tmp_path / "citizens.json"
    path.write_text('[{"id": "c-1", "municipality_code": "665", "birth_year": ' + "9" * 5000 + "}]")
    assert _codes(VALIDATOR.validate(path)) == ["FFB114"]
    key = "k" * MB
    path.write_text(json.dumps([{"id": "c-1", "municipality_code": "665", key: 1}]))
    report = VALIDATOR.validate(path)
    (unknown,) = _issues(report, "FFB108")
    assert len(unknown["column"]) <= 200 and len(unknown["pointer"]) < 300
    assert len(render_text(report)) < 5000


# --- 7. paths that leave the package ----------------------------------------------------------
OUTSIDE_PATHS = ["../outside.csv", "/etc/passwd", "C:\\outside.csv", "http://example.org/outside.csv"]


def _outside_file(tmp_path: Path) -> Path:
    outside = tmp_path / "outside.csv"
    outside.write_text(f"{CITIZENS_HEADER}\n{MARKER},665,1970,mand,\n", encoding="utf-8")
    return outside


def _package(folder: Path, paths: list[str]) -> Path:
    folder.mkdir()
    resources = [{"name": "citizens", "path": p} for p in paths]
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    return folder


def _assert_nothing_outside_read(report) -> None:
    assert report.tables == {}
    everything = pl.concat_str(pl.all().cast(pl.String), ignore_nulls=True)
    assert not any(MARKER in text for text in report.issues.select(everything).to_series())


def test_resource_paths_outside_the_package(tmp_path):
    _outside_file(tmp_path)
    folder = _package(tmp_path / "package", OUTSIDE_PATHS)
    report = VALIDATOR.validate(folder)
    outside = _issues(report, "FFB112")
    expected = [(path, f"/resources/{n}/path") for n, path in enumerate(OUTSIDE_PATHS)]
    assert [(i["value"], i["pointer"]) for i in outside] == expected
    assert {i["source"] for i in outside} == {f"{folder}/datapackage.json"}
    assert set(_codes(report)) == {"FFB112"}
    _assert_nothing_outside_read(report)


def test_link_inside_the_package_that_leads_outside(tmp_path):
    outside = _outside_file(tmp_path)
    folder = _package(tmp_path / "package", ["citizens.csv"])
    (folder / "citizens.csv").symlink_to(outside)
    report = VALIDATOR.validate(folder)
    assert [(i["code"], i["value"]) for i in report.issues.to_dicts()] == [("FFB112", "citizens.csv")]
    _assert_nothing_outside_read(report)
    # The descriptor given directly, and the folder without a descriptor: the same.
    assert _codes(VALIDATOR.validate(folder / "datapackage.json")) == ["FFB112"]
    (folder / "datapackage.json").unlink()
    report = VALIDATOR.validate(folder)
    assert _codes(report) == ["FFB112"]
    _assert_nothing_outside_read(report)


def test_descriptor_that_is_a_link_to_outside(tmp_path):
    elsewhere = _package(tmp_path / "elsewhere", ["../outside.csv"])
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "datapackage.json").symlink_to(elsewhere / "datapackage.json")
    report = VALIDATOR.validate(folder)
    assert _codes(report) == ["FFB112"]


def test_nothing_outside_is_opened(tmp_path):
    """Watched from inside: an audit hook records every file Python opens while validating."""
    outside = _outside_file(tmp_path)
    named = _package(tmp_path / "named", OUTSIDE_PATHS)
    linked = _package(tmp_path / "linked", ["citizens.csv"])
    (linked / "citizens.csv").symlink_to(outside)
    script = textwrap.dedent(
        """
        import json, os, sys
        from pathlib import Path
        from ffb.validate.engine import Validator
        validator = Validator()
        opened = []
        def hook(event, args):
            if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
                opened.append(os.path.realpath(os.fsdecode(args[0])))
        sys.addaudithook(hook)
        codes = [validator.validate(Path(p)).issues["code"].to_list() for p in sys.argv[1:]]
        print(json.dumps({"opened": opened, "codes": codes}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(named), str(linked)], capture_output=True, text=True, timeout=60
    )
    seen = json.loads(result.stdout)
    assert seen["codes"] == [["FFB112"] * 4, ["FFB112"]]
    assert str((named / "datapackage.json").resolve()) in seen["opened"]  # the hook does see opens
    assert str(outside.resolve()) not in seen["opened"]
    assert "/etc/passwd" not in seen["opened"]


def test_odd_resources(tmp_path):
    folder = tmp_path / "package"
    folder.mkdir()
    resources = [{"name": ["citizens"], "path": "x.csv"}, {"name": "citizens", "path": "a\u0000b.csv"},
                 {"name": "cases", "path": ""}, {"name": "goals", "path": ["a.csv", "b.csv"]}]
    (folder / "datapackage.json").write_text(json.dumps({"resources": resources}), encoding="utf-8")
    report = VALIDATOR.validate(folder)
    found = {(i["code"], i["pointer"]) for i in report.issues.to_dicts()}
    assert found == {("FFB110", "/resources/0/name"), ("FFB118", "/resources/1/path"),
                     ("FFB118", "/resources/2/path"), ("FFB114", "/resources/3/path")}


def test_descriptor_nested_too_deeply(tmp_path):
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "datapackage.json").write_text('{"resources": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert _codes(VALIDATOR.validate(folder)) == ["FFB113"]


# --- 8. zip files ---------------------------------------------------------------------------
def _zip_bomb(path: Path, member: str, megabytes: int = 300) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(member, "w", force_zip64=True) as stream:
            zeros = bytes(MB)
            for _ in range(megabytes):
                stream.write(zeros)
    return path


def test_workbook_zip_bomb_is_refused_before_inflating(tmp_path, monkeypatch):
    path = _zip_bomb(tmp_path / "citizens.xlsx", "xl/worksheets/sheet1.xml")
    assert path.stat().st_size < 2 * MB

    def never(*args, **kwargs):
        raise AssertionError("the bomb was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", never)
    monkeypatch.setattr("ffb.read.excel.CalamineWorkbook.from_path", never)
    started = time.monotonic()
    report = VALIDATOR.validate(path)
    assert time.monotonic() - started < 2
    (refused,) = report.issues.to_dicts()
    assert (refused["code"], refused["source"]) == ("FFB113", str(path))
    assert "xl/worksheets/sheet1.xml" in refused["message"]


def test_zipped_package_bomb(tmp_path):
    path = _zip_bomb(tmp_path / "export.zip", "citizens.csv", megabytes=100)
    assert _codes(VALIDATOR.validate(path)) == ["FFB113"]


@pytest.mark.parametrize("member", ["../evil.csv", "/tmp/evil.csv", "sub\\..\\..\\evil.csv"])
def test_zipped_package_with_a_member_outside(tmp_path, member):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("datapackage.json", CITIZENS_DESCRIPTOR)
        archive.writestr("citizens.csv", f"{CITIZENS_HEADER}\n{CITIZEN}\n")
        archive.writestr(member, f"{CITIZENS_HEADER}\n{MARKER},665,1970,mand,\n")
    report = VALIDATOR.validate(path)
    assert [(i["code"], i["value"]) for i in report.issues.to_dicts()] == [("FFB112", member)]
    _assert_nothing_outside_read(report)


def test_zip_with_too_many_members(tmp_path, monkeypatch):
    monkeypatch.setattr("ffb.read.archives.MAX_MEMBERS", 50)
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(51):
            archive.writestr(f"notes/{number}.txt", "")
    assert _codes(VALIDATOR.validate(path)) == ["FFB113"]


def test_json_and_descriptor_over_their_size_limits(tmp_path, monkeypatch):
    monkeypatch.setattr("ffb.read.json_documents.MAX_JSON_BYTES", 1000)
    monkeypatch.setattr("ffb.read.sources.MAX_DESCRIPTOR_BYTES", 1000)
    rows = json.dumps([{"id": f"c-{n}", "municipality_code": "665"} for n in range(100)])
    for name in ("citizens.json", "citizens.jsonl"):
        (tmp_path / name).write_text(rows, encoding="utf-8")
        assert _codes(VALIDATOR.validate(tmp_path / name)) == ["FFB113"], name
    folder = _package(tmp_path / "package", [f"citizens-{n}.csv" for n in range(100)])
    assert _codes(VALIDATOR.validate(folder)) == ["FFB113"]


@pytest.mark.parametrize("cut", [30, 200, -30])
def test_damaged_zip_files(tmp_path, cut):
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        archive.writestr("datapackage.json", CITIZENS_DESCRIPTOR)
        archive.writestr("citizens.csv", f"{CITIZENS_HEADER}\n{CITIZEN}\n" * 20)
    data = whole.read_bytes()
    for suffix in (".zip", ".xlsx"):
        path = tmp_path / f"damaged{suffix}"
        path.write_bytes(data[:cut] + data[cut + 20 :])  # twenty bytes gone from the middle
        assert _codes(VALIDATOR.validate(path)) == ["FFB102"], suffix


def test_workbook_with_a_cell_at_the_far_corner(tmp_path):
    """calamine would allocate the whole grid up to XFD1048576 and abort the process, so this
    runs in a child process: a crash must not take the test run with it."""
    path = _citizens_workbook(tmp_path / "citizens.xlsx", "XFD1048576")
    assert path.stat().st_size < 20_000
    result = _cli("--format", "csv", "--lang", "en", str(path))
    assert result.returncode == 1, result.stderr
    assert "FFB113" in result.stdout and "cells" in result.stdout


def _declare_size(data: bytes, name: bytes, size: int) -> bytes:
    """The zip file with `name`'s uncompressed size set to `size` in both of its headers."""
    patched = bytearray(data)
    # (signature, offset of the uncompressed size, offset of the name length, offset of the name)
    for signature, size_at, length_at, name_at in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        start = patched.find(signature)
        while start >= 0:
            length = int.from_bytes(patched[start + length_at : start + length_at + 2], "little")
            if patched[start + name_at : start + name_at + length] == name:
                patched[start + size_at : start + size_at + 4] = size.to_bytes(4, "little")
            start = patched.find(signature, start + 4)
    return bytes(patched)


def _citizens_workbook(path: Path, far_cell: str, rows: int = 1) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "citizens"
    sheet.append(CITIZENS_HEADER.split(","))
    for number in range(rows):
        sheet.append([f"c-{number}", "665", 1970, "mand", None])
    sheet[far_cell] = "x"
    workbook.save(path)
    return path


def test_workbook_with_one_cell_a_million_rows_down(tmp_path):
    path = _citizens_workbook(tmp_path / "citizens.xlsx", "A1048576")
    started = time.monotonic()
    report = VALIDATOR.validate(path)
    assert time.monotonic() - started < 3
    assert _codes(report) == ["FFB113"]


def test_workbook_with_a_stray_cell_further_out_is_read(tmp_path):
    path = _citizens_workbook(tmp_path / "citizens.xlsx", "AB5000", rows=20)
    report = VALIDATOR.validate(path)
    errors = [(i["code"], i["row"]) for i in report.issues.to_dicts() if i["severity"] == "error"]
    assert errors == [("FFB104", 5000)]
    assert report.tables["citizens"]["rows"] == 20


def test_workbook_member_larger_than_it_declares(tmp_path):
    """A container that lies about a member's size is stopped by the zip reader itself."""
    workbook = openpyxl.Workbook()
    workbook.active.title = "citizens"
    workbook.active.append(CITIZENS_HEADER.split(","))
    honest = tmp_path / "honest.xlsx"
    workbook.save(honest)
    path = tmp_path / "citizens.xlsx"
    with zipfile.ZipFile(honest) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * (20 * MB))
            target.writestr(info.filename, data)
    path.write_bytes(_declare_size(path.read_bytes(), b"xl/worksheets/sheet1.xml", 1000))
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size == 1000
    report = VALIDATOR.validate(path)
    assert _codes(report) == ["FFB102"]


# --- the command line, end to end ------------------------------------------------------------
def _hostile_inputs(tmp_path: Path) -> dict[str, tuple[Path, int]]:
    """Inputs and the exit code each must give."""
    cases = {}
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    cases["empty"] = (empty, 1)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(_junk())
    cases["junk"] = (junk, 1)
    ragged = tmp_path / "citizens.csv"
    ragged.write_text(f"{CITIZENS_HEADER}\nc-1,665\n", encoding="utf-8")
    cases["ragged"] = (ragged, 1)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    cases["deep"] = (deep, 1)
    _outside_file(tmp_path)
    cases["outside"] = (_package(tmp_path / "package", OUTSIDE_PATHS), 1)
    bomb = _zip_bomb(tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", megabytes=50)
    cases["bomb"] = (bomb, 1)
    cases["missing"] = (tmp_path / "no-such-file.csv", 2)
    unsupported = tmp_path / "citizens.xml"
    unsupported.write_text("<citizens/>")
    cases["unsupported"] = (unsupported, 2)
    (tmp_path / "no-tables").mkdir()
    (tmp_path / "no-tables" / "readme.md").write_text("nothing here")
    cases["no tables"] = (tmp_path / "no-tables", 2)
    if Path("/dev/null").exists():
        cases["device"] = (Path("/dev/null"), 2)
    return cases


def test_cli_end_to_end(tmp_path):
    cases = _hostile_inputs(tmp_path)
    with ThreadPoolExecutor(max_workers=3) as pool:  # each run is mostly starting Python
        results = dict(zip(cases, pool.map(lambda case: _cli("--lang", "en", str(case[0])), cases.values())))
    for what, (path, exit_code) in cases.items():
        result = results[what]
        output = result.stdout + result.stderr
        assert result.returncode == exit_code, (what, output)
        assert "Traceback" not in output, what
        assert path.name in output, what
        if exit_code == 2:
            assert result.stdout == "" and result.stderr.count("\n") == 1, (what, result.stderr)
            assert result.stderr.startswith("ffb-validate: error: "), what


def test_a_file_that_fails_while_parsed_stops_with_one_line(tmp_path, monkeypatch):
    """A parse error the checks before did not foresee becomes CannotRun naming the file."""
    path = tmp_path / "citizens.csv"
    path.write_text(f"{CITIZENS_HEADER}\n{CITIZEN}\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise pl.exceptions.ComputeError("invalid csv file\n\ndetails follow")

    with open_input(path) as raw:
        monkeypatch.setattr(pl.LazyFrame, "collect", broken)
        with pytest.raises(CannotRun, match=r"citizens\.csv: cannot be read \(invalid csv file\)$"):
            list(raw.tables["citizens"].batches())


def test_line_endings_of_old_macs_do_not_crash(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_bytes(f"{CITIZENS_HEADER}\r{CITIZEN}\r".encode())
    report = VALIDATOR.validate(path)
    assert report.exit_code == 1 and not report.tables


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_in_a_folder_is_not_opened(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "citizens.csv").write_text(f"{CITIZENS_HEADER}\n{CITIZEN}\n", encoding="utf-8")
    os.mkfifo(folder / "cases.csv")  # reading it would block for ever
    report = VALIDATOR.validate(folder)
    assert list(report.tables) == ["citizens"]


@pytest.mark.parametrize("ending", [b"\r\r\n", b"\r\r\r\n"])
def test_header_ended_by_extra_carriage_returns_names_the_column_as_read(tmp_path, ending):
    """The fast reader keeps all but one carriage return in the last name; so does the header."""
    path = tmp_path / "citizens.csv"
    path.write_bytes(CITIZENS_HEADER.encode() + ending + b"b1,665,1970,mand,\r\n")
    report = VALIDATOR.validate(path)
    odd = "cpr" + "\r" * (len(ending) - 2)
    assert [(i["code"], i["column"]) for i in report.issues.to_dicts() if i["severity"] == "error"] == [
        ("FFB108", odd)
    ]
    assert "cpr\\r" in render_text(report)


@pytest.mark.parametrize("output_format", ["text", "json", "csv", "junit"])
def test_a_reader_that_stops_early_gets_no_traceback(tmp_path, output_format):
    """`ffb-validate … | head -c 100`: the pipe closes while the report is written."""
    path = tmp_path / "citizens.csv"
    path.write_text(CITIZENS_HEADER + "\n" + "".join(f"c{i},665,19x8,kvinde,\n" for i in range(50_000)),
                    encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "ffb.validate", str(path), "--table", "citizens", "--format", output_format],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout.read(100)
    process.stdout.close()  # the reader goes away
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) in (0, 1)  # the verdict, not a crash
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr


def test_a_carriage_return_inside_a_quoted_cell_is_part_of_the_value(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_bytes(CITIZENS_HEADER.encode() + b'\nb1,665,1970,"ma\rnd",\nb2,665,1970,mand,\n')
    report = VALIDATOR.validate(path)
    assert report.tables["citizens"]["rows"] == 2
    assert [(i["code"], i["row"], i["column"], i["value"]) for i in report.issues.to_dicts()] == [
        ("FFB210", 2, "sex", "ma\rnd")
    ]
    assert "ma\\rnd" in render_text(report)  # shown escaped

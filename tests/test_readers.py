"""The readers on ordinary input: every supported kind of file, read as the contract expects.

Each test builds its input in tmp_path (mostly from the shipped example) and checks both what
the reader hands over (values, row numbers) and what the report says about the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from ffb.contract.codes import load_contract
from ffb.read import open_input
from ffb.read.model import ROW
from ffb.validate.engine import Validator

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "canonical"
TEMPLATE = ROOT / "validators" / "ffb-template.xlsx"
VALIDATOR = Validator(today=dt.date(2026, 11, 23))

PROVIDER_HEADER = [
    "id", "name", "operator_kind", "operator_municipality_code", "municipality_code", "cvr", "p_number", "tilbudsportalen_id",
]
DANISH_NAMES = ["Bostøtten Ærø", "Botilbuddet Åbrinken", "Værestedet Øst"]


def _providers(names: list[str] = DANISH_NAMES) -> list[list[str]]:
    return [_provider(100 + i, name) for i, name in enumerate(names)]


def _provider(number: int, name: str) -> list[str]:
    return [f"tp-{number}", name, "privat", "", "665", "29189757", "", str(number)]


def _write_csv(path: Path, rows: list[list[str]], encoding="utf-8", delimiter=",", **options) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter, lineterminator="\r\n", **options).writerows(rows)
    return path


def _frame(path: Path, table: str | None = None) -> tuple[pl.DataFrame, str]:
    """The one table read from `path`, all batches together, and the input's kind."""
    with open_input(path, table) as raw:
        (only,) = raw.tables.values()
        return pl.concat(list(only.batches())), raw.kind


def _issues(report, code: str) -> list[dict]:
    return report.issues.filter(pl.col("code") == code).to_dicts()


def _codes(report) -> set[str]:
    return set(report.issues["code"].to_list())


# --- encodings -------------------------------------------------------------------------------
def test_danish_excel_csv_is_read_as_windows_1252(tmp_path):
    path = _write_csv(tmp_path / "providers.csv", [PROVIDER_HEADER, *_providers()], encoding="cp1252", delimiter=";")
    frame, _ = _frame(path)
    assert frame["name"].to_list() == DANISH_NAMES
    report = VALIDATOR.validate(path)
    (note,) = _issues(report, "FFB111")
    assert note["severity"] == "info" and "cp1252" in note["message"]
    assert report.valid and report.exit_code == 0


def test_windows_1252_after_a_clean_start_is_still_recognised(tmp_path):
    """The encoding is sniffed from the first 64 KB; æøå further down must not be lost."""
    plain = [_provider(i, f"Tilbud {i}") for i in range(1000, 3000)]
    rows = [PROVIDER_HEADER, *plain, *_providers()]
    path = _write_csv(tmp_path / "providers.csv", rows, encoding="cp1252", delimiter=";")
    assert path.stat().st_size > 64 * 1024
    frame, _ = _frame(path)
    assert frame["name"].tail(3).to_list() == DANISH_NAMES
    assert frame[ROW].tail(1).item() == len(plain) + len(DANISH_NAMES) + 1
    report = VALIDATOR.validate(path)
    assert [i["code"] for i in report.issues.to_dicts()] == ["FFB111"]


def test_utf8_with_byte_order_mark(tmp_path):
    path = _write_csv(tmp_path / "providers.csv", [PROVIDER_HEADER, *_providers()], encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    frame, _ = _frame(path)
    assert frame["id"].to_list() == ["tp-100", "tp-101", "tp-102"]
    assert frame["name"].to_list() == DANISH_NAMES
    report = VALIDATOR.validate(path)
    assert report.issues.height == 0, report.issues.to_dicts()


def test_fully_quoted_csv_reads_empty_fields_as_missing(tmp_path):
    """Writers that quote every field write "" for an empty one: it is empty, not a value."""
    path = _write_csv(tmp_path / "providers.csv", [PROVIDER_HEADER, *_providers()], quoting=csv.QUOTE_ALL)
    frame, _ = _frame(path)
    assert frame["p_number"].null_count() == 3
    assert VALIDATOR.validate(path).issues.height == 0


# --- JSON ------------------------------------------------------------------------------------
def _typed(text: str | None, column_type: str):
    if text is None:
        return None
    return {"integer": int, "number": float, "boolean": lambda t: t == "true"}.get(column_type, str)(text)


def _example_rows(table: dict) -> list[dict]:
    frame = pl.read_csv(EXAMPLE / f"{table['name']}.csv", infer_schema=False)
    types = {c["name"]: c["type"] for c in table["columns"]}
    return [{k: _typed(v, types[k]) for k, v in row.items() if v is not None} for row in frame.iter_rows(named=True)]


def test_json_lines_rows_are_line_numbers(tmp_path):
    table = next(t for t in load_contract()["tables"] if t["name"] == "cases")
    rows = _example_rows(table)[:5]
    rows[2]["opened_date"] = "2023-02-30"
    lines = [json.dumps(row) for row in rows]
    lines.insert(2, "")  # a blank line: the rows after it keep their line numbers
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame, kind = _frame(path)
    assert kind == "table"
    assert frame[ROW].to_list() == [1, 2, 4, 5, 6]
    report = VALIDATOR.validate(path)
    (bad,) = _issues(report, "FFB205")
    assert (bad["row"], bad["column"], bad["pointer"]) == (4, "opened_date", None)


def test_export_document_issues_carry_json_pointers(tmp_path):
    contract = load_contract()
    document = {"schema_version": contract["schema"]["version"]}
    document.update({t["name"]: _example_rows(t) for t in contract["tables"]})
    document["cases"][3]["opened_date"] = "2023-02-30"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert report.kind == "document"
    (bad,) = _issues(report, "FFB205")
    assert bad["pointer"] == "/cases/3/opened_date"
    assert bad["row"] is None
    assert bad["source"] == str(path)


# --- packages and folders --------------------------------------------------------------------
def test_folder_of_csv_files_without_descriptor(tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    for path in EXAMPLE.glob("*.csv"):
        shutil.copy(path, folder)
    report = VALIDATOR.validate(folder)
    assert report.kind == "folder"
    assert report.valid and report.issues.height == 0, report.issues.to_dicts()[:5]
    assert report.tables["cases"]["source"] == f"{folder}/cases.csv"


def test_a_json_table_in_a_folder_is_read_not_passed_over(tmp_path):
    """citizens.json beside CSV files is one of the folder's tables (it was once skipped)."""
    folder = tmp_path / "export"
    folder.mkdir()
    for path in EXAMPLE.glob("*.csv"):
        if path.stem != "citizens":
            shutil.copy(path, folder)
    with (EXAMPLE / "citizens.csv").open(encoding="utf-8", newline="") as handle:
        rows = [{k: v for k, v in row.items() if v != ""} for row in csv.DictReader(handle)]
    for row in rows:
        row["birth_year"] = int(row["birth_year"])
    (folder / "citizens.json").write_text(json.dumps(rows), encoding="utf-8")
    report = VALIDATOR.validate(folder)
    assert report.tables["citizens"]["source"] == f"{folder}/citizens.json"
    assert report.tables["citizens"]["rows"] == len(rows)
    assert report.valid, report.issues.to_dicts()[:5]


def test_zipped_data_package(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in EXAMPLE.iterdir():
            archive.write(member, member.name)
    report = VALIDATOR.validate(path)
    assert report.kind == "package"
    assert report.valid and report.issues.height == 0, report.issues.to_dicts()[:5]
    assert report.tables["cases"]["source"] == f"{path}!cases.csv"


def test_zipped_folder_of_csv_files(tmp_path):
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for member in EXAMPLE.glob("*.csv"):
            archive.write(member, f"export/{member.name}")
    report = VALIDATOR.validate(path)
    assert report.valid and len(report.tables) == 11


# --- the Excel template ----------------------------------------------------------------------
def test_template_workbook_with_danish_names_in_coded_columns(tmp_path):
    enums = load_contract()["enums"]
    municipality = enums["MunicipalityEnum"]["values"]["665"]["title"]
    sex = enums["SexEnum"]["values"]["kvinde"]["title"]
    assert (municipality, sex) != ("665", "kvinde")
    workbook = openpyxl.load_workbook(TEMPLATE)
    sheet = workbook["citizens"]
    sheet.append(["c-001", municipality, 1970, sex, None])
    sheet.append(["c-002", "665", 1985, "mand", None])
    path = tmp_path / "indberetning.xlsx"
    workbook.save(path)

    with open_input(path) as raw:
        assert raw.kind == "workbook"
        citizens = pl.concat(list(raw.tables["citizens"].batches()))
    assert citizens.select(ROW, "municipality_code", "birth_year", "sex").rows() == [
        (2, "665", "1970", "kvinde"),
        (3, "665", "1985", "mand"),
    ]
    report = VALIDATOR.validate(path)
    (note,) = _issues(report, "FFB117")
    assert (note["severity"], note["table"], note["value"]) == ("info", "citizens", "2")
    assert report.valid, report.issues.to_dicts()


def test_workbook_row_with_cells_past_the_header(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "providers"
    sheet.append(PROVIDER_HEADER)
    for row in _providers():
        sheet.append(row)
    sheet["J3"] = "note"
    sheet.append([])
    sheet.append(["tp-900", "Sidste", "privat", None, "665", "29189757", None, "900"])
    path = tmp_path / "providers.xlsx"
    workbook.save(path)
    report = VALIDATOR.validate(path)
    (ragged,) = _issues(report, "FFB104")
    assert (ragged["row"], ragged["value"]) == (3, "10")
    assert [i["row"] for i in _issues(report, "FFB105")] == [5]


# --- one CSV: which table, and its header --------------------------------------------------
def test_table_is_recognised_from_the_header(tmp_path):
    path = tmp_path / "udtraek.csv"
    shutil.copy(EXAMPLE / "assessments.csv", path)
    frame, kind = _frame(path)
    assert kind == "table"
    report = VALIDATOR.validate(path)
    assert list(report.tables) == ["assessments"]
    assert report.valid


def test_table_option_names_the_table(tmp_path):
    path = tmp_path / "udtraek.csv"
    path.write_text("id,citizen_id,opened_date\nk-1,c-1,2023-01-05\n", encoding="utf-8")
    assert _issues(VALIDATOR.validate(path), "FFB110")  # too little to recognise
    report = VALIDATOR.validate(path, table="cases")
    assert list(report.tables) == ["cases"]
    assert [i["column"] for i in _issues(report, "FFB106")] == ["municipality_code"]


def test_table_option_on_the_command_line(tmp_path):
    path = tmp_path / "udtraek.csv"
    path.write_text("id,citizen_id,opened_date\nk-1,c-1,2023-01-05\n", encoding="utf-8")
    command = [sys.executable, "-c", "from ffb.validate.cli import main; main()"]
    result = subprocess.run([*command, "--table", "cases", "--format", "csv", str(path)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert "FFB106" in result.stdout and "municipality_code" in result.stdout
    result = subprocess.run([*command, "--table", "nonsense", "--lang", "en", str(path)], capture_output=True, text=True)
    assert result.returncode == 2 and "unknown table 'nonsense'" in result.stderr


def test_unknown_missing_and_duplicate_columns(tmp_path):
    header = [*PROVIDER_HEADER[:-3], "cvr", "p_number", "tilbudsportalen_id", "kommentar"]
    path = _write_csv(tmp_path / "providers.csv", [header, [*_providers()[0], "ok"]])
    report = VALIDATOR.validate(path)
    (unknown,) = _issues(report, "FFB108")
    assert (unknown["row"], unknown["column"]) == (1, "kommentar")

    kept = [i for i, column in enumerate(PROVIDER_HEADER) if column != "operator_kind"]
    rows = [[row[i] for i in kept] for row in [PROVIDER_HEADER, *_providers()]]
    path = _write_csv(tmp_path / "providers.csv", rows)
    report = VALIDATOR.validate(path)
    assert [i["column"] for i in _issues(report, "FFB106")] == ["operator_kind"]

    doubled = [*PROVIDER_HEADER, "name"]
    path = _write_csv(tmp_path / "providers.csv", [doubled, [*_providers()[0], "igen"]])
    report = VALIDATOR.validate(path)
    assert [i["column"] for i in _issues(report, "FFB109")] == ["name"]
    assert report.tables == {} and not report.valid


def test_blank_rows(tmp_path):
    rows = [",".join(r) for r in [PROVIDER_HEADER, *_providers()]]
    text = "\n".join([rows[0], rows[1], "", rows[2], ",,,,,,", rows[3], "", ""]) + "\n"
    path = tmp_path / "providers.csv"
    path.write_text(text, encoding="utf-8")
    frame, _ = _frame(path)
    assert frame[ROW].to_list() == [2, 4, 6]
    report = VALIDATOR.validate(path)
    blank = _issues(report, "FFB105")
    assert [(i["row"], i["severity"]) for i in blank] == [(3, "warning"), (5, "warning")]
    assert _codes(report) == {"FFB105"}


def test_quoted_delimiters_and_line_breaks_are_not_ragged(tmp_path):
    names = ['Bo, og "Bofællesskab"', "Linje et\nlinje to", "Semikolon; og komma, og\r\nlinjeskift"]
    rows = [PROVIDER_HEADER, *_providers(names), _provider(9, "")]
    path = _write_csv(tmp_path / "providers.csv", rows)
    frame, _ = _frame(path)
    assert frame["name"].to_list()[:3] == names
    report = VALIDATOR.validate(path)
    # The row after the records that span lines keeps its spreadsheet number (5, not 7).
    assert [(i["code"], i["row"], i["column"]) for i in report.issues.to_dicts()] == [("FFB201", 5, "name")]


@pytest.mark.parametrize("suffix", [".tsv", ".txt"])
def test_tab_separated(tmp_path, suffix):
    path = _write_csv(tmp_path / f"providers{suffix}", [PROVIDER_HEADER, *_providers()], delimiter="\t")
    frame, _ = _frame(path)
    assert frame["name"].to_list() == DANISH_NAMES


def test_parquet(tmp_path):
    path = tmp_path / "providers.parquet"
    pl.DataFrame(_providers(), schema=PROVIDER_HEADER, orient="row").write_parquet(path)
    frame, _ = _frame(path)
    assert frame[ROW].to_list() == [2, 3, 4]
    assert VALIDATOR.validate(path).issues.height == 0

"""ffb-validate reads hostile input right: the verdict never depends on how a value or a file
name happens to be written, and no input makes it crash or exhaust memory.

Each test builds its input in tmp_path from the example package or from a few lines.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ffb.validate.engine import Validator
from support import EXAMPLE, TODAY, copy_example, find_row, read_rows, set_cell, write_rows

VALIDATOR = Validator(today=TODAY)
CONTRACT = json.loads((Path(__file__).resolve().parents[1] / "src/ffb/contract/compiled.json").read_text("utf-8"))
TABLES = {table["name"]: table for table in CONTRACT["tables"]}
DATE_COLUMNS = [(t, c["name"]) for t, table in TABLES.items() for c in table["columns"] if c["type"] == "date"]


def _codes(report) -> list[str]:
    return report.issues["code"].to_list()


def _issues(report, code: str) -> list[dict]:
    return report.issues.filter(pl.col("code") == code).to_dicts()


def _cli(*arguments: str, timeout: float = 120) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("ffb-validate")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ffb.validate"]
    return subprocess.run([*command, *arguments], capture_output=True, text=True, timeout=timeout)


def _export_document(folder: Path) -> dict:
    """The package as one export document with native JSON types, as the JSON Schema wants."""
    document = {}
    for name, table in TABLES.items():
        rows = read_rows(folder, name)
        types = {c["name"]: c["type"] for c in table["columns"]}
        document[name] = [
            {key: _native(text, types[key]) for key, text in zip(rows[0], row) if text != ""}
            for row in rows[1:]
        ]
    return document


def _native(text: str, column_type: str) -> object:
    if column_type == "integer":
        return int(text)
    if column_type == "number":
        return float(text)
    if column_type == "boolean":
        return text == "true"
    return text


# --- dates before 1970, and year 0000 ----------------------------------------------------
@pytest.mark.parametrize("day", ["1969-12-31", "1900-01-01", "1950-06-15"])
def test_dates_before_1970_are_dates(tmp_path, day):
    """Every date column at once: a date before 1970 never stops the run."""
    folder = copy_example(tmp_path)
    baseline = VALIDATOR.validate(folder)
    assert baseline.exit_code == 0
    row = find_row(folder, "assessments", kind="visitation")
    set_cell(folder, "assessments", row, "assessment_date", day)
    report = VALIDATOR.validate(folder)
    # The date is read as a date: no type error, and the run reaches the rules across tables.
    assert "FFB205" not in _codes(report)
    assert report.exit_code in (0, 1)
    assert {i["code"] for i in report.issues.to_dicts() if i["row"] == row} - {"FFB205"}


@pytest.mark.parametrize(("table", "column"), DATE_COLUMNS)
def test_every_date_column_takes_1969(tmp_path, table, column):
    folder = copy_example(tmp_path)
    rows = read_rows(folder, table)
    position = rows[0].index(column)
    for row in rows[1:]:
        if row[position]:
            row[position] = "1969-12-31"
    write_rows(folder, table, rows)
    report = VALIDATOR.validate(folder)
    assert not _issues(report, "FFB205")


def test_dates_before_1970_in_an_export_document(tmp_path):
    folder = copy_example(tmp_path)
    document = _export_document(folder)
    for row in document["assessments"]:
        row["assessment_date"] = "1969-" + row["assessment_date"][5:]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert not _issues(report, "FFB205")
    assert report.exit_code in (0, 1)


@pytest.mark.parametrize("day", ["0000-01-01", "0000-02-29"])
def test_year_0000_is_not_a_date(tmp_path, day):
    folder = copy_example(tmp_path)
    set_cell(folder, "assessments", 2, "assessment_date", day)
    report = VALIDATOR.validate(folder)
    assert [(i["row"], i["column"]) for i in _issues(report, "FFB205")] == [(2, "assessment_date")]


# --- file names are names, never patterns --------------------------------------------------
GLOB_NAMES = ["citizens[12].csv", "borgere [2024].csv", "citizens*.csv", "citizens?.csv", "~citizens.csv"]
SIBLINGS = {"citizens1.csv": "c-1", "citizens2.csv": "c-2", "citizensX.csv": "c-x"}
BAD_CITIZEN = "c-001,665,1970,kvinde,\nc-002,999999,1971,kvinde,\n"  # 999999: no municipality


def _glob_trap(folder: Path, name: str, suffix: str) -> Path:
    """A file with an invalid row named `name`, beside valid files its name matches as a glob."""
    header = "id,municipality_code,birth_year,sex,cpr\n"
    for sibling, key in SIBLINGS.items():
        _write_table(folder / Path(sibling).with_suffix(suffix), header + f"{key},665,1970,kvinde,\n")
    target = folder / Path(name).with_suffix(suffix)
    _write_table(target, header + BAD_CITIZEN)
    return target


def _write_table(path: Path, csv_text: str) -> None:
    if path.suffix == ".csv":
        path.write_text(csv_text, encoding="utf-8")
    else:
        pl.read_csv(csv_text.encode(), infer_schema=False).write_parquet(path)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("name", GLOB_NAMES)
def test_file_name_is_not_a_glob_pattern(tmp_path, name, suffix):
    path = _glob_trap(tmp_path, name, suffix)
    report = Validator(today=TODAY).validate(path, table="citizens")
    assert report.tables["citizens"]["rows"] == 2
    assert [i["row"] for i in report.issues.to_dicts() if i["column"] == "municipality_code"] == [3]
    assert report.exit_code == 1


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("name", GLOB_NAMES)
def test_resource_path_is_not_a_glob_pattern(tmp_path, name, suffix):
    path = _glob_trap(tmp_path, name, suffix)
    (tmp_path / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "citizens", "path": path.name}]}), encoding="utf-8"
    )
    report = VALIDATOR.validate(tmp_path)
    assert report.tables["citizens"]["rows"] == 2
    assert [i["row"] for i in report.issues.to_dicts() if i["column"] == "municipality_code"] == [3]


def test_file_name_with_brackets_on_the_command_line(tmp_path):
    path = _glob_trap(tmp_path, "citizens[12].csv", ".csv")
    result = _cli(str(path), "--format", "json")
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["tables"]["citizens"]["rows"] == 2


# --- a skipped row's key still exists -------------------------------------------------------
def _referenced_provider_row(folder: Path) -> int:
    used = {row[read_rows(folder, "interventions")[0].index("provider_id")] for row in read_rows(folder, "interventions")[1:]}
    rows = read_rows(folder, "providers")
    return next(n for n, row in enumerate(rows[1:], start=2) if row[0] in used)


@pytest.mark.parametrize(
    "change", ["short", "long_row", "extra_field", "multiline_long", "long_line_in_quoted_field", "long_quoted_line"]
)
def test_skipped_row_keeps_its_key(tmp_path, change):
    folder = copy_example(tmp_path)
    rows = read_rows(folder, "providers")
    number = _referenced_provider_row(folder)
    row = rows[number - 1]
    if change == "short":
        rows[number - 1] = row[:2]
    elif change == "extra_field":
        rows[number - 1] = [*row, "extra"]
    elif change == "long_row":
        row[1] = "x" * (1024 * 1024 + 10)
    elif change == "long_line_in_quoted_field":  # a record of three lines, the middle one too long
        row[1] = 'navn "a"\n' + "x" * (1024 * 1024 + 10) + '\n"slut'
    elif change == "long_quoted_line":  # the quotes that close the field lie past the cut
        row[1] = "x" * 5000 + '"' * 3 + "x" * (1024 * 1024 + 10) + '"'
    else:
        row[1] = ("y" * 1000 + "\n") * 1100
    write_rows(folder, "providers", rows)
    report = VALIDATOR.validate(folder)
    expected = "FFB113" if "long" in change else "FFB104"
    assert [(i["code"], i["table"], i["row"]) for i in report.issues.to_dicts() if i["severity"] == "error"] == [
        (expected, "providers", number)
    ]


def test_skipped_row_whose_key_cannot_be_read_invents_no_dangling_references(tmp_path):
    folder = copy_example(tmp_path)
    rows = read_rows(folder, "providers")
    number = _referenced_provider_row(folder)
    header = rows[0]
    # The key column moved to the end of the header: the short row does not reach it.
    rows = [[*r[1:], r[0]] for r in rows]
    rows[number - 1] = rows[number - 1][:2]
    write_rows(folder, "providers", rows)
    assert header[0] == "id"
    report = VALIDATOR.validate(folder)
    assert not _issues(report, "FFB213")
    assert [i["row"] for i in _issues(report, "FFB104")] == [number]


def test_workbook_row_past_the_header_keeps_its_key(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    folder = copy_example(tmp_path)
    number = _referenced_provider_row(folder)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name in ("providers", "interventions"):
        sheet = workbook.create_sheet(name)
        for row in read_rows(folder, name):
            sheet.append(row)
    workbook["providers"].cell(number, 12, "past the header")
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    report = VALIDATOR.validate(path)
    assert [i["row"] for i in _issues(report, "FFB104")] == [number]
    assert not _issues(report, "FFB213")


# --- numbers that do not fit --------------------------------------------------------------
@pytest.mark.parametrize("value", ["1e309", "-1e309", "1" * 400, "inf", "NaN"])
def test_overflowing_number_is_not_a_number(tmp_path, value):
    folder = copy_example(tmp_path)
    set_cell(folder, "prices", 2, "amount_dkk", value)
    report = VALIDATOR.validate(folder)
    assert [(i["row"], i["column"]) for i in _issues(report, "FFB204")] == [(2, "amount_dkk")]
    assert not _issues(report, "FFB406")


@pytest.mark.parametrize("value", ["1e309", "-Infinity", "NaN", "Infinity"])
def test_overflowing_number_in_json_is_not_accepted(tmp_path, value):
    folder = copy_example(tmp_path)
    document = _export_document(folder)
    path = tmp_path / "export.json"
    text = json.dumps(document).replace(
        f'"amount_dkk": {document["prices"][0]["amount_dkk"]}', f'"amount_dkk": {value}', 1
    )
    assert value in text
    path.write_text(text, encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert report.exit_code == 1
    assert {i["code"] for i in report.issues.to_dicts() if i["severity"] == "error"} & {"FFB114", "FFB204", "FFB115"}


# --- JSON as JSON is written -----------------------------------------------------------------
def _document_text(tmp_path: Path) -> tuple[Path, str]:
    folder = copy_example(tmp_path)
    return tmp_path / "export.json", json.dumps(_export_document(folder), ensure_ascii=False)


def test_json_property_given_twice_is_reported(tmp_path):
    path, text = _document_text(tmp_path)
    first = text.index('"sex": ')
    text = text[:first] + '"sex": "mand", ' + text[first:]
    path.write_text(text, encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [(i["pointer"], i["value"]) for i in _issues(report, "FFB123")] == [("/citizens/0/sex", "sex")]
    assert report.exit_code == 1


def test_json_table_given_twice_is_reported(tmp_path):
    path, text = _document_text(tmp_path)
    path.write_text(text[:-1] + ', "providers": []}', encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [i["pointer"] for i in _issues(report, "FFB123")] == ["/providers"]


def test_json_lines_property_given_twice(tmp_path):
    path = tmp_path / "citizens.jsonl"
    path.write_text('{"id": "c-1", "municipality_code": "665", "id": "c-2"}\n', encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [(i["row"], i["value"]) for i in _issues(report, "FFB123")] == [(1, "id")]


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\uDBFF"])
def test_json_lone_surrogate_is_a_finding(tmp_path, escape):
    path, text = _document_text(tmp_path)
    name = json.loads(text)["providers"][0]["name"]
    text = text.replace(json.dumps(name, ensure_ascii=False), f'"{escape}{name}"', 1)
    path.write_text(text, encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [i["pointer"] for i in _issues(report, "FFB124")] == ["/providers/0/name"]
    assert report.exit_code == 1


def test_json_lone_surrogate_in_a_property_name(tmp_path):
    path = tmp_path / "citizens.json"
    path.write_text('[{"id": "c-1", "municipality_code": "665", "x\\ud800": 1}]', encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [i["pointer"] for i in _issues(report, "FFB124")] == ["/0/x\\ud800"]
    assert "FFB108" in _codes(report)


def test_json_surrogate_pair_is_one_character(tmp_path):
    path = tmp_path / "citizens.json"
    path.write_text('[{"id": "c-1", "municipality_code": "665", "sex": "\\ud83d\\ude00"}]', encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert not _issues(report, "FFB124")
    assert [i["value"] for i in _issues(report, "FFB210")] == ["\U0001F600"]


# --- native types read as the text CSV gives -----------------------------------------------
def _native_frames(folder: Path) -> dict[str, pl.DataFrame]:
    """The example's tables with the types a data team's tools infer from them."""
    return {name: pl.read_csv(folder / f"{name}.csv", try_parse_dates=True) for name in TABLES}


def _pandas_style(frame: pl.DataFrame) -> pl.DataFrame:
    """Integers as floats and missing numbers as NaN (pandas without nullable types),
    categories, decimals for money and unsigned integers."""
    columns = []
    for name, dtype in frame.schema.items():
        column = pl.col(name)
        if dtype.is_integer():
            columns.append(column.cast(pl.Float64).fill_null(float("nan")))
        elif dtype == pl.String:
            columns.append(column.cast(pl.Categorical))
        elif dtype.is_float():
            columns.append(column.cast(pl.Decimal(18, 4)))
        else:
            columns.append(column)
    return frame.select(columns)


def _zoned(frame: pl.DataFrame) -> pl.DataFrame:
    """Dates as time-zone-aware date-times at midnight, as Spark writes timestamps."""
    return frame.with_columns(
        pl.col(name).cast(pl.Datetime("us")).dt.replace_time_zone("Europe/Copenhagen")
        for name, dtype in frame.schema.items() if dtype == pl.Date
    )


def _unsigned(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col(name).cast(pl.UInt32) for name, dtype in frame.schema.items() if dtype.is_integer()
    ).with_columns(pl.col(n).cast(pl.Float32) for n, d in frame.schema.items() if d.is_float())


NATIVE_STYLES = {"inferred": lambda f: f, "pandas": _pandas_style, "zoned": _zoned, "unsigned": _unsigned}


@pytest.mark.parametrize("style", list(NATIVE_STYLES))
def test_parquet_with_native_types_reads_as_csv_does(tmp_path, style):
    folder = copy_example(tmp_path)
    frames = _native_frames(folder)
    kinds = {dtype for frame in frames.values() for dtype in frame.dtypes}
    assert {pl.Int64, pl.Float64, pl.Boolean, pl.Date, pl.String} <= kinds
    target = tmp_path / "parquet"
    target.mkdir()
    for name, frame in frames.items():
        NATIVE_STYLES[style](frame).write_parquet(target / f"{name}.parquet")
    report = VALIDATOR.validate(target)
    assert [i for i in report.issues.to_dicts() if i["severity"] != "info"] == []
    assert {name: info["rows"] for name, info in report.tables.items()} == {
        name: frame.height for name, frame in frames.items()
    }


def test_parquet_native_values_are_checked_as_their_text(tmp_path):
    """A wrong value stays wrong whatever its type: 1.5 is no whole number, a time is no date."""
    path = tmp_path / "assessments.parquet"
    folder = copy_example(tmp_path)
    frame = _native_frames(folder)["assessments"].head(3).with_columns(
        pl.Series("months_since_previous", [1.5, None, 3.0]),
        pl.Series("assessment_date", [dt.datetime(2024, 1, 1, 12, 30), dt.datetime(2024, 1, 2), None]),
    )
    frame.write_parquet(path)
    report = VALIDATOR.validate(path)
    found = {(i["code"], i["row"], i["column"], i["value"]) for i in report.issues.to_dicts()}
    assert ("FFB203", 2, "months_since_previous", "1.5") in found
    assert ("FFB205", 2, "assessment_date", "2024-01-01T12:30:00") in found
    assert not [f for f in found if f[1] == 3 and f[0] == "FFB205"]


@pytest.mark.parametrize("value", [[["a", "b"]], [{"x": 1}], [b"\xff\x00"]])
def test_parquet_nested_column_is_a_finding(tmp_path, value):
    path = tmp_path / "citizens.parquet"
    pl.DataFrame({"id": ["c-1"], "municipality_code": ["665"], "sex": value}).write_parquet(path)
    report = VALIDATOR.validate(path)
    assert [(i["code"], i["column"]) for i in report.issues.to_dicts() if i["severity"] == "error"] == [
        ("FFB125", "sex")
    ]


def test_workbook_with_native_types_reads_as_csv_does(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    folder = copy_example(tmp_path)
    frames = _native_frames(folder)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, frame in frames.items():
        sheet = workbook.create_sheet(name)
        sheet.append(frame.columns)
        for row in frame.iter_rows():
            sheet.append([float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in row])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    report = VALIDATOR.validate(path)
    assert [i for i in report.issues.to_dicts() if i["severity"] != "info"] == []


def test_json_with_native_types_reads_as_csv_does(tmp_path):
    folder = copy_example(tmp_path)
    document = _export_document(folder)
    for rows in document.values():
        for row in rows:
            for key, value in row.items():
                if isinstance(value, int) and not isinstance(value, bool):
                    row[key] = float(value)  # 1958.0, as pandas writes whole numbers
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [i for i in report.issues.to_dicts() if i["severity"] != "info"] == []


@pytest.mark.skipif(sys.platform == "win32" or __import__("os").geteuid() == 0, reason="needs file permissions")
@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx", ".json"])
def test_unreadable_file_cannot_run_whatever_its_kind(tmp_path, suffix):
    path = tmp_path / f"citizens{suffix}"
    pl.DataFrame({"id": ["c-1"], "municipality_code": ["665"]}).write_parquet(path)
    path.chmod(0)
    result = _cli(str(path))
    path.chmod(0o600)
    assert result.returncode == 2
    assert "Permission denied" in result.stderr and str(path) in result.stderr


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx", ".json"])
def test_file_that_cannot_be_opened_stops_the_run(tmp_path, suffix, monkeypatch):
    """As the test above, for a run as root, whom permissions do not stop."""
    from ffb.read import CannotRun

    path = tmp_path / f"citizens{suffix}"
    pl.DataFrame({"id": ["c-1"], "municipality_code": ["665"]}).write_parquet(path)
    real_open = Path.open

    def refusing_open(self, *arguments, **options):
        if self.name == path.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *arguments, **options)

    monkeypatch.setattr(Path, "open", refusing_open)
    with pytest.raises(CannotRun, match="Permission denied"):
        VALIDATOR.validate(path)


# --- expansion is bounded before anything is built ------------------------------------------
def _limited(**limits) -> Validator:
    from ffb.read.limits import Limits

    return Validator(today=TODAY, limits=Limits(**limits))


def _refused(validator: Validator, path: Path, option: str) -> str:
    from ffb.read.limits import LimitExceeded

    with pytest.raises(LimitExceeded) as refused:
        validator.validate(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: FFB113") and option in message
    return message


def _dictionary_parquet(path: Path, rows: int, text: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({
        "id": pa.array([f"c-{n}" for n in range(rows)]),
        "municipality_code": pa.array(["665"] * rows).dictionary_encode(),
        "sex": pa.array([text] * rows).dictionary_encode(),
    }), path, use_dictionary=True, compression="zstd")


def test_parquet_dictionary_expansion_is_refused(tmp_path):
    path = tmp_path / "citizens.parquet"
    _dictionary_parquet(path, 2_000, "x" * 10_000)
    assert path.stat().st_size < 20_000
    message = _refused(_limited(max_text_bytes=10_000_000), path, "--max-text-bytes")
    assert "20,0" in message  # the expanded size, about 20 MB
    assert _limited(max_text_bytes=30_000_000).validate(path).tables["citizens"]["rows"] == 2_000


def test_parquet_long_cell_through_a_dictionary_is_refused(tmp_path):
    path = tmp_path / "citizens.parquet"
    _dictionary_parquet(path, 3, "x" * 5_000)
    _refused(_limited(max_cell_bytes=4_000), path, "--max-cell-bytes")


def test_parquet_rows_are_counted_from_the_footer(tmp_path):
    path = tmp_path / "citizens.parquet"
    pl.DataFrame({"id": ["c-1"] * 50_000, "municipality_code": ["665"] * 50_000}).write_parquet(path)
    _refused(_limited(max_rows=49_999), path, "--max-rows")
    assert _limited(max_rows=50_000).validate(path).tables["citizens"]["rows"] == 50_000


def test_csv_rows_past_the_limit_are_refused(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_text("id,municipality_code\n" + "c-1,665\n" * 1_001, encoding="utf-8")
    _refused(_limited(max_rows=1_000), path, "--max-rows")


def test_csv_quoted_field_of_line_breaks_is_refused(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_text('id,municipality_code,sex\nc-1,665,"' + "\n" * 5_000 + '"\n', encoding="utf-8")
    _refused(_limited(max_rows=1_000), path, "--max-rows")


def test_csv_blank_lines_at_the_end_cost_no_finding(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_text("id,municipality_code\nc-1,665\n\nc-2,665\n" + "\n" * 200_000, encoding="utf-8")
    report = _limited(max_bad_rows=10).validate(path)
    assert [(i["code"], i["row"]) for i in report.issues.to_dicts() if i["row"] != 1] == [("FFB105", 3)]
    assert report.tables["citizens"]["rows"] == 2


def test_csv_too_many_bad_rows_is_refused(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_text("id,municipality_code\n" + "c-1,665,x\n" * 50 + "c-2,665\n", encoding="utf-8")
    _refused(_limited(max_bad_rows=49), path, "--max-bad-rows")
    assert len(_issues(_limited(max_bad_rows=50).validate(path), "FFB104")) == 50


def _memory_cases():
    """benchmarks/memory_cases.py, whose builders make the hostile inputs."""
    import importlib.util

    location = Path(__file__).resolve().parents[1] / "benchmarks" / "memory_cases.py"
    spec = importlib.util.spec_from_file_location("memory_cases", location)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_workbook_shared_text_expansion_is_refused(tmp_path):
    # Every cell of column A uses one 20,000-character shared text.
    path = _memory_cases().xlsx_shared_text(tmp_path, rows=500, length=20_000)
    _refused(_limited(max_text_bytes=5_000_000), path, "--max-text-bytes")
    _refused(_limited(max_cell_bytes=10_000), path, "--max-cell-bytes")
    assert _limited(max_text_bytes=20_000_000).validate(path).tables["citizens"]["rows"] == 500


def test_limits_are_options_of_the_command(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_text("id,municipality_code\n" + "c-1,665\n" * 20, encoding="utf-8")
    result = _cli(str(path), "--max-rows", "10")
    assert result.returncode == 2
    assert "--max-rows" in result.stderr and "FFB113" in result.stderr
    assert "Traceback" not in result.stderr
    help_text = _cli("--help").stdout
    for option in ("--max-rows", "--max-cell-bytes", "--max-text-bytes", "--max-bad-rows"):
        assert option in help_text


# --- a descriptor that lists one file many times -------------------------------------------
def test_resource_listed_many_times_is_read_once(tmp_path, monkeypatch):
    import ffb.read.sources as sources

    folder = copy_example(tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    citizens = next(r for r in descriptor["resources"] if r["name"] == "citizens")
    descriptor["resources"] += [dict(citizens) for _ in range(2_000)]
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    reads = []
    real = sources.read_csv_table
    monkeypatch.setattr(sources, "read_csv_table", lambda path, *a, **k: reads.append(path.name) or real(path, *a, **k))
    report = VALIDATOR.validate(folder)
    assert reads.count("citizens.csv") == 1
    repeated = _issues(report, "FFB119")
    assert len(repeated) == 2_000
    assert {i["table"] for i in repeated} == {"citizens"}


# --- the generated artefacts say what ffb-validate does ------------------------------------
def _json_schema() -> dict:
    return json.loads((Path(__file__).resolve().parents[1] / "validators/ffb.schema.json").read_text("utf-8"))


@pytest.mark.parametrize(
    ("day", "valid"),
    [("2023-02-29", False), ("2025-00-10", False), ("2025-13-01", False), ("2025-04-31", False),
     ("0000-01-01", False), ("1900-02-29", False), ("2000-02-29", True), ("2024-02-29", True),
     ("1969-12-31", True), ("2025-1-01", False)],
)
def test_json_schema_rejects_impossible_dates_without_a_format_checker(tmp_path, day, valid):
    """Draft 2019-09 leaves `format` unchecked by default: the schema's own pattern decides,
    and ffb-validate agrees with it."""
    import jsonschema

    folder = copy_example(tmp_path)
    document = _export_document(folder)
    document["assessments"][0]["assessment_date"] = day
    validator = jsonschema.Draft201909Validator(_json_schema())  # no format checker
    schema_errors = [e for e in validator.iter_errors(document) if "assessment_date" in e.json_path]
    assert (not schema_errors) == valid
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    ffb_errors = _issues(VALIDATOR.validate(path), "FFB205")
    assert (not ffb_errors) == valid


def test_null_table_is_refused_by_both(tmp_path):
    import jsonschema

    folder = copy_example(tmp_path)
    document = _export_document(folder)
    document["goals"] = None
    errors = list(jsonschema.Draft201909Validator(_json_schema()).iter_errors(document))
    assert [e.json_path for e in errors] == ["$.goals"]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert [i["pointer"] for i in _issues(VALIDATOR.validate(path), "FFB114")] == ["/goals"]


def test_descriptor_says_which_encodings_are_read():
    descriptor = json.loads((Path(__file__).resolve().parents[1] / "validators/datapackage.json").read_text("utf-8"))
    assert {r["encoding"] for r in descriptor["resources"]} == {"utf-8"}
    assert "Windows-1252" in descriptor["description"] and "FFB111" in descriptor["description"]


# --- messages that say what is wrong -------------------------------------------------------
def test_decomposed_danish_name_is_recognised_as_a_name(tmp_path):
    import unicodedata

    from ffb.contract.codes import Codes

    folder = copy_example(tmp_path)
    title = "Svært nedsat funktionsevne"
    code = Codes().code("FunctionLevelEnum", title)
    row = find_row(folder, "assessments", function_level=code)
    set_cell(folder, "assessments", row, "function_level", unicodedata.normalize("NFD", title))
    report = VALIDATOR.validate(folder)
    assert [(i["row"], code in i["message"]) for i in _issues(report, "FFB211")] == [(row, True)]
    assert not _issues(report, "FFB210")


@pytest.mark.parametrize(
    ("text", "shown"),
    [('{"goals": null}', "null"), ('{"cases": [1, null]}', "null"), ('{"citizens": [null]}', "null")],
)
def test_malformed_json_message_names_the_value(tmp_path, text, shown):
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    report = VALIDATOR.validate(path)
    messages = [i["message"] for i in _issues(report, "FFB114")]
    assert messages and all("()" not in m for m in messages)
    assert any(f"({shown})" in m for m in messages)


@pytest.mark.parametrize("descriptor", ["[]", '{"resources": 3}', '{"resources": [{"name": "citizens"}]}'])
def test_malformed_descriptor_message_names_the_place(tmp_path, descriptor):
    (tmp_path / "datapackage.json").write_text(descriptor, encoding="utf-8")
    report = VALIDATOR.validate(tmp_path)
    messages = [i["message"] for i in _issues(report, "FFB114")]
    assert messages and all("()" not in m for m in messages)


# --- honest findings instead of raw errors -------------------------------------------------
CITIZENS_CSV = "id,municipality_code\nc-1,665\n"


@pytest.mark.parametrize(
    ("members", "shown"),
    [({"x.csv": CITIZENS_CSV, "x.csv/y.csv": CITIZENS_CSV}, "x.csv"),
     ({"a" * 300 + ".csv": CITIZENS_CSV}, "a" * 100)],
)
def test_zip_member_that_cannot_be_a_file(tmp_path, members, shown):
    import zipfile

    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    report = VALIDATOR.validate(path)
    (finding,) = _issues(report, "FFB126")
    assert shown in finding["value"]
    assert "ffb-" not in finding["message"] and "/tmp" not in finding["message"]


def test_zip_with_a_folder_named_like_the_descriptor(tmp_path):
    import zipfile

    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("datapackage.json/citizens.csv", CITIZENS_CSV)
    report = VALIDATOR.validate(path)
    assert report.tables["citizens"]["rows"] == 1
    assert all("ffb-" not in m for m in report.issues["message"].to_list())


def test_unsupported_resource_does_not_stop_the_package(tmp_path):
    folder = copy_example(tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "goals":
            resource["path"] = "goals.xls"
        if resource["name"] == "prices":
            resource["path"] = "prices.zip"
    (folder / "goals.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    (folder / "prices.zip").write_bytes((folder / "prices.csv").read_bytes())
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = VALIDATOR.validate(folder)
    assert sorted(i["value"] for i in _issues(report, "FFB127")) == ["goals.xls", "prices.zip"]
    assert report.tables["citizens"]["rows"] > 0


def test_encrypted_workbook_says_so(tmp_path):
    path = tmp_path / "citizens.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000))
    assert _codes(VALIDATOR.validate(path)) == ["FFB128"]


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_csv_named_as_workbook_says_so(tmp_path, encoding):
    path = tmp_path / "borgere.xlsx"
    path.write_bytes("id;municipality_code;sex\nc-1;665;Søren\n".encode(encoding))
    report = VALIDATOR.validate(path)
    assert [(i["code"], i["value"]) for i in report.issues.to_dicts()] == [("FFB129", ".xlsx")]


def test_csv_mixing_utf8_and_windows_1252_is_not_read_as_either(tmp_path):
    path = tmp_path / "providers.csv"
    lines = ["id,name,ownership", "tp-1,Bostøtten,egen_kommune", "tp-2,Åen,egen_kommune"]
    path.write_bytes(("\n".join(lines[:2]) + "\n").encode("utf-8") + (lines[2] + "\n").encode("cp1252"))
    report = VALIDATOR.validate(path)
    assert [(i["code"], i["row"]) for i in report.issues.to_dicts()] == [("FFB130", 3)]


def test_windows_1252_alone_is_still_read(tmp_path):
    path = tmp_path / "providers.csv"
    path.write_bytes("id,name,ownership\ntp-1,Bostøtten Åen,egen_kommune\n".encode("cp1252"))
    assert "FFB111" in _codes(VALIDATOR.validate(path))


def test_very_wide_header_is_too_large_not_missing(tmp_path):
    path = tmp_path / "citizens.csv"
    path.write_text(",".join(f"column_{n}" for n in range(100_000)) + "\n", encoding="utf-8")
    report = VALIDATOR.validate(path)
    assert [(i["code"], i["row"]) for i in report.issues.to_dicts()] == [("FFB113", 1)]


# --- a large file is read a slice at a time ---------------------------------------------------
@pytest.mark.parametrize("slice_bytes", [1_000, 1_001, 1_002, 1_003])
@pytest.mark.parametrize("ending", ["\n", "\r\n", ""])
def test_large_file_read_in_slices_gives_the_same_rows(tmp_path, monkeypatch, ending, slice_bytes):
    """Every row once, with its number, wherever a slice ends (in a line, a line break, or
    inside a two-byte character: every id ends in "øæ")."""
    import ffb.read.csv_table as csv_table
    from ffb.read import open_input

    rows = read_rows(EXAMPLE, "assessments")
    rows = [rows[0]] + [[row[0] + "øæ", *row[1:]] for row in rows[1:]]
    text = "\n".join(",".join(row) for row in rows).replace("\n", "\r\n" if ending == "\r\n" else "\n") + ending
    path = tmp_path / "assessments.csv"
    path.write_text(text, encoding="utf-8", newline="")

    def read() -> list[pl.DataFrame]:
        with open_input(path) as raw:
            return list(raw.tables["assessments"].batches())

    (whole,) = read()
    monkeypatch.setattr(csv_table, "WHOLE_FILE_BYTES", 100)
    monkeypatch.setattr(csv_table, "SLICE_BYTES", slice_bytes)  # a few rows per slice
    slices = read()
    assert len(slices) > 10
    sliced = pl.concat(slices)
    assert sliced.height == whole.height == len(rows) - 1
    assert sliced.equals(whole)
    assert sliced["_row"].to_list() == list(range(2, len(rows) + 1))


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b""])
def test_long_lines_are_found_across_chunks_and_at_the_end(tmp_path, monkeypatch, ending):
    from ffb.read import long_lines

    monkeypatch.setattr(long_lines, "CHUNK_BYTES", 7)
    lines = [b"id,x", b"a,1", b"b," + b"y" * 40, b"c,2", b"d," + b"z" * 25]
    path = tmp_path / "t.csv"
    path.write_bytes(b"\n".join(line + (b"\r" if ending == b"\r\n" else b"") for line in lines) + ending[-1:])
    cr = 1 if ending == b"\r\n" else 0
    found = long_lines.find_long_lines(path, 20)
    assert [(f.line, f.size) for f in found] == [(3, 42 + cr), (5, 27 + cr * (ending != b""))]
    assert long_lines.scan_lines(path, 20).lines == len(lines)  # counted in the same pass
    data = path.read_bytes()
    assert all(data[f.start:f.start + 2] in (b"b,", b"d,") for f in found)
    copy = tmp_path / "cut.csv"
    cut = long_lines.copy_with_long_lines_cut(path, found, 5, copy)
    assert [c.head for c in cut] == ["b,yyy", "d,zzz"]
    assert copy.read_bytes().count(b"\n") == data.count(b"\n")  # every row keeps its number


def test_a_long_line_costs_little_memory_to_find(tmp_path):
    """The 50 MB line is cut before polars reads the file: the reader never holds it."""
    from ffb.read.row_shapes import find_bad_rows

    path = tmp_path / "citizens.csv"
    path.write_text("id,municipality_code,birth_year,sex\n" + "y" * (5 * 1024 * 1024) + ",665,1970,mand\n"
                    "b2,665,1970,mand\n", encoding="utf-8")
    shapes = find_bad_rows(path, ",", 4, workdir=tmp_path)
    assert [(b.row, b.problem, b.size) for b in shapes.bad] == [(2, "long", 5 * 1024 * 1024 + 14)]
    assert shapes.path is not None and shapes.path.stat().st_size < 10_000


def test_formula_without_saved_value_says_so(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "citizens"
    sheet.append(["id", "municipality_code", "birth_year", "sex", "cpr"])
    sheet.append(["b1", "665", "=1900+58", "mand", None])  # openpyxl saves no result
    sheet.append(["b2", "665", 1970, "kvinde", None])
    sheet.append(["=\"b\"&3", "665", 1971, "kvinde", None])
    path = tmp_path / "borgere.xlsx"
    workbook.save(path)
    report = VALIDATOR.validate(path)
    found = [(i["code"], i["row"], i["column"]) for i in report.issues.to_dicts() if i["code"] in ("FFB132", "FFB201")]
    assert sorted(found) == [("FFB132", 2, "birth_year"), ("FFB132", 4, "id"), ("FFB201", 4, "id")]
    (first,) = [i for i in report.issues.to_dicts() if i["code"] == "FFB132" and i["row"] == 2]
    assert "C2" in first["message"]


def test_workbook_without_formulas_has_no_formula_finding(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "citizens"
    sheet.append(["id", "municipality_code", "birth_year", "sex", "cpr"])
    sheet.append(["b1", "665", 1958, "mand", None])
    path = tmp_path / "borgere.xlsx"
    workbook.save(path)
    assert not VALIDATOR.validate(path).issues.filter(pl.col("code") == "FFB132").height


# --- the byte check that lets a plain file skip the line scan ----------------------------------


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet='ab,;"\r\n ø', max_size=60), delimiter=st.sampled_from([",", ";"]),
       width=st.integers(1, 4))
def test_a_file_passed_as_plain_has_no_bad_row(tmp_path_factory, text, delimiter, width):
    """Whenever the byte check calls a file plain, the line scan finds no bad row in it."""
    from ffb.read import row_shapes

    path = tmp_path_factory.mktemp("plain") / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    if not row_shapes._plainly_fine(path, delimiter, width):
        return
    original = row_shapes._plainly_fine
    try:
        row_shapes._plainly_fine = lambda *args: False
        shapes = row_shapes.find_bad_rows(path, delimiter, width)
    finally:
        row_shapes._plainly_fine = original
    assert shapes.bad == [] and shapes.last_row is None and not shapes.quoted


def test_the_byte_check_passes_an_ordinary_file(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("id;navn\r\n1;Århus\r\n2;Ærø\r\n".encode("utf-8"))
    from ffb.read import row_shapes

    assert row_shapes._plainly_fine(path, ";", 2)
    path.write_bytes(b"id;navn\r\n1;x\r\n\r\n")
    assert not row_shapes._plainly_fine(path, ";", 2)  # a blank line at the end: look closer

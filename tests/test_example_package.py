"""The bundled example export (examples/canonical) against the contract.

It must be a valid Frictionless data package, rich enough to exercise every coded column,
valid as one Export JSON document, and exactly what `ffb example` writes. A copy with one
seeded error of each kind shows that the package's schema catches what it should.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import jsonschema
import pytest
from frictionless import validate

from ffb import models
from ffb.canonical.writer import write_package
from ffb.cli import example as example_command
from ffb.contract.codes import Codes, load_contract
from ffb.synth.example import build_example

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "canonical"
DESCRIPTOR = EXAMPLE / "datapackage.json"

MIN_CITIZENS = 30
# "Most" cases are followed: at least this share has two or more assessments.
MIN_SHARE_OF_FOLLOWED_CASES = 0.8
MIN_DISTINCT_CODES = 2

def _read_table(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _coded_columns() -> list:
    params = []
    for table in load_contract()["tables"]:
        for column in table["columns"]:
            if "enum" not in column:
                continue
            key = (table["name"], column["name"])
            params.append(pytest.param(*key, id=".".join(key)))
    return params


@pytest.fixture(scope="module")
def tables(contract) -> dict[str, list[dict[str, str]]]:
    return {table["name"]: _read_table(EXAMPLE, table["name"]) for table in contract["tables"]}


def _describe(report) -> str:
    lines = []
    for task in report.tasks:
        for error in task.errors[:20]:
            lines.append(f"{task.name}: {error.message}")
    for error in report.errors:
        lines.append(error.message)
    return "\n".join(lines)


# --- the package as it is ---------------------------------------------------------------------


def test_example_passes_frictionless_validation():
    report = validate(str(DESCRIPTOR))
    assert report.valid, _describe(report)
    # Every resource was checked, not just the descriptor.
    assert {task.name for task in report.tasks} == {t["name"] for t in load_contract()["tables"]}


def test_every_table_has_rows(tables):
    empty = [name for name, rows in tables.items() if not rows]
    assert not empty


def test_enough_citizens(tables):
    assert len(tables["citizens"]) >= MIN_CITIZENS


def test_citizens_have_cases_that_are_followed_up(tables):
    cases_per_citizen = Counter(case["citizen_id"] for case in tables["cases"])
    without_case = [c["id"] for c in tables["citizens"] if cases_per_citizen[c["id"]] == 0]
    assert not without_case, f"citizens without a case: {without_case}"

    assessments_per_case = Counter(a["case_id"] for a in tables["assessments"])
    followed = [case for case in tables["cases"] if assessments_per_case[case["id"]] >= 2]
    share = len(followed) / len(tables["cases"])
    assert share >= MIN_SHARE_OF_FOLLOWED_CASES, f"only {share:.0%} of cases have two or more assessments"
    # The same share of citizens has at least one case that was assessed more than once.
    followed_citizens = {case["citizen_id"] for case in followed}
    share_citizens = len(followed_citizens) / len(tables["citizens"])
    assert share_citizens >= MIN_SHARE_OF_FOLLOWED_CASES, f"only {share_citizens:.0%} of citizens are followed"


@pytest.mark.parametrize(("table", "column"), _coded_columns())
def test_coded_column_uses_several_codes(table, column, tables):
    used = {row[column] for row in tables[table] if row[column] != ""}
    assert len(used) >= MIN_DISTINCT_CODES, f"{table}.{column} only uses {sorted(used)}"


# --- the package as one JSON document ---------------------------------------------------------


def _json_value(text: str, column: dict):
    kind = column["type"]
    if kind == "integer":
        return int(text)
    if kind == "number":
        return float(text)
    if kind == "boolean":
        if text not in ("true", "false"):
            raise ValueError(f"{column['name']}: {text!r} is not true or false")
        return text == "true"
    return text  # strings, codes and ISO dates stay text


def assemble_export(folder: Path, contract: dict) -> dict:
    """The package's rows as one Export document, typed as the contract says; empty cells omitted."""
    document: dict = {"schema_version": contract["schema"]["version"]}
    for table in contract["tables"]:
        columns = {column["name"]: column for column in table["columns"]}
        document[table["name"]] = [
            {name: _json_value(text, columns[name]) for name, text in row.items() if text != ""}
            for row in _read_table(folder, table["name"])
        ]
    return document


@pytest.fixture(scope="module")
def export_document(contract) -> dict:
    return assemble_export(EXAMPLE, contract)


def test_every_row_validates_against_the_json_schema(export_document, json_schema):
    validator_class = jsonschema.validators.validator_for(json_schema)
    validator = validator_class(json_schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(export_document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20]
    )
    # The document is not vacuously valid: every table contributed rows.
    assert all(export_document[t] for t in export_document if t != "schema_version")


def test_the_export_document_validates_against_the_pydantic_model(export_document):
    export = models.Export.model_validate(export_document)
    assert len(export.citizens) == len(export_document["citizens"])


# --- the committed example is what the generator writes ---------------------------------------


def test_committed_example_is_up_to_date(tmp_path):
    # The same call as `ffb example` with its default options.
    defaults = {param.name: param.default for param in example_command.params}
    rows = build_example(Codes(), citizens=defaults["citizens"], seed=defaults["seed"])
    counts = write_package(tmp_path, rows)
    fresh = sorted(path.name for path in tmp_path.iterdir())
    committed = sorted(path.name for path in EXAMPLE.iterdir() if path.is_file())
    assert fresh == committed, "the example folder holds other files than `ffb example` writes"
    stale = [name for name in fresh if (tmp_path / name).read_bytes() != (EXAMPLE / name).read_bytes()]
    assert not stale, f"stale example files (run `ffb example`): {stale}"
    assert all(counts.values())


# --- one seeded error of each kind ------------------------------------------------------------


def _first_filled_row(rows: list[dict[str, str]], column: str, skip: int = 2) -> int:
    for index, row in enumerate(rows):
        if index >= skip and row[column] != "":
            return index
    raise AssertionError(f"no filled {column} after row {skip}")


# Each seeder returns the faulty value for row `index` of a table; `table` is its contract entry.
def _bad_code(rows, index, column, table):
    return "not-a-code"


def _impossible_date(rows, index, column, table):
    return "2023-02-30"


def _missing(rows, index, column, table):
    return ""


def _under_minimum(rows, index, column, table):
    spec = next(c for c in table["columns"] if c["name"] == column)
    return str(spec["minimum"] - 1)


def _duplicate(rows, index, column, table):
    return rows[index - 1][column]


def _dangling(rows, index, column, table):
    return "no-such-row"


# (kind, table, column, new value, frictionless error type, constraint named in the error)
SEEDED_ERRORS = [
    ("bad code", "assessments", "function_level", _bad_code, "constraint-error", "enum"),
    ("bad date", "cases", "opened_date", _impossible_date, "type-error", None),
    ("missing required value", "interventions", "legal_basis", _missing, "constraint-error", "required"),
    ("value under its minimum", "citizens", "birth_year", _under_minimum, "constraint-error", "minimum"),
    ("duplicate id", "prices", "id", _duplicate, "primary-key", None),
    ("dangling foreign key", "goals", "assessment_id", _dangling, "foreign-key", None),
]


@pytest.mark.parametrize(
    ("kind", "table_name", "column", "make_value", "error_type", "constraint"),
    SEEDED_ERRORS,
    ids=[seed[0].replace(" ", "-") for seed in SEEDED_ERRORS],
)
def test_seeded_error_is_reported(kind, table_name, column, make_value, error_type, constraint, tmp_path, contract):
    package = tmp_path / "package"
    shutil.copytree(EXAMPLE, package)
    table = next(t for t in contract["tables"] if t["name"] == table_name)
    rows = _read_table(package, table_name)
    index = _first_filled_row(rows, column)
    value = make_value(rows, index, column, table)
    assert rows[index][column] != value, "the seeded value must change the row"
    rows[index][column] = value
    with (package / f"{table_name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    row_number = index + 2  # frictionless counts the header as row 1

    report = validate(str(package / "datapackage.json"))
    assert not report.valid, f"{kind} was not reported"
    found = defaultdict(list)
    for task in report.tasks:
        for error in task.errors:
            found[task.name].append(error)
    assert set(found) == {table_name}, f"errors outside {table_name}: {_describe(report)}"
    errors = found[table_name]
    assert len(errors) == 1, _describe(report)
    error = errors[0]
    assert error.type == error_type, _describe(report)
    assert error.row_number == row_number
    if error_type in ("type-error", "constraint-error"):
        assert error.field_name == column
    elif error_type == "foreign-key":
        assert error.field_names == [column]
    elif error_type == "primary-key":
        assert table["primary_key"] == [column]
        assert error.cells[[c["name"] for c in table["columns"]].index(column)] == value
    if constraint:
        assert f'"{constraint}"' in error.note, error.note

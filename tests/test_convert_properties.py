"""Property tests: whatever an export holds, a conversion never loses or invents a record."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ffb.convert.run import run_conversion
from support import ROOT
from test_convert import KEY, assert_accounted

FLAT = ROOT / "examples" / "sources" / "flat-csv-da" / "udtraek.csv"
with FLAT.open(encoding="cp1252", newline="") as _handle:
    _TABLE = list(csv.reader(_handle, delimiter=";"))
HEADER, EXAMPLE_ROWS = _TABLE[0], [row for row in _TABLE[1:] if row]

# Values a messy export may hold in any cell: good ones from the example, and junk.
# Free-text notes as exports write them: quoted, over several lines, with quotes and separators.
NOTES = st.sampled_from(["", "to\nlinjer", 'sagt "nej"\n\nså ja', "a;b\r\nc", '"', "\n"])
JUNK = st.sampled_from(["", " ", "ukendt", "31-02-2023", "7.5", "x", "§ 999", "0101", "ÆØÅ", "1.2.3", "-", "NULL"])


@st.composite
def exports(draw) -> list[list[str]]:
    rows = draw(st.lists(st.sampled_from(EXAMPLE_ROWS), min_size=0, max_size=12))
    rows = [list(row) for row in rows]
    for row in rows:
        for _ in range(draw(st.integers(0, 3))):
            column = draw(st.integers(0, len(HEADER) - 1))
            row[column] = draw(JUNK)
    return rows


def _write(path: Path, rows: list[list[str]], line_end: str = "\r\n") -> None:
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator=line_end)
        writer.writerow(HEADER)
        writer.writerows(rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=exports())
def test_flat_csv_da_never_loses_or_invents_a_record(tmp_path_factory, rows) -> None:
    folder = tmp_path_factory.mktemp("prop")
    source = folder / "udtraek.csv"
    _write(source, rows)
    result = run_conversion("flat-csv-da", [source], folder / "out", KEY)
    report = result.report
    assert_accounted(report)
    filled = [row for row in rows if any(cell.strip() for cell in row)]
    assert report["records_in"] == len(filled)
    rejected_rows = {int(r) for r in result.rejects["row"].to_list()}
    assert report["records_rejected"] == len(rejected_rows)
    # Every accepted row is an assessment of its own (rows repeat only when the draw repeats one).
    assessments = (folder / "out" / "assessments.csv").read_text("utf-8").count("\n") - 1
    assert assessments <= report["records_out"]
    assert json.loads((folder / "out" / "conversion-report.json").read_text("utf-8"))["records_in"] == len(filled)


SEP = ROOT / "examples" / "sources" / "sep-template" / "sep-skabelon.xlsx"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 120), JUNK), max_size=6))
def test_sep_template_never_loses_or_invents_a_registration(tmp_path_factory, edits) -> None:
    from openpyxl import load_workbook

    folder = tmp_path_factory.mktemp("sep")
    workbook = load_workbook(SEP)
    sheet = workbook["Indberetning"]
    for row, column, value in edits:
        sheet.cell(row=row + 2, column=column + 1, value=value or None)
    path = folder / "sep.xlsx"
    workbook.save(path)
    result = run_conversion("sep-template", [path], folder / "out", KEY)
    report = result.report
    assert_accounted(report)
    source = report["sources"][0]
    registrations = source["registrations"]
    assessments = (folder / "out" / "assessments.csv").read_text("utf-8").count("\n") - 1
    # Each registration that was not rejected is exactly one assessment.
    assert assessments == registrations["records_out"]


EXCEL_TEMPLATE = ROOT / "examples" / "sources" / "excel-template" / "ffb-skabelon-udfyldt.xlsx"
TABLE_SHEETS = ["citizens", "cases", "case_target_groups", "assessments", "conditions", "goals",
                "goal_conditions", "interventions", "follow_ups", "providers", "prices"]
# What hands do to a picked Danish name or a typed value: spaces, case, junk, an empty cell.
TOUCHES = st.sampled_from(["space after", "space before", "upper", "lower", "junk", "empty"])


def _touched(value, touch: str, junk: str):
    if touch == "empty":
        return None
    if touch == "junk":
        return junk
    if not isinstance(value, str):
        return value
    return {"space after": value + " ", "space before": " " + value, "upper": value.upper(),
            "lower": value.lower()}[touch]


def _filled_rows(sheet) -> int:
    return sum(1 for row in sheet.iter_rows(min_row=2, values_only=True)
               if any(v is not None and str(v).strip() for v in row))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(TABLE_SHEETS), st.integers(0, 40), st.integers(0, 15), TOUCHES, JUNK),
                      max_size=8))
def test_excel_template_never_loses_or_invents_a_record(tmp_path_factory, edits) -> None:
    """The contract's own template, filled in and then touched by hand: every filled row of
    every table sheet is counted in, and comes out or is rejected, never both, never neither."""
    from openpyxl import load_workbook

    folder = tmp_path_factory.mktemp("template")
    workbook = load_workbook(EXCEL_TEMPLATE)
    for name, row, column, touch, junk in edits:
        sheet = workbook[name]
        rows = _filled_rows(sheet)
        if not rows or column >= sheet.max_column:
            continue
        cell = sheet.cell(row=2 + row % rows, column=column + 1)
        cell.value = _touched(cell.value, touch, junk)
    path = folder / "skabelon.xlsx"
    workbook.save(path)
    expected = {name: _filled_rows(workbook[name]) for name in TABLE_SHEETS}
    result = run_conversion("excel-template", [path], folder / "out", KEY)
    report = result.report
    assert_accounted(report)
    counted = {source["sheet"]: source["records_in"] for source in report["sources"]}
    assert counted == expected
    rejected_rows = result.rejects.select("sheet", "row").unique().height if result.rejects.height else 0
    assert report["records_rejected"] == sum(s["records_rejected"] for s in report["sources"])
    assert rejected_rows >= min(1, report["records_rejected"])


# --- the FHIR round trip ---------------------------------------------------------------------
# The canonical columns KL's FFB Bundles carry: written out and read back, each keeps its value.
CARRIED = {
    "citizens": ["municipality_code"],
    "cases": ["case_number", "opened_date", "closed_date"],
    "case_target_groups": ["target_group", "recorded_date", "rank"],
    "assessments": ["assessment_date", "kind", "support_need_level"],
    "conditions": ["condition", "function_level"],
    "goals": ["goal_type", "target_function_level", "set_date", "expected_date", "goal_level"],
    "goal_conditions": ["rank"],
    "interventions": ["service", "offer_type", "start_date", "end_date"],
    "follow_ups": ["follow_up_date", "intervention_status"],
}


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), citizens=st.integers(1, 6), registrations=st.integers(1, 4))
def test_fhir_round_trip_keeps_every_code_and_date(seed, citizens, registrations) -> None:
    """Random canonical data (the synthetic population) written as Bundles and read back:
    every coded value and date of every carried column comes back, row for row."""
    from collections import Counter

    import polars as pl

    from ffb.contract.codes import load_contract
    from ffb.fhir.read import bundle_rows
    from ffb.fhir.write import write_bundles
    from ffb.synth.population import build_population

    population = build_population(["101"], citizens=citizens, registrations=registrations, seed=seed)
    tables = {n: f.with_columns(pl.all().cast(pl.String)).to_dicts() for n, f in population.tables.items()}
    for number, citizen in enumerate(tables["citizens"]):
        citizen["cpr"] = f"{number % 28 + 1:02d}0190-1{number % 1000:03d}"  # fictional
    bundles = write_bundles(tables, {"101": "sts-101"}, timestamp="2025-01-31T12:00:00+01:00")
    assert len(bundles) == len(tables["citizens"])
    back: dict[str, list[dict]] = {}
    enums = load_contract()["enums"]
    for bundle in bundles:
        read = bundle_rows(bundle, enums, {"sts-101": "101"}, {})
        assert read.problems == []
        for name, rows in read.tables.items():
            back.setdefault(name, []).extend(rows)

    def facts(rows: list[dict], columns: list[str]) -> Counter:
        return Counter(tuple(None if r.get(c) is None else str(r[c]) for c in columns) for r in rows)

    for name, columns in CARRIED.items():
        assert facts(back.get(name, []), columns) == facts(tables.get(name, []), columns), name


def _package(folder: Path) -> dict[str, object]:
    """Every file of a converted package, the report without its time of conversion, and a
    table's rows in sorted order (a table merged in parts lists them part by part)."""
    files = {}
    for path in sorted(folder.iterdir()):
        if path.name == "conversion-report.json":
            report = json.loads(path.read_text("utf-8"))
            report.pop("converted_at")
            files[path.name] = report
        elif path.suffix == ".csv" and path.name != "rejects.csv":
            header, *lines = path.read_bytes().split(b"\n")
            files[path.name] = (header, sorted(lines))
        else:
            files[path.name] = path.read_bytes()
    return files


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=exports(), batch=st.integers(1, 600), notes=st.lists(NOTES, max_size=4), crlf=st.booleans(),
       short=st.booleans())
def test_reading_in_batches_changes_nothing(tmp_path_factory, monkeypatch, rows, batch, notes, crlf, short) -> None:
    """A large export is converted a slice of bytes at a time, with each table's rows kept on
    disk between slices and merged in parts; the package must be the one a whole reading
    gives, also when a quoted note runs over several lines across a slice's end."""
    from ffb.convert import engine, sources

    folder = tmp_path_factory.mktemp("batches")
    source = folder / "udtraek.csv"
    note = HEADER.index("Bemærkning")
    rows = [list(row) for row in rows]
    for row, text in zip(rows, notes):
        row[note] = text
    if short:  # some exports stop a row at its last filled cell
        rows = [row[: max((i + 1 for i, cell in enumerate(row) if cell), default=1)] for row in rows]
    _write(source, rows, "\r\n" if crlf else "\n")
    run_conversion("flat-csv-da", [source], folder / "whole", KEY)
    spilled = []
    spill = engine._Candidates.spill

    def counting_spill(self) -> None:
        spill(self)
        spilled.append(sum(len(files) for files in self.files.values()))

    with monkeypatch.context() as patch:
        patch.setattr(sources, "BATCH_BYTES", batch)
        patch.setattr(engine._Candidates, "spill", counting_spill)
        run_conversion("flat-csv-da", [source], folder / "batched", KEY)
    filled = sum(1 for row in rows if any(cell.strip() for cell in row))
    if len(rows) >= 2 and batch < 200:  # every row of the example is longer than 200 bytes
        assert spilled and spilled[-1] > 0, "the rows were not read in batches"
    assert _package(folder / "batched") == _package(folder / "whole")

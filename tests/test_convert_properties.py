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


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
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

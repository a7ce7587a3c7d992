"""--format xlsx: a workbook with a summary sheet and one sheet per severity, every issue with
the spreadsheet cell it is about."""

from __future__ import annotations

import subprocess
import sys

import pytest

from first_export import ASSESSMENTS, FIRST_EXPORT, write_first_export

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xlsx")
    export = write_first_export(folder / "export", {**FIRST_EXPORT, **ASSESSMENTS})
    path = folder / "rapport.xlsx"
    result = subprocess.run([sys.executable, "-m", "ffb.validate", str(export), "--format", "xlsx", "-o", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr
    return openpyxl.load_workbook(path)


def test_sheets_per_severity_after_a_summary(workbook):
    assert workbook.sheetnames == ["Oversigt", "Fejl", "Advarsler", "Info"]
    summary = {row[0]: row[1] for row in workbook["Oversigt"].iter_rows(values_only=True) if row[0]}
    assert summary["Resultat"] == "Ugyldig" and summary["fejl"] > 0


def test_every_problem_has_its_cell(workbook):
    rows = list(workbook["Fejl"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:5] == ("kode", "fil", "tabel", "række", "celle")
    by_value = {r[header.index("værdi")]: r for r in rows[1:]}
    # In providers.csv the cvr column is the 5th (E) and the provider is on row 2.
    assert by_value["2918975"][header.index("celle")] == "E2"
    assert by_value["§ 85"][header.index("celle")] == "D2"
    assert by_value["§ 85"][header.index("rettelse")].startswith("Skriv SEL_85")


def test_a_value_that_looks_like_a_formula_stays_text(tmp_path):
    export = write_first_export(tmp_path / "export", {**FIRST_EXPORT, **ASSESSMENTS,
                                                       "citizens.csv": "id;municipality_code\n=1+1;101\n"})
    path = tmp_path / "r.xlsx"
    subprocess.run([sys.executable, "-m", "ffb.validate", str(export), "--format", "xlsx", "-o", str(path)],
                   capture_output=True, timeout=120)
    cells = [c for row in openpyxl.load_workbook(path)["Fejl"].iter_rows() for c in row]
    assert any(c.value == "=1+1" and c.data_type == "s" for c in cells)

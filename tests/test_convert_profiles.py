"""Every shipped profile converts its example export: all records accounted for, the package
valid for ffb-validate and frictionless, and no clear CPR number anywhere in the output."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from ffb.convert.profile import load_profile, shipped_profiles
from ffb.convert.run import run_conversion
from support import ROOT, TODAY
from test_convert import KEY, assert_accounted, assert_no_clear_cpr, rows

SOURCES = ROOT / "examples" / "sources"
EXAMPLES = {
    "flat-csv-da": ["flat-csv-da/udtraek.csv"],
    "sep-template": ["sep-template/sep-skabelon.xlsx"],
    "excel-template": ["excel-template/ffb-skabelon-udfyldt.xlsx"],
}


def test_every_shipped_profile_has_an_example() -> None:
    assert set(shipped_profiles()) == set(EXAMPLES) | ({"kl-ffb-reporting"} & set(shipped_profiles()))
    for name in shipped_profiles():
        load_profile(name)


@pytest.fixture(scope="module", params=sorted(EXAMPLES))
def converted(request, tmp_path_factory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(request.param) / "package"
    run_conversion(request.param, [SOURCES / p for p in EXAMPLES[request.param]], out, KEY)
    return request.param, out


def test_every_key_has_its_own_prefix_and_fits(converted) -> None:
    """Two keys read from the same columns with different prefixes (a goal and the registration
    it belongs to) stay apart: every value starts with its column's prefix and fits 64 characters."""
    from ffb.contract.codes import load_contract
    from ffb.convert.plan import compile_plan

    name, out = converted
    profile, path = load_profile(name)
    plan = compile_plan(profile, str(path), load_contract())
    checked = 0
    for table in plan.tables:
        written = rows(out, table.name)
        for column in table.columns:
            if column.kind != "key" or not column.prefix:
                continue
            values = [r[column.name] for r in written if r.get(column.name)]
            assert all(v.startswith(column.prefix) and len(v) <= 64 for v in values), (table.name, column.name)
            checked += len(values)
    assert checked


def test_example_converts_with_every_record_accounted_for(converted) -> None:
    name, out = converted
    report = json.loads((out / "conversion-report.json").read_text("utf-8"))
    assert_accounted(report)
    assert report["records_rejected"] == 0, (out / "rejects.csv").read_text("utf-8")
    assert report["records_out"] > 0


def test_example_output_is_valid(converted) -> None:
    from ffb.validate import validate

    name, out = converted
    report = validate(out, today=TODAY)
    assert report.valid, report.issues.select("code", "table", "row", "column", "message").rows()[:5]


def test_example_output_passes_frictionless(converted) -> None:
    frictionless = pytest.importorskip("frictionless")
    name, out = converted
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_example_output_has_no_clear_cpr(converted) -> None:
    assert_no_clear_cpr(converted[1])


def test_sep_template_registrations_side_by_side(tmp_path: Path) -> None:
    out = tmp_path / "sep"
    result = run_conversion("sep-template", [SOURCES / "sep-template/sep-skabelon.xlsx"], out, KEY)
    source = result.report["sources"][0]
    assert source["sheet"] == "Indberetning"
    assert source["registrations"] == {"records_in": 6, "records_out": 6, "records_rejected": 0}
    assert source["columns_not_used"] == ["Navn", "Er sagen afsluttet?"]
    assessments = rows(out, "assessments")
    assert len(assessments) == 6
    erik = sorted((a for a in assessments if a["assessment_date"].startswith("2023-0") or a["assessment_date"] == "2024-01-12"
                   and a["kind"]), key=lambda a: a["assessment_date"])
    assert [a["vum_score"] for a in erik if a["income_basis"] == "foertidspension"] == ["3", "3.5", "3"]
    # "Ja", "ja" and "J" are all yes; an empty cell stays empty.
    assert {a["goals_set"] for a in assessments} == {"true", "false"}
    follow_ups = rows(out, "follow_ups")
    goals = {g["id"]: g for g in rows(out, "goals")}
    assert {f["goal_attainment"] for f in follow_ups} == {"opfyldt", "delvist_opfyldt", "ikke_opfyldt"}
    for follow_up in follow_ups:
        # A registration's "previous goal met?" judges the goal of the registration before it.
        goal = goals[follow_up["goal_id"]]
        assert goal["assessment_id"] == follow_up["assessment_id"]
        assert goal["set_date"] < follow_up["follow_up_date"]
    prices = sorted(i["daily_price_dkk"] for i in rows(out, "interventions") if i["legal_basis"] == "SEL_107")
    assert prices == ["1850", "1912.5"]


def test_sep_registration_with_bad_value_rejects_only_that_registration(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(SOURCES / "sep-template/sep-skabelon.xlsx")
    sheet = workbook["Indberetning"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("Måltype 2") + 1, value="bedre end før")
    path = tmp_path / "sep.xlsx"
    workbook.save(path)
    result = run_conversion("sep-template", [path], tmp_path / "out", KEY)
    report = result.report
    assert_accounted(report)
    source = report["sources"][0]
    assert (source["records_rejected"], source["registrations"]["records_rejected"]) == (0, 1)
    rejects = rows(tmp_path / "out", "rejects")
    assert [(r["row"], r["registration"], r["column"], r["code"]) for r in rejects] == [
        ("2", "2", "Måltype 2", "unmapped_code")
    ]
    assert len(rows(tmp_path / "out", "assessments")) == 5


def test_excel_template_round_trip_equals_the_canonical_rows(tmp_path: Path) -> None:
    """A template filled in with Danish names (trailing spaces, lower case, Excel dates) comes
    back as exactly the canonical rows it was made from; only citizen ids are pseudonymised."""
    sys.path.insert(0, str(SOURCES))
    from generate import canonical_subset, write_excel_template

    workbook = write_excel_template(tmp_path / "skabelon.xlsx", citizens=8)
    out = tmp_path / "out"
    run_conversion("excel-template", [workbook], out, KEY)
    subset = canonical_subset(ROOT / "examples" / "canonical", 8)
    ids = {}
    for citizen_in, citizen_out in zip(subset["citizens"], rows(out, "citizens")):
        ids[citizen_in["id"]] = citizen_out["id"]
        assert citizen_out["id"].startswith("B-")
    for table, expected in subset.items():
        got = rows(out, table)
        if table == "citizens":
            expected = [{**r, "id": ids[r["id"]]} for r in expected]
        if table == "cases":
            expected = [{**r, "citizen_id": ids[r["citizen_id"]]} for r in expected]
        assert [_numbers_as_numbers(r) for r in got] == [_numbers_as_numbers(r) for r in expected], table


def _numbers_as_numbers(row: dict) -> dict:
    """3259.2 and 3259.20 are the same amount."""
    out = {}
    for key, value in row.items():
        try:
            out[key] = float(value) if "." in value else value
        except ValueError:
            out[key] = value
    return out

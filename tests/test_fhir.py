"""kl-ffb-reporting: KL's FFB Bundles read into canonical tables and written back."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from ffb.convert.run import run_conversion
from ffb.fhir.write import write_bundles
from ffb.read.model import CannotRun
from support import ROOT, TODAY
from test_convert import KEY, assert_accounted, assert_no_clear_cpr, rows

FOLDER = ROOT / "examples" / "sources" / "kl-ffb-reporting"
INPUTS = [FOLDER / "bundle.json", FOLDER / "delivery.ndjson"]
ORGANISATIONS = FOLDER / "organisations.csv"


def _bundles() -> list[dict]:
    bundles = [json.loads((FOLDER / "bundle.json").read_text("utf-8"))]
    bundles += [json.loads(line) for line in (FOLDER / "delivery.ndjson").read_text("utf-8").splitlines() if line]
    return bundles


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fhir") / "package"
    run_conversion("kl-ffb-reporting", INPUTS, out, KEY, organisations=ORGANISATIONS)
    return out


def test_bundles_convert_with_every_bundle_accounted_for(converted: Path) -> None:
    report = json.loads((converted / "conversion-report.json").read_text("utf-8"))
    assert_accounted(report)
    assert (report["records_in"], report["records_rejected"]) == (len(_bundles()), 0)
    assert_no_clear_cpr(converted)


def test_only_the_section_of_law_is_missing(converted: Path) -> None:
    """KL's Bundles carry no section of law and no reason a closed case closed; everything else
    validates."""
    from ffb.validate import validate

    report = validate(converted, today=TODAY)
    errors = report.issues.filter(report.issues["severity"] == "error")
    found = set(zip(errors["code"], errors["table"], errors["column"]))
    assert ("FFB201", "interventions", "legal_basis") in found
    assert found <= {("FFB201", "interventions", "legal_basis"), ("FFB506", "cases", "closed_date")}


def _facts(bundles: list[dict]) -> Counter:
    """Every resource as its type, its codes and its dates (ids made for the write differ)."""

    def walk(value, path, codes, dates):
        if isinstance(value, dict):
            if "code" in value and "system" in value:
                codes.append((path, value["system"], value["code"]))
            for key, inner in value.items():
                walk(inner, f"{path}.{key}", codes, dates)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, path, codes, dates)
        elif isinstance(value, str) and path.rsplit(".", 1)[-1] in (
            "start", "end", "effectiveDateTime", "recordedDate", "startDate", "dueDate", "created"
        ):
            dates.append((path, value))

    facts = Counter()
    for bundle in bundles:
        for entry in bundle["entry"]:
            resource = entry["resource"]
            if resource["resourceType"] == "Patient":
                continue
            codes, dates = [], []
            walk({k: v for k, v in resource.items() if k not in ("id", "meta")}, "", codes, dates)
            facts[(resource["resourceType"], tuple(sorted(codes)), tuple(sorted(dates)))] += 1
    return facts


def _canonical_rows(folder: Path) -> dict[str, list[dict]]:
    tables = {}
    for path in folder.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            tables[path.stem] = [{k: (v if v != "" else None) for k, v in row.items()} for row in csv.DictReader(handle)]
    return tables


def test_round_trip_keeps_every_code_and_date(converted: Path) -> None:
    organisations = {r["municipality_code"]: r["sts_uuid"] for r in csv.DictReader(ORGANISATIONS.open())}
    again = write_bundles(_canonical_rows(converted), organisations, timestamp="2024-06-01T12:00:00+02:00")
    assert _facts(again) == _facts(_bundles())
    # Care plans, services, assessments, goals and follow-ups keep their ids.
    kept = ("CarePlan", "ClinicalImpression", "Goal")
    original_ids = {e["resource"]["id"] for b in _bundles() for e in b["entry"] if e["resource"]["resourceType"] in kept}
    again_ids = {e["resource"]["id"] for b in again for e in b["entry"] if e["resource"]["resourceType"] in kept}
    assert original_ids and original_ids == again_ids


def test_bundle_with_unknown_code_is_rejected_at_its_fhir_location(tmp_path: Path) -> None:
    bundle = _bundles()[0]
    index = next(i for i, e in enumerate(bundle["entry"]) if e["resource"]["resourceType"] == "Condition"
                 and "severity" in e["resource"])
    bundle["entry"][index]["resource"]["severity"]["coding"][0]["code"] = "not-a-level"
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    result = run_conversion("kl-ffb-reporting", [path], tmp_path / "out", KEY, organisations=ORGANISATIONS)
    assert_accounted(result.report)
    assert result.report["records_rejected"] == 1
    rejects = rows(tmp_path / "out", "rejects")
    assert [(r["column"], r["value"], r["code"]) for r in rejects] == [
        (f"Bundle.entry[{index}].resource.severity", "not-a-level", "unmapped_code")
    ]


def test_unknown_organisation_rejects_the_bundle(tmp_path: Path) -> None:
    result = run_conversion("kl-ffb-reporting", [FOLDER / "bundle.json"], tmp_path / "out", KEY)
    assert result.report["records_rejected"] == 1
    assert rows(tmp_path / "out", "rejects")[0]["code"] == "unknown_organisation"


def test_not_a_bundle_cannot_run(tmp_path: Path) -> None:
    path = tmp_path / "patient.json"
    path.write_text('{"resourceType": "Patient"}', encoding="utf-8")
    with pytest.raises(CannotRun, match="not a FHIR Bundle"):
        run_conversion("kl-ffb-reporting", [path], tmp_path / "out", KEY, organisations=ORGANISATIONS)


def test_a_bad_ndjson_line_is_a_rejected_record_and_the_rest_convert(tmp_path: Path) -> None:
    path = tmp_path / "levering.ndjson"
    good = (FOLDER / "delivery.ndjson").read_text("utf-8").splitlines()
    path.write_text("\n".join([good[0], "not json", '{"resourceType": "Patient"}', *good[1:]]) + "\n", encoding="utf-8")
    result = run_conversion("kl-ffb-reporting", [path], tmp_path / "out", KEY, organisations=ORGANISATIONS)
    assert_accounted(result.report)
    source = result.report["sources"][0]
    assert (source["records_in"], source["records_rejected"]) == (len(good) + 2, 2)
    assert sorted(result.rejects["code"].to_list()) == ["not_a_bundle", "not_json"]


def test_a_broken_bundle_is_rejected_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    path.write_text('{"resourceType": "Bundle", "entry": 5}', encoding="utf-8")
    result = run_conversion("kl-ffb-reporting", [path], tmp_path / "out", KEY, organisations=ORGANISATIONS)
    assert result.report["records_rejected"] == 1
    assert result.rejects["code"].to_list() == ["not_shaped"]

"""ffb-validate on KL's FFB Bundles: every rule runs, and each issue is found in its Bundle."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ffb.validate.cli import main
from support import ROOT, TODAY

FOLDER = ROOT / "examples" / "sources" / "kl-ffb-reporting"
BUNDLE = FOLDER / "bundle.json"
ORGANISATIONS = FOLDER / "organisations.csv"
CPR_SYSTEM = "urn:oid:1.2.208.176.1.2"


def _bundle() -> dict:
    return json.loads(BUNDLE.read_text("utf-8"))


def _entry(bundle: dict, kind: str, where=lambda r: True) -> tuple[int, dict]:
    return next((i, e["resource"]) for i, e in enumerate(bundle["entry"])
                if e["resource"]["resourceType"] == kind and where(e["resource"]))


def _validate(path: Path, *options: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, [str(path), "--today", TODAY.isoformat(), "--format", "json", *options])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)


def _write(path: Path, bundle: dict) -> Path:
    path.write_text(json.dumps(bundle), encoding="utf-8")
    return path


def test_the_example_bundle_is_valid() -> None:
    code, report = _validate(BUNDLE, "--organisations", str(ORGANISATIONS))
    assert code == 0, report["issues"]
    assert report["kind"] == "fhir"
    assert report["tables"]["assessments"]["rows"] >= 1 and report["tables"]["conditions"]["rows"] >= 1


def test_a_wrong_code_is_reported_at_its_element_and_resource(tmp_path: Path) -> None:
    bundle = _bundle()
    index, condition = _entry(bundle, "Condition", lambda r: "severity" in r)
    condition["severity"]["coding"][0]["code"] = "no-such-level"
    code, report = _validate(_write(tmp_path / "b.json", bundle), "--organisations", str(ORGANISATIONS))
    assert code == 1
    (issue,) = [i for i in report["issues"] if i["severity"] == "error"]
    assert issue["code"] == "FFB210" and issue["column"] == "function_level" and issue["value"] == "no-such-level"
    assert issue["pointer"] == f"Bundle.entry[{index}].resource.severity (Condition/{condition['id']})"
    assert issue["source"] == str(tmp_path / "b.json") and issue["row"] is None


def test_a_date_that_is_none_is_reported_where_it_is(tmp_path: Path) -> None:
    bundle = _bundle()
    index, impression = _entry(bundle, "ClinicalImpression")
    impression["effectiveDateTime"] = "2023-13-45"
    code, report = _validate(_write(tmp_path / "b.json", bundle), "--organisations", str(ORGANISATIONS))
    assert code == 1
    found = [i for i in report["issues"] if i["column"] == "assessment_date"]
    assert found and found[0]["pointer"].startswith(f"Bundle.entry[{index}].resource.effectiveDateTime")


def test_ndjson_issues_name_their_line(tmp_path: Path) -> None:
    good, bad = _bundle(), _bundle()
    _, condition = _entry(bad, "Condition", lambda r: "severity" in r)
    condition["severity"]["coding"][0]["code"] = "x"
    path = tmp_path / "delivery.ndjson"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    code, report = _validate(path, "--organisations", str(ORGANISATIONS))
    assert code == 1
    sources = {i["source"] for i in report["issues"] if i["code"] == "FFB210"}
    assert sources == {f"{path}:2"}


def test_a_folder_of_bundles(tmp_path: Path) -> None:
    folder = tmp_path / "levering"
    folder.mkdir()
    _write(folder / "a.json", _bundle())
    (folder / "b.ndjson").write_text((FOLDER / "delivery.ndjson").read_text("utf-8"), encoding="utf-8")
    code, report = _validate(folder, "--organisations", str(ORGANISATIONS))
    assert report["kind"] == "fhir"
    assert report["tables"]["citizens"]["rows"] == 1 + len((FOLDER / "delivery.ndjson").read_text().splitlines())


def test_a_bundle_among_table_files_is_refused_with_what_to_do(tmp_path: Path) -> None:
    """A Bundle dropped into a package folder is neither read as a table (a heap of structure
    findings) nor left out: the command says what the folder holds and exits 2."""
    import shutil

    folder = tmp_path / "udtraek"
    shutil.copytree(ROOT / "examples" / "canonical", folder)
    (folder / "datapackage.json").unlink()
    _write(folder / "levering.json", _bundle())
    for lang, said in (("da", "levering.json er en FHIR-Bundle blandt tabelfiler; tjek Bundles for sig"),
                       ("en", "levering.json is a FHIR Bundle among table files; check the Bundles on their own")):
        result = CliRunner().invoke(main, [str(folder), "--lang", lang])
        assert result.exit_code == 2, result.output
        assert said in result.output and "FFB114" not in result.output


def test_unknown_organisation_is_said_once_without_a_missing_municipality(tmp_path: Path) -> None:
    code, report = _validate(BUNDLE)
    assert code == 1
    codes = [(i["code"], i["column"]) for i in report["issues"]]
    assert ("FFB133", None) in codes
    assert ("FFB201", "municipality_code") not in codes
    (said,) = [i for i in report["issues"] if i["code"] == "FFB133"]
    assert "--organisations" in said["message"] and said["pointer"].endswith("managingOrganization.identifier")


def test_a_bundle_without_one_citizen_is_ffb133(tmp_path: Path) -> None:
    bundle = _bundle()
    patient = copy.deepcopy(_entry(bundle, "Patient")[1])
    bundle["entry"].append({"resource": {**patient, "id": "second"}})
    code, report = _validate(_write(tmp_path / "b.json", bundle), "--organisations", str(ORGANISATIONS))
    assert code == 1
    assert [i["code"] for i in report["issues"] if i["severity"] == "error"] == ["FFB133"]


@pytest.mark.parametrize("output_format", ["text", "json", "csv", "junit"])
def test_no_clear_cpr_number_leaves_a_bundle(tmp_path: Path, output_format: str) -> None:
    """The Patient's CPR number, and one typed into a coded element, never appear as they are."""
    bundle = _bundle()
    _, patient = _entry(bundle, "Patient")
    cpr = next(i["value"] for i in patient["identifier"] if i["system"] == CPR_SYSTEM)
    _, condition = _entry(bundle, "Condition", lambda r: "severity" in r)
    condition["severity"]["coding"][0]["code"] = cpr
    patient["identifier"].append({"system": CPR_SYSTEM, "value": "0101901234"})  # a second Patient id
    path = _write(tmp_path / "b.json", bundle)
    result = CliRunner().invoke(main, [str(path), "--format", output_format, "--lang", "en"])
    assert result.exit_code in (0, 1), result.output
    digits = cpr.replace("-", "")
    for shown in (cpr, digits, "0101901234"):
        assert shown not in result.output
    assert not re.search(r"\d{6}-?\d{4}", result.output.replace(str(tmp_path), ""))


def test_json_that_is_no_bundle_is_read_as_before(tmp_path: Path) -> None:
    """A JSON table that merely mentions a Bundle in a value is read as rows, not as FHIR."""
    path = tmp_path / "citizens.json"
    path.write_text(json.dumps([{"id": "b-1", "municipality_code": "101", "birth_year": 1980, "sex": "kvinde",
                                 "note": {"resourceType": "Patient"}}]), encoding="utf-8")
    _, report = _validate(path, "--table", "citizens")
    assert report["kind"] != "fhir"
    bundle_in_text = tmp_path / "cases.json"
    bundle_in_text.write_text(json.dumps([{"id": "c-1", "case_number": '"resourceType": "Bundle"'}]), encoding="utf-8")
    _, report = _validate(bundle_in_text, "--table", "cases")
    assert report["kind"] != "fhir"


@pytest.mark.parametrize(("text", "said"), [
    ('{"resourceType": "Bundle", "entry": 5}', "not built as FHIR says"),
    ('{"resourceType": "Bundle", "entry": [5, {"resource": {"resourceType": "Patient", "identifier": "x"}}]}',
     "not built as FHIR says"),
    ('{"resourceType": "Bundle", "entry": [', "not JSON"),
])
def test_a_broken_bundle_is_a_finding_not_a_crash(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    code, report = _validate(path, "--lang", "en")
    assert code == 1
    (issue,) = report["issues"]
    assert issue["code"] == "FFB133" and said in issue["message"]


def test_one_bad_ndjson_line_does_not_stop_the_others(tmp_path: Path) -> None:
    path = tmp_path / "levering.ndjson"
    lines = [json.dumps(_bundle()), '{"resourceType": "Patient"}', "not json", json.dumps(_bundle())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report = _validate(path, "--organisations", str(ORGANISATIONS), "--lang", "en")
    assert code == 1
    found = sorted((i["source"], i["code"]) for i in report["issues"] if i["code"] == "FFB133")
    assert found == [(f"{path}:2", "FFB133"), (f"{path}:3", "FFB133")]
    assert report["tables"]["citizens"]["rows"] == 2  # lines 1 and 4 were checked

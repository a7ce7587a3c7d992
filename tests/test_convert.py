"""ffb convert: profiles, the engine's accounting, pseudonymisation and the shipped flat-csv-da."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ffb.cli import main
from ffb.convert.profile import ProfileError, load_profile
from ffb.convert.pseudonym import Pseudonymiser
from ffb.convert.run import run_conversion
from support import CLEAR_CPR, ROOT, TODAY, fictional_cpr

KEY = b"test-key-for-conversion-tests-0123456789"
FLAT = ROOT / "examples" / "sources" / "flat-csv-da" / "udtraek.csv"


def rows(folder: Path, table: str) -> list[dict]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# A CPR-shaped number standing on its own in a cell or a text (ids such as tp-100231-2021,
# a provider number with a year, are part of a longer token and are not CPR numbers).
CPR_ON_ITS_OWN = re.compile(r"(?<![0-9A-Za-z-])" + CLEAR_CPR.pattern + r"(?![0-9A-Za-z-])")


def assert_no_clear_cpr(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            found = CPR_ON_ITS_OWN.search(text)
            assert not found, f"clear CPR-shaped number in {path.name}: {found.group(0)[:6]}-****"


def assert_accounted(report: dict) -> None:
    assert report["records_in"] == report["records_out"] + report["records_rejected"]
    for source in report["sources"]:
        assert source["records_in"] == source["records_out"] + source["records_rejected"]
        if "registrations" in source:
            r = source["registrations"]
            assert r["records_in"] == r["records_out"] + r["records_rejected"]
    for table in report["tables"].values():
        assert table["records_in"] == table["records_out"] + table["records_rejected"]
        assert table["records_out"] == table["rows_written"] + table["merged_duplicates"]


@pytest.fixture(scope="module")
def flat(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("flat") / "package"
    run_conversion("flat-csv-da", [FLAT], out, KEY)
    return out


def test_flat_csv_da_converts_every_record(flat: Path) -> None:
    report = json.loads((flat / "conversion-report.json").read_text("utf-8"))
    assert_accounted(report)
    assert report["records_in"] == 6 and report["records_rejected"] == 0
    assert report["sources"][0]["blank_rows_skipped"] == 1
    assert report["sources"][0]["columns_not_used"] == ["Navn", "Bemærkning"]
    assert report["tables"]["citizens"] == {
        "records_in": 6, "records_out": 6, "records_rejected": 0, "rows_written": 4, "merged_duplicates": 2,
    }
    assert rows(flat, "citizens") and (flat / "rejects.csv").read_text("utf-8").count("\n") == 1


def test_flat_csv_da_output_is_valid_and_has_no_clear_cpr(flat: Path) -> None:
    from ffb.validate import validate

    report = validate(flat, today=TODAY)
    assert report.valid, report.issues
    assert report.counts.get("warning", 0) == 0
    assert_no_clear_cpr(flat)


def test_flat_csv_da_passes_frictionless(flat: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(flat / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_flat_csv_da_values(flat: Path) -> None:
    citizens = rows(flat, "citizens")
    digits = fictional_cpr(1, 1, 85, 1233)
    expected_id = hmac.new(KEY, digits.encode(), hashlib.sha256).hexdigest()
    anna = next(c for c in citizens if c["id"] == expected_id)
    assert (anna["birth_year"], anna["sex"], anna["municipality_code"], anna["cpr"]) == ("1985", "mand", "751", "")
    assert {c["birth_year"] for c in citizens} == {"1985", "1962", "1999", "1970"}

    interventions = {r["legal_basis"]: r for r in rows(flat, "interventions")}
    # 7,5 hours a week is 32.5 a month (× 52/12); 2 a week in a group is 8.67.
    assert interventions["SEL_85"]["hours_per_month_individual"] == "32.5"
    assert interventions["SEL_85"]["hours_per_month_group"] == "8.67"
    # 52.341,75 kr. a month is 1720.82 a day (× 12/365), in 2024 prices.
    assert interventions["SEL_108"]["daily_price_dkk"] == "1720.82"
    assert interventions["SEL_108"]["price_year"] == "2024"
    assert interventions["SEL_108"]["start_date"] == "2022-03-15"

    assessments = rows(flat, "assessments")
    # 3,5 is kept as the VUM score and maps to the severe FFB function level.
    half = next(a for a in assessments if a["vum_score"] == "3.5")
    assert half["function_level"].startswith("cae545f5")
    assert half["assessment_date"] == "2023-08-01" and half["employment_effort"] == "false"
    # The Excel serial 44986 is 1 March 2023.
    assert "2023-03-01" in {a["assessment_date"] for a in assessments}
    providers = {p["id"]: p for p in rows(flat, "providers")}
    assert providers["87654321"]["name"] == "Bofællesskabet Å"  # the trailing space is gone
    assert providers["87654321"]["operator_kind"] == "privat"


def test_same_key_gives_same_ids_and_another_key_does_not(flat: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    run_conversion("flat-csv-da", [FLAT], again, KEY)
    assert rows(again, "citizens") == rows(flat, "citizens")
    other = tmp_path / "other"
    run_conversion("flat-csv-da", [FLAT], other, b"another-key-another-key-another")
    assert {r["id"] for r in rows(other, "citizens")}.isdisjoint({r["id"] for r in rows(flat, "citizens")})


def _flat_variant(tmp_path: Path, edit) -> Path:
    with FLAT.open(encoding="cp1252", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    edit(table)
    path = tmp_path / "udtraek.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(table)
    return path


def _day(text: str) -> dt.date:
    """A date as the example export writes it (several ways, an Excel serial among them)."""
    if text.isdigit():
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(text))
    day, month, year = re.split(r"[-./]", text)
    return dt.date(int(year) + (2000 if len(year) == 2 else 0), int(month), int(day))


def test_keys_are_the_same_whichever_way_a_date_or_cpr_is_written(flat: Path, tmp_path: Path) -> None:
    """Next year's delivery may write the same day or CPR number another way; the ids made from
    them must not change, or the deliveries do not link up."""

    def edit(table):
        header = table[0]
        for row in table[1:]:
            if not any(row):
                continue
            for name in ("Registreringsdato", "Bevilget fra", "Sag oprettet"):
                column = header.index(name)
                if row[column]:
                    day = _day(row[column])
                    row[column] = f"{day.day}.{day.month}.{day.year}" if name != "Sag oprettet" else day.isoformat()
            cpr = header.index("CPR-nr.")
            row[cpr] = row[cpr].replace("-", "") if "-" in row[cpr] else f"{row[cpr][:6]}-{row[cpr][6:]}"

    source = _flat_variant(tmp_path, edit)
    assert source.read_bytes() != FLAT.read_bytes()
    run_conversion("flat-csv-da", [source], tmp_path / "out", KEY)
    for table in ("citizens", "cases", "assessments", "conditions", "goals", "goal_conditions", "interventions"):
        assert rows(tmp_path / "out", table) == rows(flat, table), table


def test_unmapped_value_rejects_its_record_and_is_counted(tmp_path: Path) -> None:
    def edit(table):
        column = table[0].index("Støttebehov")
        table[1][column] = "Meget højt"
        table[4][column] = "Meget højt"

    source = _flat_variant(tmp_path, edit)
    result = run_conversion("flat-csv-da", [source], tmp_path / "out", KEY)
    report = result.report
    assert_accounted(report)
    assert (report["records_in"], report["records_rejected"]) == (6, 2)
    assert report["rejected_values"] == [
        {"column": "Støttebehov", "value": "Meget højt", "code": "unmapped_code", "count": 2}
    ]
    rejects = rows(tmp_path / "out", "rejects")
    assert [(r["row"], r["column"], r["code"]) for r in rejects] == [
        ("2", "Støttebehov", "unmapped_code"), ("5", "Støttebehov", "unmapped_code"),
    ]
    assert "SupportNeedLevelEnum" in rejects[0]["reason"]
    assert len(rows(tmp_path / "out", "assessments")) == 4


def test_conflicting_rows_for_one_key_are_rejected_not_picked(tmp_path: Path) -> None:
    def edit(table):
        # The second row of case 2023-0412 gives the citizen another municipality.
        table[2][table[0].index("Kommune")] = "Odense"

    source = _flat_variant(tmp_path, edit)
    result = run_conversion("flat-csv-da", [source], tmp_path / "out", KEY)
    assert_accounted(result.report)
    codes = {(r["column"], r["code"]) for r in rows(tmp_path / "out", "rejects")}
    assert ("municipality_code", "conflicting_values") in codes
    assert result.report["records_rejected"] == 2  # both rows of that citizen
    assert len(rows(tmp_path / "out", "citizens")) == 3


def test_bad_cpr_is_rejected_and_never_shown(tmp_path: Path) -> None:
    bad = fictional_cpr(32, 1, 80, 1234)  # day 32 does not exist

    def edit(table):
        table[1][0] = bad

    source = _flat_variant(tmp_path, edit)
    run_conversion("flat-csv-da", [source], tmp_path / "out", KEY)
    rejects = rows(tmp_path / "out", "rejects")
    assert {r["code"] for r in rejects} == {"not_a_cpr"}
    assert all(bad not in r["value"] for r in rejects)
    assert_no_clear_cpr(tmp_path / "out")


def test_convert_command_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    key_file = tmp_path / "key"
    key_file.write_bytes(KEY)
    ok = runner.invoke(main, ["convert", "--profile", "flat-csv-da", str(FLAT), "--out", str(tmp_path / "a"),
                              "--key-file", str(key_file)])
    assert ok.exit_code == 0, ok.output
    assert "6 poster, 6 konverteret, 0 afvist" in ok.output

    no_key = runner.invoke(main, ["convert", "--profile", "flat-csv-da", str(FLAT), "--out", str(tmp_path / "b")],
                           env={"FFB_PSEUDONYM_KEY": ""})
    assert no_key.exit_code == 2
    assert "ffb convert: fejl: ingen nøgle til pseudonymisering" in no_key.output
    no_key_en = runner.invoke(main, ["convert", "--lang", "en", "--profile", "flat-csv-da", str(FLAT),
                                     "--out", str(tmp_path / "b")], env={"FFB_PSEUDONYM_KEY": ""})
    assert no_key_en.exit_code == 2 and "ffb convert: error: no pseudonymisation key" in no_key_en.output
    assert not (tmp_path / "b").exists()

    missing = runner.invoke(main, ["convert", "--profile", "flat-csv-da", str(tmp_path / "nope.csv"),
                                   "--out", str(tmp_path / "c"), "--key-file", str(key_file)])
    assert missing.exit_code == 2 and "nope.csv: filen findes ikke" in missing.output
    assert "read as" not in ok.output and "læst som tegnsættet cp1252" in ok.output

    listing = runner.invoke(main, ["convert", "--list-profiles"])
    assert listing.exit_code == 0 and "flat-csv-da" in listing.output


def test_convert_command_exits_1_on_rejects(tmp_path: Path) -> None:
    def edit(table):
        table[1][table[0].index("Sag oprettet")] = "31-02-2023"

    source = _flat_variant(tmp_path, edit)
    runner = CliRunner()
    result = runner.invoke(main, ["convert", "--profile", "flat-csv-da", str(source), "--out", str(tmp_path / "o"),
                                  "--lang", "en"], env={"FFB_PSEUDONYM_KEY": KEY.decode()})
    assert result.exit_code == 1, result.output
    assert "not_a_date" in result.output


# --- profiles -----------------------------------------------------------------------------


@pytest.mark.parametrize("slice_bytes", [None, 300])
def test_a_quote_inside_an_unquoted_cell_is_kept_and_said(tmp_path: Path, monkeypatch, slice_bytes) -> None:
    """`Bostøtten 12" Nord`, as report generators write it: polars refuses the file; it is read
    as a spreadsheet reads it, the quote kept, and the summary says where."""
    from ffb.convert import sources

    if slice_bytes:
        monkeypatch.setattr(sources, "BATCH_BYTES", slice_bytes)
    lines = FLAT.read_bytes().split(b"\n")
    lines[2] = lines[2].replace("Bostøtten Nord".encode("cp1252"), 'Bostøtten 12" Nord'.encode("cp1252"), 1)
    source = tmp_path / "udtraek.csv"
    source.write_bytes(b"\n".join(lines))
    key_file = tmp_path / "key"
    key_file.write_bytes(KEY)
    result = CliRunner().invoke(main, ["convert", "--profile", "flat-csv-da", str(source), "--out", str(tmp_path / "out"),
                                       "--key-file", str(key_file)])
    assert result.exit_code == 1, result.output  # the provider's two names disagree: its rows are rejected
    assert "et anførselstegn i en celle, der ikke står i anførselstegn, er beholdt som tegn, første gang i række 3" \
        in result.output
    rejects = rows(tmp_path / "out", "rejects")
    assert 'Bostøtten 12" Nord' in {r["value"] for r in rejects}
    report = json.loads((tmp_path / "out" / "conversion-report.json").read_text("utf-8"))
    assert_accounted(report)
    assert report["records_in"] == 6


HEADER_LINE = FLAT.read_bytes().split(b"\n", 1)[0] + b"\n"
FIRST_ROW_UTF8 = FLAT.read_bytes().split(b"\n")[1].decode("cp1252").encode("utf-8") + b"\n"


@pytest.mark.parametrize(("name", "content", "said"), [
    ("empty", b"", "kan ikke læses som tekst (FFB101 tom fil)"),
    ("binary", bytes(range(256)) * 20, "kan ikke læses som tekst (FFB102 ikke en tabel)"),
    ("mixed", b"\xef\xbb\xbf" + HEADER_LINE.decode("cp1252").encode("utf-8") + FIRST_ROW_UTF8 + "x;Kø\n".encode("cp1252"),
     "kan ikke læses som tekst (FFB130 blandede tegnsæt, række 3)"),
    ("open-quote", HEADER_LINE + b'"010185-1233;Anna\n1;2\n', "række 2: en celle begynder med et anførselstegn, der aldrig lukkes"),
])
@pytest.mark.parametrize("slice_bytes", [None, 64])
def test_an_unreadable_export_is_named_with_its_row(tmp_path: Path, monkeypatch, name, content, said, slice_bytes) -> None:
    from ffb.convert import sources

    if slice_bytes:
        monkeypatch.setattr(sources, "BATCH_BYTES", slice_bytes)
    source = tmp_path / f"{name}.csv"
    source.write_bytes(content)
    key_file = tmp_path / "key"
    key_file.write_bytes(KEY)
    result = CliRunner().invoke(main, ["convert", "--profile", "flat-csv-da", str(source), "--out", str(tmp_path / "out"),
                                       "--key-file", str(key_file)])
    assert result.exit_code == 2, result.output
    assert f"{name}.csv: {said}" in result.output
    assert "Traceback" not in result.output


def test_rows_that_stop_short_of_the_header_convert(tmp_path: Path, monkeypatch) -> None:
    """Some exports end a row at its last filled cell; its missing cells are empty, also when
    such a row starts a slice."""
    from ffb.convert import sources

    monkeypatch.setattr(sources, "BATCH_BYTES", 64)

    def edit(table):
        for row in table[1:]:
            while row and not row[-1]:
                row.pop()
        table[2] = table[2][:20]

    source = _flat_variant(tmp_path, edit)
    result = run_conversion("flat-csv-da", [source], tmp_path / "out", KEY)
    assert_accounted(result.report)
    assert result.report["records_in"] == 6


def test_a_row_with_more_cells_than_the_header_is_named(tmp_path: Path) -> None:
    def edit(table):
        table[4] = table[4] + ["ekstra", "celler"]

    source = _flat_variant(tmp_path, edit)
    key_file = tmp_path / "key"
    key_file.write_bytes(KEY)
    for lang, wanted in (("da", "række 5 har 36 celler, overskriften 34"), ("en", "row 5 has 36 cells, the header 34")):
        result = CliRunner().invoke(main, ["convert", "--lang", lang, "--profile", "flat-csv-da", str(source),
                                           "--out", str(tmp_path / "out"), "--key-file", str(key_file)])
        assert result.exit_code == 2
        assert f"udtraek.csv: {wanted}" in result.output, result.output
        assert "Traceback" not in result.output


def _profile_with(tmp_path: Path, old: str, new: str) -> Path:
    text = (ROOT / "converters" / "flat-csv-da.yaml").read_text("utf-8")
    assert old in text
    path = tmp_path / "my-profile.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if fragment in line)


def test_misspelt_key_names_file_line_and_key(tmp_path: Path) -> None:
    path = _profile_with(tmp_path, "      opened_date: Sag oprettet", "      opened_date: {form: Sag oprettet}")
    with pytest.raises(ProfileError) as error:
        load_profile(path)
    message = str(error.value)
    assert f"{path}:{_line_of(path, 'form: Sag oprettet')}:" in message
    assert "tables.cases.columns.opened_date.form" in message and "unknown key 'form'" in message


def test_unknown_top_level_key_is_an_error(tmp_path: Path) -> None:
    path = _profile_with(tmp_path, "numbers:\n", "numbrs:\n")
    with pytest.raises(ProfileError, match=rf"{path.name}:{_line_of(path, 'numbrs:')}: numbrs: unknown key"):
        load_profile(path)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  providers:\n", "  leverandoerer:\n", "the contract has no such table"),
        ("      cvr: Leverandør-CVR", "      cvr_nummer: Leverandør-CVR", "providers has no column 'cvr_nummer'"),
        ('    "§85": SEL_85', '    "§85": SEL_87', "'SEL_87' is neither a code nor a title in LegalBasisEnum"),
        ("      rank: 1\n", "      rank: {value: en}\n", "'en' is not a whole number"),
        ("      id: {from: CPR-nr., derive: pseudonym}\n", "      id: {from: CPR-nr., derive: pseudonym}\n      cpr: CPR-nr.\n",
         "never writes the clear CPR number"),
    ],
)
def test_profile_can_only_name_what_the_contract_has(tmp_path: Path, old: str, new: str, message: str) -> None:
    from ffb.convert.plan import compile_plan

    path = _profile_with(tmp_path, old, new)
    with pytest.raises(ProfileError, match=message):
        profile, where = load_profile(path)
        compile_plan(profile, str(where))


def test_missing_header_names_the_nearest(tmp_path: Path) -> None:
    from ffb.read.model import CannotRun

    def edit(table):
        table[0][table[0].index("Sag oprettet")] = "Sag opretet"

    source = _flat_variant(tmp_path, edit)
    with pytest.raises(CannotRun, match="no column 'Sag oprettet'; nearest: 'Sag opretet'"):
        run_conversion("flat-csv-da", [source], tmp_path / "o", KEY)


def test_headers_match_whatever_the_case_accents_and_spaces(tmp_path: Path) -> None:
    def edit(table):
        table[0] = [f"  {name.upper().replace('Å', 'AA')} " for name in table[0]]

    source = _flat_variant(tmp_path, edit)
    result = run_conversion("flat-csv-da", [source], tmp_path / "o", KEY)
    assert result.report["records_out"] == 6


def test_pseudonymiser_is_hmac_sha256() -> None:
    import polars as pl

    pseudonymiser = Pseudonymiser(KEY)
    values = pl.Series(["a", None, "b", "a"])
    out = pseudonymiser.series(values).to_list()
    assert out[0] == out[3] == hmac.new(KEY, b"a", hashlib.sha256).hexdigest()
    assert out[1] is None and out[2] != out[0]


def _content(path: Path):
    """A file's content: its bytes, or for a workbook the cells of every sheet (a workbook's
    bytes carry the time it was saved)."""
    if path.suffix != ".xlsx":
        return path.read_bytes()
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def test_shipped_examples_are_the_generated_ones(tmp_path: Path) -> None:
    """examples/sources is written by its script; a stale copy fails here. (The filled Excel
    template and the FHIR Bundles are made from the contract's example package, so their
    tests regenerate or convert them instead.)"""
    import subprocess
    import sys

    shipped = ROOT / "examples" / "sources"
    subprocess.run([sys.executable, str(shipped / "generate.py"), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    for path in shipped.rglob("*"):
        if path.is_file() and path.suffix in (".csv", ".xlsx") and path.parts[-2] in ("flat-csv-da", "sep-template"):
            fresh = tmp_path / path.relative_to(shipped)
            assert _content(fresh) == _content(path), f"{path} is stale: run python examples/sources/generate.py"


def test_profile_suggest_drafts_a_profile_that_loads_and_accounts(tmp_path: Path) -> None:
    runner = CliRunner()
    draft = tmp_path / "draft.yaml"
    result = runner.invoke(main, ["profile", "suggest", str(FLAT), "--out", str(draft)])
    assert result.exit_code == 0, result.output
    text = draft.read_text("utf-8")
    # The CPR column is found by its values and only ever pseudonymised; a person's name is never mapped.
    assert 'id: {from: "CPR-nr.", derive: pseudonym}' in text
    assert '#   "Navn"' in text and 'from: "Navn"' not in text
    assert 'from: "Registreringsdato"  # score 100' in text
    assert '"Udvikle": "Udvikle funktionsevne"  # as a shipped profile maps it' in text
    assert "TODO" in text
    out = tmp_path / "out"
    converted = runner.invoke(main, ["convert", "--profile", str(draft), str(FLAT), "--out", str(out), "--no-validate"],
                              env={"FFB_PSEUDONYM_KEY": KEY.decode()})
    assert converted.exit_code in (0, 1), converted.output
    assert_accounted(json.loads((out / "conversion-report.json").read_text("utf-8")))
    checked = runner.invoke(main, ["profile", "check", str(draft)])
    assert checked.exit_code == 0 and "valid" in checked.output


def test_profile_suggest_on_an_export_it_has_not_seen(tmp_path: Path) -> None:
    """Headers written another way than any shipped profile's, labels with spelling variants:
    the draft keys cases and services on the case number, carries the unit of hours per week,
    never guesses a section of law by its look, and maps no id by its title."""
    table = [
        ["Cprnr", "Borgers navn", "Sags nr", "Støttebehov", "Ydelse", "Paragraf", "Timer/uge"],
        [fictional_cpr(1, 1, 85, 1233), "Anna", "S-1", "Moderat", "Socialpædagogisk støtte", "§85", "7,5"],
        [fictional_cpr(2, 2, 90, 1234), "Bo", "S-2", "Hoejt", "Socialpædagogisk støtte", "§ 108", "2"],
        [fictional_cpr(3, 3, 75, 1235), "Cai", "S-3", "Let", "Socialpædagogisk støtt", "§ 85", "1"],
    ]
    export = tmp_path / "eksport.csv"
    with export.open("w", encoding="cp1252", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(table)
    draft = tmp_path / "draft.yaml"
    result = CliRunner().invoke(main, ["profile", "suggest", str(export), "--out", str(draft)])
    assert result.exit_code == 0, result.output
    text = draft.read_text("utf-8")
    assert 'id: {key: ["Sags nr"], prefix: S-}' in text
    assert 'case_id: {key: ["Sags nr"], prefix: S-}' in text
    assert 'id: {key: ["Sags nr", "Ydelse"], prefix: Y-}' in text
    assert 'from: "Timer/uge"  # score' in text and "unit: per_week" in text
    assert '"§85": "Serviceloven § 85' in text and '"Hoejt": "Højt støttebehov"' in text
    assert '"Socialpædagogisk støtt": "Socialpædagogisk støtte"  # score' in text  # a typo, matched by likeness
    assert '#   "§ 108"' in text  # not "§ 82 c", however alike the titles look
    assert "intervention_id" not in text and "# TODO prices" in text
    assert 'from: "Borgers navn"' not in text
    out = tmp_path / "out"
    converted = CliRunner().invoke(main, ["convert", "--profile", str(draft), str(export), "--out", str(out)],
                                   env={"FFB_PSEUDONYM_KEY": KEY.decode()})
    assert converted.exit_code == 1, converted.output
    report = json.loads((out / "conversion-report.json").read_text("utf-8"))
    assert_accounted(report)
    assert (report["records_in"], report["records_rejected"]) == (3, 1)  # "§ 108" waits for a person
    hours = sorted(r["hours_per_month_individual"] for r in rows(out, "interventions"))
    assert hours == ["32.5", "4.33"]  # 7.5 and 1 hours a week
    assert_no_clear_cpr(out)


def test_progress_is_told_every_stage_in_order(tmp_path: Path) -> None:
    stages: list[str] = []
    run_conversion("flat-csv-da", [FLAT], tmp_path / "out", KEY, progress=stages.append)
    assert stages == ["read", "convert", "write"]


def test_progress_tells_how_much_of_a_large_export_is_done(tmp_path: Path, monkeypatch) -> None:
    from ffb.convert import sources

    monkeypatch.setattr(sources, "BATCH_BYTES", 300)  # the example is read in slices
    told: list[tuple[str, float | None]] = []
    run_conversion("flat-csv-da", [FLAT], tmp_path / "out", KEY, progress=lambda stage, done=None: told.append((stage, done)))
    shares = [done for stage, done in told if done is not None]
    assert len(shares) >= 2 and shares == sorted(shares) and shares[-1] == 1.0
    assert all(stage == "convert" for stage, done in told if done is not None)
    assert [stage for stage, done in told if done is None] == ["read", "convert", "write"]


def test_the_summary_writes_large_counts_as_the_language_does(capsys) -> None:
    from types import SimpleNamespace

    from ffb.convert.cli import _print_summary

    table = {"records_in": 1_000_000, "records_out": 999_000, "records_rejected": 1_000,
             "rows_written": 833_333, "merged_duplicates": 165_667}
    source = {"source": "udtraek.csv", "sheet": None, "columns_not_used": [], "notes": [], **table}
    report = {"profile": "flat-csv-da", "sources": [source], "tables": {"assessments": table},
              "rejected_values": [{"count": 1_000, "column": "Ydelse", "value": "Botilbud", "code": "unmapped_code"}]}
    _print_summary(SimpleNamespace(report=report, out=Path("ud")), "da")
    danish = capsys.readouterr().out
    assert "udtraek.csv: 1.000.000 poster, 999.000 konverteret, 1.000 afvist" in danish
    assert "833.333 rækker (999.000 konverteret, 165.667 sammenlagt, 1.000 afvist)" in danish
    _print_summary(SimpleNamespace(report=report, out=Path("ud")), "en")
    assert "1,000,000" in capsys.readouterr().out


def test_progress_is_shown_on_a_terminal_only(tmp_path: Path, monkeypatch) -> None:
    """A spinner with the stage is for people at a terminal; a pipe or a CI log never gets it."""
    import sys

    from ffb.convert import cli as convert_cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with convert_cli._progress("da") as tell:
        assert tell is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with convert_cli._progress("da") as tell:
        assert callable(tell)
        tell("convert")
    key_file = tmp_path / "key"
    key_file.write_bytes(KEY)
    result = CliRunner().invoke(main, ["convert", "--profile", "flat-csv-da", str(FLAT), "--out",
                                       str(tmp_path / "out"), "--key-file", str(key_file)])
    for text in convert_cli.STAGES["da"].values():
        assert text not in result.output

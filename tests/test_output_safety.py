"""What ffb-validate writes is safe whatever the input holds: text from the input is shown, never
obeyed (no terminal markup, escape sequences or spreadsheet formulas), every report parses, no
crash reads as "invalid", the report never overwrites the export, and no clear CPR number
leaves the program."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import EXAMPLE, TODAY, copy_example, set_cell

from ffb.report.escaping import INVISIBLE, visible
from ffb.report.model import ISSUE_FRAME_SCHEMA, Report, count_issues, group_issues
from ffb.report.text import render_text
from ffb.validate import cli

COMMAND = [sys.executable, "-m", "ffb.validate"]


def run(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*COMMAND, *args, "--today", TODAY.isoformat()], capture_output=True, text=True, timeout=180, **options
    )


def report_with(values: dict[str, str], input_name: str = "export.csv", lang: str = "en") -> Report:
    """A report holding one issue whose texts are `values` (source, column, value, message, …)."""
    row = {"code": "FFB207", "severity": "error", "source": "export.csv", "table": "citizens", "row": 2,
           "pointer": None, "column": "id", "value": "x", "message": "x is wrong."}
    row.update(values)
    issues = pl.DataFrame([row], schema=ISSUE_FRAME_SCHEMA)
    counts, by_table, by_rule = count_issues(issues)
    return Report(input=input_name, kind="table", lang=lang, fail_on="error", issues=issues,
                  tables={"citizens": {"source": row["source"], "rows": 1}},
                  counts=counts, by_table=by_table, by_rule=by_rule, groups=group_issues(issues))


# --- terminal markup (values, file names and sheet names are text, not markup) -------------

MARKUP = ["[/bold]a", "[citizens]", "[link=https://example.org]click[/link]", "[bold red]x", ":thumbs_up:"]


@pytest.mark.parametrize("text", MARKUP)
def test_markup_in_a_value_or_a_name_is_printed_as_written(text):
    report = report_with({"value": text, "message": f"{text} is wrong.", "source": f"x{text}y.xlsx",
                          "column": text}, input_name=f"x{text}y.xlsx")
    for color in (False, True):
        shown = render_text(report, color=color)
        assert f"{text} is wrong." in shown
        assert f"x{text}y.xlsx" in shown


def test_a_closing_tag_in_a_cell_is_reported_not_a_crash(tmp_path):
    folder = copy_example(tmp_path)
    set_cell(folder, "citizens", 2, "id", "[/bold]a")
    result = run(str(folder), "--lang", "en")
    assert result.returncode == 1, result.stderr
    assert "[/bold]a" in result.stdout
    assert "Traceback" not in result.stderr and result.stderr == ""


# --- no crash exits 1 ------------------------------------------------------------------------

class PanicLike(BaseException):
    """Stands for pyo3_runtime.PanicException, which derives from BaseException."""


@pytest.mark.parametrize("error", [RuntimeError("boom in the renderer"), PanicLike("called `unwrap()`"),
                                   MemoryError(), KeyboardInterrupt()])
def test_an_unexpected_error_anywhere_exits_2_with_one_line(monkeypatch, error):
    def explode(*args, **kwargs):
        raise error

    monkeypatch.setattr("ffb.report.text.render_text", explode)
    result = CliRunner().invoke(cli.main, [str(EXAMPLE), "--today", TODAY.isoformat(), "--lang", "en"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ffb-validate: error:"), result.stderr
    assert "Traceback" not in result.output


def test_the_one_line_error_is_masked_and_escaped(monkeypatch):
    from support import fictional_cpr

    number = fictional_cpr(day=3, month=4, year=55, serial=9876)

    def explode(*args, **kwargs):
        raise RuntimeError(f"bad value {number}\nsecond line \x1b[2J")

    monkeypatch.setattr("ffb.report.text.render_text", explode)
    result = CliRunner().invoke(cli.main, [str(EXAMPLE), "--today", TODAY.isoformat()])
    assert result.exit_code == 2
    assert number not in result.stderr and "030455-****" in result.stderr
    assert "\x1b" not in result.stderr and "\\n" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --- control and invisible characters in the text report -------------------------------------

@pytest.mark.parametrize(
    ("raw", "shown"),
    [("a\x1b[2Jb", "a\\u001b[2Jb"), ("\x1b]0;title\x07", "\\u001b]0;title\\u0007"), ("a\nb", "a\\nb"),
     ("a\rb", "a\\rb"), ("a\tb", "a\\tb"), ("a\x00b", "a\\u0000b"), ("a\u200bb", "a\\u200bb"),
     ("a\u00a0b", "a\\u00a0b"), ("\ufeffa", "\\ufeffa"), ("a\u202eb", "a\\u202eb"), ("a\x9bb", "a\\u009bb"),
     ("a\u2028b", "a\\u2028b"), ("a\U000e0041b", "a\\U000e0041b"), ("æøå ÆØÅ é", "æøå ÆØÅ é")],
)
def test_control_and_invisible_characters_are_shown_escaped(raw, shown):
    assert visible(raw) == shown
    report = report_with({"value": raw, "message": f"{raw} is wrong.", "source": f"f{raw}.csv", "column": raw},
                         input_name=f"in{raw}.csv")
    text = render_text(report, width=200)
    assert f"{shown} is wrong." in text
    assert f"f{shown}.csv" in text and f"in{shown}.csv" in text
    if raw != shown:
        assert raw not in text


def test_every_invisible_character_class_is_covered():
    missing = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if (unicodedata.category(chr(code)) in {"Cc", "Cf", "Cs", "Zl", "Zp"}
            or (unicodedata.category(chr(code)) == "Zs" and code != 0x20))
        and not INVISIBLE.fullmatch(chr(code))
    ]
    assert missing == []


def test_escape_sequences_from_a_file_never_reach_the_terminal(tmp_path):
    folder = copy_example(tmp_path)
    set_cell(folder, "citizens", 2, "id", "a\x1b[2J\x1b]0;owned\x07\nb")
    result = run(str(folder), "--lang", "en")
    assert result.returncode == 1
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "a\\u001b[2J\\u001b]0;owned\\u0007\\nb" in result.stdout


# --- -o: clear errors, and never over the export ------------------------------------------

def test_output_into_a_missing_folder_is_a_clear_error(tmp_path):
    for lang, words in (("da", "findes ikke"), ("en", "does not exist")):
        result = run(str(EXAMPLE), "-o", str(tmp_path / "no" / "dir" / "r.txt"), "--lang", lang)
        assert result.returncode == 2
        assert words in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_output_to_a_full_disk_is_a_clear_error():
    result = run(str(EXAMPLE), "-o", "/dev/full", "--lang", "en", "--format", "json")
    assert result.returncode == 2
    assert "cannot write the report to /dev/full" in result.stderr and "Traceback" not in result.stderr


def test_output_never_overwrites_an_input_file(tmp_path):
    folder = copy_example(tmp_path)
    cases = folder / "cases.csv"
    before = cases.read_bytes()
    single = tmp_path / "citizens.csv"
    single.write_bytes((folder / "citizens.csv").read_bytes())
    link = tmp_path / "link.csv"
    link.symlink_to(single)
    attempts = [
        (str(folder), str(cases)),
        (str(folder / "datapackage.json"), str(cases)),
        (str(single), str(single)),
        (str(single), str(link)),
    ]
    for source, target in attempts:
        for lang, words in (("da", "der valideres"), ("en", "being validated")):
            result = run(source, "-o", target, "--lang", lang, "--format", "csv")
            assert result.returncode == 2, (source, target, result.stderr)
            assert words in result.stderr
    assert cases.read_bytes() == before
    assert single.read_bytes() == (folder / "citizens.csv").read_bytes()


def test_a_report_file_is_written_whole_with_ordinary_permissions(tmp_path):
    target = tmp_path / "report.txt"
    result = run(str(EXAMPLE), "-o", str(target))
    assert result.returncode == 0
    assert "Gyldig" in target.read_text(encoding="utf-8")
    assert target.stat().st_mode & 0o044  # readable by others, as any file the user writes
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]  # no temporary file left


# --- JUnit is well-formed XML whatever the values hold --------------------------------------

HOSTILE_VALUES = ["nul\x00here", "ctl\x01\x08\x0b\x0c\x1f", "esc\x1b[2J", "bad\ufffe\uffff", "amp & <tag> \"q\" 'a'",
                  "]]>", "lf\nline", "del\x7f c1\x85\x9b", "zw\u200b nb\u00a0"]


def test_junit_is_well_formed_xml_with_control_characters(tmp_path):
    from xml.etree import ElementTree

    from ffb.report.junit import render_junit

    for value in HOSTILE_VALUES:
        report = report_with({"value": value, "message": f"{value} is wrong.", "source": f"f{value}.csv",
                              "column": value, "table": f"t{value}"}, input_name=f"in{value}.csv")
        document = render_junit(report)
        root = ElementTree.fromstring(document.encode("utf-8"))  # expat rejects any character XML forbids
        text = "".join(root.itertext())
        assert f"{visible(value)} is wrong." in text
        assert f"f{visible(value)}.csv" in text


def test_junit_from_the_command_parses(tmp_path):
    from xml.etree import ElementTree

    folder = copy_example(tmp_path)
    # (a NUL byte makes a CSV file binary to the reader, so that one is tested above only)
    for row, value in enumerate(HOSTILE_VALUES[1:6], start=2):
        set_cell(folder, "citizens", row, "id", value)
    result = run(str(folder), "--format", "junit", "--lang", "en")
    assert result.returncode == 1, result.stderr
    root = ElementTree.fromstring(result.stdout.encode("utf-8"))
    assert "ctl\\u0001\\u0008\\u000b\\u000c\\u001f" in "".join(root.itertext())


# --- CSV cells are never formulas ------------------------------------------------------------

FORMULAS = ['=HYPERLINK("https://example.org/?x="&A1,"klik")', "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1",
            "\r=1+1", "\uff1d1+1"]


def test_csv_cells_that_a_spreadsheet_would_run_get_an_apostrophe(tmp_path):
    import csv
    import io

    from ffb.report.csv_format import render_csv

    for formula in FORMULAS:
        report = report_with({"value": formula, "message": f"{formula} is wrong.", "source": formula,
                              "column": formula, "hint": formula})
        (row,) = csv.DictReader(io.StringIO(render_csv(report), newline=""))
        for name in ("value", "source", "column", "hint"):
            assert row[name] == "'" + formula, (name, row[name])
        assert row["message"] == f"'{formula} is wrong."

    # from the command, on a real export (a CR inside a cell is a matter for the CSV reader)
    folder = copy_example(tmp_path)
    plain = [f for f in FORMULAS if "\r" not in f and "\uff1d" not in f]
    for row_number, formula in enumerate(plain, start=2):
        set_cell(folder, "citizens", row_number, "birth_year", formula)
    result = run(str(folder), "--format", "csv", "--lang", "en")
    assert result.returncode == 1, result.stderr
    rows = [r for r in csv.DictReader(io.StringIO(result.stdout, newline="")) if r["column"] == "birth_year"]
    assert {r["value"] for r in rows} == {"'" + formula for formula in plain}
    for r in rows:
        assert r["message"].startswith("'"), r["message"]
        for name, cell in r.items():
            assert not cell or cell[0] not in "=+-@\t\r\uff1d", (name, cell)


def test_a_plain_csv_cell_is_left_alone():
    from ffb.report.csv_format import render_csv

    report = report_with({"value": "1958", "message": "a – b = c"})
    assert "'" not in render_csv(report)


# --- the JSON report is streamed from the columns --------------------------------------------

def test_json_report_in_slices_is_one_valid_document(monkeypatch):
    from ffb.report import json_format

    rows = [{"code": "FFB207", "severity": "error", "source": "a.csv", "table": "citizens", "row": i,
             "pointer": None, "column": "id", "value": f"v{i}\n\"x\"", "message": f"m{i}"} for i in range(2, 25)]
    issues = pl.DataFrame(rows, schema=ISSUE_FRAME_SCHEMA)
    counts, by_table, by_rule = count_issues(issues)
    report = Report(input="a.csv", kind="table", lang="en", fail_on="error", issues=issues,
                    tables={"citizens": {"source": "a.csv", "rows": 23}}, counts=counts, by_table=by_table,
                    by_rule=by_rule, groups=group_issues(issues))
    monkeypatch.setattr(json_format, "ISSUES_PER_SLICE", 5)
    document = json.loads(json_format.render_json(report))
    assert document["issues"] == report.to_dict()["issues"]
    assert document["summary"]["counts"]["error"] == 23
    empty = Report(input="a.csv", kind="table", lang="en", fail_on="error", issues=issues.head(0))
    assert json.loads(json_format.render_json(empty))["issues"] == []


# --- no clear CPR number leaves the program ---------------------------------------------------
#
# The oracle below is written independently of ffb's own pattern: it decodes every escape a
# report may use, takes each run of digits that only non-alphanumeric characters (at most three
# in a row) hold apart, and looks for the ten digits of each number the test put in.

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})|\\([nrt])")
_RUN = re.compile(r"\d(?:[\W_]{0,3}\d)*")


def _decoded(text: str) -> str:
    def one(match: re.Match) -> str:
        if match.group(3):
            return {"n": "\n", "r": "\r", "t": "\t"}[match.group(3)]
        return chr(int(match.group(1) or match.group(2), 16))

    return _ESCAPE.sub(one, html.unescape(text))


def leaked(output: str, numbers: set[str]) -> set[str]:
    """The numbers (ten ASCII digits each) that `output` shows in clear, in any form."""
    runs = ["".join(str(unicodedata.decimal(d)) for d in re.findall(r"\d", run))
            for run in _RUN.findall(_decoded(output))]
    return {number for number in numbers if any(number in run for run in runs)}


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
SEPARATORS = ["", "", "-", " ", "  ", " - ", "\u00a0", "\u2013", "\u2014", "\u2212", "\u202f", "\u2009", "\u200b",
              ".", "_", "/"]


@st.composite
def cpr_forms(draw, no_slash: bool = False):
    """A CPR-shaped number written some way people write one, and its ten digits."""
    day, month = draw(st.integers(1, 31)), draw(st.integers(1, 12))
    year, serial = draw(st.integers(0, 99)), draw(st.integers(0, 9999))
    parts = [f"{day:02d}", f"{month:02d}", f"{year:02d}", f"{serial:04d}"]
    choices = [s for s in SEPARATORS if not (no_slash and "/" in s)]
    separators = [draw(st.sampled_from(choices)) for _ in range(3)]
    written = parts[0] + separators[0] + parts[1] + separators[1] + parts[2] + separators[2] + parts[3]
    if draw(st.booleans()):
        written = written.translate(FULL_WIDTH)
    before = draw(st.sampled_from(["", "borger_", "CPR", "k_", "x-", "nr "]))
    after = draw(st.sampled_from(["", "_a", "b", "-v2", " x"]))
    return before + written + after, "".join(parts)


HEADER = ["id", "municipality_code", "birth_year", "sex", "cpr"]
GOOD = ["bfd1b50a6b1", "665", "1958", "kvinde", ""]
PLACES = ["file name", "folder name", "sheet name", "header", "cell value", "JSON key", "JSON pointer",
          "missing file"]


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])


def place_text(base: Path, place: str, text: str) -> Path:
    """An input in which `text` stands in `place`; the path to validate."""
    base.mkdir(parents=True, exist_ok=True)
    bad = ["bad id!", "665", "1958", "kvinde", ""]
    if place in ("file name", "missing file"):
        path = base / f"{text}.csv"
        if place == "file name":
            _csv(path, HEADER, [bad])
        return path
    if place == "folder name":
        folder = base / text
        folder.mkdir()
        _csv(folder / "citizens.csv", HEADER, [bad])
        return folder
    if place == "sheet name":
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "citizens"
        sheet.append(HEADER)
        sheet.append(GOOD)
        workbook.create_sheet(text[:31]).append(["a"])
        path = base / "export.xlsx"
        workbook.save(path)
        return path
    if place == "header":
        path = base / "citizens.csv"
        _csv(path, [*HEADER, text], [[*GOOD, "x"]])
        return path
    if place == "cell value":
        path = base / "citizens.csv"
        _csv(path, HEADER, [["bfd1b50a6b1", "665", text, "kvinde", ""]])
        return path
    row = dict(zip(HEADER[:4], ["bfd1b50a6b1", "665", 1958, "kvinde"]))
    document: dict = {"citizens": [row]}
    if place == "JSON key":
        row[text] = 1
    else:
        document[text] = []
    path = base / "export.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def all_output(path: Path, output_format: str, lang: str) -> str:
    result = CliRunner().invoke(cli.main, [str(path), "--format", output_format, "--lang", lang,
                                           "--today", TODAY.isoformat()])
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout + result.stderr


def test_the_oracle_sees_every_form_in_clear():
    number = "0101901234"
    for written in ["0101901234", "CPR0101901234", "borger_010190_1234.csv", "01 01 90 1234", "010190\u00a01234",
                    "010190\\u00a01234", "０１０１９０－１２３４", "010190&#8211;1234", "010190\u20131234"]:
        assert leaked(written, {number}) == {number}, written
    assert leaked("010190-****", {number}) == set()


@pytest.mark.parametrize("output_format", ["text", "json", "csv", "junit"])
@pytest.mark.parametrize("place", PLACES)
def test_a_cpr_number_is_masked_in_every_place_and_format(tmp_path, place, output_format):
    from support import fictional_cpr

    number = fictional_cpr(day=29, month=2, year=84, serial=5678)
    written = f"k_{number[:6]}\u00a0{number[6:]}" if place != "cell value" else f"{number[:2]} {number[2:4]} {number[4:6]} {number[6:]}"
    written = written.translate(FULL_WIDTH) if place in ("JSON key", "header") else written
    path = place_text(tmp_path / "in", place, written)
    for lang in ("da", "en"):
        output = all_output(path, output_format, lang)
        assert "-****" in output, (place, output_format, output[:2000])  # the text did reach the report
        assert leaked(output, {number}) == set(), (place, output_format, output[:2000])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=cpr_forms(no_slash=True), place=st.sampled_from(PLACES),
       output_format=st.sampled_from(["text", "json", "csv", "junit"]), lang=st.sampled_from(["da", "en"]))
def test_no_form_of_a_cpr_number_leaks_from_any_place(tmp_path_factory, form, place, output_format, lang):
    written, number = form
    assert leaked(written, {number}) == {number}  # the oracle sees it before ffb masks it
    path = place_text(tmp_path_factory.mktemp("in"), place, written)
    output = all_output(path, output_format, lang)
    assert leaked(output, {number}) == set(), (written, place, output_format, output[:3000])


# --- a stop signal removes the extracted package ----------------------------------------------

@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_removes_the_extracted_package(tmp_path, signum):
    import time
    import zipfile

    header = (EXAMPLE / "citizens.csv").read_text(encoding="utf-8").splitlines()[0]
    rows = "".join(f"c{i},665,1958,kvinde,\n" for i in range(200_000))
    package = tmp_path / "export.zip"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("citizens.csv", header + "\n" + rows * 10)  # 2,000,000 rows
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "TMPDIR": str(temporary)}
    child = subprocess.Popen([*COMMAND, str(package), "--today", TODAY.isoformat()], env=environment,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(temporary.glob("ffb-*")) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert list(temporary.glob("ffb-*")), "the package was never extracted"
    time.sleep(0.3)  # well inside the run: extracting or validating
    child.send_signal(signum)
    _out, err = child.communicate(timeout=120)
    assert child.returncode == -signum, (child.returncode, err)  # ended by the signal, as a shell expects
    assert list(temporary.iterdir()) == []
    assert "Traceback" not in err and signal.Signals(signum).name in err


def test_ffb602_finds_a_cpr_number_however_it_is_written(tmp_path):
    from support import fictional_cpr

    from ffb.validate.engine import Validator

    number = fictional_cpr(day=12, month=3, year=61, serial=4455)
    date, serial = number[:6], number[6:]
    forms = [f"{date} {serial}", f"{date[:2]} {date[2:4]} {date[4:]} {serial}", f"{date}\u00a0{serial}",
             f"{date}\u2013{serial}", number.translate(FULL_WIDTH), f"CPR{number}", f"borger_{number}"]
    folder = copy_example(tmp_path)
    rows = list(range(2, 2 + len(forms)))
    for row, form in zip(rows, forms):
        set_cell(folder, "cases", row, "case_number", form)
    set_cell(folder, "cases", rows[-1] + 1, "case_number", "tp-100231-2021")  # a provider and a year
    report = Validator(today=TODAY).validate(folder, lang="en")
    flagged = report.issues.filter((pl.col("code") == "FFB602") & (pl.col("column") == "case_number"))
    assert sorted(flagged["row"].to_list()) == rows
    assert leaked(render_text(report), {number}) == set()

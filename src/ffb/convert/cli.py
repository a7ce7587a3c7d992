"""`ffb convert`: turn a system's export into a canonical package with a profile, then validate it.

Exit codes: 0 everything converted and the package is valid, 1 records were rejected or the
package is invalid, 2 the conversion could not run (bad profile, no key, unreadable input).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ffb.report.masking import mask_text

WORDS = {
    "da": {
        "converted": "Konverteret med profilen", "records": "poster", "out": "konverteret", "rejected": "afvist",
        "registrations": "registreringer", "table": "tabel", "rows": "rækker", "merged": "sammenlagt",
        "rejects": "Afviste værdier", "see": "se", "validated": "Validering af resultatet",
        "not_used": "kolonner ikke brugt (udeladt, fx navne og fritekst)",
    },
    "en": {
        "converted": "Converted with profile", "records": "records", "out": "converted", "rejected": "rejected",
        "registrations": "registrations", "table": "table", "rows": "rows", "merged": "merged",
        "rejects": "Rejected values", "see": "see", "validated": "Validation of the result",
        "not_used": "columns not used (left out, e.g. names and free text)",
    },
}


# The command's own problems in English, with their Danish wording (the readers' problems are
# worded by ffb.validate.wording).
_DANISH = [
    (r"^give --profile NAME or FILE \(see --list-profiles\)$", "angiv --profile NAVN eller FIL (se --list-profiles)"),
    (r"^give at least one INPUT file to convert$", "angiv mindst én INPUT-fil at konvertere"),
    (r"^give --out DIR, the folder for the canonical package$", "angiv --out MAPPE, mappen til den kanoniske pakke"),
    (r"^no pseudonymisation key: .*$",
     "ingen nøgle til pseudonymisering: angiv --key-file FIL eller sæt FFB_PSEUDONYM_KEY; brug den samme nøgle "
     "til hver levering, så id'erne hænger sammen"),
    (r"^(?P<p>.*): no such file$", "{p}: filen findes ikke"),
    (r"^(?P<p>.*): row (?P<row>\d+) has (?P<n>\d+) cells, the header (?P<w>\d+) \(a (?P<d>.*) in a cell that is not in quotes\?\)$",
     "{p}: række {row} har {n} celler, overskriften {w} (et {d} i en celle, der ikke står i anførselstegn?)"),
    (r"^(?P<p>.*): cannot be read as CSV \((?P<why>.*)\)$", "{p}: kan ikke læses som CSV ({why})"),
    (r"^(?P<p>.*): row (?P<row>\d+): a cell opens with a quote that is never closed$",
     "{p}: række {row}: en celle begynder med et anførselstegn, der aldrig lukkes"),
    (r"^(?P<p>.*): row (?P<row>\d+): a cell longer than (?P<n>\d+) characters$",
     "{p}: række {row}: en celle på over {n} tegn"),
    (r"^(?P<p>.*): the key file cannot be read \((?P<why>.*)\)$", "{p}: nøglefilen kan ikke læses ({why})"),
    (r"^not enough memory for this conversion$", "ikke hukommelse nok til denne konvertering"),
    (r"^could not convert \((?P<why>.*)\)$", "kunne ikke konvertere ({why})"),
]


def _fail(message: str, lang: str = "en") -> None:
    """One masked line on stderr in `lang`, and exit 2 (could not run)."""
    import re

    from ffb.validate.wording import in_language

    if lang == "da":
        message = _danish_rule_title(message)
    worded = in_language(message, lang)
    if lang == "da":
        for pattern, danish in _DANISH:
            match = re.match(pattern, message, flags=re.S)
            if match:
                worded = danish.format(**match.groupdict())
                break
    prefix = "ffb convert: fejl: " if lang == "da" else "ffb convert: error: "
    click.echo(f"{prefix}{mask_text(worded)}", err=True)
    sys.exit(2)


def _danish_rule_title(message: str) -> str:
    """`not a readable text file (FFB130 mixed encodings, row 12)` in Danish words."""
    import re

    from ffb.validate.catalogue import get_rule

    match = re.match(r"^(?P<p>.*): not a readable text file \((?P<code>FFB\d+) [^,)]*(, row (?P<row>\d+))?\)$", message)
    if not match:
        return message
    title = get_rule(match["code"]).title["da"].lower()
    row = f", række {match['row']}" if match["row"] else ""
    return f"{match['p']}: kan ikke læses som tekst ({match['code']} {title}{row})"


def _list_profiles() -> None:
    from ffb.convert.profile import load_profile, shipped_profiles

    for name in shipped_profiles():
        profile, _ = load_profile(name)
        click.echo(f"{name:<20} {profile.read.format:<5} {profile.title}")


@click.command("convert", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--profile", "profile_name", metavar="NAME|FILE", help="A shipped profile (see --list-profiles) or a profile file.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Folder to write the canonical package to.")
@click.option("--key-file", type=click.Path(dir_okay=False, path_type=Path),
              help="File holding the pseudonymisation key (else the FFB_PSEUDONYM_KEY environment variable).")
@click.option("--organisations", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV of municipality_code and sts_uuid: the KOMBIT STS organisation of each municipality (FHIR).")
@click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True)
@click.option("--list-profiles", is_flag=True, help="List the shipped profiles and exit.")
@click.option("--no-validate", is_flag=True, help="Write the package without validating it.")
def convert_command(inputs, profile_name, out, key_file, organisations, lang, list_profiles, no_validate) -> None:
    """Convert INPUT files (a system's export) into a canonical FFB data package in --out.

    Writes the package, DIR/rejects.csv and DIR/conversion-report.json, then validates the
    package with ffb-validate.
    """
    from ffb.convert.profile import ProfileError
    from ffb.convert.pseudonym import MissingKey, load_key
    from ffb.read.model import CannotRun

    try:
        if list_profiles:
            _list_profiles()
            return
        if not profile_name:
            _fail("give --profile NAME or FILE (see --list-profiles)", lang)
        if not inputs:
            _fail("give at least one INPUT file to convert", lang)
        if out is None:
            _fail("give --out DIR, the folder for the canonical package", lang)
        key = load_key(key_file)
        from ffb.convert.run import run_conversion

        with _progress(lang) as tell:
            result = run_conversion(profile_name, list(inputs), out, key, lang, organisations, tell)
    except (ProfileError, MissingKey, CannotRun) as problem:
        _fail(str(problem), lang)
    except MemoryError:
        _fail("not enough memory for this conversion", lang)
    except Exception as error:  # never a traceback: say what failed, in one line
        _fail(f"could not convert ({type(error).__name__}: {error})", lang)

    _print_summary(result, lang)
    # The package is written: the converted tables need not stay in memory while it is validated.
    result.conversion, result.rejects = None, None
    valid = True
    if not no_validate:
        valid = _validate(out, lang)
    sys.exit(0 if valid and result.records_rejected == 0 else 1)


STAGES = {
    "da": {"read": "Læser udtrækket", "convert": "Omsætter til kontraktens tabeller", "write": "Skriver pakken"},
    "en": {"read": "Reading the export", "convert": "Converting to the contract's tables", "write": "Writing the package"},
}


@contextmanager
def _progress(lang: str):
    """A spinner on stderr naming the stage, with the time spent: only when stderr is a
    terminal (never in a pipe, a log or a CI job's output)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn

    # The bar fills as a large CSV export is read slice by slice; otherwise it pulses.
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                        TimeElapsedColumn(), transient=True, console=Console(stderr=True))
    task = progress.add_task("", total=None)

    def tell(stage: str, done: float | None = None) -> None:
        if done is None:
            progress.update(task, description=STAGES[lang].get(stage, stage), total=None, completed=0)
        else:
            progress.update(task, total=1.0, completed=done)

    with progress:
        yield tell


def _print_summary(result, lang: str) -> None:
    from ffb.report.text import number

    words = WORDS[lang]
    report = result.report

    def n(count: int) -> str:
        return number(count, lang)

    click.echo(f"{words['converted']} {report['profile']} → {result.out}")
    for source in report["sources"]:
        where = source["source"] + (f" [{source['sheet']}]" if source["sheet"] else "")
        click.echo(
            f"  {where}: {n(source['records_in'])} {words['records']}, {n(source['records_out'])} {words['out']}, "
            f"{n(source['records_rejected'])} {words['rejected']}"
        )
        if "registrations" in source:
            r = source["registrations"]
            click.echo(
                f"    {words['registrations']}: {n(r['records_in'])}, {n(r['records_out'])} {words['out']}, "
                f"{n(r['records_rejected'])} {words['rejected']}"
            )
        if source["columns_not_used"]:
            click.echo(f"    {words['not_used']}: {', '.join(source['columns_not_used'])}")
        for note in source["notes"]:
            click.echo(f"    {_worded_note(note, lang)}")
    for name, table in report["tables"].items():
        click.echo(
            f"  {words['table']} {name}: {n(table['rows_written'])} {words['rows']} "
            f"({n(table['records_out'])} {words['out']}, {n(table['merged_duplicates'])} {words['merged']}, "
            f"{n(table['records_rejected'])} {words['rejected']})"
        )
    if report["rejected_values"]:
        click.echo(f"{words['rejects']} ({words['see']} {result.out / 'rejects.csv'}):")
        for item in report["rejected_values"][:15]:
            click.echo(f"  {n(item['count']):>9} × {item['column']} = {item['value']!r}: {item['code']}")


def _validate(out: Path, lang: str) -> bool:
    import datetime as dt

    from ffb.report.text import render_text
    from ffb.validate.engine import Validator

    words = WORDS[lang]
    click.echo()
    click.echo(f"{words['validated']}:")
    from ffb.validate.cli import _progress_printer

    progress, update = _progress_printer(lang)
    validator = Validator(today=dt.date.today())
    if progress:
        with progress:
            report = validator.validate(out / "datapackage.json", None, lang, "error", 50, update)
    else:
        report = validator.validate(out / "datapackage.json", None, lang, "error", 50)
    sys.stdout.write(render_text(report, color=sys.stdout.isatty()))
    return report.valid


@click.group("profile")
def profile_group() -> None:
    """Write and check conversion profiles."""


@profile_group.command("suggest")
@click.argument("export", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The draft profile to write.")
@click.option("--name", default="my-profile", show_default=True, help="The profile's name.")
def suggest_command(export: Path, out: Path, name: str) -> None:
    """Draft a profile from a sample EXPORT (CSV or XLSX): every guess scored, every doubt a TODO."""
    from ffb.convert.profile import ProfileError, load_profile
    from ffb.convert.suggest import suggest_profile
    from ffb.read.model import CannotRun

    try:
        text = suggest_profile(export, name)
    except CannotRun as problem:
        _fail(str(problem))
    out.write_text(text, encoding="utf-8")
    try:
        load_profile(out)
    except ProfileError as problem:  # a draft that does not load is our fault: say so
        _fail(f"the draft in {out} does not load: {problem}")
    todo = text.count("TODO")
    click.echo(f"wrote {out}: {todo} TODO(s) to decide")


@profile_group.command("check")
@click.argument("profile")
def check_command(profile: str) -> None:
    """Check a PROFILE file (or shipped name) against its schema and the contract."""
    from ffb.convert.plan import compile_plan
    from ffb.convert.profile import ProfileError, load_profile

    try:
        loaded, path = load_profile(profile)
        plan = compile_plan(loaded, str(path))
    except ProfileError as problem:
        click.echo(mask_text(str(problem)), err=True)
        sys.exit(1)
    click.echo(f"{path}: valid ({len(plan.tables)} tables)")


# The notes of the conversion report are data (English, stable); the summary words them.
_NOTE_WORDS_DA = (
    ("read as ", "læst som tegnsættet "),
    ("rows with cells right of the header: ", "rækker med celler til højre for overskriften: "),
    ("a record is one Bundle", "en post er én Bundle"),
    ("a quote inside a cell that is not in quotes is kept as a character, first in row ",
     "et anførselstegn i en celle, der ikke står i anførselstegn, er beholdt som tegn, første gang i række "),
)


def _worded_note(note: str, lang: str) -> str:
    if lang != "da":
        return note
    for english, danish in _NOTE_WORDS_DA:
        if note.startswith(english):
            return danish + note[len(english):]
    return note

"""ffb-validate: check an FFB export against the contract.

Exit codes: 0 valid, 1 invalid, 2 could not run.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ffb import __version__
from ffb.read.limits import DEFAULT_LIMITS, LIMIT_HELP, OPTIONS, Limits
from ffb.validate.guard import GuardedCommand, fail
from ffb.validate.wording import EXIT_CODES

FORMATS = ("text", "json", "csv", "junit", "xlsx")
_fail = fail  # one masked line on stderr in the chosen language, exit 2


def _rules_listing(output_format: str, lang: str) -> str:
    from ffb.validate.catalogue import RULES

    if output_format == "json":
        return json.dumps(
            [
                {
                    "code": r.code, "name": r.name, "severity": r.severity, "group": r.group,
                    "title": r.title[lang], "message": r.message[lang], "description": r.description,
                }
                for r in RULES.values()
            ],
            ensure_ascii=False, indent=2,
        ) + "\n"
    if output_format == "csv":
        lines = ["code,name,severity,title"]
        lines += [f'{r.code},{r.name},{r.severity},"{r.title[lang]}"' for r in RULES.values()]
        return "\n".join(lines) + "\n"
    from ffb.validate.wording import SEVERITY_NAMES

    names = SEVERITY_NAMES[lang]
    return "".join(f"{r.code}  {r.name:<40} {names[r.severity]:<8} {r.title[lang]}\n" for r in RULES.values())


def _write_workbook(report, output: Path | None, lang: str) -> None:
    """Write the report as an Excel workbook to `output` (a workbook is not for a terminal)."""
    from ffb.report.xlsx_format import render_xlsx

    if output is None and sys.stdout.isatty():
        _fail("--format xlsx writes a workbook; give a file with -o, e.g. -o report.xlsx", lang=lang)
    data = render_xlsx(report)
    try:
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            partial = output.with_name(f".{output.name}.part")
            partial.write_bytes(data)
            partial.replace(output)
    except OSError as error:
        _fail(f"cannot write the report to {output or 'stdout'}: {error.strerror or error}", lang=lang)
    sys.exit(report.exit_code)


def _progress_printer(lang: str = "da"):
    """A progress line on stderr for large inputs, shown only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        transient=True, console=Console(stderr=True))
    task = progress.add_task("", total=None)

    def update(stage: str, rows: int | None) -> None:
        from ffb.validate.wording import progress_text

        progress.update(task, description=progress_text(stage, rows, lang))

    return progress, update


def limit_options(command):
    """The options that bound how far an input may expand when read (ffb.read.limits)."""
    for name, option in reversed(OPTIONS.items()):
        command = click.option(
            option, name, type=click.IntRange(min=1), default=getattr(DEFAULT_LIMITS, name),
            show_default=True, metavar="N", help=LIMIT_HELP[name],
        )(command)
    return command


@click.command(cls=GuardedCommand, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--table", "table", metavar="NAME", multiple=True,
              help="A table to check (repeatable): a single file is read as this table; a whole export "
                   "need hold only the tables named (else citizens, cases and assessments are required).")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Report format: text for people, json for programs, csv or xlsx for spreadsheets "
                   "(xlsx needs -o), junit for CI systems.")
@click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True, help="Language of messages.")
@click.option("--max-errors", type=click.IntRange(min=1), metavar="N",
              help="List at most N issues, errors first (the counts still cover all). The text report "
                   "lists at most 1000 lines and sums up a rule that fires on a whole column; "
                   "--format json, csv or xlsx carries every issue.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="The least severe issue that makes the input invalid.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to a file.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), help="The day of validation (for dates in the future).")
@click.option("--organisations", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="For FHIR Bundles: a CSV (municipality_code, sts_uuid) that names the municipality of "
                   "each KOMBIT STS organisation UUID.")
@click.option("--list-rules", is_flag=True, help="Print the rule catalogue and exit.")
@click.version_option(__version__, prog_name="ffb-validate")
@limit_options
def main(path, table, output_format, lang, max_errors, fail_on, output, today, organisations, list_rules, **limits) -> None:
    """Check PATH – a data package (folder, datapackage.json or zip), a table file (CSV,
    XLSX, JSON lines, Parquet), an export JSON document, or FHIR Bundles of KL's FFB reporting
    (a Bundle, NDJSON of Bundles, or a folder of them) – against the FFB contract."""
    if list_rules:
        if output_format not in ("text", "json", "csv"):
            _fail(f"--list-rules cannot be written as {output_format}; use text, json or csv", lang=lang)
        click.echo(_rules_listing(output_format, lang), nl=False)
        return
    if path is None:
        _fail("give a PATH to validate, or --list-rules", lang=lang)
    from ffb.read import CannotRun
    from ffb.report.output import CannotWrite, check_destination, report_writer

    if output is not None:
        try:
            check_destination(output, path, lang)
        except CannotWrite as problem:
            _fail(str(problem), lang=lang)
    progress, update = _progress_printer(lang)
    try:
        from ffb.validate.engine import Validator

        known = {}
        if organisations is not None:
            from ffb.fhir.convert import load_organisations

            known = load_organisations(organisations, {})
        validator = Validator(today=today.date() if today else dt.date.today(), limits=Limits(**limits),
                              organisations=known)
        if progress:
            with progress:
                report = validator.validate(path, table, lang, fail_on, max_errors, update)
        else:
            report = validator.validate(path, table, lang, fail_on, max_errors)
    except CannotRun as problem:
        _fail(str(problem), lang=lang)
    except MemoryError:
        _fail(f"{path}: not enough memory to validate this input", lang=lang)
    except Exception as error:  # never a traceback: say what failed, in one line
        _fail(f"{path}: could not validate ({type(error).__name__}: {error})", lang=lang)
    # Anything else that goes wrong (a panic in a library, Ctrl-C, a stop signal) is caught by
    # GuardedCommand: exit 2, never 1.

    if output_format == "xlsx":
        _write_workbook(report, output, lang)
    try:
        with report_writer(output, lang) as write:
            if output_format == "json":
                from ffb.report.json_format import write_json

                write_json(report, write)
            elif output_format == "csv":
                from ffb.report.csv_format import write_csv

                write_csv(report, write)
            elif output_format == "junit":
                from ffb.report.junit import write_junit

                write_junit(report, write)
            else:
                from ffb.report.text import render_text

                write(render_text(report, color=output is None and sys.stdout.isatty()))
    except CannotWrite as problem:
        _fail(str(problem), lang=lang)
    sys.exit(report.exit_code)


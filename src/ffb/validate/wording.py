"""What ffb-validate itself says, beside the report: errors on stderr, the progress line and
the exit codes, in the language chosen with --lang (Danish unless told otherwise).

Every error is one line in one style, `ffb-validate: fejl: …` (or `error:`), whether it comes
from the arguments, the input or the validator.
"""

from __future__ import annotations

import re

import click

SEVERITY_NAMES = {
    "da": {"error": "fejl", "warning": "advarsel", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
PREFIX = {"da": "ffb-validate: fejl: ", "en": "ffb-validate: error: "}

EXIT_CODES = (
    "\b\nExit codes / afslutningskoder:\n"
    "  0  valid / gyldig\n"
    "  1  invalid / ugyldig (errors, or warnings with --fail-on warning)\n"
    "  2  could not run / kunne ikke køre (missing file, unsupported input, bad arguments)"
)

# The problems the readers and the command name in English, with their Danish wording.
_DANISH = [
    (r"^(?P<p>.*): no such file or folder$", "{p}: filen eller mappen findes ikke"),
    (r"^(?P<p>.*): not a regular file or folder$", "{p}: er hverken en almindelig fil eller en mappe"),
    (r"^(?P<p>.*): unsupported file type (?P<s>\S+); give a data package, CSV, XLSX, JSON, JSON lines or Parquet$",
     "{p}: filtypen {s} kan ikke læses; giv en datapakke, CSV, XLSX, JSON, JSON lines eller Parquet"),
    (r"^(?P<p>.*): no datapackage.json and no table files in this folder$",
     "{p}: mappen har hverken datapackage.json eller tabelfiler"),
    (r"^(?P<p>.*): (?P<f>.*) is a FHIR Bundle among table files; check the Bundles on their own .*$",
     "{p}: {f} er en FHIR-Bundle blandt tabelfiler; tjek Bundles for sig (en fil eller en mappe med "
     "kun Bundles) og tabellerne uden dem"),
    (r"^(?P<p>.*): cannot be read \((?P<why>.*)\)$", "{p}: kan ikke læses ({why})"),
    (r"^unknown table (?P<t>.*); the tables are: (?P<names>.*)$", "ukendt tabel {t}; tabellerne er: {names}"),
    (r"^give a PATH to validate, or --list-rules$", "angiv en STI at tjekke, eller --list-rules"),
    (r"^(?P<p>.*): not enough memory to validate this input$", "{p}: ikke nok hukommelse til at tjekke dette input"),
    (r"^(?P<p>.*): could not validate \((?P<why>.*)\)$", "{p}: kunne ikke tjekkes ({why})"),
    (r"^--format xlsx writes a workbook; give a file with -o, e.g. -o report.xlsx$",
     "--format xlsx skriver et regneark; angiv en fil med -o, fx -o rapport.xlsx"),
    (r"^cannot write the report to (?P<o>.*): (?P<why>.*)$", "kan ikke skrive rapporten til {o}: {why}"),
    (r"^--list-rules cannot be written as (?P<f>\S+); use text, json or csv$",
     "--list-rules kan ikke skrives som {f}; brug text, json eller csv"),
]


def in_language(problem: str, lang: str) -> str:
    """A problem the validator or a reader reported, in the chosen language."""
    if lang == "da":
        for pattern, danish in _DANISH:
            match = re.match(pattern, problem, flags=re.S)
            if match:
                return danish.format(**match.groupdict())
    return problem


def usage_problem(error: click.ClickException, lang: str) -> str:
    """A bad command line, said in one line in the chosen language."""
    da = lang == "da"
    if isinstance(error, click.NoSuchOption):
        near = f" ({'mente du' if da else 'did you mean'} {', '.join(error.possibilities)}?)" if error.possibilities else ""
        return (f"ukendt tilvalg {error.option_name}" if da else f"no such option {error.option_name}") + near
    if isinstance(error, click.BadParameter) and error.param is not None:
        name = (error.param.opts or [error.param.name or ""])[0]
        choices = getattr(error.param.type, "choices", None)
        if choices:
            allowed = ", ".join(choices)
            return (f"ugyldig værdi for {name}; vælg en af: {allowed}" if da
                    else f"invalid value for {name}; choose one of: {allowed}")
        return (f"ugyldig værdi for {name}: {error.message}" if da else f"invalid value for {name}: {error.message}")
    if isinstance(error, click.MissingParameter) and error.param is not None:
        name = (error.param.opts or [error.param.name or ""])[0]
        return f"{name} mangler en værdi" if da else f"{name} needs a value"
    message = error.format_message()
    if da:
        message = re.sub(r"^Option '(.+)' requires an argument\.$", r"tilvalget \1 kræver en værdi", message)
        message = re.sub(r"^Got unexpected extra arguments? \((.+)\)$", r"uventede ekstra argumenter (\1)", message)
    return message


def language_of(arguments: list[str]) -> str:
    """The --lang of a command line, before click has parsed it (for errors in parsing)."""
    for index, argument in enumerate(arguments):
        if argument == "--lang" and index + 1 < len(arguments):
            return "en" if arguments[index + 1] == "en" else "da"
        if argument.startswith("--lang="):
            return "en" if argument.split("=", 1)[1] == "en" else "da"
    return "da"


def progress_text(stage: str, rows: int | None, lang: str) -> str:
    """The progress line: the table being read and its rows, then the rules that run."""
    da = lang == "da"
    if rows is not None:
        count = f"{rows:,}".replace(",", "." if da else ",")
        return f"{stage}: {count} {'rækker læst' if da else 'rows read'}"
    if stage == "keys":
        return "tjekker nøgler og henvisninger" if da else "checking keys and references"
    return (f"tjekker regler på tværs af tabeller ({stage})" if da
            else f"checking rules across tables ({stage})")

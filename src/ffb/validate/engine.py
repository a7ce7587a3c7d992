"""Run every rule over an input and build the report: read → field rules → keys → rules
across tables → issues located, masked and worded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from ffb.contract.codes import load_contract
from ffb.read import CannotRun, RawInput, open_input
from ffb.read.limits import DEFAULT_LIMITS, Limits
from ffb.read.model import ROW, Finding
from ffb.report.masking import mask_expr, mask_text
from ffb.report.model import ISSUE_COLUMNS, ISSUE_FRAME_SCHEMA, Report, count_issues, group_issues
from ffb.validate import rules as _register_rules  # noqa: F401  (registers the cross-table rules)
from ffb.validate.catalogue import RULES, SEVERITIES
from ffb.validate.completeness import expect_tables
from ffb.validate.context import CROSS_RULES, Context
from ffb.validate.fields import ISSUE_SCHEMA, FieldChecker, empty_issues
from ffb.validate.hints import add_hints as hints
from ffb.validate.hints import describe_pattern
from ffb.validate.inputs import SOURCE, as_path
from ffb.validate.keys import dangling_references, duplicate_keys

# Told what the validator is doing: (table, rows read so far) while reading, and
# (stage, None) after it: "keys" for keys and references, or the codes of the rule across
# tables that runs.
Progress = Callable[[str, int | None], None]

SHOWN_VALUE_LENGTH = 120


def _findings_frame(findings: list[Finding]) -> pl.DataFrame:
    """The readers' findings as issue rows (built column by column: there may be millions)."""
    fields = ("code", "source", "table", "row", "pointer", "column", "value", "detail")
    columns = {name: [getattr(f, name) for f in findings] for name in fields}
    return pl.DataFrame(columns, schema={**ISSUE_SCHEMA, "source": pl.String, "pointer": pl.String})


def _locate(issues: pl.DataFrame, sources: dict[str, str], pointers: dict[str, str | None]) -> pl.DataFrame:
    """Add the file and, for JSON documents, the JSON pointer of each issue."""
    table = pl.col("table")
    base = table.replace_strict(pointers, default=None, return_dtype=pl.String)
    pointer = pl.when(base.is_not_null()).then(
        pl.concat_str([base, pl.lit("/"), pl.col("row").cast(pl.String),
                       pl.when(pl.col("column").is_not_null()).then(pl.lit("/") + pl.col("column")).otherwise(pl.lit(""))])
    )
    return issues.with_columns(
        table.replace_strict(sources, default=None, return_dtype=pl.String).alias("source"),
        pointer.alias("pointer"),
        pl.when(base.is_null()).then(pl.col("row")).alias("row"),
    )


def _shown(column: str) -> pl.Expr:
    """A value as a report may show it: CPR numbers masked, very long values shortened."""
    masked = mask_expr(pl.col(column))
    return (
        pl.when(masked.str.len_chars() > SHOWN_VALUE_LENGTH)
        .then(pl.concat_str([masked.str.slice(0, SHOWN_VALUE_LENGTH), pl.lit("…")]))
        .otherwise(masked)
    )


def word_issues(issues: pl.DataFrame, lang: str, table_order: list[str]) -> pl.DataFrame:
    """Severity, message and hint for every issue, with every shown text masked."""
    severities = {code: rule.severity for code, rule in RULES.items()}
    templates = {code: rule.message[lang] for code, rule in RULES.items()}
    order = {name: i for i, name in enumerate(table_order)}
    severity_rank = {code: SEVERITIES.index(rule.severity) for code, rule in RULES.items()}
    # Every text a report shows is masked and shortened, names included: a JSON property
    # name or a file name can hold a CPR number too.
    shown = issues.with_columns(
        [_shown(c).alias(c) for c in ("value", "detail", "source", "column", "pointer")]
        + [mask_expr(pl.col("table")).alias("shown_table")]
    )
    # A pattern is said in words with an example, never as the expression itself.
    info = {f"{t['name']}.{c['name']}": c for t in load_contract()["tables"] for c in t["columns"]}
    patterns = {key: describe_pattern(c["pattern"], lang) for key, c in info.items() if "pattern" in c}
    column_key = pl.concat_str([pl.col("table").fill_null(""), pl.lit("."), pl.col("column").fill_null("")])
    shown = shown.with_columns(
        pl.when(pl.col("code") == "FFB207")
        .then(column_key.replace_strict(patterns, default=None, return_dtype=pl.String))
        .otherwise(pl.col("detail")).alias("detail")
    )
    message = pl.col("code").replace_strict(templates, return_dtype=pl.String)
    for placeholder, column in (("table", "shown_table"), ("column", "column"), ("value", "value"), ("detail", "detail")):
        message = message.str.replace_all("{" + placeholder + "}", pl.col(column).fill_null(""), literal=True)
    return (
        shown.with_columns(
            pl.col("code").replace_strict(severities, return_dtype=pl.String).alias("severity"),
            mask_expr(message).alias("message"),
            mask_expr(hints(shown, lang)).alias("hint"),
            pl.col("shown_table").alias("table"),
            pl.col("table").replace_strict(order, default=len(order), return_dtype=pl.Int64).alias("_order"),
            pl.col("code").replace_strict(severity_rank, return_dtype=pl.Int8).alias("_severity"),
        )
        # Errors first, then warnings, then notes; within each, table, row and column.
        .sort(["_severity", "_order", "row", "pointer", "column", "code"], nulls_last=False, maintain_order=True)
        .select(ISSUE_COLUMNS)
        .cast(ISSUE_FRAME_SCHEMA)
    )


class Validator:
    """Validates inputs against the compiled contract. One instance can check many inputs."""

    def __init__(self, today: dt.date | None = None, limits: Limits | None = None,
                 organisations: dict[str, str] | None = None) -> None:
        self.limits = limits or DEFAULT_LIMITS
        # Municipality code → KOMBIT STS organisation UUID, for FHIR Bundles.
        self.organisations = organisations or {}
        contract = load_contract()
        self.tables = {t["name"]: t for t in contract["tables"]}
        self.enums = contract["enums"]
        self.checkers = {name: FieldChecker(t, self.enums) for name, t in self.tables.items()}
        self.today = today or dt.date.today()

    def check_raw(
        self, raw: RawInput, progress: Progress | None = None, typed_out: dict | None = None
    ) -> tuple[pl.DataFrame, dict]:
        """Issues of every rule (code, table, row, column, value, detail, source, pointer).

        `typed_out`, when given, receives the typed tables (with `_row`), for callers that go
        on to compute with the data they just checked."""
        found: list[pl.DataFrame] = []
        typed: dict[str, pl.DataFrame] = {}
        table_info: dict[str, dict] = {}
        for name, raw_table in raw.tables.items():
            parts, rows = [], 0
            for batch in raw_table.batches():
                issues, typed_batch = self.checkers[name].check(batch, raw_table.missing_columns)
                found.append(issues)
                # One chunk per column and batch: columns whose chunks do not line up are
                # copied whole by the first filter over the table (for millions of rows, as
                # much memory again as the table).
                parts.append(typed_batch.rechunk())
                rows += batch.height
                if progress:
                    progress(name, rows)
            del batch, typed_batch  # the last raw batch may be the whole file
            typed[name] = pl.concat(parts) if parts else pl.DataFrame(
                schema={ROW: pl.Int64, **{c["name"]: pl.String for c in self.tables[name]["columns"]}}
            )
            table_info[name] = {"source": raw_table.source, "rows": rows}
            if raw_table.pointer is not None:
                table_info[name]["pointer"] = raw_table.pointer

        if progress:
            progress("keys", None)
        for name, frame in typed.items():
            table = self.tables[name]
            if table["primary_key"]:
                found.append(duplicate_keys(frame, table))
            found.extend(dangling_references(frame, table, typed, raw.tables))

        field_issues = pl.concat([f for f in found if f.height] or [empty_issues()])
        rejected = field_issues.filter(~pl.col("code").is_in(["FFB201", "FFB202"]))
        flagged = {(table, column): group["row"] for (table, column), group in rejected.group_by(["table", "column"])}
        context = Context(typed, self.tables, self.enums, self.today, flagged)
        for cross in CROSS_RULES:
            if context.has(*cross.tables):
                if progress:
                    progress(", ".join(cross.codes), None)
                found.extend(cross.check(context))

        located = _locate(
            pl.concat([f for f in found if f.height] or [empty_issues()]),
            {name: info["source"] for name, info in table_info.items()},
            {name: info.get("pointer") for name, info in table_info.items()},
        )
        findings = _findings_frame(raw.findings).select(located.columns)
        if typed_out is not None:
            typed_out.update(typed)
        return pl.concat([findings, located]), table_info

    def validate(
        self,
        path: Path,
        table: str | Sequence[str] | None = None,
        lang: str = "da",
        fail_on: str = "error",
        max_errors: int | None = None,
        progress: Progress | None = None,
    ) -> Report:
        """Validate `path`. `table` names the tables expected (one name or several): a
        single file is read as that table, and a whole export need hold only those."""
        expected = [table] if isinstance(table, str) else list(table or [])
        for name in expected:
            if name not in self.tables:
                raise CannotRun(f"unknown table {name!r}; the tables are: {', '.join(self.tables)}")
        # A single file is read as the one table named; in a folder or zip every file
        # keeps its own table.
        reader_table = expected[0] if len(expected) == 1 and path.is_file() and path.suffix.lower() != ".zip" else None
        from ffb.fhir.validate import BundleInput, is_bundle_input, open_bundles

        if is_bundle_input(path):
            opened = open_bundles(path, list(self.tables.values()), self.enums, self.organisations, lang)
        else:
            opened = open_input(path, reader_table, self.limits)
        with opened as raw:
            expect_tables(raw, expected or None)
            issues, table_info = self.check_raw(raw, progress)
            if isinstance(raw, BundleInput):
                issues = raw.locate(issues)
            headers = {name: [mask_text(c) for c in table.header] for name, table in raw.tables.items()}
            kind = raw.kind
        worded = word_issues(issues, lang, list(self.tables))
        counts, by_table, by_rule = count_issues(worded)
        groups = group_issues(worded)
        omitted = 0
        if max_errors is not None and worded.height > max_errors:
            omitted = worded.height - max_errors
            worded = worded.head(max_errors)
        tables = {
            name: {key: mask_text(value) if isinstance(value, str) else value for key, value in info.items()}
            for name, info in table_info.items()
        }
        return Report(
            input=mask_text(str(path)), kind=kind, lang=lang, fail_on=fail_on, issues=worded,
            tables=tables, counts=counts, by_table=by_table, by_rule=by_rule, omitted=omitted,
            groups=groups, headers=headers,
        )


def validate(source: SOURCE, **options) -> Report:
    """Validate one input (data package, table file or JSON document) and return the report.

    `source` is a path, the bytes of a file, or a file already open (binary or text).
    Raises CannotRun when the input cannot be validated at all.
    """
    today = options.pop("today", None)
    with as_path(source) as (path, name):
        report = Validator(today=today).validate(path, **options)
    if name != str(path):  # bytes or an open file: name the input, not the temporary file
        report.input = name
        for info in report.tables.values():
            info["source"] = info["source"].replace(str(path), name)
        report.issues = report.issues.with_columns(
            pl.col("source").str.replace(str(path), name, literal=True)
        )
    return report

"""The validation report: data first (a table of issues and their counts), text second."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from ffb.validate.catalogue import RULES, SEVERITIES

ISSUE_COLUMNS = ["code", "severity", "source", "table", "row", "pointer", "column", "value", "message", "hint"]
ISSUE_FRAME_SCHEMA = {
    "code": pl.String,
    "severity": pl.String,
    "source": pl.String,
    "table": pl.String,
    "row": pl.Int64,
    "pointer": pl.String,
    "column": pl.String,
    "value": pl.String,
    "message": pl.String,
    "hint": pl.String,
}


@dataclass
class Report:
    """Everything ffb-validate found in one input.

    `issues` holds every issue (or the first `max_errors` of them, see `omitted`); the
    counts always cover all of them.
    """

    input: str
    kind: str
    lang: str
    fail_on: str
    issues: pl.DataFrame
    tables: dict[str, dict] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    by_table: dict[str, dict[str, int]] = field(default_factory=dict)
    by_rule: dict[str, int] = field(default_factory=dict)
    omitted: int = 0
    # Every issue grouped by rule, table and column, counted before any is left out: code,
    # severity, table, column, source, count, first_rows (up to FIRST_ROWS), message and
    # hint of the first issue. The listings summarise large groups with it.
    groups: pl.DataFrame = field(default_factory=lambda: group_issues(pl.DataFrame(schema=ISSUE_FRAME_SCHEMA)))
    # The header of each table's file as read, for spreadsheet cell references (M3).
    headers: dict[str, list[str]] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        if self.fail_on == "warning":
            return self.counts.get("error", 0) + self.counts.get("warning", 0) == 0
        return self.counts.get("error", 0) == 0

    @property
    def exit_code(self) -> int:
        return 0 if self.valid else 1

    def summary(self) -> dict:
        return {
            "counts": {severity: self.counts.get(severity, 0) for severity in SEVERITIES},
            "tables": self.by_table,
            "rules": {
                code: {"name": RULES[code].name, "severity": RULES[code].severity, "count": n}
                for code, n in sorted(self.by_rule.items())
            },
            "omitted": self.omitted,
            "groups": self.groups.to_dicts(),
        }

    def header(self) -> dict:
        """Everything but the issues (which the JSON writer streams from the columns)."""
        return {
            "valid": self.valid,
            "input": self.input,
            "kind": self.kind,
            "fail_on": self.fail_on,
            "tables": self.tables,
            "summary": self.summary(),
        }

    def to_dict(self) -> dict:
        return {**self.header(), "issues": self.issues.select(ISSUE_COLUMNS).to_dicts()}


def count_issues(issues: pl.DataFrame) -> tuple[dict[str, int], dict[str, dict[str, int]], dict[str, int]]:
    """Counts per severity, per table and severity, and per rule."""
    counts = dict(issues.group_by("severity").len().iter_rows())
    by_rule = dict(issues.group_by("code").len().iter_rows())
    by_table: dict[str, dict[str, int]] = {}
    for table, severity, n in issues.group_by(["table", "severity"]).len().iter_rows():
        by_table.setdefault(table or "", {})[severity] = n
    return counts, by_table, by_rule


FIRST_ROWS = 5


def group_issues(issues: pl.DataFrame) -> pl.DataFrame:
    """The issues grouped by rule, table and column, in the order of the listing (errors
    first): how many, the first rows, and the message and hint of the first one."""
    return (
        issues.group_by(["code", "table", "column"], maintain_order=True)
        .agg(
            pl.col("severity").first(),
            pl.col("source").first(),
            pl.len().alias("count"),
            pl.col("row").drop_nulls().head(FIRST_ROWS).alias("first_rows"),
            pl.col("message").first(),
            pl.col("hint").first(),
        )
        .select("code", "severity", "table", "column", "source", "count", "first_rows", "message", "hint")
    )

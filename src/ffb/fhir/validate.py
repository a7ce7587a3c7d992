"""KL's FFB Bundles checked by ffb-validate, each issue located in its Bundle.

A vendor can check a delivery before it goes to KL's gateway: `ffb-validate bundle.json` (one
Bundle, NDJSON of Bundles, or a folder of them) reads the Bundles as the `kl-ffb-reporting`
profile does, builds the canonical tables in memory and runs every rule on them. Values are
kept as the Bundle holds them (a code outside its list, a date that is none), so the field
rules report them; what leaves no row to check (a Bundle without exactly one citizen, a CPR
number that is none, an organisation the table does not know) is FFB133.

Each issue is reported where the vendor can find it: the file (with its line for NDJSON),
the element (`Bundle.entry[3].resource.severity`) and the resource (`Condition/c-1`). The
citizen ids the rules need are pseudonyms under a key made for the run and forgotten after it:
they never leave the process, and no CPR number is kept in any table.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ffb.convert import parsing
from ffb.convert.pseudonym import Pseudonymiser
from ffb.fhir.read import bundle_rows, iter_bundles
from ffb.read.json_documents import starts_as_bundle
from ffb.read.model import ROW, CannotRun, Finding, RawInput, RawTable

# Where in its resource each canonical column comes from (the element an issue points at).
ELEMENTS: dict[tuple[str, str], str] = {
    ("citizens", "municipality_code"): "managingOrganization.identifier",
    ("citizens", "birth_year"): "identifier",
    ("citizens", "sex"): "identifier",
    ("cases", "municipality_code"): "subject",
    ("cases", "case_number"): "extension",
    ("cases", "opened_date"): "period.start",
    ("cases", "closed_date"): "period.end",
    ("case_target_groups", "target_group"): "code",
    ("case_target_groups", "recorded_date"): "recordedDate",
    ("assessments", "case_id"): "extension",
    ("assessments", "assessment_date"): "effectiveDateTime",
    ("assessments", "kind"): "effectiveDateTime",
    ("assessments", "support_need_level"): "investigation",
    ("conditions", "condition"): "code",
    ("conditions", "function_level"): "severity",
    ("goals", "assessment_id"): "addresses",
    ("goals", "goal_type"): "target",
    ("goals", "target_function_level"): "target",
    ("goals", "goal_level"): "category",
    ("goals", "set_date"): "startDate",
    ("goals", "expected_date"): "target[0].dueDate",
    ("goal_conditions", "condition_id"): "addresses",
    ("goal_conditions", "rank"): "addresses.extension",
    ("interventions", "service"): "activity[0].detail.code",
    ("interventions", "legal_basis"): "activity[0].detail.code",
    ("interventions", "offer_type"): "basedOn",
    ("interventions", "start_date"): "period.start",
    ("interventions", "end_date"): "period.end",
    ("follow_ups", "assessment_id"): "focus",
    ("follow_ups", "follow_up_date"): "effectiveDateTime",
    ("follow_ups", "intervention_status"): "valueCodeableConcept",
}
PROBLEMS = {
    "not_one_citizen": ("Bundle'en skal have præcis én Patient, den har {value}",
                        "the Bundle must hold exactly one Patient; it holds {value}"),
    "not_a_cpr": ("Patient-ressourcens CPR-nummer er ikke et CPR-nummer {value}",
                  "the Patient's CPR number is not a CPR number {value}"),
    "not_shaped": ("den er ikke opbygget som FHIR angiver (et element har en forkert type: {value})",
                   "it is not built as FHIR says (an element has the wrong kind of value: {value})"),
    "not_json": ("teksten er ikke JSON ({value})", "the text is not JSON ({value})"),
    "not_a_bundle": ("det er ikke en Bundle (resourceType er {value})", "it is not a Bundle (resourceType is {value})"),
    "unknown_organisation": ("organisationen {value} er ikke i organisationstabellen (giv den med --organisations)",
                             "the organisation {value} is not in the organisation table (give it with --organisations)"),
}
# Columns made from the CPR number rather than read.
DERIVED = {"id", "citizen_id", "birth_year", "sex"}
# Columns the guide has no element for (the converter leaves them empty, or fills them from a
# profile's crosswalk that validation does not use).
NOT_CARRIED = {("interventions", "legal_basis")}
# Rules that compare a column with one the guide has no element for: a closed case's reason
# for closing (the guide has the end of the period, not why it ended).
NOT_CHECKED = {"FFB506"}


def is_bundle_input(path: Path) -> bool:
    """A JSON or NDJSON file whose start holds a Bundle, or a folder of only such files."""
    if path.is_dir():
        children = [c for c in path.iterdir() if c.is_file() and not c.name.startswith(".")]
        return bool(children) and all(c.suffix.lower() in (".json", ".ndjson") for c in children) \
            and all(starts_as_bundle(c) for c in children)
    return path.suffix.lower() in (".json", ".ndjson") and path.is_file() and starts_as_bundle(path)


@dataclass
class BundleInput(RawInput):
    """The canonical tables of some Bundles, with where each row came from."""

    # per table: ROW, the file (with its NDJSON line), the resource's place and its id
    places: dict[str, pl.DataFrame] = field(default_factory=dict)

    def locate(self, issues: pl.DataFrame) -> pl.DataFrame:
        """Issues of the canonical tables put back in their Bundles: source, pointer, no row."""
        if not self.places:
            return issues
        places = pl.concat([
            frame.with_columns(pl.lit(name).alias("table")) for name, frame in self.places.items()
        ]).rename({ROW: "row", "source": "_source", "at": "_at", "resource": "_resource"})
        elements = pl.DataFrame(
            {"table": [t for t, _ in ELEMENTS], "column": [c for _, c in ELEMENTS], "_element": list(ELEMENTS.values())}
        )
        located = (
            issues.with_row_index("_order")
            .join(places, on=["table", "row"], how="left")
            .join(elements, on=["table", "column"], how="left")
        )
        element = pl.when(pl.col("_element").is_not_null()).then(pl.lit(".") + pl.col("_element")).otherwise(pl.lit(""))
        found = pl.col("_at").is_not_null()
        # The municipality of a Bundle whose organisation is unknown is missing: FFB133 says why.
        said = (pl.col("code") == "FFB201") & (pl.col("column") == "municipality_code") & pl.col("unknown_organisation")
        located = located.filter(~said.fill_null(False) & ~pl.col("code").is_in(NOT_CHECKED))
        return located.sort("_order").with_columns(
            pl.when(found).then(pl.col("_source")).otherwise(pl.col("source")).alias("source"),
            pl.when(found).then(pl.concat_str([pl.col("_at"), element, pl.lit(" ("), pl.col("_resource"), pl.lit(")")]))
            .otherwise(pl.col("pointer")).alias("pointer"),
            pl.when(found).then(None).otherwise(pl.col("row")).alias("row"),
        ).select(issues.columns)


def _rows_of(path: Path, enums: dict, organisations: dict[str, str], findings: list[Finding], lang: str
             ) -> Iterator[tuple[str, dict[str, list[dict]], str, bool]]:
    by_uuid = {uuid.lower(): code for code, uuid in organisations.items()}
    for item in iter_bundles(path, lenient="all"):
        where = item.source if item.row == 1 and not item.source.endswith(".ndjson") else f"{item.source}:{item.row}"
        if item.problem is not None:
            said = PROBLEMS[item.problem.code][0 if lang == "da" else 1].format(value=item.problem.value)
            findings.append(Finding("FFB133", where, None, value=item.problem.value, detail=said))
            continue
        result = bundle_rows(item.bundle, enums, by_uuid, {}, strict=False)
        for problem in result.problems:
            said = PROBLEMS[problem.code][0 if lang == "da" else 1].format(value=problem.value)
            findings.append(Finding("FFB133", where, None, pointer=problem.path, value=problem.value, detail=said))
        if result.cpr is None:
            continue  # nothing to check without the citizen
        unknown = any(p.code == "unknown_organisation" for p in result.problems)
        yield where, result.tables, result.cpr, unknown


@contextmanager
def open_bundles(path: Path, tables: list[dict], enums: dict, organisations: dict[str, str] | None = None,
                 lang: str = "da") -> Iterator[BundleInput]:
    """The Bundles at `path` as canonical tables of text, ready for the validator."""
    if not path.exists():
        raise CannotRun(f"{path}: no such file or folder")
    findings: list[Finding] = []
    pseudonyms = Pseudonymiser(os.urandom(32))
    rows: dict[str, list[dict]] = {t["name"]: [] for t in tables}
    for where, table_rows, cpr, unknown in _rows_of(path, enums, organisations or {}, findings, lang):
        for name, items in table_rows.items():
            for row in items:
                row["_source"], row["_unknown_organisation"] = where, unknown
                if "_cpr" in row:
                    row["_cpr"] = cpr
                rows[name].append(row)
    raw = BundleInput(findings=findings, kind="fhir")
    for table in tables:
        name = table["name"]
        items = rows[name]
        if not items:
            continue
        columns = [c["name"] for c in table["columns"]]
        text = {c: [None if r.get(c) is None else str(r[c]) for r in items] for c in [*columns, "_cpr"]}
        frame = pl.DataFrame(text, schema={c: pl.String for c in text}).with_row_index(ROW, offset=1)
        frame = frame.with_columns(pl.col(ROW).cast(pl.Int64))
        if frame["_cpr"].null_count() < frame.height:
            digits = pl.col("_cpr")
            citizen = pseudonyms.series(frame["_cpr"], 64)
            frame = frame.with_columns(citizen.alias("id" if name == "citizens" else "citizen_id"))
            if name == "citizens":
                frame = frame.with_columns(parsing.cpr_birth_year(digits).cast(pl.String).alias("birth_year"),
                                           parsing.cpr_sex(digits).cast(pl.String).alias("sex"))
        frame = frame.select(ROW, *columns)
        # Columns the Bundles never carry are absent, as a column missing from a file is: their
        # empty cells are not reported row by row (a delivery cannot hold what the guide lacks).
        carried = set(items[0]) | DERIVED
        absent = frozenset(c for c in columns if c not in carried or (name, c) in NOT_CARRIED)
        header = [c for c in columns if c not in absent]
        raw.tables[name] = RawTable(name, str(path), header, lambda frame=frame: iter([frame]),
                                    missing_columns=absent)
        raw.places[name] = pl.DataFrame({
            ROW: pl.int_range(1, len(items) + 1, eager=True).cast(pl.Int64),
            "source": [r["_source"] for r in items],
            "at": [r["_at"] for r in items],
            "resource": [r["_resource"] for r in items],
            "unknown_organisation": [r["_unknown_organisation"] for r in items],
        })
    yield raw

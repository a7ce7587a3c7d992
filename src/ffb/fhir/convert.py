"""The kl-ffb-reporting profile: Bundles in, canonical tables, rejects and accounting out."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ffb.convert import parsing
from ffb.convert.crosswalk import resolve_code
from ffb.convert.engine import DTYPES, REJECT_SCHEMA, REG, ROW, SRC, Conversion
from ffb.convert.plan import Plan
from ffb.convert.profile import ProfileError
from ffb.convert.pseudonym import Pseudonymiser
from ffb.fhir.read import bundle_rows, iter_bundles
from ffb.read.model import CannotRun

LEGAL_BASIS_CROSSWALK = "legal_basis_by_service"


@dataclass
class BundleFile:
    """What the rejects and the report say about one input (a file or folder of Bundles)."""

    source: str
    sheet: str | None = None
    records: int = 0
    rejected: int = 0


def load_organisations(path: Path | None, profile_table: dict[str, str]) -> dict[str, str]:
    """Municipality code → KOMBIT STS organisation UUID, from the profile and a user's CSV
    (columns municipality_code and sts_uuid, `,` or `;`)."""
    table = dict(profile_table)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CannotRun(f"{path}: the organisation table cannot be read") from error
        dialect = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        rows = list(csv.DictReader(text.splitlines(), delimiter=dialect))
        if not rows or not {"municipality_code", "sts_uuid"} <= set(rows[0]):
            raise CannotRun(f"{path}: the organisation table needs the columns municipality_code and sts_uuid")
        table.update({row["municipality_code"].strip(): row["sts_uuid"].strip().lower() for row in rows})
    return table


def _legal_basis(plan: Plan, where: str) -> dict[str, str]:
    enums = plan.contract["enums"]
    labels = plan.profile.crosswalks.get(LEGAL_BASIS_CROSSWALK, {})
    try:
        return {
            resolve_code("ServiceEnum", service, enums, f"{where}: crosswalks.{LEGAL_BASIS_CROSSWALK}"):
            resolve_code("LegalBasisEnum", basis, enums, f"{where}: crosswalks.{LEGAL_BASIS_CROSSWALK}")
            for service, basis in labels.items()
        }
    except ValueError as error:
        raise ProfileError(str(error)) from error


def convert_bundles(inputs: list[Path], plan: Plan, pseudonymiser: Pseudonymiser,
                    organisations: dict[str, str]) -> tuple[Conversion, list[BundleFile]]:
    contract = plan.contract
    enums = contract["enums"]
    by_uuid = {uuid.lower(): code for code, uuid in organisations.items()}
    legal_basis = _legal_basis(plan, plan.profile.profile)
    files = [BundleFile(str(path)) for path in inputs]
    rows: dict[str, list[dict]] = {}
    rows_in: dict[str, int] = {}
    rejects = []
    for index, path in enumerate(inputs):
        for item in iter_bundles(path, lenient="lines"):
            files[index].records += 1
            if item.problem is not None:  # a line that is no Bundle is a rejected record
                files[index].rejected += 1
                rejects.append({SRC: index, ROW: item.row, REG: None, "column": item.problem.path,
                                "value": item.problem.value, "code": f"{item.problem.code}||"})
                continue
            result = bundle_rows(item.bundle, enums, by_uuid, legal_basis)
            for table, table_rows in result.tables.items():
                rows_in[table] = rows_in.get(table, 0) + len(table_rows)
            if result.problems:
                files[index].rejected += 1
                rejects += [{SRC: index, ROW: item.row, REG: None, "column": p.path, "value": p.value,
                             "code": f"{p.code}||"} for p in result.problems]
                continue
            for table, table_rows in result.tables.items():
                rows.setdefault(table, []).extend(table_rows)

    tables: dict[str, pl.DataFrame] = {}
    accounting = {}
    for table in contract["tables"]:
        name = table["name"]
        schema = {c["name"]: DTYPES[c["type"]] for c in table["columns"]}
        data = rows.get(name, [])
        present = [c for c in [*schema, "_cpr"] if data and c in data[0]]
        text = {c: [None if r.get(c) is None else str(r[c]) for r in data] for c in present}
        frame = pl.DataFrame(text, schema={c: pl.String for c in present}) if data else pl.DataFrame(schema=schema)
        frame = frame.with_columns([
            (pl.col(c).str.to_date("%Y-%m-%d") if schema[c] == pl.Date else pl.col(c).cast(schema[c]))
            for c in present if c in schema
        ])
        if "_cpr" in frame.columns:
            ids = pseudonymiser.series(frame["_cpr"], 64, "", ("from", "pseudonym", ("cpr",)))
            column = "id" if name == "citizens" else "citizen_id"
            frame = frame.with_columns(ids.alias(column))
            if name == "citizens":
                digits = pl.col("_cpr")
                frame = frame.with_columns(parsing.cpr_birth_year(digits).alias("birth_year"),
                                           parsing.cpr_sex(digits).alias("sex"))
            frame = frame.drop("_cpr")
        # A resource sent again with the same id replaces the earlier one (the guide's rule).
        out = frame.height
        frame = frame.unique(subset=table["primary_key"], keep="last", maintain_order=True)
        frame = frame.select([
            pl.col(c).cast(t) if c in frame.columns else pl.lit(None, t).alias(c) for c, t in schema.items()
        ])
        tables[name] = frame
        accounting[name] = {
            "records_in": rows_in.get(name, 0), "records_out": out, "records_rejected": rows_in.get(name, 0) - out,
            "rows_written": frame.height, "merged_duplicates": out - frame.height,
        }
    sources = [{
        "source": f.source, "sheet": None, "records_in": f.records, "records_out": f.records - f.rejected,
        "records_rejected": f.rejected, "blank_rows_skipped": 0, "columns_used": [], "columns_not_used": [],
        "notes": ["a record is one Bundle"],
    } for f in files]
    reject_frame = pl.DataFrame(rejects, schema=REJECT_SCHEMA) if rejects else pl.DataFrame(schema=REJECT_SCHEMA)
    return Conversion(tables, reject_frame, {"sources": sources, "tables": accounting}), files

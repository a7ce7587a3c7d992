"""Convert exports with a profile: read, convert, write, account (the API behind `ffb convert`)."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from ffb.contract.codes import load_contract
from ffb.convert.engine import Conversion, convert, word_rejects
from ffb.convert.output import write_conversion, write_table
from ffb.convert.plan import compile_plan
from ffb.convert.profile import load_profile
from ffb.convert.pseudonym import Pseudonymiser
from ffb.convert.sources import read_source


@dataclass
class Result:
    conversion: Conversion
    rejects: pl.DataFrame
    report: dict
    out: Path

    @property
    def records_rejected(self) -> int:
        return self.report["records_rejected"]


def run_conversion(profile_name: str | Path, inputs: list[Path], out: Path, key: bytes, lang: str = "da",
                   organisations: Path | None = None, progress: Callable[[str], None] | None = None) -> Result:
    """Convert `inputs` with the profile into the package folder `out`.

    Raises ProfileError (bad profile) or CannotRun (unreadable input); both carry a message
    that names the file. `progress`, when given, is told each stage as it starts: "read",
    "convert", "write"; and, while a large CSV export is converted a slice at a time,
    ("convert", share done) after each slice.
    """
    tell = progress or (lambda stage, done=None: None)
    tell("read")
    profile, profile_path = load_profile(profile_name)
    contract = load_contract()
    plan = compile_plan(profile, str(profile_path), contract)
    pseudonymiser = Pseudonymiser(key)
    if profile.read.format == "fhir":
        from ffb.fhir.convert import convert_bundles, load_organisations

        table = load_organisations(organisations, profile.organisations)
        conversion, sources = convert_bundles(inputs, plan, pseudonymiser, table)
    else:
        sheets = list(dict.fromkeys(table.sheet for table in plan.tables))
        with tempfile.TemporaryDirectory(prefix="ffb-convert-") as scratch:
            workdir = Path(scratch)
            sources = [t for path in inputs
                       for t in read_source(path, profile.read, sheets, profile.numbers.decimal, workdir)]
            tell("convert")
            out.mkdir(parents=True, exist_ok=True)
            # Each table is written as soon as it is made, and let go.
            conversion = convert(plan, sources, pseudonymiser, workdir, lambda name, frame, add: write_table(out, name, frame, add),
                                 lambda done: tell("convert", done))
    rejects = word_rejects(conversion.rejects, sources, plan, lang)
    report = _report(profile, profile_path, contract, conversion, rejects)
    tell("write")
    write_conversion(out, conversion, rejects, report, contract)
    return Result(conversion, rejects, report, out)


def _report(profile, profile_path, contract, conversion: Conversion, rejects: pl.DataFrame) -> dict:
    sources = conversion.report["sources"]
    unmapped = (
        rejects.group_by("column", "value", "code", maintain_order=True)
        .agg(pl.len().alias("count"))
        .sort("count", descending=True, maintain_order=True)
    )
    return {
        "profile": profile.profile,
        "profile_file": str(profile_path),
        "contract_version": contract["schema"]["version"],
        "converted_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "records_in": sum(s["records_in"] for s in sources),
        "records_out": sum(s["records_out"] for s in sources),
        "records_rejected": sum(s["records_rejected"] for s in sources),
        "sources": sources,
        "tables": conversion.report["tables"],
        "rejected_values": unmapped.to_dicts(),
    }

"""Regenerate every artefact from the schemas: `ffb generate`.

Each artefact is a pure function of `schemas/`; the test suite regenerates them into a
temporary folder and fails when a committed copy differs.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from pathlib import Path

from ffb.contract.compile import compile_contract
from ffb.contract.datapackage import datapackage_descriptor
from ffb.contract.excel_template import write_template

SCHEMA = Path("schemas/ffb.yaml")
COMPILED_CONTRACT = Path("src/ffb/contract/compiled.json")

GENERATED_HEADER = "# Generated from schemas/ffb.yaml by `ffb generate`. Do not edit by hand.\n"


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _pydantic(schema: Path, contract: dict, out: Path) -> None:
    from linkml.generators.pydanticgen import PydanticGenerator

    # Run from the project root with a relative path: the models record where the schema
    # was, and that must not depend on where the checkout lives.
    with contextlib.chdir(schema.parent.parent):
        code = PydanticGenerator(str(SCHEMA)).serialize()
    _write_text(out, GENERATED_HEADER + code)


def _json_schema(schema: Path, contract: dict, out: Path) -> None:
    from linkml.generators.jsonschemagen import JsonSchemaGenerator

    document = json.loads(JsonSchemaGenerator(str(schema), top_class="Export").serialize())
    document = _tables_are_lists(_calendar_dates(_only_selectable(document, contract)))
    _write_text(out, _json(document))


# A day of the Gregorian calendar, years 0001-9999: 29 February only in leap years (divisible
# by 4, and by 400 for whole centuries), each month its own last day. Draft 2019-09, the
# schema's dialect, treats `format: date` as an annotation that validators need not check,
# so this pattern is what rejects 2023-02-29 or 2025-00-10 in every validator. ffb-validate
# reads dates the same way (ffb.validate.fields).
_YEAR = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
CALENDAR_DATE = (
    f"^(?:{_YEAR}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    f"|{_LEAP_YEAR}-02-29)$"
)


DATE_COMMENT = (
    "Draft 2019-09 treats `format` as an annotation validators need not check; the pattern "
    "accepts only real days of the calendar (years 0001-9999), so any validator rejects "
    "2023-02-29 or 2025-00-10."
)


def _calendar_dates(document: dict) -> dict:
    """Every `format: date` property also gets the calendar pattern."""
    for definition in document.get("$defs", {}).values():
        for prop in definition.get("properties", {}).values():
            if prop.get("format") == "date":
                prop["pattern"] = CALENDAR_DATE
                prop["$comment"] = DATE_COMMENT
    return document


def _tables_are_lists(document: dict) -> dict:
    """A table of the export is a list of rows, never null: ffb-validate reports a table given
    as anything but a list (FFB114), so the schema refuses null there too. A table left out
    is simply not a property of the document."""
    for prop in document.get("properties", {}).values():
        if prop.get("type") == ["array", "null"]:
            prop["type"] = "array"
    return document


def _only_selectable(document: dict, contract: dict) -> dict:
    """Drop the codes that only group others (selectable: false) from the enums.

    They stay in the LinkML enum so that is_a reaches them, but data may not use them.
    """
    for name, enum in contract["enums"].items():
        definition = document["$defs"].get(name)
        if definition and "enum" in definition:
            hidden = {k for k, v in enum["values"].items() if v.get("selectable") is False}
            definition["enum"] = [value for value in definition["enum"] if value not in hidden]
    return document


def _datapackage(schema: Path, contract: dict, out: Path) -> None:
    _write_text(out, _json(datapackage_descriptor(contract)))


def _compiled(schema: Path, contract: dict, out: Path) -> None:
    _write_text(out, _json(contract))


def _excel(schema: Path, contract: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    write_template(contract, out)


def _rule_pages(schema: Path, contract: dict, out: Path) -> None:
    from ffb.docs.rule_pages import write_rule_pages

    write_rule_pages(out, contract)


# Artefact path (relative to the project root) -> how to build it.
ARTEFACTS: dict[Path, Callable[[Path, dict, Path], None]] = {
    COMPILED_CONTRACT: _compiled,
    Path("src/ffb/models.py"): _pydantic,
    Path("validators/ffb.schema.json"): _json_schema,
    Path("validators/datapackage.json"): _datapackage,
    Path("validators/ffb-template.xlsx"): _excel,
    # The example package carries the same descriptor beside its CSV files.
    Path("examples/canonical/datapackage.json"): _datapackage,
    # A folder: the index and one page per rule of the validator's catalogue.
    Path("docs/rules"): _rule_pages,
}


def generate(root: Path, out_root: Path | None = None) -> list[Path]:
    """Build every artefact from `root`/schemas into `out_root` (default: `root`)."""
    out_root = out_root or root
    schema = root / SCHEMA
    contract = compile_contract(schema)
    written = []
    for relative, build in ARTEFACTS.items():
        target = out_root / relative
        build(schema, contract, target)
        written.append(target)
    return written

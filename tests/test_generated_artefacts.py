"""Every generated artefact is what `ffb generate` makes from the committed schemas.

The artefacts are regenerated once per module into a temporary folder and compared with the
committed copies: text files byte for byte, the Excel workbook by content (its zip bytes are
not stable between runs). Then the JSON Schema and the Excel template are checked on their
own terms.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from ffb.contract.generate import ARTEFACTS, generate

ROOT = Path(__file__).resolve().parents[1]
ARTEFACT_PATHS = sorted(ARTEFACTS, key=str)
# A folder artefact (docs/rules, no suffix) is compared page by page in test_rule_pages.py.
TEXT_ARTEFACTS = [path for path in ARTEFACT_PATHS if path.suffix not in (".xlsx", "")]
WORKBOOK_ARTEFACTS = [path for path in ARTEFACT_PATHS if path.suffix == ".xlsx"]
TEMPLATE = ROOT / "validators" / "ffb-template.xlsx"
LIST_SHEET = "lister"

# Drafts whose meta-schema jsonschema knows, by the $schema URI a generator may write.
DRAFTS = {
    "https://json-schema.org/draft/2019-09/schema": jsonschema.Draft201909Validator,
    "https://json-schema.org/draft/2020-12/schema": jsonschema.Draft202012Validator,
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """All artefacts, generated afresh from schemas/ (takes a few seconds)."""
    out = tmp_path_factory.mktemp("generated")
    written = generate(ROOT, out)
    assert {path.relative_to(out) for path in written} == set(ARTEFACTS)
    return out


# --- the committed artefacts are up to date ------------------------------------------------


@pytest.mark.parametrize("relative", TEXT_ARTEFACTS, ids=str)
def test_text_artefact_is_up_to_date(relative: Path, generated: Path):
    committed = ROOT / relative
    assert committed.is_file(), f"{relative} is not committed"
    fresh = (generated / relative).read_bytes()
    if committed.read_bytes() != fresh:
        old = committed.read_text(encoding="utf-8").splitlines()
        new = fresh.decode("utf-8").splitlines()
        first = next(
            (i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new))
        )
        committed_line = old[first] if first < len(old) else "<end of file>"
        fresh_line = new[first] if first < len(new) else "<end of file>"
        pytest.fail(
            f"{relative} differs from what `ffb generate` writes; first difference at line "
            f"{first + 1}:\n  committed: {committed_line}\n  generated: {fresh_line}\n"
            "Run `ffb generate` and commit the result."
        )


def _workbook_content(path: Path) -> dict:
    """Everything in a workbook that a user sees or a reader relies on, as plain data."""
    workbook = load_workbook(path)
    sheets = {}
    for sheet in workbook.worksheets:
        validations = sorted(
            (
                str(dv.sqref),
                dv.type,
                dv.formula1,
                dv.formula2,
                dv.operator,
                bool(dv.allow_blank),
                bool(dv.showErrorMessage),
            )
            for dv in sheet.data_validations.dataValidation
        )
        header_notes = [
            cell.comment.text if cell.comment else None for cell in next(sheet.iter_rows(max_row=1))
        ]
        sheets[sheet.title] = {
            "state": sheet.sheet_state,
            "cells": [list(row) for row in sheet.iter_rows(values_only=True)],
            "validations": validations,
            "header_notes": header_notes,
        }
    names = {name: defined.attr_text for name, defined in workbook.defined_names.items()}
    return {"order": [s.title for s in workbook.worksheets], "sheets": sheets, "names": names}


@pytest.mark.parametrize("relative", WORKBOOK_ARTEFACTS, ids=str)
def test_workbook_artefact_is_up_to_date(relative: Path, generated: Path):
    committed = _workbook_content(ROOT / relative)
    fresh = _workbook_content(generated / relative)
    assert committed["order"] == fresh["order"], "the sheets differ"
    assert committed["names"] == fresh["names"], "the defined names differ"
    for title in fresh["order"]:
        old, new = committed["sheets"][title], fresh["sheets"][title]
        assert old["state"] == new["state"], f"sheet {title}: state differs"
        assert old["cells"] == new["cells"], f"sheet {title}: cell values differ"
        assert old["validations"] == new["validations"], f"sheet {title}: data validations differ"
        assert old["header_notes"] == new["header_notes"], f"sheet {title}: header notes differ"


# --- the JSON Schema -------------------------------------------------------------------------


def test_json_schema_is_a_valid_schema(json_schema: dict):
    draft = json_schema.get("$schema")
    assert draft in DRAFTS, f"unexpected $schema {draft!r}"
    assert jsonschema.validators.validator_for(json_schema) is DRAFTS[draft]
    DRAFTS[draft].check_schema(json_schema)


def test_json_schema_defines_every_table_class(json_schema: dict, contract: dict):
    defs = json_schema["$defs"]
    for table in contract["tables"]:
        assert table["class"] in defs, f"$defs lacks {table['class']}"
        properties = set(defs[table["class"]]["properties"])
        assert properties == {c["name"] for c in table["columns"]}, table["class"]
        # The root document lists the table's rows under the table's name.
        assert json_schema["properties"][table["name"]]["items"] == {"$ref": f"#/$defs/{table['class']}"}


# --- the Excel template ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template():
    return load_workbook(TEMPLATE)


def _selectable_titles(enum: dict) -> list[str]:
    return [v["title"] for v in enum["values"].values() if v.get("selectable", True) is not False]


def test_template_has_a_sheet_per_table_and_a_hidden_list_sheet(template, contract):
    titles = template.sheetnames
    for table in contract["tables"]:
        assert table["name"] in titles, f"no sheet for table {table['name']}"
        sheet = template[table["name"]]
        assert sheet.sheet_state == "visible"
        header = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
        assert header == [c["name"] for c in table["columns"]], f"header of {table['name']}"
    assert LIST_SHEET in titles
    assert template[LIST_SHEET].sheet_state == "hidden"


def _list_validation(sheet, column_letter: str):
    """The list validation that covers the column from row 2 on, or None."""
    for dv in sheet.data_validations.dataValidation:
        if dv.type != "list":
            continue
        for cell_range in str(dv.sqref).split():
            min_col, min_row, max_col, max_row = range_boundaries(cell_range)
            column = column_index_from_string(column_letter)
            if min_col <= column <= max_col and min_row <= 2 and (max_row or 0) >= 2:
                return dv
    return None


def _coded_columns(contract: dict) -> list[tuple[str, int, dict]]:
    return [
        (table["name"], index, column)
        for table in contract["tables"]
        for index, column in enumerate(table["columns"], start=1)
        if "enum" in column
    ]


def test_every_coded_column_has_a_drop_down_of_its_selectable_values(template, contract):
    coded = _coded_columns(contract)
    assert coded, "the contract has no coded columns"
    problems = []
    for table_name, index, column in coded:
        where = f"{table_name}.{column['name']}"
        letter = get_column_letter(index)
        validation = _list_validation(template[table_name], letter)
        if validation is None:
            problems.append(f"{where}: no list validation")
            continue
        name = (validation.formula1 or "").lstrip("=")
        if name not in template.defined_names:
            problems.append(f"{where}: drop-down points at {validation.formula1!r}, not a defined name")
            continue
        destinations = list(template.defined_names[name].destinations)
        if len(destinations) != 1:
            problems.append(f"{where}: {name} has {len(destinations)} destinations")
            continue
        sheet_title, cell_range = destinations[0]
        if sheet_title != LIST_SHEET:
            problems.append(f"{where}: {name} points at sheet {sheet_title}")
            continue
        min_col, min_row, max_col, max_row = range_boundaries(cell_range.replace("$", ""))
        expected = _selectable_titles(contract["enums"][column["enum"]])
        length = (max_row - min_row + 1) * (max_col - min_col + 1)
        if length != len(expected):
            problems.append(f"{where}: {name} spans {length} cells, {column['enum']} has {len(expected)} selectable values")
            continue
        listed = [
            cell
            for row in template[LIST_SHEET].iter_rows(
                min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True
            )
            for cell in row
        ]
        if sorted(map(str, listed)) != sorted(expected):
            problems.append(f"{where}: the list under {name} is not the titles of {column['enum']}")
    assert not problems, "\n".join(problems)


def test_drop_down_titles_translate_back_to_one_code(contract):
    """People pick titles; the reader maps each back to a code, so titles must be unique."""
    used = {column["enum"] for _, _, column in _coded_columns(contract)}
    clashes = {}
    for name in sorted(used):
        titles = _selectable_titles(contract["enums"][name])
        repeated = sorted({t for t in titles if titles.count(t) > 1})
        if repeated:
            clashes[name] = repeated
    assert not clashes

"""Write the Excel template: one sheet per table, drop-downs for every coded column.

Excel caps a list typed into a data validation at 255 characters, far too short for FFB's
code lists, so every list lives on the hidden sheet `lister` and the drop-downs point at it
through a defined name per enum. People pick Danish display names, not UUIDs; the workbook
carries the marker sheet `ffb` so ffb's reader knows to translate the names back to codes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

LIST_SHEET = "lister"
MARKER_SHEET = "ffb"
GUIDE_SHEET = "vejledning"
TEMPLATE_ROWS = 2000  # rows that carry drop-downs and input checks
_FIXED_TIME = dt.datetime(2024, 5, 30)  # keeps the file's metadata stable between runs
_FIXED_STAMP = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_REQUIRED_FILL = PatternFill("solid", fgColor="C00000")


def _header_note(column: dict, enums: dict) -> str:
    lines = [column["title"], "", column["description"]]
    if column["required"]:
        lines.append("Skal udfyldes.")
    if "unit" in column:
        lines.append(f"Enhed: {column['unit'].get('symbol', '')}")
    if "enum" in column:
        lines.append(f"Vælg fra listen ({enums[column['enum']]['title']}).")
    if column["type"] == "date":
        lines.append("Dato som ÅÅÅÅ-MM-DD.")
    return "\n".join(lines)


def _write_lists(workbook: Workbook, enums: dict) -> dict[str, str]:
    """One column per enum on the hidden list sheet; returns enum name -> defined name."""
    sheet = workbook.create_sheet(LIST_SHEET)
    names: dict[str, str] = {}
    for index, (enum_name, enum) in enumerate(sorted(enums.items()), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=enum_name)
        selectable = [
            value for value in enum["values"].values() if value.get("selectable", True)
        ]
        for row, value in enumerate(selectable, start=2):
            sheet.cell(row=row, column=index, value=value["title"])
        last = len(selectable) + 1
        reference = f"{quote_sheetname(LIST_SHEET)}!${letter}$2:${letter}${last}"
        workbook.defined_names[enum_name] = DefinedName(enum_name, attr_text=reference)
        names[enum_name] = enum_name
    sheet.sheet_state = "hidden"
    return names


def _validation_for(column: dict, list_names: dict[str, str]) -> DataValidation | None:
    prompt = column["title"]
    if "enum" in column:
        validation = DataValidation(type="list", formula1=f"={list_names[column['enum']]}")
        validation.error = "Vælg en værdi fra listen."
    elif column["type"] == "date":
        validation = DataValidation(type="date", operator="greaterThan", formula1="1")
        validation.error = "Skriv en dato."
    elif column["type"] == "integer":
        low, high = column.get("minimum", -(10**9)), column.get("maximum", 10**9)
        validation = DataValidation(
            type="whole", operator="between", formula1=str(low), formula2=str(high)
        )
        validation.error = f"Skriv et helt tal mellem {low} og {high}."
    elif column["type"] == "number":
        low = column.get("minimum", -(10**12))
        high = column.get("maximum", 10**12)
        validation = DataValidation(
            type="decimal", operator="between", formula1=str(low), formula2=str(high)
        )
        validation.error = f"Skriv et tal mellem {low} og {high}."
    elif column["type"] == "boolean":
        validation = DataValidation(type="list", formula1='"true,false"')
        validation.error = "Skriv true eller false."
    else:
        return None
    validation.errorTitle = prompt
    validation.showErrorMessage = True
    validation.allow_blank = True
    return validation


def _write_table(workbook: Workbook, table: dict, enums: dict, list_names: dict[str, str]) -> None:
    sheet = workbook.create_sheet(table["name"])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(table["columns"], start=1):
        cell = sheet.cell(row=1, column=index, value=column["name"])
        cell.font = _HEADER_FONT
        cell.fill = _REQUIRED_FILL if column["required"] else _HEADER_FILL
        cell.comment = Comment(_header_note(column, enums), "ffb", width=320, height=160)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, min(40, len(column["name"]) + 4))
        validation = _validation_for(column, list_names)
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
        if column["type"] == "date":
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "yyyy-mm-dd"


def _write_guide(workbook: Workbook, contract: dict) -> None:
    sheet = workbook.active
    sheet.title = GUIDE_SHEET
    schema = contract["schema"]
    lines = [
        (f"{schema['title']} – skabelon", None),
        ("Skemaversion", schema["version"]),
        ("FFB-kodesystem", f"{schema['ffb_code_system']} version {schema['ffb_code_system_version']}"),
        (None, None),
        ("Sådan bruges skabelonen", None),
        ("1", "Hvert ark er én tabel; første række er kolonnenavnene og må ikke ændres."),
        ("2", "Røde kolonneoverskrifter skal udfyldes; hold musen over en overskrift for en forklaring."),
        ("3", "Kodede felter udfyldes fra rullelisten med FFB's danske navne."),
        ("4", "Datoer skrives ÅÅÅÅ-MM-DD, tal med punktum som decimaltegn."),
        ("5", "Tjek filen med: ffb-validate <fil>.xlsx"),
        (None, None),
        ("Ark", "Indhold"),
    ]
    lines += [(table["name"], table["title"]) for table in contract["tables"]]
    for row, (first, second) in enumerate(lines, start=1):
        sheet.cell(row=row, column=1, value=first)
        sheet.cell(row=row, column=2, value=second)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A5"].font = Font(bold=True)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90


def _write_marker(workbook: Workbook, contract: dict) -> None:
    sheet = workbook.create_sheet(MARKER_SHEET)
    sheet["A1"], sheet["B1"] = "template", "ffb"
    sheet["A2"], sheet["B2"] = "schema_version", contract["schema"]["version"]
    sheet["A3"], sheet["B3"] = "coded_values", "title"
    sheet.sheet_state = "hidden"


def build_template(contract: dict) -> Workbook:
    workbook = Workbook()
    _write_guide(workbook, contract)
    enums = contract["enums"]
    used = {c["enum"] for t in contract["tables"] for c in t["columns"] if "enum" in c}
    for table in contract["tables"]:
        # Lists are written after the tables so the table sheets come first in the tab bar.
        _write_table(workbook, table, enums, {name: name for name in used})
    _write_lists(workbook, {name: enums[name] for name in used})
    _write_marker(workbook, contract)
    workbook.properties.creator = "ffb"
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    return workbook


def write_template(contract: dict, path: Path) -> None:
    """Save the template with fixed timestamps inside the zip, so the bytes are reproducible."""
    buffer = io.BytesIO()
    build_template(contract).save(buffer)
    stamp = _FIXED_TIME.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(
        path, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for member in source.infolist():
            entry = zipfile.ZipInfo(member.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(member.filename)
            if member.filename == "docProps/core.xml":
                # openpyxl stamps the save time here whatever the properties say.
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + _FIXED_STAMP, data)
            target.writestr(entry, data)

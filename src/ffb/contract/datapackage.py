"""Build the Frictionless Data Package descriptor (one Table Schema per table) from the contract."""

from __future__ import annotations

from typing import Any

# Canonical CSV writes booleans as true/false only; Table Schema's default would also take 1/0,
# True and TRUE, which the validator would reject.
_BOOLEAN_VALUES = {"trueValues": ["true"], "falseValues": ["false"]}


def _field(column: dict, enums: dict) -> dict:
    field: dict[str, Any] = {
        "name": column["name"],
        "title": column["title"],
        "description": column["description"],
        "type": column["type"],
    }
    if column["type"] == "boolean":
        field.update(_BOOLEAN_VALUES)
    constraints: dict[str, Any] = {}
    if column["required"]:
        constraints["required"] = True
    if "pattern" in column:
        constraints["pattern"] = column["pattern"]
    if "minimum" in column:
        constraints["minimum"] = column["minimum"]
    if "maximum" in column:
        constraints["maximum"] = column["maximum"]
    if "enum" in column:
        constraints["enum"] = [
            key
            for key, value in enums[column["enum"]]["values"].items()
            if value.get("selectable", True)
        ]
    if constraints:
        field["constraints"] = constraints
    return field


def _foreign_keys(table: dict) -> list[dict]:
    return [
        {
            "fields": [column["name"]],
            "reference": {
                "resource": column["references"]["table"],
                "fields": [column["references"]["column"]],
            },
        }
        for column in table["columns"]
        if "references" in column
    ]


def table_schema(table: dict, enums: dict) -> dict:
    schema: dict[str, Any] = {
        "fields": [_field(column, enums) for column in table["columns"]],
        "missingValues": [""],
        "primaryKey": table["primary_key"],
    }
    foreign_keys = _foreign_keys(table)
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


def datapackage_descriptor(contract: dict) -> dict:
    schema = contract["schema"]
    return {
        "name": "ffb-export",
        "title": schema["title"],
        "description": (
            "An FFB export as a Frictionless Data Package: one UTF-8 CSV file per table, "
            "generated from the ffb LinkML schema. UTF-8 is the contract's encoding; "
            "ffb-validate also reads Windows-1252, as Danish Excel saves CSV, and says so (FFB111)."
        ),
        "version": schema["version"],
        "profile": "tabular-data-package",
        "ffb": {
            "schema_version": schema["version"],
            "code_system": schema["ffb_code_system"],
            "code_system_version": schema["ffb_code_system_version"],
        },
        "resources": [
            {
                "name": table["name"],
                "title": table["title"],
                "description": table["description"],
                "path": f"{table['name']}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(table, contract["enums"]),
            }
            for table in contract["tables"]
        ],
    }

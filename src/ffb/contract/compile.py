"""Compile the LinkML schema into the plain-JSON contract the validator loads at run time.

Loading the LinkML runtime costs about a second, so `ffb-validate` never does: the schema is
walked once, when artefacts are generated, into a small JSON document with every table, column,
constraint, key and code list. The Frictionless descriptor and the Excel template are built from
the same document, so all artefacts agree on what a table looks like.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linkml_runtime.utils.schemaview import SchemaView

# LinkML type (after following typeof) -> column type of the contract and of Table Schema.
_COLUMN_TYPES = {
    "string": "string",
    "integer": "integer",
    "decimal": "number",
    "float": "number",
    "double": "number",
    "date": "date",
    "boolean": "boolean",
}


def _base_type(view: SchemaView, type_name: str) -> str:
    element = view.get_type(type_name)
    while element.typeof:
        element = view.get_type(element.typeof)
    return element.name


def _annotations(element: Any) -> dict[str, Any]:
    """An element's annotations as tag -> value (induced slots hold them as a JsonObj)."""
    found = element.annotations
    if not found:
        return {}
    items = found.items() if hasattr(found, "items") else found._items()
    return {str(tag): getattr(annotation, "value", annotation) for tag, annotation in items}


def _annotation(element: Any, key: str) -> Any:
    return _annotations(element).get(key)


def _type_pattern(view: SchemaView, type_name: str) -> str | None:
    element = view.get_type(type_name)
    while element is not None:
        if element.pattern:
            return element.pattern
        element = view.get_type(element.typeof) if element.typeof else None
    return None


def _unit(slot: Any) -> dict | None:
    if not slot.unit:
        return None
    unit = {
        key: getattr(slot.unit, key)
        for key in ("ucum_code", "symbol", "descriptive_name")
        if getattr(slot.unit, key, None)
    }
    return unit or None


def _column(view: SchemaView, class_name: str, slot: Any) -> dict:
    column: dict[str, Any] = {
        "name": slot.name,
        "title": slot.title or slot.name,
        "description": " ".join((slot.description or "").split()),
        "required": bool(slot.required or slot.identifier),
    }
    if slot.recommended:
        column["recommended"] = True
    range_name = slot.range
    if range_name in view.all_enums():
        column["type"] = "string"
        column["enum"] = range_name
    elif range_name in view.all_classes():
        column["type"] = "string"
        target = view.get_identifier_slot(range_name)
        column["references"] = {
            "table": _annotation(view.get_class(range_name), "table"),
            "column": target.name,
        }
    else:
        base = _base_type(view, range_name)
        column["type"] = _COLUMN_TYPES[base]
        pattern = slot.pattern or _type_pattern(view, range_name)
        if pattern and column["type"] == "string":
            column["pattern"] = pattern
    for bound, key in (("minimum_value", "minimum"), ("maximum_value", "maximum")):
        value = getattr(slot, bound)
        if value is not None:
            column[key] = value
    unit = _unit(slot)
    if unit:
        column["unit"] = unit
    if slot.identifier:
        column["identifier"] = True
    if _annotation(slot, "privacy") in (True, "true", "True"):
        # A privacy column may be left out of a header altogether (no FFB107).
        column["privacy"] = True
    return column


def _table(view: SchemaView, class_name: str) -> dict:
    cls = view.get_class(class_name)
    slots = view.class_induced_slots(class_name)
    order = [s for s in cls.slots]
    slots.sort(key=lambda s: order.index(s.name))
    columns = [_column(view, class_name, slot) for slot in slots]
    identifier = view.get_identifier_slot(class_name)
    if identifier is not None:
        primary_key = [identifier.name]
    else:
        keys = list((cls.unique_keys or {}).values())
        primary_key = list(keys[0].unique_key_slots) if keys else []
    return {
        "name": _annotation(cls, "table"),
        "class": class_name,
        "title": cls.title or class_name,
        "description": " ".join((cls.description or "").split()),
        "primary_key": primary_key,
        "columns": columns,
    }


def _enum(view: SchemaView, enum_name: str) -> dict:
    enum = view.get_enum(enum_name)
    values: dict[str, dict] = {}
    for key, pv in enum.permissible_values.items():
        value: dict[str, Any] = {"title": pv.title or key}
        if pv.description:
            value["description"] = " ".join(pv.description.split())
        if pv.meaning:
            value["meaning"] = pv.meaning
        if pv.is_a:
            value["parent"] = pv.is_a
        # Every annotation of a value is carried: legal bases and their sources, ordinals,
        # mappings, short labels, dates from which a section applies, regions.
        value.update(_annotations(pv))
        values[str(key)] = value
    # Ancestors let rules ask "is this code under X?" without walking parents at run time.
    for value in values.values():
        ancestors, parent = [], value.get("parent")
        while parent:
            ancestors.append(parent)
            parent = values[parent].get("parent")
        if ancestors:
            value["ancestors"] = ancestors
    compiled: dict[str, Any] = {
        "title": enum.title or enum_name,
        "description": " ".join((enum.description or "").split()),
        "values": values,
    }
    if enum.code_set:
        compiled["code_set"] = enum.code_set
        compiled["code_set_version"] = enum.code_set_version
    compiled.update(_annotations(enum))
    return compiled


def table_classes(view: SchemaView) -> list[str]:
    """The classes that are tables, in the order the Export class lists them."""
    root = view.get_class("Export")
    return [view.get_slot(slot).range for slot in root.slots if view.get_slot(slot).multivalued]


def compile_contract(schema_path: Path) -> dict:
    view = SchemaView(str(schema_path), merge_imports=True)
    schema = view.schema
    tables = [_table(view, name) for name in table_classes(view)]
    # Every enum, also those no column uses: the local scales that map to a canonical list,
    # and OwnershipEnum, which is derived per service rather than stored.
    return {
        "schema": {
            "name": schema.name,
            "title": schema.title,
            "version": schema.version,
            "ffb_code_system": _annotation(schema, "ffb_code_system"),
            "ffb_code_system_version": _annotation(schema, "ffb_code_system_version"),
        },
        "tables": tables,
        "enums": {name: _enum(view, name) for name in sorted(view.all_enums())},
    }

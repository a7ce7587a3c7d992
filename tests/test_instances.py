"""Example instances of every class against both generated validators.

examples/instances/valid/<Class>-<n>.json must pass the pydantic model and the JSON Schema.
examples/instances/invalid/<Class>-<field>-<problem>.json must fail both, and fail only
because of the named field and for the named problem: the file name is the specification of
what is wrong, so an instance that is broken in some other way too is caught.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pydantic
import pytest
import yaml

from ffb import models

ROOT = Path(__file__).resolve().parents[1]
INSTANCES = ROOT / "examples" / "instances"
VALID = sorted((INSTANCES / "valid").glob("*.json"))
INVALID = sorted((INSTANCES / "invalid").glob("*.json"))
ROOT_CLASS = "Export"

VALID_NAME = re.compile(r"^(?P<cls>[A-Z][A-Za-z]+)-(?P<n>[0-9]+)$")
INVALID_NAME = re.compile(r"^(?P<cls>[A-Z][A-Za-z]+)-(?P<field>[a-z][a-z0-9_]*)-(?P<problem>[a-z][a-z-]*)$")

# The problems an invalid file may name -> (JSON Schema keywords, pydantic error types) that
# must be among the reported errors.
PROBLEMS: dict[str, tuple[set[str], set[str]]] = {
    "unknown-code": ({"enum"}, {"enum"}),
    "code-from-other-list": ({"enum"}, {"enum"}),
    "missing": ({"required"}, {"missing"}),
    "below-minimum": ({"minimum", "exclusiveMinimum"}, {"greater_than_equal", "greater_than"}),
    "above-maximum": ({"maximum", "exclusiveMaximum"}, {"less_than_equal", "less_than"}),
    "pattern-mismatch": ({"pattern"}, {"value_error", "string_pattern_mismatch"}),
    "impossible-date": ({"format"}, {"date_parsing", "date_from_datetime_parsing"}),
    "wrong-type": (
        {"type"},
        {"string_type", "int_type", "bool_parsing", "bool_type", "list_type", "decimal_type", "model_type"},
    ),
    "unknown-property": ({"additionalProperties"}, {"extra_forbidden"}),
}


def _schema_classes() -> list[str]:
    schema = yaml.safe_load((ROOT / "schemas" / "ffb.yaml").read_text(encoding="utf-8"))
    return sorted(schema["classes"])


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validators(json_schema) -> dict:
    """A JSON Schema validator per class, dates checked by format."""
    validator_class = jsonschema.validators.validator_for(json_schema)
    checker = validator_class.FORMAT_CHECKER
    result = {}
    for name in _schema_classes():
        if name == ROOT_CLASS:
            schema = json_schema
        else:
            assert name in json_schema["$defs"], f"the JSON Schema has no definition of {name}"
            schema = {
                "$schema": json_schema["$schema"],
                "$defs": json_schema["$defs"],
                "$ref": f"#/$defs/{name}",
            }
        result[name] = validator_class(schema, format_checker=checker)
    return result


def _model(name: str) -> type[pydantic.BaseModel]:
    model = getattr(models, name, None)
    assert model is not None, f"ffb.models has no class {name}"
    return model


# --- the set of instances ----------------------------------------------------------------------


def test_file_names_follow_the_convention():
    bad = [p.name for p in VALID if not VALID_NAME.match(p.stem)]
    bad += [p.name for p in INVALID if not INVALID_NAME.match(p.stem)]
    assert not bad
    unknown = [
        p.name for p in INVALID if INVALID_NAME.match(p.stem) and INVALID_NAME.match(p.stem)["problem"] not in PROBLEMS
    ]
    assert not unknown, f"problems not in PROBLEMS: {unknown}"


@pytest.mark.parametrize("name", _schema_classes())
def test_every_class_has_valid_and_invalid_instances(name):
    valid = [p for p in VALID if p.stem.split("-", 1)[0] == name]
    invalid = [p for p in INVALID if p.stem.split("-", 1)[0] == name]
    assert len(valid) >= 1, f"no valid instance of {name}"
    assert len(invalid) >= 2, f"fewer than two invalid instances of {name}"


def test_instances_only_name_schema_classes():
    classes = set(_schema_classes())
    strays = [p.name for p in VALID + INVALID if p.stem.split("-", 1)[0] not in classes]
    assert not strays


# --- valid instances ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_instance_passes_the_json_schema(path, validators):
    name = VALID_NAME.match(path.stem)["cls"]
    errors = list(validators[name].iter_errors(_load(path)))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_instance_passes_the_pydantic_model(path):
    name = VALID_NAME.match(path.stem)["cls"]
    instance = _load(path)
    model = _model(name).model_validate(instance)
    # Nothing was dropped or renamed on the way in.
    assert set(model.model_dump(exclude_none=True)) == {k for k, v in instance.items() if v is not None}


# --- invalid instances -------------------------------------------------------------------------


def _keywords(error: jsonschema.ValidationError) -> set[str]:
    found = {str(error.validator)}
    for sub in error.context or ():
        found |= _keywords(sub)
    return found


def _fields(error: jsonschema.ValidationError, instance: dict, schema_properties: set[str]) -> set[str]:
    """The top-level properties a JSON Schema error is about."""
    if error.absolute_path:
        return {str(error.absolute_path[0])}
    if error.validator == "required":
        return {name for name in error.validator_value if name not in instance}
    if error.validator == "additionalProperties":
        return {name for name in instance if name not in schema_properties}
    return {"<the instance as a whole>"}


def _split(path: Path) -> tuple[str, str, str]:
    match = INVALID_NAME.match(path.stem)
    assert match, f"{path.name} does not follow <Class>-<field>-<problem>.json"
    return match["cls"], match["field"], match["problem"]


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_instance_fails_the_json_schema_for_the_named_reason(path, validators, json_schema):
    name, field, problem = _split(path)
    instance = _load(path)
    definition = json_schema if name == ROOT_CLASS else json_schema["$defs"][name]
    properties = set(definition["properties"])
    if problem == "unknown-property":
        assert field not in properties
    else:
        assert field in properties, f"{name} has no property {field}"

    errors = list(validators[name].iter_errors(instance))
    assert errors, f"{path.name} passes the JSON Schema"
    about = set().union(*(_fields(e, instance, properties) for e in errors))
    assert about == {field}, f"errors concern {sorted(about)}, not only {field}: " + "; ".join(
        e.message for e in errors
    )
    keywords = set().union(*(_keywords(e) for e in errors))
    expected = PROBLEMS[problem][0]
    assert keywords & expected, f"expected a {sorted(expected)} error, got {sorted(keywords)}"


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_instance_fails_the_pydantic_model_for_the_named_reason(path):
    name, field, problem = _split(path)
    with pytest.raises(pydantic.ValidationError) as caught:
        _model(name).model_validate(_load(path))
    errors = caught.value.errors()
    about = {str(error["loc"][0]) for error in errors}
    assert about == {field}, f"errors concern {sorted(about)}, not only {field}: {errors}"
    types = {error["type"] for error in errors}
    expected = PROBLEMS[problem][1]
    assert types & expected, f"expected one of {sorted(expected)}, got {sorted(types)}"

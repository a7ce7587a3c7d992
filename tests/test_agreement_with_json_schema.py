"""Where the generated JSON Schema and ffb-validate both express a rule, they agree row by row.

The corpus is the example export scaled past 10,000 rows and written as one JSON document.
Random mutations break types, codes, dates, patterns, bounds and required fields (and some
make valid changes); every row the JSON Schema rejects must be reported by ffb-validate with
a rule the schema also expresses, and no other row.
"""

from __future__ import annotations

import copy
import json
import random
from functools import lru_cache

import jsonschema
import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import EXAMPLE, ROOT, TODAY

from ffb.contract.codes import load_contract
from ffb.synth.scale import read_package_frames, scale_frames
from ffb.validate.engine import Validator

COPIES = 8  # 8 copies of the example hold more than 10,000 rows
# Rules whose condition the JSON Schema expresses too (not keys, references or cross-table rules,
# nor the recommended-value info that the schema cannot say).
SHARED_RULES = {
    "FFB108", "FFB114", "FFB115", "FFB201", "FFB203", "FFB204", "FFB205", "FFB206", "FFB207",
    "FFB208", "FFB209", "FFB210", "FFB211", "FFB214", "FFB215",
    # The JSON Schema leaves out the codes that only group conditions, as this rule does.
    "FFB303",
}
MUTATIONS_PER_EXAMPLE = 250


def _json_value(text: str | None, column_type: str):
    if text is None:
        return None
    if column_type == "integer":
        return int(text)
    if column_type == "number":
        return float(text)
    if column_type == "boolean":
        return text == "true"
    return text


@lru_cache(maxsize=1)
def corpus() -> dict:
    contract = load_contract()
    frames = scale_frames(read_package_frames(EXAMPLE), COPIES)
    document: dict = {"schema_version": contract["schema"]["version"]}
    for table in contract["tables"]:
        types = {c["name"]: c["type"] for c in table["columns"]}
        rows = []
        for row in frames[table["name"]].iter_rows(named=True):
            rows.append({k: _json_value(v, types[k]) for k, v in row.items() if v is not None})
        document[table["name"]] = rows
    return document


@lru_cache(maxsize=1)
def row_validators() -> dict[str, jsonschema.protocols.Validator]:
    schema = json.loads((ROOT / "validators" / "ffb.schema.json").read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    checker = validator_class.FORMAT_CHECKER
    return {
        table["name"]: validator_class({"$ref": f"#/$defs/{table['class']}", "$defs": schema["$defs"]},
                                       format_checker=checker)
        for table in load_contract()["tables"]
    }


def _mutate(document: dict, rng: random.Random) -> None:
    contract = load_contract()
    enums = contract["enums"]
    tables = [t for t in contract["tables"] if document[t["name"]]]
    for _ in range(MUTATIONS_PER_EXAMPLE):
        table = rng.choice(tables)
        row = rng.choice(document[table["name"]])
        column = rng.choice(table["columns"])
        name, kind = column["name"], column["type"]
        choice = rng.randrange(10)
        if choice == 0:
            row.pop(name, None)  # missing: an error only where required
        elif choice == 1:
            row[name] = None
        elif choice == 2:
            row[f"extra_{rng.randrange(3)}"] = "x"
        elif choice == 3:  # a value of the wrong JSON type
            row[name] = {"integer": "12", "number": "12,5", "boolean": "true"}.get(kind, 123)
        elif "enum" in column:
            values = enums[column["enum"]]["values"]
            key = rng.choice(list(values))
            row[name] = rng.choice([key, values[key]["title"].upper(), "not-a-code", key + " "])
        elif kind == "date":
            row[name] = rng.choice(["2023-02-30", "31-12-2023", "2023-1-5", "2024-02-29", "2022-11-01"])
        elif kind in ("integer", "number"):
            low, high = column.get("minimum"), column.get("maximum")
            options = [7, 1.5 if kind == "number" else 2.0, 2.5]
            if low is not None:
                options += [low - 1, low]
            if high is not None:
                options += [high + 1, high]
            row[name] = rng.choice(options)
        elif kind == "boolean":
            row[name] = rng.choice([True, False, 1, "false"])
        else:
            row[name] = rng.choice(["ok-value", "bad id!", "", "12345678", "x" * 70, "0123456789"])


def _rows_rejected_by_schema(document: dict) -> set[tuple[str, int]]:
    validators = row_validators()
    rejected = set()
    for table in load_contract()["tables"]:
        validator = validators[table["name"]]
        for index, row in enumerate(document[table["name"]]):
            if next(validator.iter_errors(row), None) is not None:
                rejected.add((table["name"], index))
    return rejected


def _rows_reported_by_ffb(document: dict, folder) -> set[tuple[str, int]]:
    path = folder / "export.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    report = Validator(today=TODAY).validate(path)
    shared = report.issues.filter(pl.col("code").is_in(sorted(SHARED_RULES)) & pl.col("pointer").is_not_null())
    reported = set()
    for pointer in shared["pointer"].to_list():
        parts = pointer.split("/")
        reported.add((parts[1], int(parts[2])))
    return reported


def test_corpus_is_large_and_valid(tmp_path):
    document = corpus()
    assert sum(len(v) for v in document.values() if isinstance(v, list)) >= 10_000
    assert _rows_rejected_by_schema(document) == set()
    assert _rows_reported_by_ffb(document, tmp_path) == set()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_schema_and_validator_agree_row_by_row(tmp_path, seed):
    document = copy.deepcopy(corpus())
    _mutate(document, random.Random(seed))
    by_schema = _rows_rejected_by_schema(document)
    by_ffb = _rows_reported_by_ffb(document, tmp_path)
    assert len(by_schema) > 50  # the mutations did break rows
    assert by_ffb - by_schema == set(), "ffb-validate reports rows the JSON Schema accepts"
    assert by_schema - by_ffb == set(), "ffb-validate misses rows the JSON Schema rejects"

"""The code lists of the schema against KL's reference data.

The FFB enums and the municipality enum are written from schemas/reference by
`ffb schema import-reference`; these tests read the reference data themselves and check the
committed modules value by value, so neither a hand edit nor a stale import goes unnoticed.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from ffb.contract.codes import load_contract
from ffb.contract.reference_import import import_reference

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = ROOT / "schemas"
SCHEMA_MODULES = sorted(path.name for path in SCHEMA_DIR.glob("*.yaml"))

# The FFB branches that become enums, as the path of display names from the code system's top.
BRANCHES = (
    ("Funktionsevneniveau",),
    ("Støttebehovsniveau",),
    ("Måltype",),
    ("Status på indsats",),
    ("Social indsats", "Ydelse"),
    ("Social indsats", "Tilbud"),
    ("Social indsats", "Målgruppe"),
    ("FFB tilstande",),
)
# The branch whose direct children only group the codes below them.
GROUPED_BRANCH = ("FFB tilstande",)
GROUP_DISPLAYS = {"Funktioner og forhold", "Aktivitet og deltagelse", "Omgivelsesfaktorer"}


# --- helpers -------------------------------------------------------------------------------


def _load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _branch_root(code_system: dict, path: tuple[str, ...]) -> dict:
    concepts = code_system["concept"]
    node: dict | None = None
    for display in path:
        matches = [c for c in concepts if c["display"] == display]
        assert len(matches) == 1, f"the code system has {len(matches)} concepts {display!r}"
        node = matches[0]
        concepts = node.get("concept", [])
    assert node is not None
    return node


def _descendants(root: dict) -> list[tuple[dict, str | None, int]]:
    """Every concept below `root` as (concept, parent code or None at the top, depth)."""
    found: list[tuple[dict, str | None, int]] = []

    def visit(concept: dict, parent: str | None, depth: int) -> None:
        for child in concept.get("concept", []):
            found.append((child, parent, depth))
            visit(child, child["code"], depth + 1)

    visit(root, None, 0)
    return found


def _annotation(element: dict, key: str):
    annotations = element.get("annotations") or {}
    value = annotations.get(key)
    # LinkML allows both `key: value` and `key: {tag: key, value: value}`.
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


def _enum_for_branch(codes_module: dict, root_code: str) -> tuple[str, dict]:
    named = [
        (name, enum)
        for name, enum in codes_module["enums"].items()
        if _annotation(enum, "ffb_branch") == f"FFB:{root_code}"
    ]
    assert len(named) == 1, f"{len(named)} enums in ffb_codes.yaml carry ffb_branch FFB:{root_code}"
    return named[0]


def _is_selectable(value: dict) -> bool:
    selectable = _annotation(value, "selectable")
    if isinstance(selectable, str):
        return selectable.strip().lower() not in ("false", "no", "0")
    return selectable is not False


@lru_cache(maxsize=1)
def _all_enums() -> dict[str, dict]:
    """Every enum of every schema module, by name."""
    enums: dict[str, dict] = {}
    for name in SCHEMA_MODULES:
        for enum_name, enum in (_load_yaml(SCHEMA_DIR / name).get("enums") or {}).items():
            assert enum_name not in enums, f"enum {enum_name} is defined in two modules"
            enums[enum_name] = enum
    return enums


def _ffb_curies(value: object) -> list[str]:
    """Every string starting with 'FFB:' anywhere in a (nested) YAML value."""
    if isinstance(value, str):
        return [value] if value.startswith("FFB:") else []
    if isinstance(value, dict):
        return [curie for item in value.values() for curie in _ffb_curies(item)]
    if isinstance(value, list):
        return [curie for item in value for curie in _ffb_curies(item)]
    return []


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def code_system(reference_dir: Path) -> dict:
    return json.loads((reference_dir / "CodeSystem-FFB.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def codes_module() -> dict:
    return _load_yaml(SCHEMA_DIR / "ffb_codes.yaml")


# --- FFB codes -----------------------------------------------------------------------------


@pytest.mark.parametrize("branch", BRANCHES, ids=lambda path: "/".join(path))
def test_every_concept_of_the_branch_is_a_permissible_value(branch, code_system, codes_module):
    root = _branch_root(code_system, branch)
    enum_name, enum = _enum_for_branch(codes_module, root["code"])
    values = enum.get("permissible_values") or {}
    concepts = _descendants(root)
    assert concepts, f"branch {'/'.join(branch)} has no concepts in the code system"

    problems = []
    for concept, parent, _depth in concepts:
        code = concept["code"]
        value = values.get(code)
        if value is None:
            problems.append(f"{code} ({concept['display']}) is missing")
            continue
        if value.get("meaning") != f"FFB:{code}":
            problems.append(f"{code}: meaning is {value.get('meaning')!r}")
        if value.get("title") != concept["display"]:
            problems.append(f"{code}: title {value.get('title')!r} != {concept['display']!r}")
        if value.get("is_a") != parent:
            problems.append(f"{code}: is_a {value.get('is_a')!r}, the code system says {parent!r}")
    assert not problems, f"{enum_name}:\n" + "\n".join(problems)

    extra = set(map(str, values)) - {concept["code"] for concept, _, _ in concepts}
    assert not extra, f"{enum_name} has values that are not under {'/'.join(branch)}: {sorted(extra)}"
    assert root["code"] not in values, f"{enum_name} holds the branch root itself"


def test_ffb_codes_module_has_one_enum_per_branch_and_nothing_else(code_system, codes_module):
    expected = {_enum_for_branch(codes_module, _branch_root(code_system, b)["code"])[0] for b in BRANCHES}
    assert set(codes_module["enums"]) == expected


def test_only_the_condition_groups_are_not_selectable(code_system, codes_module):
    grouped_root = _branch_root(code_system, GROUPED_BRANCH)
    group_codes = {child["code"] for child in grouped_root.get("concept", [])}
    # The code system's own top groups under FFB tilstande are the three the contract expects.
    assert {child["display"] for child in grouped_root["concept"]} == GROUP_DISPLAYS

    expected_selectable = 0
    in_schema = in_contract = 0
    compiled = load_contract()["enums"]
    for branch in BRANCHES:
        root = _branch_root(code_system, branch)
        enum_name, enum = _enum_for_branch(codes_module, root["code"])
        values = enum["permissible_values"]
        for concept, _parent, _depth in _descendants(root):
            code = concept["code"]
            is_group = code in group_codes
            assert code in values, f"{enum_name} lacks {code}"
            assert _is_selectable(values[code]) is not is_group, (
                f"{enum_name} value {code} ({concept['display']}) should "
                f"{'not ' if is_group else ''}be selectable"
            )
            expected_selectable += not is_group
        # Counted over every value of the enum and of the compiled contract the validator
        # uses, so a value selectable there but not in the code system is noticed.
        in_schema += sum(_is_selectable(value or {}) for value in values.values())
        in_contract += sum(value.get("selectable", True) is not False for value in compiled[enum_name]["values"].values())
    # Derived from the code system (208 for version 20240530), never typed in.
    assert in_schema == expected_selectable
    assert in_contract == expected_selectable


def test_imported_modules_are_up_to_date(reference_dir, tmp_path):
    written = import_reference(reference_dir, tmp_path)
    assert {path.name for path in written} == {"ffb_codes.yaml", "ffb_municipalities.yaml"}
    for path in written:
        committed = SCHEMA_DIR / path.name
        assert path.read_bytes() == committed.read_bytes(), (
            f"schemas/{path.name} is stale or hand-edited: run `ffb schema import-reference`"
        )


# --- municipalities ------------------------------------------------------------------------


def test_municipality_enum_has_exactly_the_municipalities(reference_dir):
    with (reference_dir / "kommuner.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected = {row["kommunekode"].strip().zfill(3): row["kommune"].strip() for row in rows}
    assert len(expected) == len(rows), "kommuner.csv lists a municipality code twice"

    enum = _load_yaml(SCHEMA_DIR / "ffb_municipalities.yaml")["enums"]["MunicipalityEnum"]
    values = {str(key): value for key, value in enum["permissible_values"].items()}
    assert all(len(key) == 3 and key.isdigit() for key in values), "codes must be 3 digits"
    assert set(values) == set(expected)
    wrong_titles = {key: value.get("title") for key, value in values.items() if value.get("title") != expected[key]}
    assert not wrong_titles


# --- local scales --------------------------------------------------------------------------


def _local_scale_enums() -> dict[str, dict]:
    return _load_yaml(SCHEMA_DIR / "ffb_local_scales.yaml")["enums"]


@pytest.mark.parametrize("enum_name", sorted(_local_scale_enums()))
def test_local_scale_mappings_resolve(enum_name):
    enums = _all_enums()
    enum = enums[enum_name]
    target_name = _annotation(enum, "maps_to_enum")
    assert target_name, f"{enum_name} has no maps_to_enum annotation"
    assert target_name in enums, f"{enum_name} maps to {target_name}, which no module defines"
    target = {str(key): value or {} for key, value in enums[target_name]["permissible_values"].items()}
    meanings = {value.get("meaning") for value in target.values() if value.get("meaning")}

    problems = []
    for key, value in (enum.get("permissible_values") or {}).items():
        value = value or {}
        maps_to = _annotation(value, "maps_to")
        if maps_to is not None and str(maps_to) not in target:
            problems.append(f"{key}: maps_to {maps_to!r} is not a value of {target_name}")
        curies = _ffb_curies(value)
        for curie in curies:
            if curie not in meanings and curie.removeprefix("FFB:") not in target:
                problems.append(f"{key}: {curie} is not a value of {target_name}")
        if maps_to is not None and curies and f"FFB:{maps_to}" not in curies:
            problems.append(f"{key}: its FFB mappings {curies} do not include maps_to {maps_to}")
        target_meaning = target.get(str(maps_to), {}).get("meaning", "")
        if target_meaning.startswith("FFB:") and target_meaning not in curies:
            problems.append(f"{key}: maps to an FFB code but has no exact or close mapping to it")
    assert not problems, f"{enum_name}:\n" + "\n".join(problems)


# --- linkml-lint ---------------------------------------------------------------------------


def _linkml_lint() -> str:
    beside = Path(sys.executable).with_name("linkml-lint")
    return str(beside) if beside.exists() else "linkml-lint"


@pytest.fixture(scope="module")
def lint_report() -> tuple[int, list[dict], str]:
    """One linkml-lint run over schemas/ (it lints every module; loading LinkML once is faster)."""
    completed = subprocess.run(
        [_linkml_lint(), "--format", "json", "schemas"],
        cwd=ROOT,  # so that the project's .linkmllint.yaml is used
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
        timeout=300,
    )
    try:
        problems = json.loads(completed.stdout) if completed.stdout.strip() else []
    except json.JSONDecodeError:
        pytest.fail(f"linkml-lint did not report JSON:\n{completed.stdout}\n{completed.stderr}")
    return completed.returncode, problems, completed.stderr


def _describe(problems: list[dict]) -> str:
    return "\n".join(
        f"{p.get('level')} {Path(str(p.get('schema_source'))).name} {p.get('rule_name')}: {p.get('message')}"
        for p in problems
    )


@pytest.mark.parametrize("module", SCHEMA_MODULES)
def test_linkml_lint_finds_no_errors_in_module(module, lint_report):
    _returncode, problems, _stderr = lint_report
    mine = [p for p in problems if Path(str(p.get("schema_source"))).name == module]
    errors = [p for p in mine if p.get("level") == "error"]
    assert not errors, _describe(errors)


def test_linkml_lint_passes(lint_report):
    returncode, problems, stderr = lint_report
    assert returncode == 0, f"linkml-lint exited with {returncode}:\n{_describe(problems)}\n{stderr[-3000:]}"

"""Turn KL's published reference data into LinkML enum modules.

KL publishes FFB as a FHIR CodeSystem and the municipalities as a plain list. The schema
modules `schemas/ffb_codes.yaml` and `schemas/ffb_municipalities.yaml` are written from those
files by `ffb schema import-reference`, so codes, display names and the is-a hierarchy are
never typed by hand. KL's definition texts are deliberately not carried over: the enum
descriptions below are ffb's own. The sections of law a service or offer type may be granted
under come from the reviewed table in `ffb.contract.legal_bases`, not from the definitions.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from ffb.contract import legal_bases

FFB_SYSTEM = "urn:oid:1.2.208.176.2.22"

# Branch of the FFB code system -> (enum name, Danish title, description, whether the
# branch root itself is a value, codes under the branch that only group other codes).
# The group codes are kept as values so `is_a` chains reach them; they carry
# `selectable: false` and the validator rejects them as data.
@dataclass(frozen=True)
class Branch:
    root_display: str
    enum_name: str
    title: str
    description: str
    parent_display: str | None = None  # the branch sits under this concept
    # For ordinal scales: display names from least to most; each value gets its step as
    # the `ordinal` annotation ("Ikke vurderet" stays off the scale).
    scale: tuple[str, ...] = ()


BRANCHES: tuple[Branch, ...] = (
    Branch(
        "Funktionsevneniveau",
        "FunctionLevelEnum",
        "Funktionsevneniveau",
        "How much a citizen's ability to function is reduced, on FFB's five-step scale, "
        "or that it has not been assessed. Used for the overall assessment, for each "
        "Aktivitet og deltagelse condition and as the expected level of a goal.",
        scale=(
            "Ingen nedsat funktionsevne",
            "Let nedsat funktionsevne",
            "Moderat nedsat funktionsevne",
            "Svært nedsat funktionsevne",
            "Fuldstændig nedsat funktionsevne",
        ),
    ),
    Branch(
        "Støttebehovsniveau",
        "SupportNeedLevelEnum",
        "Støttebehovsniveau",
        "How much support the citizen needs, on FFB's five-step scale, or that it has not "
        "been assessed. Kept apart from function level: the two often differ.",
        scale=(
            "Intet støttebehov",
            "Let støttebehov",
            "Moderat støttebehov",
            "Højt støttebehov",
            "Fuldstændigt støttebehov",
        ),
    ),
    Branch(
        "Måltype",
        "GoalTypeEnum",
        "Måltype",
        "The direction a goal aims the citizen's function level: develop it, keep it, or "
        "limit its loss.",
    ),
    Branch(
        "Status på indsats",
        "InterventionStatusEnum",
        "Status på indsats",
        "The decision taken at a follow-up: continue the intervention, end it, or end it and "
        "refer the citizen to a new one.",
    ),
    Branch(
        "Ydelse",
        "ServiceEnum",
        "Ydelse",
        "FFB's services (ydelser): the kinds of help a municipality grants, from "
        "clarification and stays to socio-pedagogical support and preventive help.",
        parent_display="Social indsats",
    ),
    Branch(
        "Tilbud",
        "OfferTypeEnum",
        "Tilbudstype",
        "FFB's offer types (tilbud): the kind of place or arrangement through which a "
        "service is delivered, such as a day offer or a housing offer.",
        parent_display="Social indsats",
    ),
    Branch(
        "Målgruppe",
        "TargetGroupEnum",
        "Målgruppe",
        "FFB's target groups: the social problems and disabilities that describe which "
        "group a case belongs to.",
        parent_display="Social indsats",
    ),
    Branch(
        "FFB tilstande",
        "ConditionEnum",
        "FFB tilstand",
        "FFB's conditions (tilstande) that an assessment can record. Conditions under "
        "Aktivitet og deltagelse carry a function level and can be addressed by goals; "
        "Funktioner og forhold and Omgivelsesfaktorer describe the citizen's situation "
        "without a level. The three top groups are values only so the hierarchy is "
        "complete; data must use a theme or sub-theme.",
    ),
)


def _concepts_by_display(concepts: list[dict]) -> dict[str, dict]:
    return {c["display"]: c for c in concepts}


def _branch_root(code_system: dict, branch: Branch) -> dict:
    top = _concepts_by_display(code_system["concept"])
    if branch.parent_display:
        parent = top[branch.parent_display]
        return _concepts_by_display(parent.get("concept", []))[branch.root_display]
    return top[branch.root_display]


# Branches whose values carry the reviewed table of sections of law (see legal_bases.py).
LEGAL_BASIS_TABLES = {"ServiceEnum": legal_bases.SERVICES, "OfferTypeEnum": legal_bases.OFFER_TYPES}


def _permissible_values(
    root: dict, group_level: bool, scale: tuple[str, ...], sections: dict | None = None
) -> dict[str, dict]:
    """Every concept under `root` (not root itself), parents before children.

    With `group_level`, the direct children of the root only group other codes. With a
    `scale`, values follow it and carry their step; the rest come after in name order.
    With `sections`, values named in that table carry its allowed sections of law.
    """
    values: dict[str, dict] = {}

    def order(concept: dict) -> tuple[int, str]:
        display = concept["display"]
        return (scale.index(display) if display in scale else len(scale), display)

    def visit(concept: dict, parent_code: str | None, depth: int) -> None:
        for child in sorted(concept.get("concept", []), key=order):
            value: dict = {
                "title": child["display"],
                "meaning": f"FFB:{child['code']}",
            }
            if parent_code:
                value["is_a"] = parent_code
            notes: dict = {}
            if group_level and depth == 0:
                notes["selectable"] = False
            if child["display"] in scale:
                notes["ordinal"] = scale.index(child["display"])
            if sections:
                notes.update(legal_bases.annotations(child["display"], sections))
            if notes:
                value["annotations"] = notes
            values[child["code"]] = value
            visit(child, child["code"], depth + 1)

    visit(root, None, 0)
    return values


def ffb_codes_module(code_system: dict) -> dict:
    """The LinkML module with one enum per FFB branch."""
    version = code_system["version"]
    enums = {}
    for branch in BRANCHES:
        root = _branch_root(code_system, branch)
        enums[branch.enum_name] = {
            "title": branch.title,
            "description": branch.description,
            "code_set": FFB_SYSTEM,
            "code_set_version": version,
            "annotations": {"ffb_branch": f"FFB:{root['code']}"},
            "permissible_values": _permissible_values(
                root,
                group_level=branch.root_display == "FFB tilstande",
                scale=branch.scale,
                sections=LEGAL_BASIS_TABLES.get(branch.enum_name),
            ),
        }
    return {
        "id": "https://w3id.org/ffb/codes",
        "name": "ffb_codes",
        "title": "FFB-koder",
        "description": (
            "KL's Fælles Faglige Begreber as LinkML enums. Every value is an FFB concept: "
            "its key and meaning are the FFB code, its title the Danish display name, and "
            "is_a follows the code system's hierarchy."
        ),
        "version": version,
        "license": "MIT",
        "annotations": {"ffb_code_system": FFB_SYSTEM, "ffb_code_system_version": version},
        "prefixes": {
            "linkml": "https://w3id.org/linkml/",
            "FFB": f"{FFB_SYSTEM}#",
            "ffb": "https://w3id.org/ffb/",
        },
        "default_prefix": "ffb",
        "imports": ["linkml:types"],
        "enums": enums,
    }


def municipalities_module(rows: list[dict[str, str]]) -> dict:
    """The LinkML module with the 98 municipalities as an enum of 3-digit codes."""
    values = {
        row["kommunekode"].zfill(3): {
            "title": row["kommune"],
            "annotations": {"region_code": row["regionskode"], "region": row["region"]},
        }
        for row in sorted(rows, key=lambda r: int(r["kommunekode"]))
    }
    return {
        "id": "https://w3id.org/ffb/municipalities",
        "name": "ffb_municipalities",
        "title": "Kommuner",
        "description": "Denmark's 98 municipalities by their 3-digit municipality code.",
        "license": "MIT",
        "prefixes": {"linkml": "https://w3id.org/linkml/", "ffb": "https://w3id.org/ffb/"},
        "default_prefix": "ffb",
        "imports": ["linkml:types"],
        "enums": {
            "MunicipalityEnum": {
                "title": "Kommunekode",
                "description": (
                    "The 3-digit code of a Danish municipality (handlekommune or the "
                    "municipality a provider lies in); the title is its name."
                ),
                "permissible_values": values,
            }
        },
    }


HEADER = (
    "# Written by `ffb schema import-reference` from KL's published reference data.\n"
    "# Do not edit by hand: change src/ffb/contract/reference_import.py and re-run it.\n"
)


def dump_module(module: dict) -> str:
    return HEADER + yaml.safe_dump(module, allow_unicode=True, sort_keys=False, width=100)


def import_reference(reference_dir: Path, schema_dir: Path) -> list[Path]:
    """Write the code and municipality modules; return the paths written."""
    code_system = json.loads((reference_dir / "CodeSystem-FFB.json").read_text("utf-8"))
    with (reference_dir / "kommuner.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    written = []
    for name, module in (
        ("ffb_codes.yaml", ffb_codes_module(code_system)),
        ("ffb_municipalities.yaml", municipalities_module(rows)),
    ):
        path = schema_dir / name
        path.write_text(dump_module(module), encoding="utf-8")
        written.append(path)
    return written

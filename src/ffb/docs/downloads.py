"""The files the site offers for download, each stamped with the contract's versions.

The JSON Schema, the data package descriptor and the Excel template are the generated
artefacts in validators/; the rule catalogue is written here from ffb.validate.catalogue.
Every file name carries the contract version and the FFB code-system version, and so does
every file's content (the descriptor and the template already hold both; the JSON Schema gets
a $comment and the catalogue a header). A build stops when an artefact in validators/ states
other versions than the schema: it was not regenerated.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ffb.docs.markdown import table

PAGE = "reference/downloads.md"
FOLDER = "reference/files"


class StaleArtefact(Exception):
    """An artefact in validators/ does not match the schema's versions."""


@dataclass(frozen=True)
class Download:
    name: str
    title: str
    description: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def stem(schema: dict) -> str:
    return f"ffb-{schema['version']}_kodesystem-{schema['ffb_code_system_version']}"


def _stamp_text(schema: dict) -> str:
    return (
        f"FFB-datakontrakten {schema['version']}; FFB-kodesystem {schema['ffb_code_system']} "
        f"version {schema['ffb_code_system_version']}"
    )


def rule_catalogue(schema: dict) -> dict:
    from ffb.validate.catalogue import RULES

    return {
        "contract_version": schema["version"],
        "ffb_code_system": schema["ffb_code_system"],
        "ffb_code_system_version": schema["ffb_code_system_version"],
        "rules": [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity,
                "group": r.group,
                "title": r.title,
                "message": r.message,
                "description": r.description,
            }
            for r in RULES.values()
        ],
    }


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def downloads(root: Path, contract: dict) -> list[Download]:
    schema = contract["schema"]
    validators = root / "validators"
    json_schema = json.loads((validators / "ffb.schema.json").read_text(encoding="utf-8"))
    if json_schema.get("version") != schema["version"]:
        raise StaleArtefact(
            f"validators/ffb.schema.json is version {json_schema.get('version')!r}, the schema "
            f"{schema['version']!r}; run `ffb generate`"
        )
    json_schema = {"$comment": _stamp_text(schema), **json_schema}
    descriptor = json.loads((validators / "datapackage.json").read_text(encoding="utf-8"))
    stated = descriptor.get("ffb", {})
    if (stated.get("schema_version"), stated.get("code_system_version")) != (
        schema["version"], schema["ffb_code_system_version"]
    ):
        raise StaleArtefact(
            f"validators/datapackage.json states versions {stated}, the schema "
            f"{schema['version']} and FFB {schema['ffb_code_system_version']}; run `ffb generate`"
        )
    base = stem(schema)
    return [
        Download(f"{base}.schema.json", "JSON Schema",
                 "Et helt udtræk som ét JSON-dokument (draft 2019-09).", _json(json_schema)),
        Download(f"{base}.datapackage.json", "Datapakke (Frictionless)",
                 "Beskrivelsen af datapakken: en Table Schema pr. CSV-fil.",
                 (validators / "datapackage.json").read_bytes()),
        Download(f"{base}.skabelon.xlsx", "Excel-skabelon",
                 "Et ark pr. tabel med rullelister med FFB's danske navne; se "
                 "vejledningen til skabelonen.",
                 (validators / "ffb-template.xlsx").read_bytes()),
        Download(f"{base}.regler.json", "Regelkatalog (JSON)",
                 "Alle valideringsregler med kode, alvor, titel og meddelelse på dansk og engelsk.",
                 _json(rule_catalogue(schema))),
    ]


def render_downloads(contract: dict, files: list[Download]) -> str:
    schema = contract["schema"]
    lines = [
        "# Downloads",
        "",
        f"Filerne til kontrakten version **{schema['version']}** med FFB-kodesystemet "
        f"`{schema['ffb_code_system']}` version **{schema['ffb_code_system_version']}**. Begge "
        "versioner står i filnavnet og i filen selv.",
        "",
        "*The contract's files, each stamped with the contract version and the FFB code-system "
        "version in its name and its content.*",
        "",
    ]
    rows = [
        [f"**{d.title}**<br>[{d.name}](files/{d.name})", d.description,
         f"{len(d.content) / 1024:.0f} KB"]
        for d in files
    ]
    lines += table(["Fil", "Indhold", "Størrelse"], rows)
    lines += ["Kontrolsummer (SHA-256):", "", "```text"]
    lines += [f"{d.sha256}  {d.name}" for d in files]
    lines += [
        "```",
        "",
        "JSON Schema, datapakke og skabelon dannes også af skemaet med "
        "`ffb generate --out <mappe>` (i mappen `validators/`, uden versioner i navnet), og "
        "regelkataloget udskrives med "
        "`ffb-validate --list-rules --format json`.",
        "",
    ]
    return "\n".join(lines)

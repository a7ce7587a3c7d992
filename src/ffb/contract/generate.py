"""Regenerate every artefact from the schemas: `ffb generate`.

Each artefact is a pure function of `schemas/`; the test suite regenerates them into a
temporary folder and fails when a committed copy differs.
"""

from __future__ import annotations

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

    code = PydanticGenerator(str(schema)).serialize()
    _write_text(out, GENERATED_HEADER + code)


def _json_schema(schema: Path, contract: dict, out: Path) -> None:
    from linkml.generators.jsonschemagen import JsonSchemaGenerator

    text = JsonSchemaGenerator(str(schema), top_class="Export").serialize()
    _write_text(out, _json(json.loads(text)))


def _datapackage(schema: Path, contract: dict, out: Path) -> None:
    _write_text(out, _json(datapackage_descriptor(contract)))


def _compiled(schema: Path, contract: dict, out: Path) -> None:
    _write_text(out, _json(contract))


def _excel(schema: Path, contract: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    write_template(contract, out)


# Artefact path (relative to the project root) -> how to build it.
ARTEFACTS: dict[Path, Callable[[Path, dict, Path], None]] = {
    COMPILED_CONTRACT: _compiled,
    Path("src/ffb/models.py"): _pydantic,
    Path("validators/ffb.schema.json"): _json_schema,
    Path("validators/datapackage.json"): _datapackage,
    Path("validators/ffb-template.xlsx"): _excel,
    # The example package carries the same descriptor beside its CSV files.
    Path("examples/canonical/datapackage.json"): _datapackage,
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

"""The website builds with `mkdocs build --strict`, and its generated pages follow the contract.

The site is built once per run (the `built_site` fixture in conftest.py). The checks compare
the built HTML with the contract compiled from schemas/ now, the rule catalogue and the click
commands, so a page that is missing or out of step with its source fails here.
"""

from __future__ import annotations

import copy
import html
import json
import re
from pathlib import Path

import click
import pytest

from ffb.docs.cli_pages import console_scripts, load_command, walk
from ffb.docs.code_finder import render_code_finder
from ffb.docs.contract_pages import contract_pages, code_list_groups
from ffb.docs.diagram import relations_svg
from ffb.docs.downloads import stem
from ffb.docs.site import build_site, expand_nav
from ffb.validate.catalogue import GROUPS, RULES

ROOT = Path(__file__).resolve().parents[1]
TAG = re.compile(r"<[^>]+>")


def _page(site: Path, path: str) -> str:
    file = site / path / "index.html"
    assert file.is_file(), f"the site has no page {path}"
    return file.read_text(encoding="utf-8")


def _text(page: str) -> str:
    return html.unescape(TAG.sub(" ", page))


def test_every_table_has_a_page_with_every_column(built_site: Path, contract_now: dict):
    for table in contract_now["tables"]:
        page = _page(built_site, f"reference/tables/{table['name']}")
        text = _text(page)
        assert table["title"] in text
        for column in table["columns"]:
            assert f'id="{column["name"]}"' in page, f"{table['name']}.{column['name']} has no section"
            assert column["title"] in text, column["name"]
            if "enum" in column:
                assert f"../../codes/{column['enum']}/" in page, f"{column['name']} links no code list"


def test_table_page_shows_an_example_row_from_the_example_package(built_site: Path):
    first_lines = (ROOT / "examples/canonical/cases.csv").read_text(encoding="utf-8").splitlines()
    text = _text(_page(built_site, "reference/tables/cases"))
    shown = re.search(r"række (\d+) i\s+examples/canonical/cases\.csv", text)
    assert shown, "the cases page names no example row"
    row = first_lines[int(shown.group(1)) - 1]
    assert row in text, "the example row is not shown as CSV"


def test_every_code_list_has_a_page_with_every_value(built_site: Path, contract_now: dict):
    for name, enum in contract_now["enums"].items():
        text = _text(_page(built_site, f"reference/codes/{name}"))
        for key, value in enum["values"].items():
            assert key in text and value["title"] in text, f"{name}: {key} {value['title']}"


def test_service_codes_show_their_legal_bases(built_site: Path, contract_now: dict):
    text = _text(_page(built_site, "reference/codes/ServiceEnum"))
    bases = contract_now["enums"]["LegalBasisEnum"]["values"]
    with_bases = [v for v in contract_now["enums"]["ServiceEnum"]["values"].values() if "legal_bases" in v]
    assert with_bases
    for value in with_bases:
        for basis in value["legal_bases"].split():
            assert basis in text and bases[basis]["title"].split(" – ")[0] in text


def test_every_rule_is_in_the_navigation_by_family(built_site: Path):
    home = _page(built_site, "")
    for digit, name in GROUPS.items():
        if any(code[3] == digit for code in RULES):
            assert f"FFB{digit}xx {name}" in html.unescape(home)
    for code, rule in RULES.items():
        page = _page(built_site, f"rules/{code}")
        assert rule.severity in _text(page)
        assert f"{code} {rule.title['da']}" in html.unescape(home), f"{code} is not in the navigation"


def test_every_page_shows_both_versions(built_site: Path, contract_now: dict):
    schema = contract_now["schema"]
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > len(contract_now["tables"]) + len(contract_now["enums"]) + len(RULES)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        assert f'data-contract-version="{schema["version"]}"' in text, page
        assert f'data-code-system-version="{schema["ffb_code_system_version"]}"' in text, page


def test_search_index_finds_codes_with_their_list_and_parent(built_site: Path, contract_now: dict):
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["da"]
    docs = {d["location"]: d for d in index["docs"]}
    for enum_name, title in (("ConditionEnum", "Mobilitet"), ("ServiceEnum", "Individuel tidsbegrænset socialpædagogisk hjælp og støtte")):
        values = contract_now["enums"][enum_name]["values"]
        key = next(k for k, v in values.items() if v["title"] == title)
        doc = docs[f"reference/code-finder/#{enum_name}-{key}"]
        assert doc["title"] == title
        assert key in doc["text"]
        assert contract_now["enums"][enum_name]["title"] in doc["text"]
        parent = values[key].get("parent")
        assert parent and values[parent]["title"] in doc["text"]


def test_relations_diagram_is_inline_and_draws_every_reference(built_site: Path, contract_now: dict):
    page = _page(built_site, "reference")
    svg = re.search(r"<svg[^>]*class=\"ffb-relations\".*?</svg>", page, re.S)
    assert svg, "the overview has no inline SVG diagram"
    svg = svg.group(0)
    for table in contract_now["tables"]:
        assert f'data-table="{table["name"]}"' in svg
        for column in table["columns"]:
            if "references" in column:
                target = column["references"]
                assert f"{table['name']}.{column['name']} → {target['table']}.{target['column']}" in svg
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_cli_reference_lists_every_command_and_option(built_site: Path):
    text = _text(_page(built_site, "reference/cli"))
    assert "UNSET" not in text and "Sentinel" not in text, "a missing default is shown as click's marker"
    for program, target in console_scripts(ROOT / "pyproject.toml").items():
        for full_name, command, ctx in walk(load_command(target), program):
            assert full_name in text, f"{full_name} is not on the CLI page"
            for param in command.get_params(ctx):
                if isinstance(param, click.Argument):
                    assert param.human_readable_name in text, f"{full_name}: {param.name}"
                elif not param.hidden:
                    for option in [*param.opts, *param.secondary_opts]:
                        assert option in text, f"{full_name} {option} is not on the CLI page"
            if command.epilog:
                first_line = next(line for line in command.epilog.splitlines() if line.strip() not in ("", "\b"))
                assert first_line.strip() in text, f"{full_name}: its epilog is not shown"


def test_downloads_are_stamped_with_both_versions(built_site: Path, contract_now: dict):
    from python_calamine import CalamineWorkbook

    schema = contract_now["schema"]
    folder = built_site / "reference/files"
    names = sorted(p.name for p in folder.iterdir())
    suffixes = ["datapackage.json", "regler.json", "schema.json", "skabelon.xlsx"]
    assert names == [f"{stem(schema)}.{suffix}" for suffix in suffixes]
    for name in names:
        assert schema["version"] in name and schema["ffb_code_system_version"] in name
        assert f'href="../files/{name}"' in _page(built_site, "reference/downloads") or \
            f'href="files/{name}"' in _page(built_site, "reference/downloads")
    stamped = {suffix: folder / f"{stem(schema)}.{suffix}" for suffix in suffixes}
    json_schema = json.loads(stamped["schema.json"].read_text(encoding="utf-8"))
    assert schema["version"] in json_schema["$comment"]
    assert schema["ffb_code_system_version"] in json_schema["$comment"]
    descriptor = json.loads(stamped["datapackage.json"].read_text(encoding="utf-8"))
    assert descriptor["ffb"]["schema_version"] == schema["version"]
    assert descriptor["ffb"]["code_system_version"] == schema["ffb_code_system_version"]
    rules = json.loads(stamped["regler.json"].read_text(encoding="utf-8"))
    assert (rules["contract_version"], rules["ffb_code_system_version"]) == (
        schema["version"], schema["ffb_code_system_version"])
    assert [r["code"] for r in rules["rules"]] == list(RULES)
    guide = CalamineWorkbook.from_path(str(stamped["skabelon.xlsx"])).get_sheet_by_name("vejledning")
    cells = " ".join(str(c) for row in guide.to_python() for c in row)
    assert schema["version"] in cells and schema["ffb_code_system_version"] in cells


# --- generated from the schema: a change to the contract changes the pages ----------------


def test_a_new_column_and_code_appear_without_hand_edits(contract_now: dict):
    changed = copy.deepcopy(contract_now)
    table = changed["tables"][0]
    table["columns"].append({
        "name": "shoe_size", "title": "Skostørrelse", "description": "A column added for the test.",
        "required": False, "type": "integer", "enum": "SexEnum",
    })
    changed["enums"]["SexEnum"]["values"]["ukendt_test"] = {"title": "Ukendt i testen"}
    pages = contract_pages(changed, ROOT / "examples/canonical")
    assert "shoe_size" in pages[f"reference/tables/{table['name']}.md"]
    assert "Skostørrelse" in pages[f"reference/tables/{table['name']}.md"]
    assert "Ukendt i testen" in pages["reference/codes/SexEnum.md"]
    assert "ukendt_test" in render_code_finder(changed)
    before = contract_pages(contract_now, ROOT / "examples/canonical")
    assert "shoe_size" not in before[f"reference/tables/{table['name']}.md"]


def test_a_new_table_gets_a_page_a_box_and_a_place_in_the_navigation(contract_now: dict, tmp_path: Path):
    changed = copy.deepcopy(contract_now)
    changed["tables"].append({
        "name": "visits", "class": "Visit", "title": "Besøg", "description": "A test table.",
        "primary_key": ["id"],
        "columns": [
            {"name": "id", "title": "Id", "description": "Key.", "required": True, "type": "string"},
            {"name": "case_id", "title": "Sag", "description": "Case.", "required": True,
             "type": "string", "references": {"table": "cases", "column": "id"}},
        ],
    })
    site = build_site(ROOT, changed)
    assert "reference/tables/visits.md" in site.pages
    assert 'data-table="visits"' in relations_svg(changed)
    nav = expand_nav([{"Tabeller": "ffb:tables"}], site, tmp_path)
    assert {"Besøg (visits)": "reference/tables/visits.md"} in nav[0]["Tabeller"]


def test_navigation_markers(contract_now: dict, tmp_path: Path):
    site = build_site(ROOT, contract_now)
    (tmp_path / "present.md").write_text("# x\n", encoding="utf-8")
    nav = expand_nav(
        [{"A": "ffb:optional present.md"}, {"B": "ffb:optional absent.md"}, {"R": "ffb:rules"},
         {"K": "ffb:code-lists"}],
        site, tmp_path,
    )
    assert nav[0] == {"A": "present.md"}
    assert [next(iter(item)) for item in nav] == ["A", "R", "K"]
    families = [next(iter(item)) for item in nav[1]["R"]][1:]
    assert families == [f"FFB{d}xx {GROUPS[d]}" for d in sorted({c[3] for c in RULES})]
    assert [next(iter(g)) for g in nav[2]["K"]] == list(code_list_groups(contract_now))
    with pytest.raises(ValueError, match="unknown navigation marker"):
        expand_nav([{"X": "ffb:nothing"}], site, tmp_path)


def test_changelog_has_an_entry_for_the_current_versions(built_site: Path, contract_now: dict):
    schema = contract_now["schema"]
    changelog = (ROOT / "docs/changelog.md").read_text(encoding="utf-8")
    entry = re.search(rf"^## {re.escape(schema['version'])}\n(.*?)(?=^## |\Z)", changelog, re.M | re.S)
    assert entry, f"docs/changelog.md has no section for contract version {schema['version']}"
    assert schema["ffb_code_system_version"] in entry.group(1)
    _page(built_site, "changelog")


def test_guides_are_linked_from_the_home_page(built_site: Path):
    home = _page(built_site, "")
    for guide in ("excel-template", "privacy"):
        _page(built_site, guide)
        assert f'href="{guide}/"' in home, f"{guide} is not linked from the home page"
    for optional in ("validate-in-5-minutes", "write-a-profile", "key-figures", "kl-gateway-checks"):
        present = (ROOT / "docs" / f"{optional}.md").is_file()
        assert (f'href="{optional}/"' in home) == present, optional


def test_a_hand_written_copy_of_a_generated_page_stops_the_build(tmp_path: Path, caplog):
    import shutil

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "reference").mkdir(exist_ok=True)
    (docs / "reference" / "cli.md").write_text("# Edited by hand\n", encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort):
        build(config)
    assert "docs/reference/cli.md is generated when the site is built" in caplog.text


def test_code_list_pages_show_each_values_description():
    from ffb.contract.codes import load_contract
    from ffb.docs.contract_pages import render_code_list

    contract = load_contract()
    described = {name: enum for name, enum in contract["enums"].items()
                 if any(v.get("description") for v in enum["values"].values())}
    assert "OperatorKindEnum" in described and "LegalBasisEnum" in described
    for name, enum in described.items():
        page = render_code_list(contract, name)
        assert "| Beskrivelse |" in page
        for value in enum["values"].values():
            if value.get("description"):
                assert " ".join(value["description"].split()).replace("|", "&#124;") in page, (name, value["title"])

"""The schema reference of the website: a page per table, a page per code list, an overview.

Every page is made from the compiled contract (see ffb.contract.compile) at build time and
from the example package in examples/canonical, so a change to the schema changes the site
without a hand edit. Page paths are relative to the site's docs folder.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ffb.docs.diagram import relations_svg
from ffb.docs.markdown import cell, code, table
from ffb.report.masking import mask_text

REFERENCE = "reference"
TABLES = f"{REFERENCE}/tables"
CODE_LISTS = f"{REFERENCE}/codes"
INDEX = f"{REFERENCE}/index.md"

TYPE_NAMES = {
    "string": "tekst",
    "integer": "heltal",
    "number": "decimaltal",
    "date": "dato",
    "boolean": "sand/falsk",
}
LEGAL_BASIS_ENUM = "LegalBasisEnum"


def table_page(name: str) -> str:
    return f"{TABLES}/{name}.md"


def code_list_page(enum: str) -> str:
    return f"{CODE_LISTS}/{enum}.md"


@dataclass(frozen=True)
class ExampleRow:
    """One row of a table in the example package, the most filled-in one."""

    file: str
    line: int  # as a spreadsheet shows it: the header is line 1
    header: list[str]
    values: list[str]

    def value(self, column: str) -> str:
        return self.values[self.header.index(column)] if column in self.header else ""


def example_row(example_dir: Path, table_name: str) -> ExampleRow | None:
    """The first of the rows with the most filled cells, or None without an example file."""
    path = example_dir / f"{table_name}.csv"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if len(rows) < 2:
        return None
    header, body = rows[0], rows[1:]
    best = max(range(len(body)), key=lambda i: (sum(1 for v in body[i] if v), -i))
    return ExampleRow(path.name, best + 2, header, body[best])


def _required(column: dict) -> str:
    if column.get("required"):
        return "**ja**"
    if column.get("recommended"):
        return "anbefalet"
    return "nej"


def _type(column: dict) -> str:
    return TYPE_NAMES.get(column["type"], column["type"])


def _unit(column: dict, ucum: bool = False) -> str:
    unit = column.get("unit")
    if not unit:
        return "–"
    text = unit.get("symbol") or unit.get("descriptive_name") or unit.get("ucum_code", "")
    if ucum and unit.get("ucum_code"):
        text += f" (UCUM-kode `{unit['ucum_code']}`)"
    return cell(text)


def _short_legal_basis(title: str) -> str:
    return title.split(" – ")[0]


def _value_label(contract: dict, column: dict, value: str) -> str:
    """An example value with the Danish name of its code, if it is one."""
    if not value:
        return "–"
    shown = code(mask_text(value))
    enum = column.get("enum")
    if enum and value in contract["enums"][enum]["values"]:
        shown += f" ({cell(contract['enums'][enum]['values'][value]['title'])})"
    return shown


def _references_to(contract: dict, table_name: str) -> list[tuple[dict, dict]]:
    """(table, column) pairs that point at `table_name`."""
    return [
        (other, column)
        for other in contract["tables"]
        for column in other["columns"]
        if column.get("references", {}).get("table") == table_name
    ]


def render_table(contract: dict, tbl: dict, example: ExampleRow | None) -> str:
    name = tbl["name"]
    titles = {t["name"]: t["title"] for t in contract["tables"]}
    lines = [
        # The column table is wide; the columns are listed in it, so the page needs no outline.
        "---",
        "hide:",
        "  - toc",
        "---",
        "",
        f"# {tbl['title']} ({name})",
        "",
        tbl["description"],
        "",
        "| | |",
        "|---|---|",
        f"| Tabel (table) | {code(name)} |",
        f"| Fil i datapakken (file) | {code(name + '.csv')} |",
        f"| Klasse i skemaet (LinkML class) | {code(tbl['class'])} |",
        f"| Nøgle (key) | {', '.join(code(k) for k in tbl['primary_key']) or '–'} |",
    ]
    outgoing = [c for c in tbl["columns"] if "references" in c]
    if outgoing:
        links = ", ".join(
            f"[{titles[c['references']['table']]}]({c['references']['table']}.md) via {code(c['name'])}"
            for c in outgoing
        )
        lines.append(f"| Peger på (refers to) | {links} |")
    incoming = _references_to(contract, name)
    if incoming:
        links = ", ".join(
            f"[{other['title']}]({other['name']}.md) via {code(column['name'])}"
            for other, column in incoming
        )
        lines.append(f"| Peges på fra (referred to by) | {links} |")
    lines += ["", "## Kolonner", ""]
    if example:
        lines += [
            f"Eksemplet er række {example.line} i `examples/canonical/{example.file}`, "
            "eksempeludtrækket for en opdigtet kommune.",
            "",
        ]
    with_units = any("unit" in c for c in tbl["columns"])
    rows = []
    for column in tbl["columns"]:
        enum = column.get("enum")
        code_list = (
            f"[{cell(contract['enums'][enum]['title'])}](../codes/{enum}.md)" if enum else "–"
        )
        if "references" in column:
            target = column["references"]
            code_list = f"→ [{target['table']}.{target['column']}]({target['table']}.md)"
        row = [
            f"[{code(column['name'])}](#{column['name']})",
            cell(column["title"]),
            _type(column),
            _required(column),
            *([_unit(column)] if with_units else []),
            code_list,
        ]
        if example:
            row.append(_value_label(contract, column, example.value(column["name"])))
        rows.append(row)
    header = ["Kolonne", "Dansk titel", "Type", "Påkrævet", *(["Enhed"] if with_units else []),
              "Kodeliste / reference"]
    lines += table(header + (["Eksempel"] if example else []), rows)
    if example:
        lines += [
            "Eksempelrækken som CSV:",
            "",
            f'```csv title="{example.file}"',
            ",".join(example.header),
            mask_text(",".join(example.values)),
            "```",
            "",
        ]
    lines += ["## Kolonnerne enkeltvis", ""]
    for column in tbl["columns"]:
        lines += _column_section(contract, column)
    return "\n".join(lines)


def _column_section(contract: dict, column: dict) -> list[str]:
    lines = [f"### {column['name']} {{ #{column['name']} }}", "", column["description"], ""]
    facts = [
        f"- Dansk titel: **{column['title']}**",
        f"- Type: {_type(column)}",
        f"- Påkrævet: {_required(column).strip('*')}",
    ]
    if column["type"] == "date":
        facts.append("- Format: ÅÅÅÅ-MM-DD, fx `2024-05-30`")
    if column["type"] == "boolean":
        facts.append("- Værdier: `true` eller `false`")
    if column["type"] == "number":
        facts.append("- Decimaltegn: punktum, fx `12.5`")
    if column.get("identifier"):
        facts.append("- Rækkens nøgle: unik i tabellen")
    if "minimum" in column or "maximum" in column:
        low, high = column.get("minimum"), column.get("maximum")
        span = f"{low} til {high}" if low is not None and high is not None else (
            f"mindst {low}" if low is not None else f"højst {high}")
        facts.append(f"- Værdi: {span}")
    if column.get("pattern"):
        facts.append(f"- Mønster (regulært udtryk): `{column['pattern']}`")
    if column.get("unit"):
        facts.append(f"- Enhed: {_unit(column, ucum=True)}")
    if column.get("enum"):
        enum = contract["enums"][column["enum"]]
        facts.append(
            f"- Kodeliste: [{enum['title']}](../codes/{column['enum']}.md) "
            f"({len(enum['values'])} værdier)"
        )
    if column.get("references"):
        target = column["references"]
        facts.append(
            f"- Peger på: `{target['table']}.{target['column']}` i "
            f"[{target['table']}]({target['table']}.md)"
        )
    return lines + facts + [""]


# --- code lists ----------------------------------------------------------------------------


def _uses(contract: dict, enum_name: str) -> list[tuple[dict, dict]]:
    return [
        (tbl, column)
        for tbl in contract["tables"]
        for column in tbl["columns"]
        if column.get("enum") == enum_name
    ]


def _legal_bases(contract: dict, value: dict, link_prefix: str) -> str:
    keys = value.get("legal_bases", "").split()
    if not keys:
        return "–"
    bases = contract["enums"].get(LEGAL_BASIS_ENUM, {}).get("values", {})
    shown = []
    for key in keys:
        title = bases.get(key, {}).get("title", key)
        shown.append(f"[{cell(_short_legal_basis(title))}]({link_prefix}{LEGAL_BASIS_ENUM}.md) {code(key)}")
    return "<br>".join(shown)


def _children(values: dict) -> dict[str | None, list[str]]:
    children: dict[str | None, list[str]] = {}
    for key, value in values.items():
        children.setdefault(value.get("parent"), []).append(key)
    return children


def _tree_lines(contract: dict, values: dict) -> list[str]:
    children = _children(values)
    lines: list[str] = []

    def walk(key: str, depth: int) -> None:
        value = values[key]
        label = f"**{value['title']}**" if key in children else value["title"]
        note = ""
        if value.get("selectable") is False:
            note += " *(samler kun andre koder; bruges ikke i data)*"
        if value.get("legal_bases"):
            note += " – " + ", ".join(
                _short_legal_basis(
                    contract["enums"].get(LEGAL_BASIS_ENUM, {}).get("values", {}).get(b, {}).get("title", b)
                )
                for b in value["legal_bases"].split()
            )
        lines.append(f"{'    ' * depth}- {label} `{key}`{note}")
        for child in children.get(key, []):
            walk(child, depth + 1)

    for root in children.get(None, []):
        walk(root, 0)
    return lines + [""]


def render_code_list(contract: dict, enum_name: str) -> str:
    enum = contract["enums"][enum_name]
    values = enum["values"]
    lines = [f"# {enum['title']}", "", f"Kodelisten `{enum_name}`.", "", enum["description"], ""]
    facts = ["| | |", "|---|---|", f"| Kodeliste (enum) | {code(enum_name)} |"]
    facts.append(f"| Antal værdier (values) | {len(values)} |")
    if enum.get("code_set"):
        facts.append(
            f"| Kodesystem (code system) | KL's FFB, {code(enum['code_set'])} "
            f"version {code(enum.get('code_set_version', ''))} |"
        )
    uses = _uses(contract, enum_name)
    if uses:
        facts.append(
            "| Bruges i (used in) | "
            + ", ".join(f"[{t['name']}.{c['name']}](../tables/{t['name']}.md#{c['name']})" for t, c in uses)
            + " |"
        )
    target = enum.get("maps_to_enum")
    if target:
        facts.append(
            f"| Oversættes til (maps to) | [{contract['enums'][target]['title']}]({target}.md) |"
        )
    mapped_from = sorted(n for n, e in contract["enums"].items() if e.get("maps_to_enum") == enum_name)
    if mapped_from:
        facts.append(
            "| Oversættes fra (mapped from) | "
            + ", ".join(f"[{contract['enums'][n]['title']}]({n}.md)" for n in mapped_from)
            + " |"
        )
    lines += facts + [""]
    if any("parent" in v for v in values.values()):
        lines += ["## Hierarki", "", "Koderne som træ, i kodesystemets rækkefølge.", ""]
        lines += _tree_lines(contract, values)
    lines += ["## Alle værdier", ""]
    has_parent = any("parent" in v for v in values.values())
    has_bases = any("legal_bases" in v for v in values.values())
    has_map = any("maps_to" in v for v in values.values())
    has_hidden = any(v.get("selectable") is False for v in values.values())
    has_description = any(v.get("description") for v in values.values())
    header = ["Kode", "Dansk navn"]
    header += ["Beskrivelse"] if has_description else []
    header += ["Overordnet"] if has_parent else []
    header += ["Lovgrundlag"] if has_bases else []
    header += [f"Svarer til ({contract['enums'][target]['title']})"] if has_map and target else []
    header += ["Bruges i data"] if has_hidden else []
    rows = []
    for key, value in values.items():
        row = [code(key), cell(value["title"])]
        if has_description:
            row.append(cell(value.get("description", "")) or "–")
        if has_parent:
            parent = value.get("parent")
            row.append(cell(values[parent]["title"]) if parent else "–")
        if has_bases:
            row.append(_legal_bases(contract, value, ""))
        if has_map and target:
            mapped = value.get("maps_to")
            row.append(
                f"{cell(contract['enums'][target]['values'][mapped]['title'])} ({code(mapped)})"
                if mapped else "–"
            )
        if has_hidden:
            row.append("nej, samler kun andre" if value.get("selectable") is False else "ja")
        rows.append(row)
    lines += table(header, rows)
    return "\n".join(lines)


def code_list_groups(contract: dict) -> dict[str, list[str]]:
    """The code lists grouped as the navigation shows them, each sorted by Danish title."""
    groups: dict[str, list[str]] = {"FFB-koder": [], "Øvrige kodelister": [], "Lokale skalaer": []}
    for name, enum in contract["enums"].items():
        if enum.get("maps_to_enum"):
            groups["Lokale skalaer"].append(name)
        elif enum.get("code_set"):
            groups["FFB-koder"].append(name)
        else:
            groups["Øvrige kodelister"].append(name)
    for names in groups.values():
        names.sort(key=lambda n: contract["enums"][n]["title"].casefold())
    return {group: names for group, names in groups.items() if names}


def render_index(contract: dict, use_directory_urls: bool) -> str:
    schema = contract["schema"]
    lines = [
        "# Skemareference",
        "",
        f"*Schema reference.* Kontrakten **{schema['title']}** version **{schema['version']}** "
        f"bruger KL's FFB-kodesystem `{schema['ffb_code_system']}` version "
        f"**{schema['ffb_code_system_version']}**. Alt på disse sider er dannet af skemaet i "
        "`schemas/` hver gang siden bygges. Navne og titler er på dansk som i FFB; "
        "skemaets beskrivelser er på engelsk.",
        "",
        "Et udtræk er et sæt tabeller, der peger på hinanden med id'er: en CSV-fil pr. tabel i en "
        "datapakke, et ark pr. tabel i Excel-skabelonen eller en liste pr. tabel i ét "
        "JSON-dokument.",
        "",
        "## Sådan hænger tabellerne sammen",
        "",
        "En pil går fra kolonnen, der peger, til tabellen, den peger på. Klik på en tabel for "
        "dens side.",
        "",
        '<div class="ffb-diagram" markdown="0">',
        relations_svg(contract, link=lambda n: f"tables/{n}/" if use_directory_urls else f"tables/{n}.html"),
        "</div>",
        "",
        "## Tabeller",
        "",
    ]
    rows = [
        [f"[{t['name']}](tables/{t['name']}.md)", cell(t["title"]), str(len(t["columns"])),
         cell(t["description"])]
        for t in contract["tables"]
    ]
    lines += table(["Tabel", "Dansk titel", "Kolonner", "Beskrivelse"], rows)
    lines += ["## Kodelister", ""]
    for group, names in code_list_groups(contract).items():
        lines += [f"### {group}", ""]
        rows = [
            [f"[{cell(contract['enums'][n]['title'])}](codes/{n}.md)", code(n),
             str(len(contract["enums"][n]["values"]))]
            for n in names
        ]
        lines += table(["Kodeliste", "Navn i skemaet", "Værdier"], rows)
    lines += [
        "Find en bestemt kode med [kodefinderen](code-finder.md) eller søgefeltet øverst.",
        "",
    ]
    return "\n".join(lines)


def contract_pages(contract: dict, example_dir: Path, use_directory_urls: bool = True) -> dict[str, str]:
    """Site path -> Markdown for the overview, every table and every code list."""
    pages = {INDEX: render_index(contract, use_directory_urls)}
    for tbl in contract["tables"]:
        pages[table_page(tbl["name"])] = render_table(contract, tbl, example_row(example_dir, tbl["name"]))
    for enum_name in contract["enums"]:
        pages[code_list_page(enum_name)] = render_code_list(contract, enum_name)
    return pages

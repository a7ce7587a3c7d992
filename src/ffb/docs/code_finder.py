"""The code finder: every code of every code list under its own heading, for the site search.

The site's search (lunr, in the browser, with Danish stemming) indexes a page per heading,
so giving each code a heading of its Danish name makes a search for "mobilitet" land on the
code itself, with its code, its list and its parent in the text under it.
"""

from __future__ import annotations

import re

from ffb.docs.contract_pages import LEGAL_BASIS_ENUM, code_list_groups

PAGE = "reference/code-finder.md"


def anchor(enum_name: str, key: str) -> str:
    """The id of a code's heading: the list's name and the code, safe as an HTML id."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", f"{enum_name}-{key}")


def render_code_finder(contract: dict) -> str:
    enums = contract["enums"]
    bases = enums.get(LEGAL_BASIS_ENUM, {}).get("values", {})
    lines = [
        "---",
        "hide:",
        "  - toc",
        "---",
        "",
        "# Kodefinder",
        "",
        "*Code finder.* Skriv et ord i søgefeltet øverst på siden, fx *mobilitet* eller "
        "*socialpædagogisk*: søgningen finder koden under dens danske navn med koden, "
        "kodelisten og den overordnede kode. Siden rummer alle "
        f"{sum(len(e['values']) for e in enums.values())} koder i "
        f"{len(enums)} kodelister.",
        "",
        "*Type a word into the search box at the top, e.g. mobilitet: the search finds the code "
        "under its Danish name, with its code, its code list and its parent.*",
        "",
    ]
    for group, names in code_list_groups(contract).items():
        lines += [f"**{group}:** " + " · ".join(f"[{enums[n]['title']}](#{n})" for n in names), ""]
    for names in code_list_groups(contract).values():
        for name in names:
            enum = enums[name]
            lines += [
                f"## {enum['title']} {{ #{name} }}",
                "",
                f"Kodelisten [{enum['title']}](codes/{name}.md) (`{name}`), {len(enum['values'])} koder.",
                "",
            ]
            for key, value in enum["values"].items():
                parent = value.get("parent")
                facts = [f"Kode: `{key}`", f"Kodeliste: [{enum['title']}](codes/{name}.md)"]
                if parent:
                    facts.append(f"Overordnet: {enum['values'][parent]['title']} (`{parent}`)")
                else:
                    facts.append("Overordnet: ingen (øverste niveau)")
                if value.get("legal_bases"):
                    facts.append(
                        "Lovgrundlag: "
                        + ", ".join(bases.get(b, {}).get("title", b) for b in value["legal_bases"].split())
                    )
                if value.get("maps_to") and enum.get("maps_to_enum"):
                    target = enums[enum["maps_to_enum"]]
                    facts.append(
                        f"Svarer til: {target['values'][value['maps_to']]['title']} "
                        f"(`{value['maps_to']}`) i {target['title']}"
                    )
                if value.get("selectable") is False:
                    facts.append("Samler kun andre koder og bruges ikke i data")
                lines += [
                    f"### {value['title']} {{ #{anchor(name, key)} }}",
                    "",
                    " · ".join(facts),
                    "",
                ]
    return "\n".join(lines)

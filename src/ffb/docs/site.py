"""Everything the website generates, as data: pages, files, versions and navigation.

mkdocs builds the site from docs/ plus what `build_site` returns (see ffb.docs.mkdocs_hook):
the schema reference, the code finder, the command-line reference and the downloads are made
from the schemas, the example package, the rule catalogue and the click commands on every
build, so none of them is committed and none can be stale.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ffb.docs import cli_pages, code_finder, contract_pages, downloads

SCHEMA = Path("schemas/ffb.yaml")
EXAMPLE = Path("examples/canonical")
PYPROJECT = Path("pyproject.toml")
RULES_INDEX = "rules/index.md"
OPTIONAL = "ffb:optional "


@dataclass
class Site:
    contract: dict
    pages: dict[str, str] = field(default_factory=dict)  # site path -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # site path -> content
    nav: dict[str, list] = field(default_factory=dict)  # nav marker -> nav entries

    @property
    def versions(self) -> dict[str, str]:
        schema = self.contract["schema"]
        return {
            "contract_title": schema["title"],
            "contract_version": schema["version"],
            "code_system": schema["ffb_code_system"],
            "code_system_version": schema["ffb_code_system_version"],
        }


def compile_schema(root: Path) -> dict:
    """The contract compiled from schemas/ now, not the copy `ffb generate` last wrote."""
    from ffb.contract.compile import compile_contract

    return compile_contract(root / SCHEMA)


def _rule_nav() -> list:
    from ffb.validate.catalogue import GROUPS, RULES

    families: dict[str, list] = {}
    for code, rule in RULES.items():
        families.setdefault(code[3], []).append({f"{code} {rule.title['da']}": f"rules/{code}.md"})
    return [{"Oversigt": RULES_INDEX}] + [
        {f"FFB{digit}xx {GROUPS[digit]}": families[digit]} for digit in sorted(families)
    ]


def build_site(root: Path, contract: dict | None = None, use_directory_urls: bool = True) -> Site:
    contract = contract if contract is not None else compile_schema(root)
    site = Site(contract)
    site.pages.update(contract_pages.contract_pages(contract, root / EXAMPLE, use_directory_urls))
    site.pages[code_finder.PAGE] = code_finder.render_code_finder(contract)
    site.pages[cli_pages.PAGE] = cli_pages.render_cli(root / PYPROJECT)
    files = downloads.downloads(root, contract)
    site.pages[downloads.PAGE] = downloads.render_downloads(contract, files)
    site.files.update({f"{downloads.FOLDER}/{d.name}": d.content for d in files})
    site.nav["ffb:tables"] = [
        {f"{t['title']} ({t['name']})": contract_pages.table_page(t["name"])} for t in contract["tables"]
    ]
    site.nav["ffb:code-lists"] = [
        {group: [{contract["enums"][n]["title"]: contract_pages.code_list_page(n)} for n in names]}
        for group, names in contract_pages.code_list_groups(contract).items()
    ]
    site.nav["ffb:rules"] = _rule_nav()
    return site


def expand_nav(nav: list, site: Site, docs_dir: Path) -> list:
    """The configured navigation with every `ffb:` marker replaced.

    `ffb:tables`, `ffb:code-lists` and `ffb:rules` become the generated sections;
    `ffb:optional PATH` becomes PATH when docs/PATH exists and disappears otherwise, for
    guides that are written separately from the site.
    """
    expanded = []
    for item in nav:
        if isinstance(item, str):
            if item.startswith(OPTIONAL):
                path = item[len(OPTIONAL):].strip()
                if (docs_dir / path).is_file():
                    expanded.append(path)
            elif item in site.nav:
                expanded.extend(site.nav[item])
            elif item.startswith("ffb:"):
                raise ValueError(f"mkdocs.yml: unknown navigation marker {item!r}")
            else:
                expanded.append(item)
            continue
        (title, value), = item.items()
        if isinstance(value, list):
            expanded.append({title: expand_nav(value, site, docs_dir)})
        elif isinstance(value, str) and value.startswith(OPTIONAL):
            path = value[len(OPTIONAL):].strip()
            if (docs_dir / path).is_file():
                expanded.append({title: path})
        elif isinstance(value, str) and value in site.nav:
            expanded.append({title: site.nav[value]})
        elif isinstance(value, str) and value.startswith("ffb:"):
            raise ValueError(f"mkdocs.yml: unknown navigation marker {value!r}")
        else:
            expanded.append(item)
    return expanded


def section_pages(nav: list, title: str) -> list[tuple[str, str]]:
    """(title, path) of the pages directly in the nav section `title`."""
    for item in nav:
        if isinstance(item, dict):
            (name, value), = item.items()
            if name == title and isinstance(value, list):
                return [next(iter(entry.items())) for entry in value if isinstance(entry, dict)]
    return []

"""mkdocs hook (see mkdocs.yml): adds the generated pages and files to every build.

on_config makes the site's generated content (ffb.docs.site), puts both versions into the
theme's context and fills in the navigation; on_files adds the pages and downloads as files
that exist only in the build; on_page_markdown lists the guides on the home page.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ffb.docs.downloads import StaleArtefact
from ffb.docs.site import Site, build_site, expand_nav, section_pages

GUIDES_SECTION = "Vejledninger"
GUIDES_MARKER = "<!-- ffb:guides -->"

_site: Site | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site
    root = Path(config.config_file_path).parent
    try:
        _site = build_site(root, use_directory_urls=config.use_directory_urls)
    except StaleArtefact as problem:
        raise PluginError(str(problem)) from None
    versions = _site.versions
    config.extra["ffb"] = versions
    config.copyright = (
        f"{versions['contract_title']} {versions['contract_version']} · FFB-kodesystem "
        f"{versions['code_system_version']} ({versions['code_system']}) · MIT-licens"
    )
    try:
        config.nav = expand_nav(config.nav or [], _site, Path(config.docs_dir))
    except ValueError as problem:
        raise PluginError(str(problem)) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None
    generated = {**_site.pages, **_site.files}
    for path, content in generated.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"docs/{path} is generated when the site is built; remove the file from docs/"
            )
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if GUIDES_MARKER not in markdown:
        return markdown
    guides = section_pages(config.nav, GUIDES_SECTION)
    if not guides:
        raise PluginError(f"{page.file.src_uri}: mkdocs.yml has no section {GUIDES_SECTION!r} to list")
    here = Path(page.file.src_uri).parent
    links = [f"- [{title}]({Path(path).relative_to(here) if here != Path('.') else path})"
             for title, path in guides]
    return markdown.replace(GUIDES_MARKER, "\n".join(links))

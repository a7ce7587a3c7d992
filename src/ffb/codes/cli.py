"""`ffb codes`: look FFB codes up by Danish name, and show a whole code list."""

from __future__ import annotations

import json
import sys

import click

from ffb.codes.lookup import Code, lookup

WORDS = {
    "da": {
        "code": "Kode", "title": "Navn", "list": "Liste", "parent": "Overbegreb",
        "legal_bases": "Lovgrundlag", "score": "Lighed", "not_selectable": "(overgruppe, kan ikke vælges)",
        "no_match": "Ingen kode ligner {text!r}. Se listerne med: ffb codes show --all",
        "unknown_list": "{text!r} er ikke en kodeliste. Listerne er: {names}",
        "values": "{n} værdier",
    },
    "en": {
        "code": "Code", "title": "Name", "list": "List", "parent": "Parent",
        "legal_bases": "Legal bases", "score": "Similarity", "not_selectable": "(group, cannot be chosen)",
        "no_match": "No code is like {text!r}. See the lists with: ffb codes show --all",
        "unknown_list": "{text!r} is not a code list. The lists are: {names}",
        "values": "{n} values",
    },
}
LANG = click.option("--lang", type=click.Choice(["da", "en"]), default="da", show_default=True,
                    help="Language of headings and messages (names of codes are Danish).")
FORMAT = click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
                      show_default=True, help="text for people, json for programs.")


def _fail(message: str) -> None:
    click.echo(f"ffb codes: {message}", err=True)
    sys.exit(2)


def _describe(code: Code, words: dict, with_list: bool = True) -> list[str]:
    lines = [f"{code.key}  {code.title}" + ("" if code.selectable else f"  {words['not_selectable']}")]
    if with_list:
        lines.append(f"    {words['list']}: {code.enum_title} ({code.enum})")
    if code.parent:
        lines.append(f"    {words['parent']}: {code.parent_title} ({code.parent})")
    if code.legal_bases:
        lines.append(f"    {words['legal_bases']}: {', '.join(code.legal_bases)}")
    return lines


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def codes() -> None:
    """Look FFB codes up: by Danish name (search) or a whole list (show).

    Exit codes: 0 found, 1 nothing found, 2 bad arguments.
    """


@codes.command()
@click.argument("text")
@click.option("--list", "list_name", metavar="LIST", help="Search one code list only (e.g. FunctionLevelEnum or Funktionsevneniveau).")
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True, help="Show at most this many codes.")
@FORMAT
@LANG
def search(text: str, list_name: str | None, limit: int, output_format: str, lang: str) -> None:
    """Find codes whose Danish name (or code) is like TEXT, best first.

    \b
    Examples:
      ffb codes search "moderat nedsat"
      ffb codes search "§ 85"
      ffb codes search bostøtte --list Ydelse
    """
    words = WORDS[lang]
    codes_lookup = lookup()
    enum = None
    if list_name is not None:
        enum = codes_lookup.list_name(list_name)
        if enum is None:
            _fail(words["unknown_list"].format(text=list_name, names=", ".join(codes_lookup.enums)))
    found = codes_lookup.search(text, enum=enum, limit=limit)
    if output_format == "json":
        click.echo(json.dumps([{**c.to_dict(), "score": round(s, 1)} for c, s in found], ensure_ascii=False, indent=2))
    elif not found:
        click.echo(words["no_match"].format(text=text), err=True)
    else:
        for code, _ in found:
            click.echo("\n".join(_describe(code, words)))
    sys.exit(0 if found else 1)


@codes.command()
@click.argument("list_name", metavar="LIST", required=False)
@click.option("--all", "show_all", is_flag=True, help="Name every code list instead of showing one.")
@FORMAT
@LANG
def show(list_name: str | None, show_all: bool, output_format: str, lang: str) -> None:
    """Show every value of the code list LIST (its name, e.g. FunctionLevelEnum, or its
    Danish title, e.g. Funktionsevneniveau): code, name, parent and legal bases."""
    words = WORDS[lang]
    codes_lookup = lookup()
    if show_all or list_name is None:
        rows = [(name, enum["title"], len(enum["values"])) for name, enum in codes_lookup.enums.items()]
        if output_format == "json":
            click.echo(json.dumps([{"list": n, "list_title": t, "values": v} for n, t, v in rows],
                                  ensure_ascii=False, indent=2))
        else:
            for name, title, n in rows:
                click.echo(f"{name:<24} {title}  ({words['values'].format(n=n)})")
        return
    enum = codes_lookup.list_name(list_name)
    if enum is None:
        _fail(words["unknown_list"].format(text=list_name, names=", ".join(codes_lookup.enums)))
    entries = codes_lookup.codes[enum]
    if output_format == "json":
        click.echo(json.dumps([c.to_dict() for c in entries], ensure_ascii=False, indent=2))
        return
    info = codes_lookup.enums[enum]
    click.echo(f"{info['title']} ({enum}), {words['values'].format(n=len(entries))}")
    for code in entries:
        click.echo("\n".join(_describe(code, words, with_list=False)))

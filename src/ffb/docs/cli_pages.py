"""The command-line reference, read from the click commands themselves at build time.

The programs are the console scripts pyproject.toml declares; each is imported and walked,
group by group, so a command or option added anywhere shows up on the next build.
"""

from __future__ import annotations

import importlib
import inspect
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import click

from ffb.docs.markdown import cell, code, table

PAGE = "reference/cli.md"
# click 8.2 and later mark "no default" with a sentinel of their own.
_UNSET = getattr(click.core, "UNSET", None)


def console_scripts(pyproject: Path) -> dict[str, str]:
    """Program name -> "module:attribute", as [project.scripts] declares them."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    return dict(data.get("project", {}).get("scripts", {}))


def load_command(target: str) -> click.Command:
    module, _, attribute = target.partition(":")
    command = importlib.import_module(module)
    for part in attribute.split("."):
        command = getattr(command, part)
    if not isinstance(command, click.Command):
        raise TypeError(f"{target} is not a click command")
    return command


def walk(command: click.Command, name: str, parent: click.Context | None = None
         ) -> Iterator[tuple[str, click.Command, click.Context]]:
    """(full name, command, context) for the command and every visible subcommand below it."""
    # The command's own context settings, e.g. `-h` as well as `--help`.
    ctx = command.context_class(command, info_name=name, parent=parent, **command.context_settings)
    yield ctx.command_path, command, ctx
    if isinstance(command, click.Group):
        for sub_name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from walk(sub, sub_name, ctx)


def _help_text(text: str | None) -> str:
    """click's help text as Markdown: paragraphs, and a paragraph click keeps as written
    (one that starts with a \\b line) as a text block."""
    if not text:
        return ""
    text = inspect.cleandoc(text).split("\f")[0]
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = paragraph.splitlines()
        if lines and lines[0].strip() == "\b":
            blocks.append("\n".join(["```text", *lines[1:], "```"]))
        elif lines:
            blocks.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(blocks)


def _date_formats(formats: list[str]) -> str:
    danish = {"%Y": "ÅÅÅÅ", "%m": "MM", "%d": "DD", "%H": "TT", "%M": "MM", "%S": "SS"}
    shown = []
    for fmt in formats:
        for directive, words in danish.items():
            fmt = fmt.replace(directive, words)
        shown.append(code(fmt))
    return ", ".join(shown)


def _describe_type(param: click.Parameter) -> str:
    kind = param.type
    if isinstance(param, click.Option) and param.is_flag:
        return "flag"
    if isinstance(kind, click.Choice):
        return "en af: " + ", ".join(code(c) for c in kind.choices)
    if isinstance(kind, (click.IntRange, click.FloatRange)):
        base = "heltal" if isinstance(kind, click.IntRange) else "tal"
        low = "" if kind.min is None else f"{kind.min}"
        high = "" if kind.max is None else f"{kind.max}"
        if low and high:
            return f"{base} fra {low} til {high}"
        return f"{base} " + (f"mindst {low}" if low else f"højst {high}")
    if isinstance(kind, click.DateTime):
        return "dato som " + _date_formats(list(kind.formats))
    if isinstance(kind, click.Path):
        if kind.file_okay and not kind.dir_okay:
            return "sti til en fil"
        if kind.dir_okay and not kind.file_okay:
            return "sti til en mappe"
        return "sti"
    names = {"integer": "heltal", "float": "tal", "text": "tekst", "boolean": "sand/falsk"}
    return names.get(kind.name, kind.name)


def _default(param: click.Parameter, ctx: click.Context) -> str:
    if isinstance(param, click.Option) and param.is_flag:
        return "–"
    value = param.get_default(ctx, call=False)
    if value is None or value is _UNSET or callable(value) or value == () or (
        isinstance(param, click.Option) and param.show_default is False
    ):
        return "–"
    return code(value)


def _param_rows(command: click.Command, ctx: click.Context) -> list[list[str]]:
    rows = []
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            if param.hidden:
                continue
            names = ", ".join(code(o) for o in [*param.opts, *param.secondary_opts])
            help_text = param.help or ""
            required = "ja" if param.required else "nej"
        else:
            names = code(param.human_readable_name)
            help_text = "Argument."
            required = "ja" if param.required else "nej"
        if param.multiple:
            help_text += " Kan gives flere gange."
        rows.append([names, _describe_type(param), _default(param, ctx), required, cell(help_text) or "–"])
    return rows


def render_cli(pyproject: Path) -> str:
    lines = [
        "# Kommandolinjen",
        "",
        "*Command-line reference.* Alle kommandoer og tilvalg, læst direkte fra programmerne, "
        "hver gang siden bygges. Hver kommando viser sin egen hjælp med `--help`.",
        "",
    ]
    for program, target in sorted(console_scripts(pyproject).items()):
        for full_name, command, ctx in walk(load_command(target), program):
            depth = full_name.count(" ")
            lines += [f"{'#' * min(2 + depth, 4)} {full_name}", ""]
            usage = " ".join([full_name, *command.collect_usage_pieces(ctx)])
            lines += ["```text", usage, "```", ""]
            help_text = _help_text(command.help)
            if help_text:
                lines += [help_text, ""]
            rows = _param_rows(command, ctx)
            if rows:
                lines += table(["Tilvalg / argument", "Værdi", "Standard", "Påkrævet", "Forklaring"], rows)
            epilog = _help_text(command.epilog)
            if epilog:
                lines += [epilog, ""]
            if isinstance(command, click.Group):
                subs = [s for s in sorted(command.list_commands(ctx))
                        if (c := command.get_command(ctx, s)) is not None and not c.hidden]
                if subs:
                    lines += ["Underkommandoer: " + ", ".join(f"`{full_name} {s}`" for s in subs), ""]
    return "\n".join(lines)

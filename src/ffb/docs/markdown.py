"""Small helpers for writing Markdown that mkdocs renders safely."""

from __future__ import annotations

import html


def cell(text: object) -> str:
    """Text for a table cell: no line breaks, and a | does not end the cell."""
    return " ".join(str(text).split()).replace("|", "&#124;")


def code(text: object) -> str:
    """Inline code that survives a table cell; empty text becomes an em dash."""
    text = str(text)
    if not text:
        return "–"
    return f"<code>{html.escape(text).replace('|', '&#124;')}</code>"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table as lines; cells are used as given (escape them with `cell`)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]

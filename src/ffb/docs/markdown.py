"""Small helpers for writing Markdown that mkdocs renders safely."""

from __future__ import annotations

import html


def cell(text: object) -> str:
    """Text for a table cell: no line breaks, and a | does not end the cell."""
    return " ".join(str(text).split()).replace("|", "&#124;")


LONG_CODE = 20  # longer codes (UUIDs) may break anywhere, so a table column stays narrow


def code(text: object) -> str:
    """Inline code that survives a table cell; empty text becomes an em dash."""
    text = str(text)
    if not text:
        return "–"
    escaped = html.escape(text).replace("|", "&#124;")
    if len(text) > LONG_CODE:
        return f'<code class="ffb-long">{escaped}</code>'
    return f"<code>{escaped}</code>"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table as lines; cells are used as given (escape them with `cell`)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines + [""]

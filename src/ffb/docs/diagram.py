"""The diagram of how the tables refer to each other, as an SVG drawn here.

The site must work without a network, so the diagram is not left to a JavaScript library or
a rendering service: the tables are laid out in rows by how far they are from a table
that refers to nothing (citizens and providers come first, at the top), ordered within a row
to keep lines short, and drawn as boxes listing their key and reference columns. Every line
runs from a table up to the table one of its columns refers to.
"""

from __future__ import annotations

import html
from collections.abc import Callable

BOX_WIDTH = 232
COLUMN_GAP = 24
ROW_GAP = 64
HEADER_HEIGHT = 38
LINE_HEIGHT = 19
PADDING = 12


def _depths(tables: list[dict]) -> dict[str, int]:
    """Longest chain of references from each table down to one that refers to nothing."""
    parents = {
        t["name"]: sorted({c["references"]["table"] for c in t["columns"] if "references" in c} - {t["name"]})
        for t in tables
    }
    depth: dict[str, int] = {}

    def visit(name: str, seen: frozenset[str]) -> int:
        if name not in depth:
            known = [p for p in parents.get(name, []) if p in parents and p not in seen]
            depth[name] = 1 + max((visit(p, seen | {name}) for p in known), default=-1)
        return depth[name]

    for name in parents:
        visit(name, frozenset())
    return depth


def _key_columns(tbl: dict) -> list[dict]:
    return [c for c in tbl["columns"] if c["name"] in tbl["primary_key"] or "references" in c]


def layout(tables: list[dict]) -> dict[str, tuple[float, float, float]]:
    """Table name -> (x, y, height) of its box."""
    depth = _depths(tables)
    by_name = {t["name"]: t for t in tables}
    columns: dict[int, list[str]] = {}
    for t in tables:
        columns.setdefault(depth[t["name"]], []).append(t["name"])
    neighbours: dict[str, set[str]] = {t["name"]: set() for t in tables}
    for t in tables:
        for c in t["columns"]:
            target = c.get("references", {}).get("table")
            if target in neighbours and target != t["name"]:
                neighbours[t["name"]].add(target)
                neighbours[target].add(t["name"])
    order = {name: i for names in columns.values() for i, name in enumerate(names)}
    # A few sweeps of the barycentre heuristic: each table moves towards the mean position of
    # the tables it is linked with, which keeps most lines short and uncrossed.
    for _ in range(4):
        for level in sorted(columns):
            names = columns[level]
            def centre(name: str) -> float:
                linked = [order[n] for n in neighbours[name]]
                return sum(linked) / len(linked) if linked else order[name]
            names.sort(key=lambda n: (centre(n), order[n]))
            for i, name in enumerate(names):
                order[name] = i

    def height(name: str) -> float:
        return HEADER_HEIGHT + LINE_HEIGHT * len(_key_columns(by_name[name])) + 8

    widest = max(len(names) for names in columns.values())
    full_width = widest * BOX_WIDTH + (widest - 1) * COLUMN_GAP
    boxes = {}
    y = PADDING
    for level in sorted(columns):
        names = columns[level]
        row_width = len(names) * BOX_WIDTH + (len(names) - 1) * COLUMN_GAP
        x = PADDING + (full_width - row_width) / 2
        for name in names:
            boxes[name] = (x, y, height(name))
            x += BOX_WIDTH + COLUMN_GAP
        y += max(height(n) for n in names) + ROW_GAP
    return boxes


def relations_svg(contract: dict, link: Callable[[str], str] | None = None) -> str:
    """The diagram as one line-free SVG element (safe to embed in Markdown)."""
    tables = contract["tables"]
    boxes = layout(tables)
    width = max(x for x, _, _ in boxes.values()) + BOX_WIDTH + PADDING
    height = max(y + h for _, y, h in boxes.values()) + PADDING
    e = html.escape
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ffb-relations" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" role="img" aria-labelledby="ffb-relations-title">',
        '<title id="ffb-relations-title">Tabellerne i FFB-datakontrakten og deres referencer</title>',
        '<defs><marker id="ffb-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="ffb-arrowhead"/></marker></defs>',
    ]
    # Lines first, so boxes sit on top of them. Each runs from the top of the referring table
    # to the bottom of the referred one; the ends are spread along the edges so they do not
    # meet in one point.
    links = [
        (t["name"], column)
        for t in tables
        for column in t["columns"]
        if column.get("references", {}).get("table") in boxes
        and column["references"]["table"] != t["name"]
    ]
    outgoing: dict[str, list] = {}
    incoming: dict[str, list] = {}
    for source, column in links:
        outgoing.setdefault(source, []).append(column)
        incoming.setdefault(column["references"]["table"], []).append((source, column))
    for target, sources in incoming.items():
        sources.sort(key=lambda item: boxes[item[0]][0])

    def spread(x: float, index: int, count: int) -> float:
        return x + BOX_WIDTH * (index + 1) / (count + 1)

    for source, column in links:
        target = column["references"]["table"]
        sx, sy, _ = boxes[source]
        tx, ty, th = boxes[target]
        x1 = spread(sx, outgoing[source].index(column), len(outgoing[source]))
        x2 = spread(tx, incoming[target].index((source, column)), len(incoming[target]))
        y1, y2 = sy, ty + th
        bend = max(24.0, (y1 - y2) / 2)
        parts.append(
            f'<path class="ffb-link" d="M{x1:.1f},{y1:.1f} C{x1:.1f},{y1 - bend:.1f} {x2:.1f},{y2 + bend:.1f} '
            f'{x2:.1f},{y2:.1f}" marker-end="url(#ffb-arrow)"><title>{e(source)}.{e(column["name"])} '
            f'→ {e(target)}.{e(column["references"]["column"])}</title></path>'
        )
    # A table that refers to itself (a delmål to its indsatsmål) gets a loop on its right edge.
    for t in tables:
        for column in t["columns"]:
            if column.get("references", {}).get("table") != t["name"] or t["name"] not in boxes:
                continue
            x, y, h = boxes[t["name"]]
            right, top, bottom = x + BOX_WIDTH, y + h * 0.35, y + h * 0.65
            parts.append(
                f'<path class="ffb-link" d="M{right:.1f},{top:.1f} C{right + 28:.1f},{top:.1f} '
                f'{right + 28:.1f},{bottom:.1f} {right:.1f},{bottom:.1f}" marker-end="url(#ffb-arrow)">'
                f'<title>{e(t["name"])}.{e(column["name"])} → {e(t["name"])}.{e(column["references"]["column"])}'
                f'</title></path>'
            )
    for t in tables:
        x, y, h = boxes[t["name"]]
        box = [
            f'<g class="ffb-table" data-table="{e(t["name"])}">',
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_WIDTH}" height="{h:.1f}" rx="6" class="ffb-box"/>',
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{BOX_WIDTH}" height="{HEADER_HEIGHT - 4}" rx="6" class="ffb-head"/>',
            f'<text x="{x + 10:.1f}" y="{y + 16:.1f}" class="ffb-title">{e(t["title"])}</text>',
            f'<text x="{x + 10:.1f}" y="{y + 29:.1f}" class="ffb-name">{e(t["name"])} · {len(t["columns"])} kolonner</text>',
        ]
        for row, column in enumerate(_key_columns(t)):
            ty = y + HEADER_HEIGHT + LINE_HEIGHT * row + 13
            kind = "ffb-column ffb-key" if column["name"] in t["primary_key"] else "ffb-column"
            ref = column.get("references")
            suffix = f" → {ref['table']}" if ref else ""
            box.append(
                f'<text x="{x + 10:.1f}" y="{ty:.1f}" class="{kind}">{e(column["name"])}'
                f'<tspan class="ffb-ref">{e(suffix)}</tspan></text>'
            )
        box.append("</g>")
        if link:
            box = [f'<a href="{e(link(t["name"]))}" aria-label="{e(t["title"])} ({e(t["name"])})">', *box, "</a>"]
        parts.append("".join(box))
    parts.append("</svg>")
    return "".join(parts)

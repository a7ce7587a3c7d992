"""report.html: one self-contained page, a chart and the table behind it for every key figure.

The charts are SVG drawn here (no script library, nothing fetched when the page is opened).
Each chart is a strip plot: one line per category, one dot per municipality at its value, and
a black bar for all municipalities together, so every municipality is seen against the others.
Choosing a municipality at the top of the page marks its dots in every chart. Suppressed cells
are not drawn, and the tables show them as hidden.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path

import polars as pl

from ffb.aggregate.labels import ALL
from ffb.aggregate.writers import figure_table

TEXT = {
    "da": {
        "title": "Nøgletal på tværs af kommuner",
        "intro": "Fælles Faglige Begreber gjort sammenlignelige: hvert nøgletal er beregnet ens for alle kommuner fra kanoniske FFB-udtræk. Celler med færre end {min_n} borgere er skjult, og det samme er de celler, der ellers ville afsløre dem.",
        "params": "Prisår {price_year} (prisindeks: {price_index}). Mindste antal borgere pr. celle: {min_n}.",
        "choose": "Fremhæv kommune:",
        "none": "ingen",
        "all": "Alle kommuner",
        "dot": "Kommune",
        "formula": "Formel",
        "counted": "Tæller",
        "table": "Tabellen bag figuren ({rows} rækker)",
        "hidden": "skjult",
        "hidden_note": "Skjult: færre end {min_n} borgere, eller cellen ville afsløre en sådan.",
        "excluded": "Rækker udeladt på grund af fejl",
        "no_excluded": "Ingen rækker blev udeladt: alle input var uden fejl.",
        "input": "Input", "table_col": "Tabel", "rule": "Regel", "rows": "Rækker",
        "cut": "Figuren viser de {shown} første af {total} linjer; tabellen har dem alle.",
        "contents": "Indhold",
        "nothing": "Intet at vise: ingen celler med nok borgere.",
    },
    "en": {
        "title": "Key figures across municipalities",
        "intro": "Fælles Faglige Begreber made comparable: every key figure is computed the same way for every municipality from canonical FFB exports. Cells with fewer than {min_n} citizens are hidden, and so are the cells that would otherwise reveal them.",
        "params": "Price year {price_year} (price index: {price_index}). Minimum citizens per cell: {min_n}.",
        "choose": "Highlight municipality:",
        "none": "none",
        "all": "All municipalities",
        "dot": "Municipality",
        "formula": "Formula",
        "counted": "Counts",
        "table": "The table behind the figure ({rows} rows)",
        "hidden": "hidden",
        "hidden_note": "Hidden: fewer than {min_n} citizens, or the cell would reveal such a cell.",
        "excluded": "Rows left out because of errors",
        "no_excluded": "No rows were left out: every input was free of errors.",
        "input": "Input", "table_col": "Table", "rule": "Rule", "rows": "Rows",
        "cut": "The chart shows the first {shown} of {total} lines; the table has them all.",
        "contents": "Contents",
        "nothing": "Nothing to show: no cell has enough citizens.",
    },
}

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1d2733;background:#f6f7f9}
header{background:#123a5a;color:#fff;padding:18px 32px}
header h1{margin:0 0 6px;font-size:24px}
header p{margin:4px 0;max-width:980px;line-height:1.4}
main{max-width:1100px;margin:0 auto;padding:8px 24px 40px}
nav{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:10px 16px;margin:16px 0}
nav ol{columns:2;margin:6px 0;padding-left:20px}
section{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:14px 20px;margin:18px 0}
section h2{font-size:19px;margin:4px 0 6px}
.formula{color:#4a5866;font-size:13px;margin:0 0 8px;line-height:1.4}
.bar{position:sticky;top:0;background:#fff;border-bottom:1px solid #dde2e8;padding:8px 32px;z-index:2}
svg.chart{display:block;width:100%;height:auto}
svg.chart text{font-size:12px;fill:#1d2733}
svg.chart .axis{stroke:#c5ccd4}
svg.chart .grid{stroke:#eef0f3}
svg.chart .dot{fill:#6b8fb3;fill-opacity:.55}
svg.chart .dot.on{fill:#d9480f;fill-opacity:1;r:6}
svg.chart .all{stroke:#111;stroke-width:3}
svg.chart .heading{font-weight:600}
table{border-collapse:collapse;font-size:13px;margin-top:8px}
th,td{border-bottom:1px solid #e6e9ed;padding:3px 8px;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.hidden td{color:#8a96a3;font-style:italic}
details summary{cursor:pointer;color:#123a5a;margin-top:6px}
.legend{font-size:12px;color:#4a5866;margin:4px 0}
.legend span{display:inline-block;margin-right:14px}
.key-dot{display:inline-block;width:10px;height:10px;border-radius:5px;background:#6b8fb3;opacity:.7;margin-right:4px}
.key-all{display:inline-block;width:3px;height:12px;background:#111;margin-right:4px;vertical-align:-2px}
"""

SCRIPT = """
document.getElementById('pick').addEventListener('change', function (event) {
  var code = event.target.value;
  document.querySelectorAll('svg.chart .dot').forEach(function (dot) {
    dot.classList.toggle('on', dot.getAttribute('data-m') === code);
  });
});
"""

MAX_LINES = 40
WIDTH = 1000
LABEL_WIDTH = 330
ROW_HEIGHT = 22


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _fmt(value: float | None, lang: str) -> str:
    if value is None:
        return ""
    text = f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
    if lang == "da":
        text = text.replace(",", "\u2009").replace(".", ",")
    return text


def _lines(part: pl.DataFrame, share_dim_slot: int | None) -> list[dict]:
    """The chart's lines: one per combination of group values (margins of the shared dim left out)."""
    slots = [s for s in (1, 2, 3) if part[f"group_{s}"].null_count() < part.height]
    keys = ["year", *[f"group_{s}_code" for s in slots]]
    lines = []
    seen = {}
    for row in part.iter_rows(named=True):
        if share_dim_slot is not None and row[f"group_{share_dim_slot}_code"] == ALL:
            continue
        key = tuple(row[k] for k in keys)
        if key not in seen:
            heading = " · ".join(str(x) for x in [row["year"], *[row[f"group_{s}_label"] for s in slots[:-1]]] if x not in (None, ""))
            label = row[f"group_{slots[-1]}_label"] if slots else ""
            seen[key] = {"heading": heading, "label": label, "dots": [], "all": None, "all_hidden": False}
            lines.append(seen[key])
        line = seen[key]
        if row["municipality_code"] == ALL:
            line["all"] = row["value"]
            line["all_hidden"] = row["suppressed"]
        elif not row["suppressed"] and row["value"] is not None:
            line["dots"].append((row["municipality_code"], row["municipality"], row["value"], row["n"]))
    return lines


def _chart(part: pl.DataFrame, share_dim_slot: int | None, lang: str) -> tuple[str, str]:
    text = TEXT[lang]
    lines = _lines(part, share_dim_slot)
    total = len(lines)
    lines = lines[:MAX_LINES]
    values = [d[2] for line in lines for d in line["dots"]] + [line["all"] for line in lines if line["all"] is not None and not line["all_hidden"]]
    if not values:
        return f'<p class="formula">{html.escape(text["nothing"])}</p>', ""
    top = 100.0 if part["unit"][0] in ("pct.", "%") else _nice_max(max(values))
    plot = WIDTH - LABEL_WIDTH - 30
    x = lambda v: LABEL_WIDTH + plot * (v / top)  # noqa: E731
    parts = []
    y = 30
    previous_heading = None
    for line in lines:
        if line["heading"] and line["heading"] != previous_heading:
            y += 6
            parts.append(f'<text class="heading" x="4" y="{y + 12}">{html.escape(line["heading"])}</text>')
            y += ROW_HEIGHT
            previous_heading = line["heading"]
        mid = y + ROW_HEIGHT / 2
        parts.append(f'<text x="{16 if line["heading"] else 4}" y="{mid + 4}">{html.escape(str(line["label"])[:48])}</text>')
        parts.append(f'<line class="grid" x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH + plot}" y1="{mid}" y2="{mid}"/>')
        for code, name, value, n in line["dots"]:
            parts.append(
                f'<circle class="dot" data-m="{html.escape(code)}" cx="{x(value):.1f}" cy="{mid}" r="4.5">'
                f'<title>{html.escape(name)}: {_fmt(value, lang)} (n = {n})</title></circle>'
            )
        if line["all"] is not None and not line["all_hidden"]:
            parts.append(
                f'<line class="all" x1="{x(line["all"]):.1f}" x2="{x(line["all"]):.1f}" y1="{mid - 8}" y2="{mid + 8}">'
                f'<title>{html.escape(text["all"])}: {_fmt(line["all"], lang)}</title></line>'
            )
        elif line["all_hidden"]:
            parts.append(f'<text x="{LABEL_WIDTH + 4}" y="{mid + 4}" fill="#8a96a3">{text["hidden"]}</text>')
        y += ROW_HEIGHT
    height = y + 34
    axis = [f'<line class="axis" x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH + plot}" y1="{y + 4}" y2="{y + 4}"/>']
    for i in range(6):
        value = top * i / 5
        axis.append(f'<line class="grid" x1="{x(value):.1f}" x2="{x(value):.1f}" y1="24" y2="{y + 4}"/>')
        axis.append(f'<text x="{x(value):.1f}" y="{y + 20}" text-anchor="middle">{_fmt(value, lang)}</text>')
    unit = html.escape(part["unit"][0] or "")
    axis.append(f'<text x="{LABEL_WIDTH + plot}" y="16" text-anchor="end">{unit}</text>')
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" data-lines="{len(lines)}">'
        + "".join(axis) + "".join(parts) + "</svg>"
    )
    note = html.escape(text["cut"].format(shown=MAX_LINES, total=total)) if total > MAX_LINES else ""
    return svg, note


def _table(part: pl.DataFrame, lang: str) -> str:
    names, rows = figure_table(part, lang)
    hidden_word = TEXT[lang]["hidden"]
    suppressed_index = len(names) - (2 if names[-1] in ("Prisår", "Price year") else 1)
    head = "".join(f"<th>{html.escape(str(n))}</th>" for n in names)
    body = []
    for row in rows:
        hidden = row[suppressed_index] in ("ja", "yes")
        cells = []
        for value in row:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(f'<td class="num">{_fmt(float(value), lang) if isinstance(value, float) else value}</td>')
            elif value is None:
                cells.append(f'<td class="num">{hidden_word if hidden else ""}</td>')
            else:
                cells.append(f"<td>{html.escape(str(value))}</td>")
        row_class = ' class="hidden"' if hidden else ""
        body.append(f"<tr{row_class}>{''.join(cells)}</tr>")
    summary = html.escape(TEXT[lang]["table"].format(rows=len(rows)))
    return f"<details><summary>{summary}</summary><table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></details>"


def render_report(published: pl.DataFrame, meta: dict, lang: str) -> str:
    text = TEXT[lang]
    min_n = meta["min_n"]
    sections, contents = [], []
    municipalities = (
        published.filter(pl.col("municipality_code") != ALL)
        .select("municipality_code", "municipality").unique().sort("municipality")
    )
    for figure in meta["figures"]:
        part = published.filter(pl.col("metric") == figure["metric"])
        if not part.height:
            continue
        share_slot = None
        if figure["kind"] == "share":
            # the shared dimension is the last group column
            slots = [s for s in (1, 2, 3) if part[f"group_{s}"].null_count() < part.height]
            share_slot = slots[-1] if slots else None
        svg, note = _chart(part, share_slot, lang)
        anchor = html.escape(figure["metric"])
        contents.append(f'<li><a href="#{anchor}">{html.escape(figure["title"])}</a></li>')
        price = f" · {'prisår' if lang == 'da' else 'price year'} {figure['price_year']}" if figure.get("price_year") else ""
        sections.append(
            f'<section id="{anchor}" data-metric="{anchor}"><h2>{html.escape(figure["title"])}</h2>'
            f'<p class="formula"><b>{text["formula"]}:</b> {html.escape(figure["formula"])}. '
            f'<b>{text["counted"]}:</b> {html.escape(figure["counted"])}{html.escape(price)}.</p>'
            f'<div class="legend"><span><i class="key-dot"></i>{text["dot"]}</span>'
            f'<span><i class="key-all"></i>{text["all"]}</span></div>'
            f'{svg}<p class="formula">{note}</p>{_table(part, lang)}</section>'
        )
    excluded = meta.get("excluded_rows") or []
    if excluded:
        rows = "".join(
            f"<tr><td>{html.escape(e['input'])}</td><td>{html.escape(str(e['table']))}</td>"
            f"<td>{html.escape(e['code'])}</td><td class=\"num\">{e['rows']}</td></tr>" for e in excluded
        )
        excluded_html = (
            f"<table><thead><tr><th>{text['input']}</th><th>{text['table_col']}</th><th>{text['rule']}</th>"
            f"<th>{text['rows']}</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    else:
        excluded_html = f"<p>{html.escape(text['no_excluded'])}</p>"
    options = "".join(
        f'<option value="{html.escape(code)}">{html.escape(name)}</option>'
        for code, name in municipalities.iter_rows()
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(text['title'])}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{html.escape(text['title'])}</h1>"
        f"<p>{html.escape(text['intro'].format(min_n=min_n))}</p>"
        f"<p>{html.escape(text['params'].format(price_year=meta['price_year'], price_index=Path(meta['price_index']).name, min_n=min_n))}</p></header>"
        f'<div class="bar"><label>{text["choose"]} <select id="pick"><option value="">{text["none"]}</option>{options}</select></label> '
        f'<span class="formula">{html.escape(text["hidden_note"].format(min_n=min_n))}</span></div>'
        f"<main><nav><b>{text['contents']}</b><ol>{''.join(contents)}</ol></nav>"
        f"<section><h2>{html.escape(text['excluded'])}</h2>{excluded_html}</section>"
        f"{''.join(sections)}</main>"
        f'<script type="application/json" id="meta">{html.escape(json.dumps({"figures": len(sections)}))}</script>'
        f"<script>{SCRIPT}</script></body></html>"
    )


def write_report(published: pl.DataFrame, out: Path, meta: dict, lang: str) -> Path:
    path = out / "report.html"
    path.write_text(render_report(published, meta, lang), encoding="utf-8")
    return path

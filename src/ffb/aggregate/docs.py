"""docs/key-figures.md, written from the figure catalogue so the page and the SQL never disagree.

    python -m ffb.aggregate.docs            # rewrite docs/key-figures.md
"""

from __future__ import annotations


from ffb.aggregate.compute import completeness_figure
from ffb.aggregate.figures import load_figures
from ffb.aggregate.labels import COUNTED, DIMENSION_NAMES, UNITS
from ffb.aggregate.parameters import load_price_index, load_steps

INTRO = """# Key figures

`ffb aggregate` turns one or more canonical FFB packages (typically one per municipality) into
key figures that are computed the same way for every municipality:

```sh
ffb aggregate kommune-101/ kommune-147/ kommune-461/ --out nøgletal/
ffb aggregate examples/canonical --out out/ --lang en --min-n 5 --db out/ffb.duckdb
```

It writes `key_figures.csv`, `key_figures.parquet` and `key_figures.json` (one tidy row per
figure and group), `key_figures.xlsx` (one sheet per figure) and `report.html` (one
self-contained page: a chart and its table per figure, every municipality against the others).
Exit codes: `0` written, `2` could not run (a missing input, an unreadable price index or step
file, a price year the index lacks).

## How it works

1. **Validation first.** Every input is checked by the same rules as `ffb-validate`. A row an
   error points at is left out of every figure and counted per input, table and rule
   (`excluded_rows` in the JSON, the first section of the report, the workbook's first sheet).
   Warnings leave rows in. Rows whose parent was left out (a goal of an excluded assessment)
   drop out of the joins.
2. **One SQL file per figure** under `src/ffb/aggregate/figures/`. Its header holds the titles
   in Danish and English, the formula, the columns it reads and its dimensions; its SELECT
   returns one row per counted unit (a case, a goal, a pair of registrations, a service, a
   citizen-year). The shared tables the figures read (registrations numbered per case, the
   registration in effect when a service starts, prices in one price year …) are in
   `src/ffb/aggregate/base.sql`. Everything runs in an embedded DuckDB database; `--db FILE`
   keeps it, with the computed cells in `key_figure_cells`.
3. **Margins by one query.** The engine groups each figure's units by a `CUBE` over
   municipality and the figure's dimensions, so every municipality's total, every category
   across municipalities (`alle`) and the grand total come from the same query as the cells.
   A unit with an empty field the figure needs does not enter the figure; it is counted in
   the completeness figure instead.
4. **Disclosure control.** A cell with fewer than `--min-n` citizens (default 5) is hidden.
   Then every sum a reader could use (a margin equals the sum of its cells) gets a second
   hidden cell where it holds only one, repeatedly, and an audit solves, for every hidden
   cell, the smallest and largest value the published numbers allow (a listed cell holds at
   least one unit). A cell whose two bounds meet would be recoverable, so one more cell next
   to it is hidden and the audit runs again. Hidden cells have no `n`, `units` or `value` in
   any output, and the charts leave them out. `tests/test_aggregate_disclosure.py` attacks the
   output with its own solver.

   What the audit covers: the counted units, which add up exactly. For a mean, the sum of the
   measure (value × units) has the same margins and the same hidden cells, so it is pinned
   down exactly only where the units are. Where a figure counts something other than citizens
   (goals, pairs, services), one citizen can sit in several cells, so `n` does not add up
   across cells and gives a reader bounds, not values. Rounding the published values to one
   decimal is not relied on.

## Columns of key_figures.csv / .parquet / .json

| column | meaning |
|---|---|
| `metric` | the figure's id (the SQL file's name) |
| `title` | the figure's title in the report's language |
| `municipality_code`, `municipality` | the 3-digit code and name; `alle` for all municipalities together |
| `year` | year *t* for the indsatstrappe; empty otherwise |
| `group_1` … `group_3` | the name of a dimension (e.g. *Funktionsevneniveau*) |
| `group_N_code`, `group_N_label` | the category's code (an FFB code, a contract value or a derived code such as `better`) and its name; `alle` is the margin |
| `n` | citizens behind the cell |
| `units` | units counted (cases, goals, pairs, services or citizen-years; see each figure) |
| `value` | the figure: a percentage for shares, an average for means, rounded to one decimal |
| `unit` | the value's unit |
| `suppressed` | true when the cell is hidden; `n`, `units` and `value` are then empty |
| `price_year` | the price year of amounts in kroner |

A share is the cell's units divided by the units of the same group with the shared dimension
at `alle`, times 100. A mean is the sum of the measure over the cell's units divided by its
units.

## Prices in one price year

Daily prices are converted to one price year: amount × index(price year of the report) /
index(the service's `price_year`). The bundled table `src/ffb/aggregate/price_index.csv` is
**illustrative**: rounded yearly values shaped like the Danish consumer price level (2015 = 100),
not an official series. For published figures, give Danmarks Statistik's net price index
(*nettoprisindeks*, Statistikbanken) or KL's price and wage index with `--price-index FILE`
(columns `year` and `price_index`); `--price-year` picks the year (default: the table's last).
A service whose price year the index lacks counts as incomplete.

{price_table}

## The indsatstrappe

The steps of the ladder, lowest first, are a JSON file (`--steps FILE` replaces the bundled
`src/ffb/aggregate/steps.json`): each step names the legal bases (`interventions.legal_basis`)
on it. A citizen's step in a year is the highest step among their services active at any time
that year; a service without an end date is active until the extract's last registration,
service start or follow-up. Year *t* is shown only when *t* + 2 is within the extract.

{steps_table}

## The figures
"""


def render() -> str:
    index = load_price_index()
    price_table = "| year | index |\n|---|---|\n" + "\n".join(f"| {y} | {i:.1f} |" for y, i in index.iter_rows())
    steps_table = "| step | name | legal bases |\n|---|---|---|\n" + "\n".join(
        f"| {s['rank']} | {s['name_da']} ({s['name_en']}) | {', '.join(s['legal_basis'])} |" for s in load_steps()
    )
    parts = [INTRO.replace("{price_table}", price_table).replace("{steps_table}", steps_table)]
    for figure in [*load_figures(), completeness_figure()]:
        dims = [f"{DIMENSION_NAMES.get(d, (d, d))[1].lower()} (`{d}`)" for d in figure.dims]
        partition = [f"{DIMENSION_NAMES.get(d, (d, d))[1].lower()} (`{d}`)" for d in figure.partition]
        source = f"`src/ffb/aggregate/figures/{figure.path.name}`" if figure.sql else "computed by the engine from every figure's units"
        lines = [
            f"### {figure.title['en']}",
            "",
            f"*{figure.title['da']}* · `{figure.id}` · {source}",
            "",
            f"- **Formula:** {figure.formula['en']}.",
            f"- **Formel:** {figure.formula['da']}.",
            f"- **Kind:** {'share (%)' if figure.kind == 'share' else 'mean, ' + UNITS.get(figure.unit, (figure.unit, figure.unit))[1]}"
            f"; counts {COUNTED.get(figure.counted, (figure.counted, figure.counted))[1]}.",
            f"- **Grouped by:** {'municipality, ' if figure.by_municipality else 'all municipalities together, '}"
            + (", ".join(dims) if dims else "nothing else")
            + (f"; side by side (never added up) by {', '.join(partition)}" if partition else "") + ".",
            f"- **Columns read:** {', '.join(f'`{c}`' for c in figure.reads)}.",
            "",
        ]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def main() -> None:
    from ffb.paths import project_root

    path = project_root() / "docs" / "key-figures.md"
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()

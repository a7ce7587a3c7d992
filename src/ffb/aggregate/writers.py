"""Write the published key figures as CSV, Parquet, JSON and an Excel workbook."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from ffb.aggregate.figures import Figure
from ffb.aggregate.labels import COUNTED, DIMENSION_NAMES, UNITS

HEADERS = {
    "da": {
        "municipality": "Kommune", "year": "År t", "n": "Borgere (n)", "units": "Enheder",
        "value": "Værdi", "unit": "Enhed", "suppressed": "Diskretioneret", "price_year": "Prisår",
    },
    "en": {
        "municipality": "Municipality", "year": "Year t", "n": "Citizens (n)", "units": "Units",
        "value": "Value", "unit": "Unit", "suppressed": "Suppressed", "price_year": "Price year",
    },
}
YES_NO = {"da": ("ja", "nej"), "en": ("yes", "no")}


def figure_catalogue(figures: list[Figure], lang: str, price_year: int) -> list[dict]:
    pick = 0 if lang == "da" else 1
    return [
        {
            "metric": f.id,
            "title": f.title[lang],
            "title_da": f.title["da"],
            "title_en": f.title["en"],
            "formula": f.formula[lang],
            "kind": f.kind,
            "counted": COUNTED.get(f.counted, (f.counted, f.counted))[pick],
            "unit": UNITS.get(f.unit, (f.unit, f.unit))[pick],
            "dimensions": [DIMENSION_NAMES.get(d, (d, d))[pick] for d in (*f.partition, *f.dims)],
            "by_municipality": f.by_municipality,
            "reads": f.reads,
            "price_year": price_year if f.unit == "dkk_per_day" else None,
        }
        for f in figures
    ]


def write_tables(frame: pl.DataFrame, out: Path) -> list[Path]:
    paths = [out / "key_figures.csv", out / "key_figures.parquet"]
    frame.write_csv(paths[0])
    frame.write_parquet(paths[1])
    return paths


def write_json(frame: pl.DataFrame, out: Path, meta: dict) -> Path:
    path = out / "key_figures.json"
    # The cells are written by polars, the few keys around them by json: building a Python
    # dict per cell and encoding it costs ten times as long.
    head = json.dumps(meta, ensure_ascii=False, indent=1, default=str).rstrip().removesuffix("}").rstrip()
    path.write_text(f'{head},\n "key_figures": {frame.write_json()}\n}}\n', encoding="utf-8")
    return path


def figure_table(frame: pl.DataFrame, lang: str) -> tuple[list[str], list[list]]:
    """One figure's rows as a plain table with headers in `lang` (used by the workbook and the report)."""
    headers = HEADERS[lang]
    columns, names = [], []
    if frame["municipality_code"].n_unique() > 1 or frame["municipality_code"][0] != "alle":
        columns.append("municipality")
        names.append(headers["municipality"])
    if frame["year"].null_count() < frame.height:
        columns.append("year")
        names.append(headers["year"])
    for slot in (1, 2, 3):
        if frame[f"group_{slot}"].null_count() < frame.height:
            columns.append(f"group_{slot}_label")
            names.append(frame[f"group_{slot}"][0])
    columns += ["n", "units", "value", "unit", "suppressed"]
    names += [headers[c] for c in ("n", "units", "value", "unit", "suppressed")]
    if frame["price_year"].null_count() < frame.height:
        columns.append("price_year")
        names.append(headers["price_year"])
    yes, no = YES_NO[lang]
    rows = [
        [(yes if v else no) if c == "suppressed" else v for c, v in zip(columns, row)]
        for row in frame.select(columns).iter_rows()
    ]
    return names, rows


def write_workbook(frame: pl.DataFrame, out: Path, catalogue: list[dict], about: list[tuple[str, str]],
                   excluded: pl.DataFrame, lang: str) -> Path:
    """One sheet about the run and one per figure. Written with xlsxwriter, row by row in
    constant memory: some 25,000 cells take a fraction of the time openpyxl needs."""
    import xlsxwriter

    path = out / "key_figures.xlsx"
    book = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False, "nan_inf_to_errors": True,
    })
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("om" if lang == "da" else "about")
    line = 0

    def put(row: list, style=None) -> None:
        nonlocal line
        sheet.write_row(line, 0, row, style)
        line += 1

    for key, value in about:
        sheet.write_string(line, 0, key, bold)
        sheet.write_string(line, 1, value)
        line += 1
    line += 1
    put(["Udeladte rækker" if lang == "da" else "Rows left out"], bold)
    put(list(("Input", "Tabel", "Regel", "Rækker") if lang == "da" else ("Input", "Table", "Rule", "Rows")), bold)
    for row in excluded.iter_rows():
        put(list(row))
    for entry in catalogue:
        part = frame.filter(pl.col("metric") == entry["metric"])
        if not part.height:
            continue
        sheet, line = book.add_worksheet(entry["metric"][:31]), 0
        put([entry["title"]], bold)
        put([entry["formula"]])
        line += 1
        names, rows = figure_table(part, lang)
        put(names, bold)
        for row in rows:
            put(row)
    book.close()
    return path

"""The catalogue of key figures: one SQL file per figure under `figures/`.

A figure's file starts with `-- key: value` lines (titles in Danish and English, the formula in
both languages, the columns it reads, its dimensions) followed by one SELECT that returns one
row per counted unit (a case, a goal, a pair of registrations, a service, a citizen-year):

    municipality_code, citizen, <partition columns>, <dimension columns>[, measure]

The engine counts, sums and totals those rows the same way for every figure, so a figure is
defined once, in one place. A unit whose dimension or measure is empty does not enter the
figure; it is counted as incomplete in the completeness figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FIGURE_DIR = Path(__file__).with_name("figures")
BASE_SQL = Path(__file__).with_name("base.sql")


@dataclass(frozen=True)
class Figure:
    id: str
    title: dict[str, str]
    formula: dict[str, str]
    kind: str  # share: units in the cell / units in the same group over `share_of`; mean: sum / units
    counted: str
    unit: str
    dims: dict[str, str]  # dimension -> vocabulary, with margins (totals)
    partition: dict[str, str]  # dimension -> vocabulary, shown side by side, never added up
    share_of: str | None
    reads: list[str]
    sql: str
    by_municipality: bool = True
    path: Path = field(default=Path(), compare=False)

    @property
    def columns(self) -> list[str]:
        return [*self.partition, *self.dims]

    @property
    def vocabularies(self) -> dict[str, str]:
        return {**self.partition, **self.dims}


def _pairs(text: str) -> dict[str, str]:
    pairs = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, vocabulary = part.partition("=")
        pairs[name.strip()] = vocabulary.strip() or name.strip()
    return pairs


def parse_figure(path: Path) -> Figure:
    header: dict[str, str] = {}
    body = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not body and line.startswith("-- ") and ":" in line:
            key, _, value = line[3:].partition(":")
            header[key.strip()] = value.strip()
        else:
            body.append(line)
    required = ("title_da", "title_en", "kind", "counted", "formula_da", "formula_en", "reads")
    missing = [key for key in required if key not in header]
    if missing:
        raise ValueError(f"{path.name}: the header lacks {', '.join(missing)}")
    kind = header["kind"]
    if kind not in ("share", "mean"):
        raise ValueError(f"{path.name}: kind must be share or mean, not {kind!r}")
    dims = _pairs(header.get("dims", ""))
    share_of = header.get("share_of") or None
    if kind == "share" and share_of not in dims:
        raise ValueError(f"{path.name}: a share needs share_of naming one of its dims")
    return Figure(
        id=path.stem.split("_", 1)[1],
        title={"da": header["title_da"], "en": header["title_en"]},
        formula={"da": header["formula_da"], "en": header["formula_en"]},
        kind=kind,
        counted=header["counted"],
        unit=header.get("unit", "pct" if kind == "share" else ""),
        dims=dims,
        partition=_pairs(header.get("partition", "")),
        share_of=share_of,
        reads=[c.strip() for c in header["reads"].split(",") if c.strip()],
        sql="\n".join(body).strip().rstrip(";"),
        by_municipality=header.get("by_municipality", "yes") != "no",
        path=path,
    )


def load_figures(folder: Path = FIGURE_DIR) -> list[Figure]:
    return [parse_figure(path) for path in sorted(folder.glob("*.sql"))]

"""The conversion engine: source columns in, canonical tables, rejects and accounting out.

All work is done on whole columns. A record is a source row, or one registration of a wide
row (the SEP template's registrations 1…9). A record whose values cannot all be converted is
rejected as a whole, with one line per value in the rejects, so that every record ends up
either in the output or in the rejects: `records_in == records_out + records_rejected`.
The rows of one canonical table that share a key are merged into one (the same citizen on
every row becomes one citizen); rows with the same key that disagree reject their records
instead of one of them being picked.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from ffb.convert import parsing
from ffb.convert.normalise import normal
from ffb.convert.plan import PREVIOUS, REGISTRATION, ROW_NUMBER, TOKENS, ColumnPlan, Plan, TablePlan
from ffb.convert.pseudonym import Pseudonymiser
from ffb.convert.sources import ROW, SourceTable
from ffb.read.model import CannotRun
from ffb.report.masking import mask_expr

SRC, REG = "_src", "_n"
RECORD = [SRC, ROW, REG]
# The column holding a source column's pseudonyms (the first KEY_PART_MAX characters of its
# HMAC-SHA256 hex digest); keys cut them shorter when they have many parts.
HASHED = "\x1e#"
KEY_PART_MAX = 16
NO_CSE = pl.QueryOptFlags(comm_subexpr_elim=False)
DTYPES = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "date": pl.Date, "boolean": pl.Boolean}
REJECT_SCHEMA = {SRC: pl.Int64, ROW: pl.Int64, REG: pl.Int64, "column": pl.String, "value": pl.String, "code": pl.String}

REASONS = {
    "unmapped_code": {"da": "værdien svarer ikke til en kode i {enum}; tilføj den til profilens codes eller crosswalks",
                      "en": "the value matches no code of {enum}; add it to the profile's codes or crosswalks"},
    "not_a_date": {"da": "ikke en dato i profilens formater ({formats})", "en": "not a date in the profile's formats ({formats})"},
    "not_a_number": {"da": "ikke et tal (decimaltegn {decimal!r}, tusindtalsseparator {thousands!r})",
                     "en": "not a number (decimal {decimal!r}, thousands {thousands!r})"},
    "not_a_whole_number": {"da": "ikke et helt tal", "en": "not a whole number"},
    "not_yes_no": {"da": "hverken ja eller nej; tilføj ordet under booleans", "en": "neither yes nor no; add the word under booleans"},
    "not_a_cpr": {"da": "ikke et CPR-nummer (DDMMÅÅ-NNNN)", "en": "not a CPR number (DDMMYY-NNNN)"},
    "empty_key": {"da": "en del af nøglen er tom, så rækken kan ikke placeres", "en": "part of the key is empty, so the row cannot be placed"},
    "unknown_organisation": {"da": "organisationen findes ikke i tabellen over kommuners STS-organisationer (--organisations)",
                             "en": "the organisation is not in the table of municipalities' STS organisations (--organisations)"},
    "not_one_citizen": {"da": "en Bundle skal have præcis én borger (Patient)", "en": "a Bundle must hold exactly one citizen (Patient)"},
    "not_json": {"da": "teksten er ikke JSON", "en": "the text is not JSON"},
    "not_a_bundle": {"da": "det er ikke en FHIR Bundle", "en": "it is not a FHIR Bundle"},
    "not_shaped": {"da": "Bundle'en er ikke opbygget som FHIR angiver (et element har en forkert type)",
                   "en": "the Bundle is not built as FHIR says (an element has the wrong kind of value)"},
    "missing_element": {"da": "et element, som vejledningen kræver, mangler", "en": "an element the guide requires is missing"},
    "unplaced": {"da": "ressourcen kan ikke knyttes til en sag eller registrering i samme Bundle",
                 "en": "the resource cannot be tied to a case or assessment in the same Bundle"},
    "conflicting_values": {"da": "samme nøgle i {table}, men forskellige værdier i kolonnen; intet valgt",
                           "en": "the same key in {table} with different values in this column; none was picked"},
}


@dataclass
class Conversion:
    tables: dict[str, pl.DataFrame]
    rejects: pl.DataFrame
    report: dict = field(default_factory=dict)
    written: set[str] = field(default_factory=set)  # tables a sink has written already (their rows are not held)


class _Headers:
    """A source's headers found by their normal form, with `{n}` filled in."""

    def __init__(self, header: list[str]) -> None:
        self.by_normal = {normal(h): h for h in header}
        self.header = header

    def find(self, template: str, n: int | None) -> str | None:
        if n is not None:
            template = template.replace(PREVIOUS, str(n - 1)).replace(REGISTRATION, str(n))
        return self.by_normal.get(normal(template))

    def first(self, templates: list[str], n: int | None) -> str | None:
        return next((h for t in templates if (h := self.find(t, n)) is not None), None)

    def closest(self, template: str) -> list[str]:
        wanted = normal(template.replace(PREVIOUS, "1").replace(REGISTRATION, "1"))
        names = difflib.get_close_matches(wanted, list(self.by_normal), n=3, cutoff=0.6)
        return [self.by_normal[name] for name in names]


def _numbers(table: TablePlan, plan: Plan) -> list[int | None]:
    return plan.registration_numbers if table.per == "registration" else [None]


def _source_parts(column: ColumnPlan) -> list[str]:
    return [h for h in column.headers if h not in TOKENS]


def reads(table: TablePlan, source: SourceTable) -> bool:
    """Whether the table is filled from this source (its sheet, for workbooks)."""
    if table.sheet is None or source.sheet is None:
        return source.wanted_sheet is None or table.sheet is None
    return normal(table.sheet) == normal(source.sheet)


def check_headers(plan: Plan, source: SourceTable) -> None:
    """Every header the profile names is in the source (for some registration), else CannotRun."""
    headers = _Headers(source.header)
    where = source.source + (f"[{source.sheet}]" if source.sheet else "")
    missing = []
    for table in plan.tables:
        if not reads(table, source):
            continue
        numbers = _numbers(table, plan)
        for column in table.columns:
            if column.kind == "value" or column.optional:
                continue
            templates = column.headers if column.kind == "from" else _source_parts(column)
            groups = [templates] if column.kind == "from" else [[t] for t in templates]
            for group in groups:
                if not any(headers.first(group, n) is not None for n in numbers):
                    missing.append((f"{table.name}.{column.name}", group[0]))
        for template in table.when:
            if not any(headers.find(template, n) is not None for n in numbers):
                missing.append((f"{table.name} when", template))
    if missing:
        lines = []
        for target, header in missing[:8]:
            near = headers.closest(header)
            hint = f"; nearest: {', '.join(repr(n) for n in near)}" if near else ""
            lines.append(f"  {target}: no column {header!r}{hint}")
        raise CannotRun(
            f"{where}: the profile names columns this file does not have (give optional: true for those "
            "an export may leave out):\n" + "\n".join(lines)
        )


def registration_filled(plan: Plan, headers: _Headers, n: int) -> pl.Expr:
    """A registration is there when any of its own columns (those with `{n}`) is filled."""
    names = set()
    for table in plan.tables:
        if table.per != "registration":
            continue
        templates = [t for c in table.columns if c.kind != "value" for t in c.headers] + table.when
        for template in templates:
            if REGISTRATION in template and PREVIOUS not in template:
                if (name := headers.find(template, n)) is not None:
                    names.add(name)
    if not names:
        return pl.lit(False)
    return pl.any_horizontal([pl.col(name).is_not_null() for name in sorted(names)])


@dataclass
class _Evaluated:
    value: pl.Expr
    failed: pl.Expr | None = None  # the source text where it could not be converted
    code: str | None = None
    label: str = ""  # the source column(s) named in a reject
    # The one source column the value is parsed from, when it depends on nothing else: such a
    # parse runs once per distinct text rather than once per row.
    source: str | None = None


def _lookup(raw: pl.Expr, frame: pl.DataFrame, name: str | None, labels: dict, dtype: pl.DataType) -> pl.Expr:
    """`raw` through a label table; each distinct source text is normalised once."""
    if name is None:
        return pl.lit(None, dtype)
    mapping = {}
    for text in frame[name].drop_nulls().unique().to_list():
        hit = labels.get(normal(text))
        if hit is not None:
            mapping[text] = hit
    return raw.replace_strict(list(mapping), list(mapping.values()), default=None, return_dtype=dtype)


def _part_length(column: ColumnPlan) -> int:
    """How many characters of each part's pseudonym a key keeps."""
    count = len(column.headers)
    return min(KEY_PART_MAX, (64 - len(column.prefix) - (count - 1)) // count)


def key_text_kinds(plan: Plan, headers: _Headers) -> dict[str, str]:
    """How a key part's source text is written before it is hashed: "date" for a column the
    profile also reads as a date, "cpr" for one it reads as a CPR number. A key then stays the
    same when an export writes the same day or number another way (`05-03-2024`, `5.3.2024`,
    `45356`; `010190-1234`, `0101901234`), so deliveries in different formats link up."""
    kinds: dict[str, str] = {}
    for table in plan.tables:
        for column in table.columns:
            if column.kind != "from":
                continue
            if column.derive in ("pseudonym", "birth_year", "sex"):
                kind = "cpr"
            elif column.type == "date" and not column.derive:
                kind = "date"
            else:
                continue
            for n in _numbers(table, plan):
                if (name := headers.first(column.headers, n)) is not None:
                    kinds.setdefault(name, kind)
    return kinds


def key_text(values: pl.Series, kind: str | None, plan: Plan) -> pl.Series:
    """A key part's source text in one written form (see key_text_kinds); text that does not
    read as its kind is kept as it is (its record is rejected by the column that reads it)."""
    if kind is None:
        return values
    distinct = values.drop_nulls().unique()
    text = pl.col("t")
    if kind == "date":
        written = parsing.date(text, plan.date_formats).dt.strftime("%Y-%m-%d")
    else:
        written = parsing.cpr_digits(text)
    canonical = distinct.to_frame("t").select(pl.coalesce(written, text))["t"]
    return values.replace_strict(distinct, canonical, default=None, return_dtype=pl.String)


def key_sources(plan: Plan, headers: _Headers) -> list[str]:
    """The source columns some key is made from (their pseudonyms are made once, for all keys)."""
    names = set()
    for table in plan.tables:
        for column in table.columns:
            if column.kind != "key":
                continue
            for part in column.headers:
                if part in TOKENS:
                    continue
                for n in _numbers(table, plan):
                    if (name := headers.find(part, n)) is not None:
                        names.add(name)
    return sorted(names)


def _evaluate(column: ColumnPlan, headers: _Headers, n: int | None, plan: Plan, frame: pl.DataFrame) -> _Evaluated:
    dtype = DTYPES[column.type]
    if column.kind == "value":
        return _Evaluated(pl.lit(column.constant, dtype), label=column.name)
    if column.kind == "key":
        parts, names = [], []
        for part in column.headers:
            if part == REGISTRATION:
                parts.append(pl.lit(str(n)))
            elif part == PREVIOUS:
                parts.append(pl.lit(str(n - 1)))
            elif part == ROW_NUMBER:
                parts.append(pl.col(ROW).cast(pl.String))
            else:
                # Each part is its source text's pseudonym, cut so the whole key fits in 64 characters.
                name = headers.find(part, n)
                names.append(name or part)
                parts.append(pl.col(HASHED + name).str.slice(0, _part_length(column)) if name else pl.lit(None, pl.String))
        text = pl.lit(column.prefix) + pl.concat_str(parts, separator=".")
        failed = pl.when(text.is_null()).then(pl.lit(""))
        return _Evaluated(text, failed, "empty_key", " + ".join(names))
    name = headers.first(column.headers, n)
    raw = pl.col(name) if name else pl.lit(None, pl.String)
    label = name or column.headers[0]
    if column.derive == "year":
        parsed = parsing.date(raw, plan.date_formats)
        failed = pl.when(raw.is_not_null() & parsed.is_null()).then(raw)
        return _Evaluated(parsed.dt.year().cast(pl.Int64), failed, "not_a_date", label, name)
    if column.derive:
        digits = parsing.cpr_digits(raw)
        value = {
            "pseudonym": digits,
            "birth_year": parsing.cpr_birth_year(digits),
            "sex": pl.when(digits.is_not_null()).then(parsing.cpr_sex(digits)),
        }[column.derive]
        # The text of a failed CPR is never shown, only its length.
        shown = pl.format("({} tegn)", raw.str.len_chars())
        return _Evaluated(value, pl.when(raw.is_not_null() & digits.is_null()).then(shown), "not_a_cpr", label, name)
    numbers = plan.profile.numbers
    if column.crosswalk is not None:
        value, code = _lookup(raw, frame, name, column.crosswalk.labels, pl.String), "unmapped_code"
    elif column.type == "boolean":
        value, code = _lookup(raw, frame, name, plan.booleans, pl.Boolean), "not_yes_no"
    elif column.type == "date":
        value, code = parsing.date(raw, plan.date_formats), "not_a_date"
    elif column.type == "integer":
        value, code = parsing.integer(raw, numbers.decimal, numbers.thousands), "not_a_whole_number"
    elif column.type == "number":
        value, code = parsing.number(raw, numbers.decimal, numbers.thousands), "not_a_number"
        if column.factor != 1.0:
            value = (value * column.factor).round(2)
    else:
        return _Evaluated(raw, label=label)
    failed = pl.when(raw.is_not_null() & value.is_null()).then(raw)
    return _Evaluated(value.cast(dtype), failed, code, label, name)


def _signature(column: ColumnPlan) -> tuple:
    """Columns with the same signature read the same source text the same way."""
    crosswalk = id(column.crosswalk) if column.crosswalk is not None else None
    # A key's prefix is part of its value (and sets how much of each part's pseudonym is kept).
    prefix = column.prefix if column.kind == "key" else None
    return (column.kind, column.type, tuple(column.headers), column.derive, column.factor, crosswalk, column.optional,
            prefix)


class _Parsed:
    """Every source column the profile reads, parsed once per source and registration and
    shared by all the tables that use it (a date or key often feeds four tables)."""

    def __init__(self, plan: Plan, source: SourceTable, index: int) -> None:
        self.plan, self.source, self.index = plan, source, index
        self.headers = _Headers(source.header)
        self.frames: dict[int | None, tuple[pl.DataFrame, dict]] = {}

    def frame(self, n: int | None) -> tuple[pl.DataFrame, dict]:
        if n not in self.frames:
            self.frames[n] = self._parse(n)
        return self.frames[n]

    def _parse(self, n: int | None) -> tuple[pl.DataFrame, dict]:
        per = "row" if n is None else "registration"
        slots: dict[tuple, tuple[int, _Evaluated]] = {}
        whens: set[str] = set()
        for table in self.plan.tables:
            if table.per != per or not reads(table, self.source):
                continue
            for column in table.columns:
                if column.kind != "value":
                    signature = _signature(column)
                    if signature not in slots:
                        slots[signature] = (len(slots), _evaluate(column, self.headers, n, self.plan, self.source.frame))
            whens |= {h for t in table.when if (h := self.headers.find(t, n)) is not None}
        base = self.source.frame.lazy()
        if n is not None:
            base = base.filter(registration_filled(self.plan, self.headers, n))
        expressions = [pl.col(ROW)]
        # Parses of one source column run on its distinct texts (a date column of a million
        # rows holds a few thousand dates) and are joined back to the rows by that text.
        by_source: dict[str, list[tuple[int, _Evaluated]]] = {}
        for number, evaluated in slots.values():
            if evaluated.source is not None:
                by_source.setdefault(evaluated.source, []).append((number, evaluated))
                expressions.append(pl.col(f"v{number}"))
                if evaluated.failed is not None:
                    expressions.append(pl.col(f"x{number}"))
                continue
            expressions.append(evaluated.value.alias(f"v{number}"))
            if evaluated.failed is not None:
                expressions.append(evaluated.failed.alias(f"x{number}"))
        mapped = []
        for name, parsed in by_source.items():
            parts = []
            for number, evaluated in parsed:
                parts.append(evaluated.value.alias(f"v{number}"))
                if evaluated.failed is not None:
                    parts.append(evaluated.failed.alias(f"x{number}"))
            texts = self.source.frame.select(pl.col(name).drop_nulls().unique())
            distinct = texts.select(pl.col(name), *parts)
            keys = distinct[name]
            # A parse of no text is no value and no failure, so null maps to null.
            for column in distinct.columns[1:]:
                mapped.append(pl.col(name).replace_strict(keys, distinct[column], default=None,
                                                          return_dtype=distinct.schema[column]).alias(column))
        if mapped:
            base = base.with_columns(mapped)
        expressions += [pl.col(h).is_not_null().alias(f"w:{h}") for h in sorted(whens)]
        # Common-subexpression elimination is off: with several columns derived from one CPR
        # column it makes polars 2.1 read past a string array's end on large inputs.
        return base.select(expressions).collect(optimizations=NO_CSE), slots


def _candidates(plan: Plan, table: TablePlan, parsed: _Parsed) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The table's rows from one source, and the values that failed to convert."""
    frames, rejects = [], []
    for n in _numbers(table, plan):
        frame, slots = parsed.frame(n)
        when = [f"w:{h}" for t in table.when if (h := parsed.headers.find(t, n)) is not None]
        keep = (pl.any_horizontal(when) if when else pl.lit(False)) if table.when else None
        values, failures, evaluated = [], [], {}
        for column in table.columns:
            if column.kind == "value":
                values.append(pl.lit(column.constant, DTYPES[column.type]).alias(column.name))
                continue
            number, e = slots[_signature(column)]
            evaluated[column.name] = (e, column)
            values.append(pl.col(f"v{number}").alias(column.name))
            if e.failed is not None:
                failures.append(pl.col(f"x{number}").alias(f"_x:{column.name}"))
        # Filtered lazily, so only the columns this table reads are copied, not every parsed one.
        rows = frame.lazy() if keep is None else frame.lazy().filter(keep)
        frame = rows.select(pl.lit(parsed.index, pl.Int64).alias(SRC), pl.col(ROW), pl.lit(n, pl.Int64).alias(REG),
                            *values, *failures).collect(optimizations=NO_CSE)
        for name, (e, column) in evaluated.items():
            if e.failed is None:
                continue
            bad = frame.filter(pl.col(f"_x:{name}").is_not_null())
            if bad.height:
                rejects.append(bad.select(
                    SRC, ROW, REG,
                    pl.lit(e.label).alias("column"),
                    pl.col(f"_x:{name}").alias("value"),
                    pl.lit(_reason_key(e.code, column=column, table=table.name)).alias("code"),
                ))
        frames.append(frame.select(pl.exclude(r"^_x:.*$")))
    return pl.concat(frames, how="vertical"), (pl.concat(rejects) if rejects else _empty_rejects())


def _reason_key(code: str, column: ColumnPlan, table: str) -> str:
    """The reject code with what its message needs, as `code|enum|table`."""
    return f"{code}|{column.enum or ''}|{table}"


def _empty_rejects() -> pl.DataFrame:
    return pl.DataFrame(schema=REJECT_SCHEMA)


def _anti(frame: pl.DataFrame, rejected_rows: pl.DataFrame, rejected_regs: pl.DataFrame) -> pl.DataFrame:
    if not rejected_rows.height and not rejected_regs.height:
        return frame
    frame = frame.join(rejected_rows, on=[SRC, ROW], how="anti")
    with_reg = frame.filter(pl.col(REG).is_not_null()).join(rejected_regs, on=RECORD, how="anti")
    return pl.concat([frame.filter(pl.col(REG).is_null()), with_reg])


def _rejected_sets(rejects: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    rows = rejects.filter(pl.col(REG).is_null()).select(SRC, ROW).unique()
    regs = rejects.filter(pl.col(REG).is_not_null()).select(RECORD).unique()
    return rows, regs


def _hash_columns(frame: pl.DataFrame, table: TablePlan, pseudonymiser: Pseudonymiser) -> pl.DataFrame:
    """Pseudonyms for CPR columns. (Keys are made of pseudonyms already: each source column a
    key reads is hashed once, per distinct text, before the tables are made; its parts' digests
    are joined with `.`, a registration or row number kept as it is.)"""
    replaced = []
    for column in table.columns:
        if not frame.height:
            continue
        if column.derive == "pseudonym":
            family = ("pseudonym", tuple(column.headers))
            replaced.append(pseudonymiser.series(frame[column.name], 64, "", family).alias(column.name))
    return frame.with_columns(replaced) if replaced else frame


def _merge(frame: pl.DataFrame, table: TablePlan) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One row per key, every contract column in contract order (each column's first value in
    the source's order); and the rejects for rows that share a key but disagree, or whose key
    is empty. Both come from one grouping by key."""
    key = table.primary_key
    others = [c.name for c in table.columns if c.name not in key]
    out = []
    empty = frame.filter(pl.any_horizontal([pl.col(k).is_null() for k in key]))
    if empty.height:
        out.append(empty.select(SRC, ROW, REG, pl.lit(key[0]).alias("column"), pl.lit("").alias("value"),
                                pl.lit(f"empty_key||{table.name}").alias("code")))
        frame = frame.filter(pl.all_horizontal([pl.col(k).is_not_null() for k in key]))
    counted = [f"\x1en:{c}" for c in others]
    grouped = frame.sort([SRC, ROW, REG], nulls_last=False, maintain_order=True).group_by(key, maintain_order=True).agg(
        [pl.col(c).drop_nulls().first() for c in others]
        + [pl.col(c).drop_nulls().n_unique().alias(n) for c, n in zip(others, counted)]
    )
    if others:
        bad = grouped.filter(pl.any_horizontal([pl.col(n) > 1 for n in counted]))
        if bad.height:
            first_bad = pl.coalesce([pl.when(pl.col(n) > 1).then(pl.lit(c)) for c, n in zip(others, counted)])
            joined = frame.join(bad.select(*key, first_bad.alias("_column")), on=key, how="inner")
            value = pl.coalesce([pl.when(pl.col("_column") == c).then(pl.col(c).cast(pl.String)) for c in others])
            out.append(joined.select(SRC, ROW, REG, pl.col("_column").alias("column"),
                                     value.fill_null("").alias("value"),
                                     pl.lit(f"conflicting_values||{table.name}").alias("code")))
    columns = []
    for column in table.contract_columns:
        name = column["name"]
        columns.append(pl.col(name) if name in grouped.columns else pl.lit(None, DTYPES[column["type"]]).alias(name))
    return grouped.select(columns), (pl.concat(out) if out else _empty_rejects())


class _Candidates:
    """Each table's candidate rows, gathered source batch by source batch.

    They stay in memory unless a source comes in several batches and there is a work folder:
    then each batch's rows are written there as Parquet as soon as the batch is done, split
    into `parts` by a hash of the table's key, so that all rows of one key are in one part.
    A table is then merged a part at a time: no more than one batch of source text and one
    part of one table are held at once, however large the export."""

    def __init__(self, plan: Plan, workdir: Path | None, parts: int = 1) -> None:
        self.workdir, self.parts = workdir, max(1, parts)
        self.schemas = {t.name: {SRC: pl.Int64, ROW: pl.Int64, REG: pl.Int64, **{c.name: DTYPES[c.type] for c in t.columns}}
                        for t in plan.tables}
        self.keys = {t.name: t.primary_key for t in plan.tables}
        self.frames: dict[str, list[pl.DataFrame]] = {t.name: [] for t in plan.tables}
        self.files: dict[str, dict[int, list[Path]]] = {t.name: {} for t in plan.tables}
        self.rows = {t.name: 0 for t in plan.tables}

    def add(self, name: str, frame: pl.DataFrame) -> None:
        self.rows[name] += frame.height
        self.frames[name].append(frame)

    def spill(self) -> None:
        """Write what is held to the work folder, a file per part (nothing happens without one)."""
        if self.workdir is None:
            return
        for name, frames in self.frames.items():
            for frame in frames:
                part = (pl.struct(self.keys[name]).hash(seed=0) % self.parts).cast(pl.Int64).alias("_part")
                for (number,), rows in frame.with_columns(part).partition_by("_part", as_dict=True).items():
                    files = self.files[name].setdefault(number, [])
                    path = self.workdir / f"{name}-{number}-{len(files)}.parquet"
                    rows.drop("_part").write_parquet(path, compression="snappy", statistics=False)
                    files.append(path)
            frames.clear()

    @property
    def spilled(self) -> bool:
        return any(self.files.values())

    def parts_of(self, name: str) -> list[int | None]:
        """The parts a table is merged in: all at once (None) unless its rows were spilled."""
        return sorted(self.files[name]) if self.files[name] else [None]

    def load(self, name: str, part: int | None = None) -> pl.DataFrame:
        paths = self.files[name].get(part, []) if part is not None else []
        parts = [pl.read_parquet(path) for path in paths] + (self.frames[name] if part is None else [])
        if not parts:
            return pl.DataFrame(schema=self.schemas[name])
        return pl.concat(parts, how="vertical") if len(parts) > 1 else parts[0]

    def keep(self, name: str, frame: pl.DataFrame) -> None:
        """Hold the table's rows as they now are (when they are held in memory at all)."""
        if not self.files[name]:
            self.frames[name] = [frame]


def _gather(plan: Plan, source: SourceTable, index: int, pseudonymiser: Pseudonymiser,
            candidates: _Candidates) -> tuple[list[pl.DataFrame], _SourceCount]:
    """One batch of a source's rows into each table's candidates; the values that failed."""
    # Every source column a key is made from gets its pseudonyms once, per distinct text.
    headers = _Headers(source.header)
    kinds = key_text_kinds(plan, headers)
    source.frame = source.frame.with_columns(
        pseudonymiser.series(key_text(source.frame[name], kinds.get(name), plan), KEY_PART_MAX, "",
                             ("part", kinds.get(name) or name)).alias(HASHED + name)
        for name in key_sources(plan, headers)
    )
    parsed = _Parsed(plan, source, index)
    rejects = []
    for table in plan.tables:
        if reads(table, source):
            frame, bad = _candidates(plan, table, parsed)
            candidates.add(table.name, _hash_columns(frame, table, pseudonymiser))
            rejects.append(bad)
    count = _source_count(plan, source, index)
    # The source text is read no more: only its counts are kept (for a million rows of
    # thirty columns, the text is about as large as every canonical table together).
    source.frame = source.frame.clear()
    return rejects, count


def convert(plan: Plan, sources: list[SourceTable], pseudonymiser: Pseudonymiser, workdir: Path | None = None,
            sink: Callable[[str, pl.DataFrame, bool], None] | None = None,
            advanced: Callable[[float], None] | None = None) -> Conversion:
    """Convert the sources (read a batch at a time, see SourceTable.batches).

    `workdir` is where candidate rows go between batches (see _Candidates); `sink`, when
    given, takes each finished table (or part of one, with True to add it to the parts before)
    as soon as it is made, and the Conversion then holds only the tables' columns, not their
    rows. `advanced`, when given, is told after each
    batch of a source read in batches how much of the sources' bytes are done (0 to 1).
    """
    total = sum(source.size for source in sources)
    for source in sources:
        check_headers(plan, source)
    from ffb.convert.sources import BATCH_BYTES  # read now: the slice size may be set at run time

    # Spilled rows are merged in a part per four batches of the export (at most 64 parts): a
    # part of a table then takes less memory than a batch of source text.
    candidates = _Candidates(plan, workdir, min(64, -(-total // (4 * BATCH_BYTES))))
    rejects = [_empty_rejects()]
    counts = []
    for index, source in enumerate(sources):
        count = None
        for part in source.batches():
            bad, counted = _gather(plan, part, index, pseudonymiser, candidates)
            rejects += bad
            count = counted if count is None else count + counted
            if source.more is not None:
                # Batch by batch, nothing of one batch is needed by the next.
                candidates.spill()
                pseudonymiser.forget()
                if advanced is not None and total:
                    advanced(sum(s.bytes_read for s in sources) / total)
        counts.append(count)
    if candidates.spilled:
        candidates.spill()  # every row in its part, also those of a source read whole
    all_rejects = pl.concat(rejects).unique(maintain_order=True)
    del rejects
    records_in = dict(candidates.rows)

    # Merge each table by key; reject the records of rows that share a key but disagree, and
    # merge again until no table has such rows left. Rejecting only ever removes rows, and each
    # round rejects at least one more record, so this ends; mostly the first round is the last.
    tables, records_out, rows_written = {}, {}, {}
    while True:
        rejected_rows, rejected_regs = _rejected_sets(all_rejects)
        new = []
        for table in plan.tables:
            records_out[table.name] = rows_written[table.name] = 0
            merged_parts = []
            for number, part in enumerate(candidates.parts_of(table.name)):
                frame = _anti(candidates.load(table.name, part), rejected_rows, rejected_regs)
                candidates.keep(table.name, frame)
                records_out[table.name] += frame.height
                merged, conflicts = _merge(frame, table)
                del frame
                new.append(conflicts)
                rows_written[table.name] += merged.height
                if sink is not None:
                    # Written again if a later round rejects more; a part after the first is added.
                    sink(table.name, merged, number > 0)
                    merged = merged.clear()
                merged_parts.append(merged)
                del merged
            tables[table.name] = pl.concat(merged_parts) if len(merged_parts) > 1 else merged_parts[0]
            del merged_parts
        found = pl.concat(new)
        if not found.height:
            break
        all_rejects = pl.concat([all_rejects, found]).unique(maintain_order=True)
    report = _accounting(plan, sources, counts, records_in, records_out, rows_written, all_rejects)
    return Conversion(tables, all_rejects, report, set(tables) if sink is not None else set())


@dataclass
class _SourceCount:
    """What the accounting needs of a source once its text is let go."""

    rows: int
    filled: pl.DataFrame | None  # (SRC, ROW, REG) of every filled registration

    def __add__(self, other: _SourceCount) -> _SourceCount:
        filled = None if self.filled is None else pl.concat([self.filled, other.filled])
        return _SourceCount(self.rows + other.rows, filled)


def _source_count(plan: Plan, source: SourceTable, index: int) -> _SourceCount:
    filled = None
    if plan.registration_numbers:
        headers = _Headers(source.header)
        filled = pl.concat([
            source.frame.filter(registration_filled(plan, headers, n)).select(
                pl.lit(index, pl.Int64).alias(SRC), ROW, pl.lit(n, pl.Int64).alias(REG))
            for n in plan.registration_numbers
        ])
    return _SourceCount(source.frame.height, filled)


def _accounting(plan, sources, counts: list[_SourceCount], records_in: dict[str, int], records_out: dict[str, int],
                rows_written: dict[str, int], rejects) -> dict:
    rejected_rows, rejected_regs = _rejected_sets(rejects)
    per_source = []
    for index, source in enumerate(sources):
        rows_in = counts[index].rows
        rows_rejected = rejected_rows.filter(pl.col(SRC) == index).height
        entry = {
            "source": source.source,
            "sheet": source.sheet,
            "records_in": rows_in,
            "records_out": rows_in - rows_rejected,
            "records_rejected": rows_rejected,
            "blank_rows_skipped": source.blank_rows,
        }
        filled = counts[index].filled
        if filled is not None:
            lost = filled.join(rejected_rows, on=[SRC, ROW], how="semi").height
            lost += filled.join(rejected_rows, on=[SRC, ROW], how="anti").join(rejected_regs, on=RECORD, how="semi").height
            entry["registrations"] = {
                "records_in": filled.height,
                "records_out": filled.height - lost,
                "records_rejected": lost,
            }
        used = _used_headers(plan, source)
        entry["columns_used"] = [h for h in source.header if h in used]
        entry["columns_not_used"] = [h for h in source.header if h not in used]
        entry["notes"] = source.notes
        per_source.append(entry)
    per_table = {}
    for table in plan.tables:
        came, kept = records_in[table.name], records_out[table.name]
        per_table[table.name] = {
            "records_in": came,
            "records_out": kept,
            "records_rejected": came - kept,
            "rows_written": rows_written[table.name],
            "merged_duplicates": kept - rows_written[table.name],
        }
    return {"sources": per_source, "tables": per_table}


def _used_headers(plan: Plan, source: SourceTable) -> set[str]:
    headers = _Headers(source.header)
    used = set()
    for table in plan.tables:
        if not reads(table, source):
            continue
        for n in _numbers(table, plan):
            for column in table.columns:
                if column.kind == "value":
                    continue
                for template in column.headers:
                    if (name := headers.find(template, n)) is not None:
                        used.add(name)
            for template in table.when:
                if (name := headers.find(template, n)) is not None:
                    used.add(name)
    return used


def word_rejects(rejects: pl.DataFrame, sources: list[SourceTable], plan: Plan, lang: str) -> pl.DataFrame:
    """The rejects as the user reads them: source, sheet, row, registration, column, value,
    code and reason, every CPR-shaped number masked."""
    numbers = plan.profile.numbers
    formats = ", ".join(plan.profile.dates + ["yyyy-mm-dd"])
    worded = {}
    for full in rejects["code"].unique().to_list():
        code, enum, table = full.split("|")
        worded[full] = (code, REASONS[code][lang].format(
            enum=enum, table=table, formats=formats, decimal=numbers.decimal, thousands=numbers.thousands
        ))
    names = pl.DataFrame(
        {SRC: list(range(len(sources))), "source": [s.source for s in sources], "sheet": [s.sheet for s in sources]},
        schema={SRC: pl.Int64, "source": pl.String, "sheet": pl.String},
    )
    return (
        rejects.join(names, on=SRC, how="left")
        .sort([SRC, ROW, REG], nulls_last=False, maintain_order=True)
        .select(
            "source", "sheet", pl.col(ROW).alias("row"), pl.col(REG).alias("registration"), "column",
            mask_expr(pl.col("value")).alias("value"),
            pl.col("code").replace_strict({k: v[0] for k, v in worded.items()}, default=None, return_dtype=pl.String).alias("code"),
            pl.col("code").replace_strict({k: v[1] for k, v in worded.items()}, default=None, return_dtype=pl.String).alias("reason"),
        )
    )

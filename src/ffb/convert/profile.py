"""A conversion profile: the declarative description of one system's export.

A profile is a YAML file (see converters/*.yaml and docs/write-a-profile.md). It is checked
against the models below, which forbid unknown keys, so a misspelt key is an error that names
the file, the line and the key. Whether the tables, columns and codes it names exist is
checked against the contract when the profile is compiled (ffb.convert.plan).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ffb.paths import project_root

PROFILE_SUFFIXES = (".yaml", ".yml")
DATE_TOKENS = {"yyyy": "%Y", "yy": "%y", "mm": "%m", "m": "%m", "dd": "%d", "d": "%d"}


class ProfileError(Exception):
    """A profile that cannot be used; the message names the file, line and key."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Headers = Annotated[list[str], Field(min_length=1)]


class Read(Strict):
    """How the export is laid out on disk."""

    format: Literal["csv", "xlsx", "fhir"]
    # xlsx: the sheet that holds the data (default: the first sheet) and sheets known to hold
    # no data, such as notes; any other sheet is reported, not silently skipped.
    sheet: str | None = None
    other_sheets: list[str] = []
    header_row: int = Field(1, ge=1, le=100)
    # csv: "auto" decides from the bytes (UTF-8 or Windows-1252; `,`, `;` or tab).
    encoding: Literal["auto", "utf-8", "cp1252"] = "auto"
    delimiter: Literal["auto", ",", ";", "\t"] = "auto"


class Numbers(Strict):
    decimal: Literal[",", "."] = ","
    thousands: Literal[".", ",", " ", ""] = "."

    @model_validator(mode="after")
    def _distinct(self) -> Numbers:
        if self.decimal == self.thousands:
            raise ValueError("decimal and thousands separators must differ")
        return self


class Repeat(Strict):
    """Registrations side by side: headers holding `{n}` exist once per number in `numbers`."""

    numbers: Annotated[list[int], Field(min_length=1)]


class Column(Strict):
    """Where one canonical column gets its value. Exactly one of from, key and value."""

    # The source column (its header; several names when exports differ in wording).
    from_: Headers | None = Field(None, alias="from")
    # A key made from these source columns with the keyed hash; `{n}` is the registration
    # number and `{row}` the source row.
    key: Headers | None = None
    value: str | int | float | bool | None = None
    prefix: str = ""
    # From a CPR number: the pseudonym (keyed hash), the birth year or the legal sex;
    # from a date: its year (a price year from the registration date).
    derive: Literal["pseudonym", "birth_year", "sex", "year"] | None = None
    # The unit the source states the quantity in; the contract's unit is the target.
    unit: Literal["per_day", "per_week", "per_month", "per_year"] | None = None
    # Extra labels for this column only (label → code or Danish title of the code).
    codes: dict[str, str] = {}
    # A named crosswalk from the profile's crosswalks section.
    crosswalk: str | None = None
    # The header may be absent from the file (the column is then empty).
    optional: bool = False

    @field_validator("from_", "key", mode="before")
    @classmethod
    def _one_or_more(cls, value):
        return [value] if isinstance(value, str) else value

    @field_validator("codes", mode="before")
    @classmethod
    def _labels_as_text(cls, value):
        if isinstance(value, dict):
            return {_text(k): _text(v) for k, v in value.items()}
        return value

    @model_validator(mode="after")
    def _one_source(self) -> Column:
        given = [name for name, v in (("from", self.from_), ("key", self.key), ("value", self.value)) if v is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of from, key, value (got {', '.join(given) or 'none'})")
        if self.derive and self.from_ is None:
            raise ValueError("derive needs from: the column holding the CPR number or date")
        if self.prefix and self.key is None:
            raise ValueError("prefix is only for key")
        return self


class Table(Strict):
    """How one canonical table is filled."""

    per: Literal["row", "registration"] = "row"
    # xlsx: the sheet this table is read from (default: read.sheet).
    sheet: str | None = None
    # Emit a row only where one of these source columns is filled (default: every record).
    when: list[str] = []
    # Every contract column not listed under columns comes from the source column of the same
    # name or Danish title, when the source has it (a template that follows the contract).
    by_name: bool = False
    columns: dict[str, Column | str | int | float | bool] = {}

    @model_validator(mode="after")
    def _some_columns(self) -> Table:
        if not self.columns and not self.by_name:
            raise ValueError("give columns, or by_name: true")
        return self

    @field_validator("columns", mode="before")
    @classmethod
    def _shorthand(cls, value):
        # `column: Header` is short for `column: {from: Header}`.
        if isinstance(value, dict):
            return {k: ({"from": v} if isinstance(v, str) else v) for k, v in value.items()}
        return value


class Booleans(Strict):
    yes: list[str] = []
    no: list[str] = []

    @field_validator("yes", "no", mode="before")
    @classmethod
    def _as_text(cls, value):
        return [_text(v) for v in value] if isinstance(value, list) else value


class Profile(Strict):
    profile: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    title: str
    description: str = ""
    read: Read
    numbers: Numbers = Numbers()
    # Date formats tried in order (dd-mm-yyyy, dd.mm.yyyy, d/m-yy, excel …); ISO dates always pass.
    dates: list[str] = ["dd-mm-yyyy", "dd.mm.yyyy"]
    booleans: Booleans = Booleans()
    # Named crosswalks: label → code or Danish title, reused by several columns.
    crosswalks: dict[str, dict[str, str]] = {}
    repeat: Repeat | None = None
    # KOMBIT STS organisation UUIDs of municipalities (for FHIR): municipality code → UUID.
    organisations: dict[str, str] = {}
    tables: dict[str, Table] = {}

    @field_validator("crosswalks", mode="before")
    @classmethod
    def _labels_as_text(cls, value):
        if isinstance(value, dict):
            return {
                name: ({_text(k): _text(v) for k, v in labels.items()} if isinstance(labels, dict) else labels)
                for name, labels in value.items()
            }
        return value

    @field_validator("dates")
    @classmethod
    def _known_date_formats(cls, value: list[str]) -> list[str]:
        for pattern in value:
            date_format(pattern)
        return value

    @model_validator(mode="after")
    def _crosswalks_exist(self) -> Profile:
        for table_name, table in self.tables.items():
            for column_name, column in table.columns.items():
                if isinstance(column, Column) and column.crosswalk and column.crosswalk not in self.crosswalks:
                    raise ValueError(
                        f"tables.{table_name}.columns.{column_name}: crosswalk {column.crosswalk!r} is not "
                        f"in crosswalks ({', '.join(self.crosswalks) or 'none defined'})"
                    )
            if table.per == "registration" and self.repeat is None:
                raise ValueError(f"tables.{table_name}: per: registration needs a repeat section")
        if self.read.format != "fhir" and not self.tables:
            raise ValueError("tables: a csv or xlsx profile must fill at least one table")
        return self

    def column(self, table: str, name: str) -> Column:
        spec = self.tables[table].columns[name]
        return spec if isinstance(spec, Column) else Column(value=spec)


def _text(value) -> str:
    """A YAML scalar as the text it stands for (`3.5` and `"3.5"` are the same label)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def date_format(pattern: str) -> str:
    """The strptime format of a profile's date pattern (`dd-mm-yyyy`), or `excel`."""
    if pattern == "excel":
        return pattern
    out, rest = "", pattern
    while rest:
        for token in ("yyyy", "yy", "dd", "mm", "d", "m"):
            if rest.startswith(token):
                out += DATE_TOKENS[token]
                rest = rest[len(token):]
                break
        else:
            if rest[0].isalnum():
                raise ValueError(f"date format {pattern!r}: use d, dd, m, mm, yy, yyyy and separators, or excel")
            out += rest[0]
            rest = rest[1:]
    if not ("%d" in out and "%m" in out and ("%Y" in out or "%y" in out)):
        raise ValueError(f"date format {pattern!r} needs a day, a month and a year")
    return out


# --- loading --------------------------------------------------------------------------------


def shipped_profiles() -> dict[str, Path]:
    """The profiles shipped in converters/, by name."""
    folder = project_root() / "converters"
    return {path.stem: path for path in sorted(folder.glob("*.yaml"))}


def resolve(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.suffix in PROFILE_SUFFIXES or path.exists():
        if not path.is_file():
            raise ProfileError(f"{name_or_path}: no such profile file")
        return path
    shipped = shipped_profiles()
    if name_or_path not in shipped:
        raise ProfileError(
            f"{name_or_path}: no shipped profile of that name (shipped: {', '.join(shipped)}); "
            "give a profile file ending in .yaml to use your own"
        )
    return shipped[name_or_path]


def load_profile(name_or_path: str | Path) -> tuple[Profile, Path]:
    """Read and check a profile; ProfileError names file, line and key of the first problems."""
    path = resolve(str(name_or_path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProfileError(f"{path}: cannot be read ({error})") from error
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ProfileError(f"{where}: not valid YAML ({getattr(error, 'problem', error)})") from error
    if not isinstance(data, dict):
        raise ProfileError(f"{path}:1: a profile is a mapping of keys (profile, title, read, tables …)")
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        raise ProfileError(_explain(error, node, path)) from error
    return profile, path


def _explain(error: ValidationError, root: yaml.Node, path: Path) -> str:
    lines = []
    for problem in error.errors()[:10]:
        location = [part for part in problem["loc"] if not _is_union_tag(part)]
        line = _line_of(root, location)
        key = ".".join(str(part) for part in location) or "(top)"
        message = problem["msg"]
        if problem["type"] == "extra_forbidden":
            message = f"unknown key {location[-1]!r}"
        elif problem["type"] == "missing":
            message = "required key is missing"
        lines.append(f"{path}:{line}: {key}: {message}")
    return "\n".join(lines)


def _is_union_tag(part) -> bool:
    # pydantic names the union member it tried (`Column`, `str`, `int` …) inside the location.
    return isinstance(part, str) and (part in {"Column", "str", "int", "float", "bool"} or part.startswith("function-"))


def _line_of(node: yaml.Node | None, location: list) -> int:
    """The 1-based line of the deepest node the location reaches."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in location:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if match is None:
                break
            key, node = match
            line = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line

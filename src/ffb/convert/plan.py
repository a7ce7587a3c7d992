"""Compile a profile against the contract: what each canonical column is made of.

Compiling is where a profile meets the contract: every table, column and code it names must
exist there, and the column's type in the contract decides how the source text is read
(dates, numbers, yes/no, codes through a crosswalk). Nothing about the target columns is
written down here; it all comes from the compiled contract, so the converter follows the
contract when columns are added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ffb.contract.codes import load_contract
from ffb.convert.crosswalk import Crosswalk, CrosswalkError, boolean_labels, default_crosswalk, resolve_code
from ffb.convert.normalise import normal
from ffb.convert.parsing import target_rate
from ffb.convert.profile import Column, Profile, ProfileError, date_format

# Columns a converter never fills: the clear CPR number is replaced by the pseudonym in `id`.
NEVER_WRITTEN = {("citizens", "cpr")}
REGISTRATION = "{n}"
PREVIOUS = "{n-1}"
ROW_NUMBER = "{row}"
TOKENS = (REGISTRATION, PREVIOUS, ROW_NUMBER)


@dataclass
class ColumnPlan:
    name: str
    kind: str  # from, key, value
    type: str  # contract type: string, integer, number, date, boolean
    headers: list[str] = field(default_factory=list)
    constant: object = None
    derive: str | None = None
    factor: float = 1.0
    prefix: str = ""
    crosswalk: Crosswalk | None = None
    optional: bool = False
    enum: str | None = None

    @property
    def hashed(self) -> bool:
        return self.kind == "key" or self.derive == "pseudonym"


@dataclass
class TablePlan:
    name: str
    per: str
    sheet: str | None
    when: list[str]
    primary_key: list[str]
    columns: list[ColumnPlan]
    contract_columns: list[dict]


@dataclass
class Plan:
    profile: Profile
    tables: list[TablePlan]
    booleans: dict[str, bool]
    date_formats: list[str]
    contract: dict

    @property
    def registration_numbers(self) -> list[int]:
        return self.profile.repeat.numbers if self.profile.repeat else []


def compile_plan(profile: Profile, where: str, contract: dict | None = None) -> Plan:
    """The plan for `profile`; ProfileError names the profile key at fault."""
    contract = contract or load_contract()
    enums = contract["enums"]
    tables = {table["name"]: table for table in contract["tables"]}
    defaults: dict[str, Crosswalk] = {}
    plans = []
    for table_name, spec in profile.tables.items():
        if table_name not in tables:
            raise ProfileError(f"{where}: tables.{table_name}: the contract has no such table ({', '.join(tables)})")
        table = tables[table_name]
        by_name = {column["name"]: column for column in table["columns"]}
        columns = []
        names = list(spec.columns)
        if spec.by_name:
            names += [c["name"] for c in table["columns"] if c["name"] not in spec.columns
                      and (table_name, c["name"]) not in NEVER_WRITTEN]
        for column_name in names:
            key = f"tables.{table_name}.columns.{column_name}"
            if column_name not in by_name:
                raise ProfileError(
                    f"{where}: {key}: {table_name} has no column {column_name!r} ({', '.join(by_name)})"
                )
            if (table_name, column_name) in NEVER_WRITTEN:
                raise ProfileError(
                    f"{where}: {key}: a converter never writes the clear CPR number; map it to "
                    "citizens.id with derive: pseudonym"
                )
            if column_name in spec.columns:
                column = profile.column(table_name, column_name)
            else:
                column = Column(**{"from": [column_name, by_name[column_name]["title"]], "optional": True})
            try:
                columns.append(_column_plan(column, by_name[column_name], profile, enums, defaults, f"{where}: {key}"))
            except CrosswalkError as error:
                raise ProfileError(str(error)) from error
        missing_keys = [k for k in table["primary_key"] if k not in names]
        if missing_keys:
            raise ProfileError(
                f"{where}: tables.{table_name}: the key column(s) {', '.join(missing_keys)} must be filled"
            )
        sheet = spec.sheet or profile.read.sheet
        plans.append(TablePlan(table_name, spec.per, sheet, spec.when, table["primary_key"], columns, table["columns"]))
    return Plan(
        profile,
        plans,
        boolean_labels(profile.booleans.yes, profile.booleans.no),
        [date_format(p) for p in profile.dates],
        contract,
    )


def _column_plan(
    column: Column, contract_column: dict, profile: Profile, enums: dict, defaults: dict, where: str
) -> ColumnPlan:
    kind = "from" if column.from_ is not None else "key" if column.key is not None else "value"
    ctype = contract_column["type"]
    enum = contract_column.get("enum")
    plan = ColumnPlan(
        contract_column["name"], kind, ctype, list(column.from_ or column.key or []),
        derive=column.derive, prefix=column.prefix, optional=column.optional, enum=enum,
    )
    if column.derive in ("birth_year", "year") and ctype != "integer" or column.derive == "sex" and enum != "SexEnum":
        raise ProfileError(f"{where}: derive: {column.derive} does not fit a column of type {enum or ctype}")
    if column.derive == "pseudonym" and (ctype != "string" or enum):
        raise ProfileError(f"{where}: derive: pseudonym fits only an id column")
    if kind == "key" and ctype != "string":
        raise ProfileError(f"{where}: key fits only an id column")
    if enum and column.derive != "sex":
        if enum not in defaults:
            defaults[enum] = default_crosswalk(enum, enums)
        crosswalk = defaults[enum]
        if column.crosswalk:
            crosswalk = crosswalk.with_labels(profile.crosswalks[column.crosswalk], enums, where)
        if column.codes:
            crosswalk = crosswalk.with_labels(column.codes, enums, where)
        plan.crosswalk = crosswalk
    elif column.codes or column.crosswalk:
        raise ProfileError(f"{where}: codes and crosswalk are for coded columns; {plan.name} is {ctype}")
    if column.unit:
        rate = target_rate(contract_column)
        if rate is None or ctype != "number":
            raise ProfileError(f"{where}: unit: {plan.name} is not an amount per time")
        from ffb.convert.parsing import rate_factor

        quantity = "hours" if "hour" in plan.name or "timer" in contract_column.get("unit", {}).get("symbol", "") else "amount"
        plan.factor = rate_factor(column.unit, rate, quantity)
    if kind == "value":
        plan.constant = _constant(column.value, plan, enums, profile, where)
    return plan


def _constant(value: object, plan: ColumnPlan, enums: dict, profile: Profile, where: str) -> object:
    text = str(value)
    if plan.enum:
        labels = plan.crosswalk.labels if plan.crosswalk else {}
        code = labels.get(normal(text))
        return code if code is not None else resolve_code(plan.enum, text, enums, where)
    if plan.type == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError as error:
            raise ProfileError(f"{where}: value: write a constant date as YYYY-MM-DD") from error
    if plan.type == "integer":
        if isinstance(value, bool) or not str(value).lstrip("-").isdigit():
            raise ProfileError(f"{where}: value: {value!r} is not a whole number")
        return int(value)
    if plan.type == "number":
        try:
            return float(value)
        except (TypeError, ValueError) as error:
            raise ProfileError(f"{where}: value: {value!r} is not a number") from error
    if plan.type == "boolean":
        if isinstance(value, bool):
            return value
        raise ProfileError(f"{where}: value: write true or false")
    return text

"""Read KL's FFB reporting Bundles into canonical rows.

FHIR resources are nested documents, so each Bundle is walked as a dictionary (a Bundle is
one citizen and a few dozen resources). Resources are plain dicts checked for the elements
the guide makes mandatory; `fhir.resources` was not used: its current releases model R5 and
R4B, not the R4 (4.0.1) the guide is written in, and validating every resource as a pydantic
model costs more than the conversion itself.

A record is one Bundle: every value in it converts, or the whole Bundle is rejected with
one line per problem, located by its FHIR path (`Bundle.entry[3].resource.severity`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ffb.fhir import guide
from ffb.read.model import CannotRun
from ffb.report.masking import CPR_SHAPE

_CPR = re.compile(rf"^{CPR_SHAPE}$")


@dataclass
class BundleSource:
    source: str
    row: int  # 1 for a single Bundle file, the line for NDJSON
    bundle: dict | None
    # With `lenient` reading: why this line or file gave no Bundle (not_json, not_a_bundle).
    problem: Problem | None = None


def iter_bundles(path: Path, lenient: str | None = None) -> Iterator[BundleSource]:
    """The Bundles in a file (one Bundle, or NDJSON with one per line) or a folder of them.

    Strict, text that is no Bundle stops the run (CannotRun). With `lenient="lines"` an NDJSON
    line that is no Bundle comes as a BundleSource with its problem and the lines after it are
    still read (a whole file that is no Bundle still stops the run); with `lenient="all"` a
    whole file does too."""
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.suffix in (".json", ".ndjson") and child.is_file():
                yield from iter_bundles(child, lenient)
        return
    if not path.is_file():
        raise CannotRun(f"{path}: no such file or folder")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CannotRun(f"{path}: cannot be read as UTF-8 text") from error
    stripped = text.lstrip()
    if path.suffix == ".ndjson" or (stripped.startswith("{") and "\n{" in stripped.rstrip()):
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield _source(str(path), number, line, f"{path}:{number}", lenient is not None)
        return
    yield _source(str(path), 1, text, str(path), lenient == "all")


def _source(source: str, row: int, text: str, where: str, lenient: bool) -> BundleSource:
    if not lenient:
        return BundleSource(source, row, _parse(text, where))
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        return BundleSource(source, row, None, Problem("Bundle", str(getattr(error, "msg", error))[:80], "not_json"))
    kind = document.get("resourceType") if isinstance(document, dict) else type(document).__name__
    if kind != "Bundle":
        return BundleSource(source, row, None, Problem("Bundle", repr(kind)[:80], "not_a_bundle"))
    return BundleSource(source, row, document)


def _parse(text: str, where: str) -> dict:
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise CannotRun(f"{where}: not JSON ({getattr(error, 'msg', error)})") from error
    if not isinstance(document, dict) or document.get("resourceType") != "Bundle":
        raise CannotRun(f"{where}: not a FHIR Bundle (resourceType is {document.get('resourceType')!r})"
                        if isinstance(document, dict) else f"{where}: not a FHIR Bundle")
    return document


@dataclass
class Problem:
    path: str
    value: str
    code: str


@dataclass
class BundleRows:
    """The canonical rows one Bundle gives, or the problems that reject it."""

    tables: dict[str, list[dict]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    cpr: str | None = None  # the CPR digits, pseudonymised by the caller

    def add(self, table: str, at: str, resource: dict, row: dict) -> None:
        """A row of `table` from the resource at `at` (`Bundle.entry[3].resource`)."""
        row["_at"], row["_resource"] = at, f"{resource.get('resourceType')}/{resource.get('id')}"
        self.tables.setdefault(table, []).append(row)


def _code(concept: dict | None, system: str | None = None) -> str | None:
    for coding in (concept or {}).get("coding", []):
        if system is None or coding.get("system") == system:
            return coding.get("code")
    return None


def _date(value: str | None) -> str | None:
    return value[:10] if isinstance(value, str) and len(value) >= 10 else None


def _ref(reference: dict | None) -> str | None:
    ref = (reference or {}).get("reference")
    return ref.split("/")[-1] if isinstance(ref, str) else None


def _extension(resource: dict, name: str) -> dict | None:
    for extension in resource.get("extension", []):
        if str(extension.get("url", "")).lower().endswith(name.lower()):
            return extension
    return None


def _rank(reference: dict) -> int | None:
    extension = _extension(reference, "conditionRank")
    return extension.get("valuePositiveInt") if extension else None


def _case_number(resource: dict) -> str | None:
    extension = _extension(resource, "municipalityCaseNumber")
    if not extension:
        return None
    for inner in extension.get("extension", []):
        value = (inner.get("valueIdentifier") or {}).get("value")
        if value:
            return value
    return (extension.get("valueIdentifier") or {}).get("value")


def bundle_rows(bundle: dict, enums: dict, organisations: dict[str, str], legal_basis: dict[str, str],
                strict: bool = True) -> BundleRows:
    """`_bundle_rows`, but a Bundle whose elements are not of the kinds FHIR gives them (an
    entry that is a number, an identifier that is text) is one problem, not a crash."""
    try:
        return _bundle_rows(bundle, enums, organisations, legal_basis, strict)
    except (AttributeError, TypeError, KeyError, IndexError, ValueError) as error:
        shaped = BundleRows()
        shaped.problems.append(Problem("Bundle", type(error).__name__, "not_shaped"))
        return shaped


def _bundle_rows(bundle: dict, enums: dict, organisations: dict[str, str], legal_basis: dict[str, str],
                 strict: bool = True) -> BundleRows:
    """The canonical rows of one Bundle. `organisations` maps STS UUIDs to municipality codes,
    `legal_basis` FFB service codes to a section of law.

    Strict (converting): a code outside its list, a text that is no date or a missing element
    is a problem that rejects the Bundle. Not strict (validating): such values are kept as they
    are, for the validator's field rules to report at their place; only what leaves no row to
    check (no single citizen, no CPR number, an unknown organisation) is a problem."""
    out = BundleRows()
    entries = [(i, e.get("resource") or {}) for i, e in enumerate(bundle.get("entry", []))]
    where = {r.get("id"): f"Bundle.entry[{i}].resource" for i, r in entries}
    by_id = {r.get("id"): r for _, r in entries}

    def check(value: str | None, enum: str, path: str) -> str | None:
        if value is None:
            return None
        if value not in enums[enum]["values"]:
            if not strict:
                return value
            out.problems.append(Problem(path, value, "unmapped_code"))
            return None
        return value

    def need(value, path: str, code: str = "missing_element"):
        if value in (None, "") and strict:
            out.problems.append(Problem(path, "", code))
        return value

    def day(value, path: str, required: bool = False) -> str | None:
        """The date part of a FHIR date or dateTime; a text that is no date is a problem."""
        if value in (None, ""):
            return need(None, path) if required else None
        text = _date(value)
        try:
            dt.date.fromisoformat(text or "")
        except ValueError:
            if not strict:
                return str(value)
            out.problems.append(Problem(path, str(value)[:40], "not_a_date"))
            return None
        return text

    patients = [(i, r) for i, r in entries if r.get("resourceType") == "Patient"]
    if len(patients) != 1:
        out.problems.append(Problem("Bundle.entry", str(len(patients)), "not_one_citizen"))
        return out
    index, patient = patients[0]
    base = f"Bundle.entry[{index}].resource"
    cpr = next((i.get("value") for i in patient.get("identifier", []) if i.get("system") == guide.CPR_SYSTEM), None)
    digits = (cpr or "").replace("-", "")
    if not _CPR.match(cpr or ""):
        out.problems.append(Problem(f"{base}.identifier", f"({len(cpr or '')} tegn)", "not_a_cpr"))
        return out
    out.cpr = digits
    organisation = ((patient.get("managingOrganization") or {}).get("identifier") or {}).get("value")
    municipality = organisations.get(str(organisation).lower()) if organisation else None
    if municipality is None:
        out.problems.append(Problem(f"{base}.managingOrganization.identifier", str(organisation or ""), "unknown_organisation"))
    out.add("citizens", base, patient, {"_cpr": digits, "municipality_code": municipality})

    plans = [(i, r) for i, r in entries if r.get("resourceType") == "CarePlan"]
    cases = [(i, r) for i, r in plans if not r.get("basedOn")]
    case_by_number = {_case_number(r): r.get("id") for _, r in cases}
    for i, plan in cases:
        path = f"Bundle.entry[{i}].resource"
        period = plan.get("period") or {}
        out.add("cases", path, plan, {
            "id": need(plan.get("id"), f"{path}.id"), "_cpr": digits, "municipality_code": municipality,
            "case_number": _case_number(plan), "opened_date": day(period.get("start"), f"{path}.period.start", True),
            "closed_date": day(period.get("end"), f"{path}.period.end"),
        })
        for j, target in enumerate(plan.get("addresses", [])):
            group = by_id.get(_ref(target)) or {}
            gpath = where.get(_ref(target), f"{path}.addresses[{j}]")
            out.add("case_target_groups", gpath, group or plan, {
                "case_id": plan.get("id"),
                "target_group": check(need(_code(group.get("code"), guide.FFB_SYSTEM), f"{gpath}.code"),
                                      "TargetGroupEnum", f"{gpath}.code"),
                "rank": _rank(target) or 2, "recorded_date": day(group.get("recordedDate"), f"{gpath}.recordedDate"),
            })

    def case_of(service_request_id: str | None) -> str | None:
        request = by_id.get(service_request_id) or {}
        number = _case_number(request)
        if number in case_by_number:
            return case_by_number[number]
        return cases[0][1].get("id") if len(cases) == 1 else None

    assessment_of_condition: dict[str, str] = {}
    impressions = [(i, r) for i, r in entries if r.get("resourceType") == "ClinicalImpression"]
    for i, impression in impressions:
        path = f"Bundle.entry[{i}].resource"
        based_on = _extension(impression, "basedOnServiceRequest")
        case_id = case_of(_ref((based_on or {}).get("valueReference")))
        evaluation_id = next((_ref(item) for inv in impression.get("investigation", []) for item in inv.get("item", [])), None)
        evaluation = by_id.get(evaluation_id) or {}
        for finding in impression.get("finding", []):
            condition_id = _ref(finding.get("itemReference"))
            if condition_id:
                assessment_of_condition.setdefault(condition_id, impression.get("id"))
        out.add("assessments", path, impression, {
            "id": impression.get("id"), "case_id": need(case_id, f"{path}.extension", "unplaced"),
            "assessment_date": day(impression.get("effectiveDateTime"), f"{path}.effectiveDateTime", True),
            "support_need_level": check(_code(evaluation.get("valueCodeableConcept")), "SupportNeedLevelEnum",
                                        f"{where.get(evaluation_id, path)}.valueCodeableConcept"),
        })

    for i, condition in entries:
        if condition.get("resourceType") != "Condition":
            continue
        code = _code(condition.get("code"), guide.FFB_SYSTEM)
        if code in enums["TargetGroupEnum"]["values"]:
            continue  # a target group, read with its care plan
        path = f"Bundle.entry[{i}].resource"
        out.add("conditions", path, condition, {
            "id": condition.get("id"),
            "assessment_id": need(assessment_of_condition.get(condition.get("id")), f"{path}", "unplaced"),
            "condition": check(need(code, f"{path}.code"), "ConditionEnum", f"{path}.code"),
            "function_level": check(_code(condition.get("severity")), "FunctionLevelEnum", f"{path}.severity"),
        })

    for i, goal in entries:
        if goal.get("resourceType") != "Goal":
            continue
        path = f"Bundle.entry[{i}].resource"
        targets = {_code(t.get("measure")): t for t in goal.get("target", [])}
        primary = next((_ref(a) for a in goal.get("addresses", []) if _rank(a) == 1), None)
        out.add("goals", path, goal, {
            "id": goal.get("id"), "assessment_id": need(assessment_of_condition.get(primary), f"{path}.addresses", "unplaced"),
            "goal_type": check(_code((targets.get(guide.MEASURE_TYPE) or {}).get("detailCodeableConcept")),
                               "GoalTypeEnum", f"{path}.target"),
            "target_function_level": check(_code((targets.get(guide.MEASURE_LEVEL) or {}).get("detailCodeableConcept")),
                                           "FunctionLevelEnum", f"{path}.target"),
            "goal_level": "indsatsmaal" if _code(goal.get("category", [{}])[0] if goal.get("category") else None) == guide.GOAL_CATEGORY else None,
            "set_date": day(goal.get("startDate"), f"{path}.startDate"),
            "expected_date": day(((goal.get("target") or [{}])[0]).get("dueDate"), f"{path}.target[0].dueDate"),
        })
        for j, address in enumerate(goal.get("addresses", [])):
            out.add("goal_conditions", path, goal, {"goal_id": goal.get("id"), "condition_id": _ref(address),
                                        "rank": need(_rank(address), f"{path}.addresses[{j}].extension")})

    teams = {r.get("id"): _code(r.get("category", [{}])[0] if r.get("category") else None)
             for _, r in entries if r.get("resourceType") == "CareTeam"}
    offer_of_case = {
        r.get("id"): next((teams.get(_ref(t)) for t in r.get("careTeam", []) if teams.get(_ref(t))), None)
        for _, r in cases
    }
    cases_with_own_offers = {
        _ref(plan["basedOn"][0]) for _, plan in plans
        if plan.get("basedOn") and any(teams.get(_ref(t)) for t in plan.get("careTeam", []))
    }
    for i, plan in plans:
        if not plan.get("basedOn"):
            continue
        path = f"Bundle.entry[{i}].resource"
        case_id = _ref(plan["basedOn"][0])
        period = plan.get("period") or {}
        detail = ((plan.get("activity") or [{}])[0]).get("detail") or {}
        service = check(need(_code(detail.get("code"), guide.FFB_SYSTEM), f"{path}.activity[0].detail.code"),
                        "ServiceEnum", f"{path}.activity[0].detail.code")
        # The service's own CareTeam names its offer. When no service of the case names one,
        # the case's CareTeam is the offer of them all; when some do, one that does not has none.
        own = next((teams.get(_ref(t)) for t in plan.get("careTeam", []) if teams.get(_ref(t))), None)
        inherited = offer_of_case.get(case_id) if case_id not in cases_with_own_offers else None
        out.add("interventions", path, plan, {
            "id": plan.get("id"), "case_id": case_id, "service": service,
            "legal_basis": legal_basis.get(service) if service else None,
            "offer_type": check(own or inherited, "OfferTypeEnum",
                                f"{path}.careTeam" if own else f"{path}.basedOn"),
            "start_date": day(period.get("start"), f"{path}.period.start", True),
            "end_date": day(period.get("end"), f"{path}.period.end"),
        })

    dates_of_case: dict[str, list[tuple[str, str]]] = {}
    for row in out.tables.get("assessments", []):
        if row["case_id"] and row["assessment_date"]:
            dates_of_case.setdefault(row["case_id"], []).append((row["assessment_date"], row["id"]))
    for values in dates_of_case.values():
        values.sort()
    for row in out.tables.get("assessments", []):
        first = dates_of_case.get(row["case_id"], [(None, None)])[0][1]
        row["kind"] = "visitation" if row["id"] == first else "opfoelgning"
    for i, observation in entries:
        if observation.get("resourceType") != "Observation" or _code(observation.get("code")) != guide.FOLLOW_UP:
            continue
        path = f"Bundle.entry[{i}].resource"
        case_id = next((_ref(f) for f in observation.get("focus", [])), None)
        when = day(observation.get("effectiveDateTime"), f"{path}.effectiveDateTime", True)
        earlier = [a for d, a in dates_of_case.get(case_id, []) if when and d <= when]
        assessment = earlier[-1] if earlier else None
        out.add("follow_ups", path, observation, {
            "id": observation.get("id"), "assessment_id": need(assessment, f"{path}.focus", "unplaced"),
            "follow_up_date": when,
            "intervention_status": check(_code(observation.get("valueCodeableConcept")), "InterventionStatusEnum",
                                         f"{path}.valueCodeableConcept"),
        })
    return out

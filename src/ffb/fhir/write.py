"""Write canonical tables as KL's FFB reporting Bundles, one per citizen.

The Bundle carries what the guide has room for: cases as care plans with their target
groups, assessments with their conditions and support need, goals with their targets and the
conditions they address, granted services and follow-ups. What the guide has no element for
(VUM scores, hours, prices, income basis) stays in the canonical package.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict

from ffb.fhir import guide

NAMESPACE = uuid.UUID("6f1f6a2e-8c1b-4f0e-9a57-0f4b8e3c2d11")


def _id(kind: str, key: str) -> str:
    """A resource id: the canonical id when it is a UUID, else a UUID made from it."""
    try:
        return str(uuid.UUID(key))
    except ValueError:
        return str(uuid.uuid5(NAMESPACE, f"{kind}/{key}"))


def _entry(resource: dict) -> dict:
    return {"fullUrl": f"{resource['resourceType']}/{resource['id']}", "resource": resource}


def _meta(name: str) -> dict:
    return {"profile": [guide.profile_url(name)]}


def _ref(kind: str, resource_id: str) -> dict:
    return {"reference": f"{kind}/{resource_id}"}


def _ranked(kind: str, resource_id: str, rank: int) -> dict:
    return {**_ref(kind, resource_id), "extension": [{"url": guide.EXT_RANK, "valuePositiveInt": int(rank)}]}


def _case_number(number: str | None) -> list[dict]:
    if not number:
        return []
    return [{"url": guide.EXT_CASE_NUMBER, "extension": [
        {"url": "municipalitySpecific", "valueIdentifier": {"use": "usual", "value": number}}]}]


def write_bundles(tables: dict[str, list[dict]], organisations: dict[str, str], timestamp: str | None = None) -> list[dict]:
    """One Bundle per citizen from canonical rows (dicts of text, as the CSV files hold them).
    `organisations` maps municipality codes to KOMBIT STS organisation UUIDs."""
    timestamp = timestamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    by = defaultdict(lambda: defaultdict(list))
    for table, column in [("cases", "citizen_id"), ("case_target_groups", "case_id"), ("assessments", "case_id"),
                          ("conditions", "assessment_id"), ("goals", "assessment_id"), ("goal_conditions", "goal_id"),
                          ("interventions", "case_id"), ("follow_ups", "assessment_id")]:
        for row in tables.get(table, []):
            by[table][row.get(column)].append(row)
    bundles = []
    for citizen in tables.get("citizens", []):
        bundles.append(_bundle(citizen, by, organisations, timestamp))
    return bundles


def _bundle(citizen: dict, by, organisations: dict[str, str], timestamp: str) -> dict:
    patient_id = _id("Patient", citizen["id"])
    identifier = (
        {"system": guide.CPR_SYSTEM, "use": "official", "value": citizen["cpr"]} if citizen.get("cpr")
        else {"system": guide.PSEUDONYM_SYSTEM, "use": "secondary", "value": citizen["id"]}
    )
    patient = {"resourceType": "Patient", "id": patient_id, "meta": _meta("citizen"), "identifier": [identifier]}
    organisation = organisations.get(citizen.get("municipality_code") or "")
    if organisation:
        patient["managingOrganization"] = {"identifier": {"system": guide.STS_SYSTEM, "use": "official", "value": organisation}}
    subject = _ref("Patient", patient_id)
    resources = [patient]
    for case in by["cases"][citizen["id"]]:
        resources += _case(case, subject, by)
    return {"resourceType": "Bundle", "meta": _meta("deliveryReport"), "type": "collection",
            "timestamp": timestamp, "entry": [_entry(r) for r in resources]}


def _case(case: dict, subject: dict, by) -> list[dict]:
    out = []
    case_id = _id("CarePlan", case["id"])
    request_id = _id("ServiceRequest", case["id"])
    out.append({"resourceType": "ServiceRequest", "id": request_id, "meta": _meta("serviceRequest"),
                "extension": _case_number(case.get("case_number")), "status": "active", "intent": "proposal",
                "subject": subject})
    addresses, goals, assessments = [], [], by["assessments"][case["id"]]
    for group in by["case_target_groups"][case["id"]]:
        group_id = _id("Condition", f"{case['id']}/{group['target_group']}")
        target = {"resourceType": "Condition", "id": group_id, "meta": _meta("targetGroup"),
                  "code": guide.coding(guide.FFB_SYSTEM, group["target_group"]), "subject": subject}
        if group.get("recorded_date"):
            target["recordedDate"] = group["recorded_date"]
        out.append(target)
        addresses.append(_ranked("Condition", group_id, group.get("rank") or 2))
    for assessment in assessments:
        out += _assessment(assessment, request_id, subject, by, goals)
    period = {"start": case["opened_date"]}
    if case.get("closed_date"):
        period["end"] = case["closed_date"]
    plan = {"resourceType": "CarePlan", "id": case_id, "meta": _meta("carePlan"),
            "extension": _case_number(case.get("case_number")),
            "status": "completed" if case.get("closed_date") else "active", "intent": "order", "subject": subject,
            "period": period, "addresses": addresses, "goal": goals}
    interventions = by["interventions"][case["id"]]
    # The offer a service is delivered in is a CareTeam (ServicePerformer): one per offer type
    # of the case, named by the case's plan (its first offer) and by each service's own plan.
    teams: dict[str, str] = {}
    for intervention in interventions:
        offer = intervention.get("offer_type")
        if offer and offer not in teams:
            teams[offer] = _id("CareTeam", f"{case['id']}/{offer}")
            out.append({"resourceType": "CareTeam", "id": teams[offer], "meta": _meta("servicePerformer"),
                        "category": [guide.coding(guide.FFB_SYSTEM, offer)], "subject": subject})
    if teams:
        plan["careTeam"] = [_ref("CareTeam", next(iter(teams.values())))]
    out.append(plan)
    for intervention in interventions:
        period = {"start": intervention["start_date"]}
        if intervention.get("end_date"):
            period["end"] = intervention["end_date"]
        service_plan = {
            "resourceType": "CarePlan", "id": _id("CarePlan", intervention["id"]), "meta": _meta("intervention"),
            "basedOn": [_ref("CarePlan", case_id)], "status": "active", "intent": "order", "subject": subject,
            "period": period, "created": intervention["start_date"],
            "activity": [{"detail": {"code": guide.coding(guide.FFB_SYSTEM, intervention["service"]),
                                     "status": "in-progress"}}],
        }
        if intervention.get("offer_type"):
            service_plan["careTeam"] = [_ref("CareTeam", teams[intervention["offer_type"]])]
        out.append(service_plan)
    for assessment in assessments:
        for follow_up in by["follow_ups"][assessment["id"]]:
            observation = {"resourceType": "Observation", "id": _id("Observation", follow_up["id"]),
                           "meta": _meta("followUp"), "status": "final",
                           "code": guide.coding(guide.SNOMED, guide.FOLLOW_UP), "subject": subject,
                           "focus": [_ref("CarePlan", case_id)], "effectiveDateTime": follow_up["follow_up_date"]}
            if follow_up.get("intervention_status"):
                observation["valueCodeableConcept"] = guide.coding(guide.FFB_SYSTEM, follow_up["intervention_status"])
            out.append(observation)
    return out


def _assessment(assessment: dict, request_id: str, subject: dict, by, goals: list) -> list[dict]:
    out = []
    impression_id = _id("ClinicalImpression", assessment["id"])
    impression = {"resourceType": "ClinicalImpression", "id": impression_id, "meta": _meta("informationGathering"),
                  "extension": [{"url": guide.EXT_BASED_ON, "valueReference": _ref("ServiceRequest", request_id)}],
                  "status": "completed", "subject": subject, "effectiveDateTime": assessment["assessment_date"],
                  "finding": []}
    condition_ids = {}
    for condition in by["conditions"][assessment["id"]]:
        condition_id = _id("Condition", condition["id"])
        condition_ids[condition["id"]] = condition_id
        resource = {"resourceType": "Condition", "id": condition_id, "meta": _meta("condition"),
                    "clinicalStatus": guide.coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
                    "code": guide.coding(guide.FFB_SYSTEM, condition["condition"]), "subject": subject,
                    "recordedDate": assessment["assessment_date"]}
        if condition.get("function_level"):
            resource["severity"] = guide.coding(guide.FFB_SYSTEM, condition["function_level"])
        out.append(resource)
        impression["finding"].append({"itemReference": _ref("Condition", condition_id)})
    if assessment.get("support_need_level"):
        evaluation_id = _id("Observation", f"{assessment['id']}/support")
        out.append({"resourceType": "Observation", "id": evaluation_id, "meta": _meta("careEvaluation"),
                    "status": "final", "code": guide.coding(guide.CARE_SOCIAL, guide.CARE_EVALUATION),
                    "subject": subject, "effectiveDateTime": assessment["assessment_date"],
                    "valueCodeableConcept": guide.coding(guide.FFB_SYSTEM, assessment["support_need_level"])})
        impression["investigation"] = [{"code": {"text": "støttebehov"}, "item": [_ref("Observation", evaluation_id)]}]
    out.insert(0, impression)
    for goal in by["goals"][assessment["id"]]:
        if not by["goal_conditions"][goal["id"]]:
            # KL's InterventionGoal is an indsatsmål addressing its conditions; the citizen's own
            # wishes, the purpose of an intervention and a delmål under its indsatsmål are not sent.
            continue
        goal_id = _id("Goal", goal["id"])
        targets = []
        if goal.get("target_function_level"):
            targets.append({"measure": guide.coding(guide.CARE_SOCIAL, guide.MEASURE_LEVEL),
                            "detailCodeableConcept": guide.coding(guide.FFB_SYSTEM, goal["target_function_level"])})
        if goal.get("goal_type"):
            targets.append({"measure": guide.coding(guide.CARE_SOCIAL, guide.MEASURE_TYPE),
                            "detailCodeableConcept": guide.coding(guide.FFB_SYSTEM, goal["goal_type"])})
        if goal.get("expected_date") and targets:
            targets[0]["dueDate"] = goal["expected_date"]
        resource = {"resourceType": "Goal", "id": goal_id, "meta": _meta("interventionGoal"),
                    "lifecycleStatus": "active", "category": [guide.coding(guide.CARE_SOCIAL, guide.GOAL_CATEGORY)],
                    "description": guide.coding(guide.SNOMED, guide.GOAL_DESCRIPTION), "subject": subject,
                    "target": targets,
                    "addresses": [_ranked("Condition", condition_ids.get(link["condition_id"], _id("Condition", link["condition_id"])), link["rank"])
                                  for link in by["goal_conditions"][goal["id"]]]}
        if goal.get("set_date"):
            resource["startDate"] = goal["set_date"]
        out.append(resource)
        goals.append(_ref("Goal", goal_id))
    return out

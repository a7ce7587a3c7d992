"""Facts from KL's FFB reporting guide (kl-ffb-reporting 1.0.0, FHIR 4.0.1): URLs, code
systems and the fixed codes that tell resources apart."""

from __future__ import annotations

CANONICAL = "http://fhir.kl.dk/ffbreporting"
PROFILE = CANONICAL + "/StructureDefinition/kl-reporting-ffb-{}"
FFB_SYSTEM = "urn:oid:1.2.208.176.2.22"
CARE_SOCIAL = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
SNOMED = "http://snomed.info/sct"
CPR_SYSTEM = "urn:oid:1.2.208.176.1.2"
STS_SYSTEM = "https://www.kombit.dk/organisation"
# Used instead of the CPR number when canonical data is written back without it (pseudonymised).
PSEUDONYM_SYSTEM = "https://w3id.org/ffb/pseudonym"

EXT_CASE_NUMBER = PROFILE.format("municipalityCaseNumber")
EXT_RANK = PROFILE.format("conditionRank")
EXT_BASED_ON = PROFILE.format("basedOnServiceRequest")

GOAL_CATEGORY = "0bb3daef-538d-45dc-b444-abdbcb63f6bc"  # FFB indsatsmål
GOAL_DESCRIPTION = "410518001"
MEASURE_LEVEL = "66959f77-6e2a-4574-8423-3ff097f8b9fa"  # funktionsevneniveau
MEASURE_TYPE = "90c48f03-f194-4b2f-ad7d-6cba1069ae48"  # måltype
CARE_EVALUATION = "effe55c7-572c-4a99-8fb4-2a9dda2f6572"  # FFB støttebehovsvurdering
FOLLOW_UP = "712744002"


def profile_url(name: str) -> str:
    return PROFILE.format(name)


def coding(system: str, code: str) -> dict:
    return {"coding": [{"system": system, "code": code}]}

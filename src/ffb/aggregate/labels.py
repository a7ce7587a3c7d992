"""Names of the categories the figures show, in Danish and English, in the order they are shown.

Coded values take their Danish names from the compiled contract (FFB's own display names); the
English names are ours. A target group the list below does not translate keeps its Danish name.
"""

from __future__ import annotations

from ffb.contract.codes import load_contract

# English names of contract values, keyed by the Danish title.
ENGLISH = {
    "Ingen nedsat funktionsevne": "No reduced function",
    "Let nedsat funktionsevne": "Slightly reduced function",
    "Moderat nedsat funktionsevne": "Moderately reduced function",
    "Svært nedsat funktionsevne": "Severely reduced function",
    "Fuldstændig nedsat funktionsevne": "Completely reduced function",
    "Ikke vurderet": "Not assessed",
    "Intet støttebehov": "No support need",
    "Let støttebehov": "Slight support need",
    "Moderat støttebehov": "Moderate support need",
    "Højt støttebehov": "High support need",
    "Fuldstændigt støttebehov": "Complete support need",
    "Udvikle funktionsevne": "Develop function",
    "Fastholde funktionsevne": "Maintain function",
    "Begrænse tab af funktionsevne": "Limit loss of function",
    "Opfyldt": "Met",
    "Delvist opfyldt": "Partly met",
    "Ikke opfyldt": "Not met",
    "Egen kommune": "Own municipality",
    "Anden kommune": "Other municipality",
    "Region": "Region",
    "Privat": "Private",
    "Selvejende": "Self-governing",
    "Lønindkomst": "Wages",
    "Førtidspension": "Disability pension",
    "Folkepension": "State pension",
    "Kontanthjælp, jobparat": "Social assistance, job-ready",
    "Kontanthjælp, aktivitetsparat": "Social assistance, activity-ready",
    "Uddannelseshjælp": "Education assistance",
    "Ressourceforløbsydelse": "Resource programme benefit",
    "Fleksjob": "Flex job",
    "Ledighedsydelse": "Flex job unemployment benefit",
    "Sygedagpenge": "Sickness benefit",
    "Arbejdsløshedsdagpenge": "Unemployment benefit",
    "SU": "Student grant (SU)",
    "Andet forsørgelsesgrundlag": "Other income basis",
    "Ukendt": "Unknown",
    "Fysisk funktionsnedsættelse": "Physical disability",
    "Intellektuel/kognitiv forstyrrelse": "Intellectual/cognitive disorder",
    "Psykiske vanskeligheder": "Mental health difficulties",
    "Multipel funktionsnedsættelse": "Multiple disabilities",
    "Sjældent forekommende funktionsnedsættelse": "Rare disability",
    "Psykisk funktionsnedsættelse": "Mental disability",
    "Funktionsnedsættelse": "Disability",
    "Socialt problem": "Social problem",
}

# The target groups the price and hours figures show: every FFB target group is counted under
# the first of these that is the code itself or one of its ancestors (SEP's figure 3.15 splits
# the same way: physical, intellectual/cognitive, mental health, social problems).
TARGET_GROUP_ROLLUP = [
    "Fysisk funktionsnedsættelse",
    "Intellektuel/kognitiv forstyrrelse",
    "Psykiske vanskeligheder",
    "Multipel funktionsnedsættelse",
    "Sjældent forekommende funktionsnedsættelse",
    "Psykisk funktionsnedsættelse",
    "Funktionsnedsættelse",
    "Socialt problem",
]

# Categories the figures derive themselves: code -> (Danish, English), in display order.
DERIVED = {
    "yes_no": {"ja": ("Ja", "Yes"), "nej": ("Nej", "No")},
    "change": {"better": ("Bedre", "Better"), "same": ("Samme", "Same"), "worse": ("Dårligere", "Worse")},
    "age_group": {"under_40": ("Under 40 år", "Under 40"), "40_plus": ("40 år og derover", "40 and over")},
    "movement": {
        "none": ("Ingen ydelse på trappen", "No service on the ladder"),
        "lower": ("Lavere trin", "Lower step"),
        "same": ("Samme trin", "Same step"),
        "higher": ("Højere trin", "Higher step"),
    },
}

DIMENSION_NAMES = {
    "municipality": ("Kommune", "Municipality"),
    "goals_set": ("Mål sat", "Goals set"),
    "goal_type": ("Måltype", "Goal type"),
    "function_level": ("Funktionsevneniveau", "Function level"),
    "from_level": ("Funktionsevneniveau ved første af de to", "Function level at the first of the two"),
    "change": ("Udvikling", "Change"),
    "step": ("Registreringer", "Registrations"),
    "attainment": ("Målopfyldelse", "Goal attainment"),
    "age_group": ("Aldersgruppe", "Age group"),
    "target_group": ("Målgruppe", "Target group"),
    "income_basis": ("Forsørgelsesgrundlag", "Income basis"),
    "support_need": ("Støttebehov", "Support need"),
    "ownership": ("Ejerform", "Ownership"),
    "provider": ("Leverandør", "Provider"),
    "year": ("År t", "Year t"),
    "from_step": ("Trin i år t", "Step in year t"),
    "movement": ("Trin i år t + 2", "Step in year t + 2"),
    "figure": ("Nøgletal", "Key figure"),
}

UNITS = {
    "pct": ("pct.", "%"),
    "months": ("måneder", "months"),
    "dkk_per_day": ("kr. pr. dag", "DKK per day"),
    "hours_per_month": ("timer pr. måned", "hours per month"),
}

COUNTED = {
    "case": ("sager", "cases"),
    "goal": ("mål", "goals"),
    "registration_pair": ("par af registreringer", "pairs of registrations"),
    "intervention": ("ydelser", "services"),
    "citizen": ("borgere", "citizens"),
}

ALL = "alle"  # the code of a margin: every municipality, every category
ALL_LABEL = ("Alle", "All")
ALL_MUNICIPALITIES = ("Alle kommuner", "All municipalities")


def english(title: str) -> str:
    return ENGLISH.get(title, title)


class Vocabularies:
    """Display names and order of every category a figure can show."""

    def __init__(self, steps: list[dict] | None = None, providers: dict[str, str] | None = None) -> None:
        self.enums = load_contract()["enums"]
        self.steps = steps or []
        self.providers = providers or {}

    def names(self, vocabulary: str, lang: str) -> dict[str, str]:
        """code -> name, in display order."""
        pick = 0 if lang == "da" else 1
        if vocabulary in DERIVED:
            return {code: names[pick] for code, names in DERIVED[vocabulary].items()}
        if vocabulary == "target_group":
            values = self.enums["TargetGroupEnum"]["values"]
            by_title = {v["title"]: code for code, v in values.items()}
            return {by_title[t]: (t if lang == "da" else english(t)) for t in TARGET_GROUP_ROLLUP if t in by_title}
        if vocabulary == "step":
            return {str(s["rank"]): s["name_da" if lang == "da" else "name_en"] for s in self.steps}
        if vocabulary == "provider":
            return dict(sorted(self.providers.items(), key=lambda item: item[1]))
        if vocabulary == "municipality":
            return {code: v["title"] for code, v in self.enums["MunicipalityEnum"]["values"].items()}
        if vocabulary in self.enums:
            values = self.enums[vocabulary]["values"]
            return {code: (v["title"] if lang == "da" else english(v["title"])) for code, v in values.items()}
        return {}

    def name(self, vocabulary: str, code: str | None, lang: str) -> str:
        if code is None:
            return ""
        if code == ALL:
            return ALL_LABEL[0 if lang == "da" else 1]
        if vocabulary == "registration_step":
            first, second = code.split("-")
            return f"{first}. → {second}. registrering" if lang == "da" else f"registration {first} → {second}"
        return self.names(vocabulary, lang).get(code, code)

    def order(self, vocabulary: str, code: str | None) -> int:
        """Sort key: the vocabulary's order, unknown codes after, the margin last."""
        if code == ALL:
            return 1_000_000
        if vocabulary in ("registration_step", "year"):
            try:
                return int(str(code).split("-")[0])
            except ValueError:
                return 999_999
        keys = list(self.names(vocabulary, "da"))
        return keys.index(code) if code in keys else 999_999


def target_group_rollup() -> dict[str, str]:
    """Every FFB target group code -> the code of the group it is shown under."""
    values = load_contract()["enums"]["TargetGroupEnum"]["values"]
    by_title = {v["title"]: code for code, v in values.items()}
    groups = [by_title[t] for t in TARGET_GROUP_ROLLUP if t in by_title]
    rollup = {}
    for code, value in values.items():
        lineage = [code, *value.get("ancestors", [])]
        rollup[code] = next((g for g in groups if g in lineage), code)
    return rollup


def function_level_ordinals() -> dict[str, int]:
    values = load_contract()["enums"]["FunctionLevelEnum"]["values"]
    return {code: v["ordinal"] for code, v in values.items() if "ordinal" in v}

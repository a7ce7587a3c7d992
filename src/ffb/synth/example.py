"""A small, coherent, fictional FFB export: the bundled example in examples/canonical.

The data describes the adult social area of a fictional municipality and a neighbour: citizens on § 85 support
in their own home or in a § 107/§ 108 housing offer, some with a concurrent § 103/§ 104 day
offer, a § 82 a group course, a § 82 c acute offer or a § 96 personal assistance scheme,
assessed several times with FFB conditions, goals of every level and follow-ups, and the
providers and prices behind the services. Citizens of the neighbour who move into a housing
offer in the home municipality get it as their acting municipality while the neighbour keeps
paying (Retssikkerhedsloven § 9 c). It is random but seeded, so the same call always writes the
same files, and it keeps every rule of the contract.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from ffb.contract.codes import Codes

# The example's municipality and a neighbour that shares its case system, so that figures
# can be compared across municipalities (the codes are real, the data is fictional).
HOME_MUNICIPALITY = "665"
NEIGHBOUR_MUNICIPALITY = "671"
# A few Copenhagen citizens placed with the region's and private providers bring Copenhagen's
# own support letters into the example (only Copenhagen uses them).
COPENHAGEN = "101"
LAST_DATE = dt.date(2026, 6, 30)  # nothing in the example happens after this day

PSYCHIATRIC_TARGET_GROUPS = (
    "Angst",
    "Depression",
    "Forandret virkelighedsopfattelse",
    "Personlighedsforstyrrelse",
    "Autismespektrum",
    "Udviklingshæmning",
    "Opmærksomhedsforstyrrelse",
    "Erhvervet hjerneskade",
    "Spiseforstyrrelse",
)
OTHER_TARGET_GROUPS = (
    "Mobilitetsnedsættelse",
    "Hjemløshed",
    "Stofmisbrug",
    "Alkoholmisbrug",
    "Social isolation",
    "Selvskadende adfærd",
    "Udadreagerende adfærd",
)
SUPPORT_SERVICES = (
    "Støtte til daglige opgaver i hjemmet",
    "Støtte til administration",
    "Støtte til sociale relationer",
    "Støtte til psykisk trivsel",
    "Støtte til beskæftigelse",
    "Støtte til transport",
    "Støtte til sund levevis",
    "Støtte til etablering i bolig",
    "Støtte til kontakt til offentlige og private instanser",
)
ACTIVITY_SERVICES = ("Social aktivitet", "Kreativ aktivitet", "Fysisk aktivitet")
EMPLOYMENT_SERVICES = ("Produktion og værksted", "Service", "Praktikforløb")
CONTEXT_CONDITIONS = (
    "Hukommelse",
    "Følelser og adfærd",
    "Igangsætning og motivation",
    "Søvn",
    "Rusmidler",
    "Økonomisk situation",
    "Boligsituation",
    "Familiesituation",
    "Personer i netværk",
    "Boligområde",
    "Fysisk helbred",
)


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    operator_kind: str
    operator_municipality_code: str | None
    municipality_code: str
    cvr: str
    legal_basis: str  # what the provider is used for in the example
    tilbudsportalen_id: str | None = None
    p_number: str | None = None


PROVIDERS = (
    Provider("tp-100231", "Bostøtten Vest", "kommune", "665", "665", "29189757", "SEL_85", "100231"),
    Provider("tp-100467", "Botilbuddet Engly", "kommune", "665", "665", "29189757", "SEL_107", "100467"),
    Provider("tp-100471", "Bofællesskabet Toftum", "kommune", "665", "665", "29189757", "SEL_108", "100471"),
    Provider("tp-204118", "Fonden Lyngbakken", "selvejende", None, "661", "31876254", "SEL_107", "204118"),
    Provider("tp-311902", "Holstebro Bocenter", "kommune", "661", "661", "29189684", "SEL_108", "311902"),
    Provider("tp-415560", "Region Midtjylland, Specialområde Autisme", "region", None, "657", "29190925", "SEL_108", "415560"),
    Provider("cvr-38112231", "Mentorhuset ApS", "privat", None, "671", "38112231", "SEL_85", None, "1023456789"),
    Provider("tp-118004", "Værkstedet ved Fjorden", "privat", None, "665", "36521470", "SEL_103", "118004"),
    Provider("tp-100522", "Aktivitetshuset Harboøre", "kommune", "665", "665", "29189757", "SEL_104", "100522"),
    Provider("tp-100588", "Gruppeforløb Lemvig", "kommune", "665", "665", "29189757", "SEL_82a", "100588"),
    Provider("tp-100590", "Akuttilbuddet Vestkysten", "kommune", "665", "665", "29189757", "SEL_82c", "100590"),
    Provider("cvr-40213377", "Hjælperordning Vest ApS", "privat", None, "665", "40213377", "SEL_96", None, "1023991177"),
)
# Where a municipality's own housing offers lie: a neighbour's citizen who moves into one gets
# the home municipality as acting municipality, while the neighbour keeps paying.
HOUSING_SECTIONS = ("SEL_107", "SEL_108")

# Price level per legal basis: (price unit, low, high) in kroner of 2022; later years add 3 % a year.
PRICE_LEVELS = {
    "SEL_85": ("time", 520, 690),
    "SEL_82a": ("time", 380, 460),
    "SEL_107": ("dag", 1850, 3400),
    "SEL_108": ("dag", 2100, 4300),
    "SEL_103": ("dag", 380, 640),
    "SEL_104": ("dag", 420, 880),
    "SEL_82c": ("time", 420, 520),
    "SEL_96": ("time", 330, 390),
}
# Income bases and how often the example draws them (the SEP report: mostly førtidspension
# and kontanthjælp).
INCOME_WEIGHTS = {
    "loen": 3, "foertidspension": 35, "seniorpension": 1, "tidlig_pension": 1, "folkepension": 2,
    "efterloen": 1, "kontanthjaelp_jobparat": 5, "kontanthjaelp_aktivitetsparat": 25,
    "uddannelseshjaelp": 5, "selvforsoergelses_og_hjemrejseydelse": 1, "ressourceforloeb": 8,
    "revalidering": 1, "fleksjob": 5, "ledighedsydelse": 2, "sygedagpenge": 3,
    "arbejdsloeshedsdagpenge": 1, "su": 2, "andet": 2, "ukendt": 2,
}
PRICE_YEARS = (2021, 2022, 2023, 2024, 2025, 2026)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return dt.date(year, month, min(day.day, 28))


def _whole_months(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def _money(value: float) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


@dataclass
class Tables:
    rows: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, table: str, row: dict) -> None:
        self.rows.setdefault(table, []).append(row)


class ExampleBuilder:
    def __init__(self, codes: Codes, seed: int) -> None:
        self.codes = codes
        self.rng = random.Random(seed)
        self.tables = Tables()
        self.prices: dict[tuple[str, int], Decimal] = {}

    # --- helpers --------------------------------------------------------------------
    def pick(self, options, weights=None):
        return self.rng.choices(list(options), weights=weights, k=1)[0]

    def level(self, enum: str, ordinal: int) -> str:
        return self.codes.by_ordinal(enum, ordinal)

    # --- providers and prices -------------------------------------------------------
    def build_providers(self) -> None:
        for provider in PROVIDERS:
            self.tables.add(
                "providers",
                {
                    "id": provider.id,
                    "name": provider.name,
                    "operator_kind": provider.operator_kind,
                    "operator_municipality_code": provider.operator_municipality_code,
                    "municipality_code": provider.municipality_code,
                    "cvr": provider.cvr,
                    "p_number": provider.p_number,
                    "tilbudsportalen_id": provider.tilbudsportalen_id,
                },
            )
            unit, low, high = PRICE_LEVELS[provider.legal_basis]
            base = self.rng.uniform(low, high)
            service = self.service_for(provider.legal_basis, first=True)
            for offset, year in enumerate(PRICE_YEARS):
                amount = Decimal(_money(base * 1.03**offset))
                self.prices[(provider.id, year)] = amount
                self.tables.add(
                    "prices",
                    {
                        "id": f"{provider.id}-{year}",
                        "provider_id": provider.id,
                        "service": service,
                        "legal_basis": provider.legal_basis,
                        "amount_dkk": str(amount),
                        "price_unit": unit,
                        "valid_from": dt.date(year, 1, 1),
                        "valid_to": dt.date(year, 12, 31),
                        "price_year": year,
                    },
                )

    def service_for(self, legal_basis: str, first: bool = False) -> str:
        titles = {
            "SEL_85": SUPPORT_SERVICES,
            "SEL_82a": ("Gruppebaseret hjælp og støtte",),
            "SEL_107": ("Midlertidigt ophold",),
            "SEL_108": ("Længerevarende ophold",),
            "SEL_103": EMPLOYMENT_SERVICES,
            "SEL_104": ACTIVITY_SERVICES,
            "SEL_82c": ("Akut rådgivning, omsorg og støtte",),
            "SEL_96": (),  # borgerstyret personlig assistance has no FFB service
        }[legal_basis]
        if not titles:
            return None
        return self.codes.code("ServiceEnum", titles[0] if first else self.pick(titles))

    def offer_type_for(self, legal_basis: str) -> str | None:
        title = {
            "SEL_107": "Midlertidigt botilbud til voksne",
            "SEL_108": "Almindeligt længerevarende botilbud til voksne",
            "SEL_103": "Beskyttet beskæftigelsestilbud",
            "SEL_104": "Aktivitets- og samværstilbud",
            "SEL_82a": "Dagtilbud til voksne",
            "SEL_82c": "Socialt akuttilbud",
        }.get(legal_basis)
        if legal_basis == "SEL_85" and self.rng.random() < 0.3:
            title = "Almen ældre- og handicapvenlig bolig"
        return self.codes.code("OfferTypeEnum", title) if title else None

    def provider_for(self, legal_basis: str, provider_id: str | None = None) -> Provider:
        if provider_id:
            return next(p for p in PROVIDERS if p.id == provider_id)
        return self.pick([p for p in PROVIDERS if p.legal_basis == legal_basis])

    # --- interventions --------------------------------------------------------------
    def add_intervention(
        self,
        case_id: str,
        number: int,
        legal_basis: str,
        start: dt.date,
        end: dt.date | None,
        provider_id: str | None = None,
        paying: str | None = None,
    ) -> None:
        provider = self.provider_for(legal_basis, provider_id)
        ended = end is not None and end <= LAST_DATE
        row = {
            "id": f"{case_id}-y{number}",
            "case_id": case_id,
            "service": self.service_for(legal_basis),
            "legal_basis": legal_basis,
            "offer_type": self.offer_type_for(legal_basis),
            "provider_id": provider.id,
            "paying_municipality_code": paying,
            "grant_date": start - dt.timedelta(days=self.rng.randint(3, 20)),
            "start_date": start,
            "end_date": end,
            "service_status": "afsluttet" if ended else "aktiv",
            "planned_follow_up_date": None if ended else _add_months(start, 6),
            "hours_per_month_individual": None,
            "hours_per_month_group": None,
            "daily_price_dkk": None,
            "price_year": None,
        }
        if legal_basis == "SEL_85":
            row["hours_per_month_individual"] = str(self.rng.choice(range(8, 61, 2)))
            if self.rng.random() < 0.35:
                row["hours_per_month_group"] = str(self.rng.choice((2, 4, 6, 8, 12)))
        elif legal_basis == "SEL_82a":
            row["hours_per_month_group"] = str(self.rng.choice((4, 6, 8)))
        elif legal_basis == "SEL_96":
            row["hours_per_month_individual"] = str(self.rng.choice(range(120, 221, 10)))
        elif legal_basis == "SEL_82c":
            pass  # an acute offer is used as needed, without granted hours or a daily price
        else:
            row["daily_price_dkk"] = str(self.prices[(provider.id, start.year)])
            row["price_year"] = start.year
        self.tables.add("interventions", row)

    # --- one case -------------------------------------------------------------------
    def plan_main(self, municipality: str) -> tuple[str, Provider, str, str | None]:
        """The case's main grant: section, provider, acting and paying municipality.

        A neighbour's citizen placed in a housing offer of the home municipality gets it as
        acting municipality, while the neighbour keeps paying (Retssikkerhedsloven § 9 c).
        """
        main = self.pick(("SEL_85", "SEL_107", "SEL_108"), (6, 3, 1))
        provider = self.provider_for(main)
        if municipality == COPENHAGEN:
            main = self.pick(("SEL_85", "SEL_108"), (1, 1))
            provider = self.provider_for(main, "cvr-38112231" if main == "SEL_85" else "tp-415560")
        if (
            main in HOUSING_SECTIONS
            and municipality != HOME_MUNICIPALITY
            and provider.operator_municipality_code == HOME_MUNICIPALITY
        ):
            # Moved by own choice: the home municipality acts, the neighbour pays (§ 9 c).
            return main, provider, HOME_MUNICIPALITY, municipality
        # The case system states the paying municipality for every housing grant.
        return main, provider, municipality, municipality if main in HOUSING_SECTIONS else None

    def build_case(
        self, citizen_id: str, case_id: str, opened: dt.date, closes: bool, municipality: str
    ) -> tuple[dt.date, str]:
        rng = self.rng
        registrations = rng.choice((2, 2, 3, 3, 3, 4, 4, 5))
        dates = [opened + dt.timedelta(days=rng.randint(0, 30))]
        for _ in range(registrations - 1):
            following = _add_months(dates[-1], rng.randint(6, 13))
            if following > LAST_DATE:
                break
            dates.append(following)
        closed = dates[-1] + dt.timedelta(days=rng.randint(10, 60)) if closes else None
        if closed and closed > LAST_DATE:
            closed = None
        main, provider, acting, paying = self.plan_main(municipality)
        self.tables.add(
            "cases",
            {
                "id": case_id,
                "citizen_id": citizen_id,
                "municipality_code": acting,
                # Placed by the acting municipality in another municipality's offer: the citizen
                # lives there, the acting municipality stays (Retssikkerhedsloven § 9, stk. 7).
                "residence_municipality_code": (
                    provider.municipality_code
                    if main in HOUSING_SECTIONS and provider.municipality_code != acting
                    else None
                ),
                "case_number": f"27.36.04-G01-{rng.randint(100, 9999)}-{opened.year % 100:02d}",
                "opened_date": opened,
                "closed_date": closed,
                "closure_reason": (
                    self.pick(self.codes.keys("ClosureReasonEnum"), (2, 3, 4, 2, 1)) if closed else None
                ),
            },
        )
        self.build_target_groups(case_id, opened)
        self.build_interventions(case_id, dates, closed, main, provider, paying)
        level = self.pick((1, 2, 3, 4), (2, 5, 5, 2))
        previous_goals: list[tuple[str, int]] = []
        previous_assessment: str | None = None
        for number, day in enumerate(dates, start=1):
            assessment_id = f"{case_id}-r{number}"
            if number > 1:
                level = max(0, min(4, level + self.pick((-1, 0, 0, 0, 1), None)))
                self.add_follow_up(previous_assessment, case_id, day, previous_goals, level, final=None)
            previous_goals = self.build_assessment(
                assessment_id, case_id, number, day, dates, level, acting
            )
            previous_assessment = assessment_id
        if closed:
            self.add_follow_up(previous_assessment, case_id, closed, previous_goals, level, final=True)
        return closed or dates[-1], acting

    def build_target_groups(self, case_id: str, opened: dt.date) -> None:
        primary = self.pick(
            PSYCHIATRIC_TARGET_GROUPS + OTHER_TARGET_GROUPS,
            [10] * len(PSYCHIATRIC_TARGET_GROUPS) + [2] * len(OTHER_TARGET_GROUPS),
        )
        others = [t for t in PSYCHIATRIC_TARGET_GROUPS + OTHER_TARGET_GROUPS if t != primary]
        secondary = self.rng.sample(others, self.pick((0, 1, 1, 2)))
        for rank, title in [(1, primary)] + [(2, t) for t in secondary]:
            self.tables.add(
                "case_target_groups",
                {
                    "case_id": case_id,
                    "target_group": self.codes.code("TargetGroupEnum", title),
                    "rank": rank,
                    "recorded_date": opened,
                },
            )

    def build_interventions(
        self,
        case_id: str,
        dates: list[dt.date],
        closed: dt.date | None,
        main: str,
        provider: Provider,
        paying: str | None,
    ) -> None:
        rng = self.rng
        start = dates[0] + dt.timedelta(days=rng.randint(0, 14))
        number = 1
        if main == "SEL_107" and len(dates) > 2 and rng.random() < 0.4:
            # A step down the ladder: from a temporary housing offer to support in one's own home.
            moved = dates[-1]
            self.add_intervention(case_id, number, main, start, moved - dt.timedelta(days=1), provider.id, paying)
            number += 1
            self.add_intervention(case_id, number, "SEL_85", moved, closed)
        else:
            self.add_intervention(case_id, number, main, start, closed, provider.id, paying)
        number += 1
        if rng.random() < 0.35:
            day_offer = self.pick(("SEL_103", "SEL_104"))
            self.add_intervention(case_id, number, day_offer, start + dt.timedelta(days=rng.randint(20, 90)), closed)
            number += 1
        if rng.random() < 0.15:
            self.add_intervention(case_id, number, "SEL_82a", start, start + dt.timedelta(days=rng.randint(60, 180)))
            number += 1
        if main == "SEL_85" and rng.random() < 0.12:
            # While the case is assessed: a few days of help at the social acute offer.
            self.add_intervention(case_id, number, "SEL_82c", dates[0], dates[0] + dt.timedelta(days=rng.randint(3, 14)))
            number += 1
        if main == "SEL_85" and rng.random() < 0.1:
            self.add_intervention(case_id, number, "SEL_96", start, closed)

    def build_assessment(
        self,
        assessment_id: str,
        case_id: str,
        number: int,
        day: dt.date,
        dates: list[dt.date],
        level: int,
        acting: str,
    ) -> list[tuple[str, int]]:
        rng, codes = self.rng, self.codes
        vum = str(level) if not (level == 3 and rng.random() < 0.25) else "3.5"
        support = max(0, min(4, level + self.pick((-1, 0, 0, 1))))
        # Goals are set at the initial visitation (a granted service needs them, FFB318) and
        # mostly at the follow-ups.
        goals_set = number == 1 or rng.random() < 0.9
        self.tables.add(
            "assessments",
            {
                "id": assessment_id,
                "case_id": case_id,
                "assessment_date": day,
                "kind": "visitation" if number == 1 else "opfoelgning",
                "months_since_previous": None if number == 1 else _whole_months(dates[number - 2], day),
                "initiator": self.pick(codes.keys("InitiatorEnum"), (14, 3, 2, 1, 1)),
                "function_level": self.level("FunctionLevelEnum", level),
                "vum_score": vum,
                "support_need_level": (
                    codes.code("SupportNeedLevelEnum", "Ikke vurderet")
                    if rng.random() < 0.05
                    else self.level("SupportNeedLevelEnum", support)
                ),
                # Copenhagen's letter often lies above the VUM level (the SEP report's case).
                "support_letter": "ABCDEFG"[min(6, level + rng.randint(0, 2))] if acting == COPENHAGEN else None,
                "income_basis": self.pick(list(INCOME_WEIGHTS), list(INCOME_WEIGHTS.values())),
                "employment_effort": rng.random() < 0.2,
                "goals_set": goals_set,
            },
        )
        activity = self.rng.sample(codes.descendants("ConditionEnum", "Aktivitet og deltagelse", leaves_only=True), rng.randint(2, 4))
        conditions: list[tuple[str, int]] = []
        for k, code in enumerate(activity, start=1):
            condition_id = f"{assessment_id}-t{k}"
            own_level = max(0, min(4, level + self.pick((-1, 0, 0, 1))))
            conditions.append((condition_id, own_level))
            self.tables.add(
                "conditions",
                {
                    "id": condition_id,
                    "assessment_id": assessment_id,
                    "condition": code,
                    "function_level": self.level("FunctionLevelEnum", own_level),
                },
            )
        for k, title in enumerate(rng.sample(CONTEXT_CONDITIONS, rng.randint(1, 2)), start=len(activity) + 1):
            self.tables.add(
                "conditions",
                {
                    "id": f"{assessment_id}-t{k}",
                    "assessment_id": assessment_id,
                    "condition": codes.code("ConditionEnum", title),
                    "function_level": None,
                },
            )
        if not goals_set:
            return []
        goals = []
        if number == 1 and rng.random() < 0.5:
            # The citizen's own wish for their life, in their words: no condition, no type.
            self.add_goal(f"{assessment_id}-m0", assessment_id, day, "borgers_maal_og_oensker")
        for g in range(1, rng.choice((1, 1, 2)) + 1):
            goal_id = f"{assessment_id}-m{g}"
            ranked = rng.sample(conditions, min(len(conditions), rng.choice((1, 2, 2))))
            condition_level = ranked[0][1]  # the goal's expectation is about its primary condition
            target = self.add_goal(goal_id, assessment_id, day, "indsatsmaal", condition_level)
            goals.append((goal_id, target))
            for rank, (condition_id, _) in enumerate(ranked, start=1):
                self.tables.add(
                    "goal_conditions",
                    {"goal_id": goal_id, "condition_id": condition_id, "rank": min(rank, 2)},
                )
            if rng.random() < 0.3:
                # A step towards the goal, addressed through its indsatsmål.
                self.add_goal(f"{goal_id}-d1", assessment_id, day, "delmaal", condition_level, parent=goal_id)
        if rng.random() < 0.2:
            self.add_goal(f"{assessment_id}-f1", assessment_id, day, "indsatsformaal")
        return goals

    def add_goal(
        self,
        goal_id: str,
        assessment_id: str,
        day: dt.date,
        goal_level: str,
        condition_level: int | None = None,
        parent: str | None = None,
    ) -> int | None:
        """Add a goal; return its expected level (None for goals without a condition)."""
        goal_type = target = None
        if condition_level is not None:
            goal_type = "Fastholde funktionsevne" if condition_level == 0 else self.pick(
                ("Udvikle funktionsevne", "Fastholde funktionsevne", "Begrænse tab af funktionsevne"), (6, 3, 1)
            )
            target = {"Udvikle funktionsevne": condition_level - 1, "Fastholde funktionsevne": condition_level}.get(
                goal_type, min(4, condition_level + 1)
            )
        self.tables.add(
            "goals",
            {
                "id": goal_id,
                "assessment_id": assessment_id,
                "goal_type": self.codes.code("GoalTypeEnum", goal_type) if goal_type else None,
                "target_function_level": self.level("FunctionLevelEnum", target) if target is not None else None,
                "target_vum_score": str(target) if target is not None else None,
                "goal_level": goal_level,
                "parent_goal_id": parent,
                "set_date": day,
                "expected_date": _add_months(day, self.rng.choice((3, 6, 9, 12) if parent else (6, 9, 12))),
            },
        )
        return target

    def add_follow_up(
        self,
        assessment_id: str,
        case_id: str,
        day: dt.date,
        goals: list[tuple[str, int]],
        level: int,
        final: bool | None,
    ) -> None:
        codes, rng = self.codes, self.rng
        if final:
            status = self.pick(
                ("Træf afgørelse om afslutning af indsats", "Træf afgørelse om afslutning af indsats og visiter til ny"),
                (3, 1),
            )
        else:
            status = "Træf afgørelse om fortsættelse af indsats"
        number = sum(1 for r in self.tables.rows.get("follow_ups", []) if r["assessment_id"] == assessment_id)
        goal_id, attainment = None, None
        if goals:
            goal_id, target = self.pick(goals)
            if rng.random() < 0.05:
                attainment = "ikke_vurderet"
            elif level <= target:
                attainment = "opfyldt"
            elif level - target == 1 and rng.random() < 0.5:
                attainment = "delvist_opfyldt"
            else:
                attainment = "ikke_opfyldt"
        # The decision concerns the case's first (main) service unless it covers them all.
        intervention_id = f"{case_id}-y1" if rng.random() < 0.7 else None
        self.tables.add(
            "follow_ups",
            {
                "id": f"{assessment_id}-o{number + 1}",
                "assessment_id": assessment_id,
                "follow_up_date": day,
                "initiator": self.pick(codes.keys("InitiatorEnum"), (12, 4, 2, 1, 1)),
                "intervention_id": intervention_id,
                "intervention_status": codes.code("InterventionStatusEnum", status),
                "goal_id": goal_id,
                "goal_attainment": attainment,
            },
        )

    # --- the whole export -----------------------------------------------------------
    def build(self, citizens: int) -> dict[str, list[dict]]:
        self.build_providers()
        for number in range(1, citizens + 1):
            citizen_id = f"b{self.rng.getrandbits(40):010x}"
            municipality = (
                COPENHAGEN if number % 12 == 6
                else NEIGHBOUR_MUNICIPALITY if number % 4 == 0
                else HOME_MUNICIPALITY
            )
            citizen = {
                "id": citizen_id,
                "municipality_code": municipality,
                "birth_year": self.rng.randint(1958, 2003),
                "sex": self.pick(("kvinde", "mand")),
                "cpr": None,
            }
            self.tables.add("citizens", citizen)
            opened = dt.date(2021, 1, 4) + dt.timedelta(days=self.rng.randint(0, 3 * 365))
            second_case = number % 9 == 0
            closes = second_case or self.rng.random() < 0.3
            ended, acting = self.build_case(citizen_id, f"s{number:03d}-1", opened, closes, municipality)
            if second_case and ended + dt.timedelta(days=120) < LAST_DATE - dt.timedelta(days=200):
                ended, acting = self.build_case(
                    citizen_id, f"s{number:03d}-2", ended + dt.timedelta(days=120), False, acting
                )
            # The citizen's acting municipality on the day of the export is that of the last case.
            citizen["municipality_code"] = acting
        return self.tables.rows


def build_example(codes: Codes, citizens: int = 36, seed: int = 20240530) -> dict[str, list[dict]]:
    """The example export as rows per table (values are str, int, bool, date or None)."""
    return ExampleBuilder(codes, seed).build(citizens)

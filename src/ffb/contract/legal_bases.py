"""Which sections of law a FFB service or offer type may be granted under: a reviewed table.

The table is written by hand, one row per FFB concept (by its Danish display name), and each
row names its source: the section of law named in KL's definition of the concept, or the
section of law itself where the definition names none. `ffb schema import-reference` writes
the rows into `schemas/ffb_codes.yaml` as the value annotations `legal_bases` and
`legal_basis_source`; FFB407 reads them from the compiled contract.

A service without a row inherits the row of its nearest ancestor; a service whose chain has
no row (Afklaring, Ophold) is not checked. Offer types list only the sections that are bound
to an offer (§§ 82 c, 82 d, 103, 104, 107, 108 and the almenboliglov): support that can be
delivered anywhere (§ 85, §§ 82 a and 82 b, § 83 …) fits every offer type, so § 85 support
inside a § 108 home is not flagged, while a § 107 stay in a § 108 home is.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    sections: tuple[str, ...]
    source: str


_DEF = "KL's FFB definition of the concept names it"  # "Visitationsparagraf"/"Lovhjemmel"


SERVICES: dict[str, Row] = {
    "Pædagogisk udredning": Row(("SEL_85",), f"{_DEF}: Serviceloven § 85"),
    "Aktivitet og samvær": Row(("SEL_104",), f"{_DEF}: Serviceloven § 104 (so do all its children)"),
    "Beskyttet beskæftigelse": Row(("SEL_103",), f"{_DEF}: Serviceloven § 103 (so do all its children)"),
    "Socialpædagogisk støtte": Row(
        ("SEL_85",),
        f"{_DEF}: Serviceloven § 85 (so do all its children; 'Støtte til praktiske opgaver' "
        "and 'Støtte til personlig hygiejne' are defined as distinct from help under § 83)",
    ),
    "Længerevarende ophold": Row(
        ("SEL_108", "ABL_54", "ABL_105", "ABL_115"),
        f"{_DEF}: Serviceloven § 108 and Almenboligloven § 54 (the almen ældre- og "
        "handicapbolig of Almenboligloven §§ 105 and 115 is the dwelling it is allotted to)",
    ),
    "Midlertidigt ophold": Row(
        ("SEL_107", "SEL_109", "SEL_110"),
        f"{_DEF} for the adult area: Serviceloven §§ 107, 109 and 110",
    ),
    "Akut ophold": Row(
        ("SEL_82c", "SEL_107", "SEL_109", "SEL_110"),
        "Serviceloven § 82 c (a social akuttilbud may offer an acute stay, as KL's definition "
        "of 'Socialt akuttilbud' says) and the temporary stays of §§ 107, 109 and 110",
    ),
    "Forebyggende hjælp og støtte": Row(
        ("SEL_82a", "SEL_82b", "SEL_82c"),
        "Serviceloven §§ 82 a–82 c, the sections on preventive help for adults",
    ),
    "Gruppebaseret hjælp og støtte": Row(("SEL_82a",), "Serviceloven § 82 a (gruppebaseret hjælp og støtte)"),
    "Akut rådgivning, omsorg og støtte": Row(("SEL_82c",), "Serviceloven § 82 c (sociale akuttilbud)"),
    "Individuel tidsbegrænset socialpædagogisk hjælp og støtte": Row(
        ("SEL_82b",), "Serviceloven § 82 b (individuel tidsbegrænset socialpædagogisk hjælp og støtte)"
    ),
    "Hjælp og støtte etableret i samarbejde med frivillige": Row(
        ("SEL_82a", "SEL_82b"), f"{_DEF}: § 82a and § 82 b"
    ),
    "Gruppebaseret hjælp og støtte etableret i samarbejde med frivillige": Row(
        ("SEL_82a",), f"{_DEF}: § 82a"
    ),
    "Individuel tidsbegrænset socialpædagogisk hjælp og støtte leveret i samarbejde med frivillige": Row(
        ("SEL_82b",), f"{_DEF}: § 82 b"
    ),
}

# Offer types: the offer-bound sections whose services are delivered through the offer.
OFFER_TYPES: dict[str, Row] = {
    "Socialt akuttilbud": Row(("SEL_82c",), "Serviceloven § 82 c (sociale akuttilbud)"),
    "Mobilt tilbud": Row(("SEL_82d",), f"{_DEF} as guidance: § 82a, § 82b, §82d, § 85"),
    "Aktivitets- og samværstilbud": Row(("SEL_104",), f"{_DEF}: Serviceloven § 104"),
    "Beskyttet beskæftigelsestilbud": Row(("SEL_103",), f"{_DEF}: Serviceloven § 103"),
    "Dagtilbud til voksne": Row(
        ("SEL_103", "SEL_104"), "Its two children: Serviceloven §§ 103 and 104"
    ),
    "Botilbud til voksne": Row(("SEL_107", "SEL_108"), "Its children: Serviceloven §§ 107 and 108"),
    "Midlertidigt botilbud til voksne": Row(("SEL_107",), f"{_DEF}: Serviceloven § 107"),
    "Længerevarende botilbud til voksne": Row(
        ("SEL_108",), f"{_DEF}: Serviceloven § 108 (so do both its children)"
    ),
    "Botilbudslignende tilbud": Row(
        ("ABL_54", "ABL_105", "ABL_115"),
        "Its child 'Almen ældre- og handicapvenlig bolig'; KL's definition sets it apart from "
        "§§ 107 and 108",
    ),
    "Almen ældre- og handicapvenlig bolig": Row(
        ("ABL_54", "ABL_105", "ABL_115"), f"{_DEF}: Almenboligloven § 105"
    ),
}

# Sections bound to an offer: a grant under one of them names an offer type of its own.
OFFER_BOUND = ("SEL_82c", "SEL_82d", "SEL_103", "SEL_104", "SEL_107", "SEL_108", "ABL_54", "ABL_105", "ABL_115")


def annotations(display: str, table: dict[str, Row]) -> dict[str, str]:
    """The value annotations for one concept: its allowed sections and their source."""
    row = table.get(display)
    if row is None:
        return {}
    return {"legal_bases": " ".join(row.sections), "legal_basis_source": row.source}

# Generated from schemas/ffb.yaml by `ffb generate`. Do not edit by hand.
from __future__ import annotations

import re
import sys
from datetime import (
    date,
    datetime,
    time
)
from decimal import Decimal
from enum import Enum
from typing import (
    Any,
    ClassVar,
    Literal,
    Optional,
    Union
)

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer
)


metamodel_version = "1.12.0"
version = "0.1.0"


class ConfiguredBaseModel(BaseModel):
    model_config = ConfigDict(
        serialize_by_alias = True,
        validate_by_name = True,
        validate_assignment = True,
        validate_default = True,
        extra = "forbid",
        arbitrary_types_allowed = True,
        use_enum_values = True,
        strict = False,
    )





class LinkMLMeta(RootModel):
    root: dict[str, Any] = {}
    model_config = ConfigDict(frozen=True)

    def __getattr__(self, key:str):
        return getattr(self.root, key)

    def __getitem__(self, key:str):
        return self.root[key]

    def __setitem__(self, key:str, value):
        self.root[key] = value

    def __contains__(self, key:str) -> bool:
        return key in self.root


linkml_meta = LinkMLMeta({'annotations': {'ffb_code_system': {'tag': 'ffb_code_system',
                                         'value': 'urn:oid:1.2.208.176.2.22'},
                     'ffb_code_system_version': {'tag': 'ffb_code_system_version',
                                                 'value': '20240530'}},
     'default_prefix': 'ffb',
     'default_range': 'string',
     'description': 'The canonical model of an FFB export: the citizens, cases, '
                    'assessments, conditions, goals, granted services, follow-ups, '
                    'providers and prices of one or more municipalities on the '
                    "adult disability and social psychiatry area, coded with KL's "
                    'Fælles Faglige Begreber (FFB). One export is a set of related '
                    'tables; each class below is one table, and the Export class '
                    'is the same data as one JSON document. The schema is the '
                    'single source of every generated artefact: pydantic models, '
                    'JSON Schema, the Frictionless data package, the Excel '
                    "template and the validator's compiled rules.",
     'id': 'https://w3id.org/ffb/schema',
     'imports': ['linkml:types',
                 'ffb_codes',
                 'ffb_municipalities',
                 'ffb_vocabulary',
                 'ffb_local_scales'],
     'in_language': 'da',
     'license': 'MIT',
     'name': 'ffb',
     'prefixes': {'FFB': {'prefix_prefix': 'FFB',
                          'prefix_reference': 'urn:oid:1.2.208.176.2.22#'},
                  'KLCS': {'prefix_prefix': 'KLCS',
                           'prefix_reference': 'http://fhir.kl.dk/term/CodeSystem/CareSocialCodes#'},
                  'ffb': {'prefix_prefix': 'ffb',
                          'prefix_reference': 'https://w3id.org/ffb/'},
                  'linkml': {'prefix_prefix': 'linkml',
                             'prefix_reference': 'https://w3id.org/linkml/'},
                  'schema': {'prefix_prefix': 'schema',
                             'prefix_reference': 'http://schema.org/'}},
     'source_file': 'schemas/ffb.yaml',
     'title': 'FFB-datakontrakten',
     'types': {'Amount': {'description': 'An amount in Danish kroner, zero or '
                                         'more, with a decimal point.',
                          'from_schema': 'https://w3id.org/ffb/schema',
                          'name': 'Amount',
                          'title': 'Beløb',
                          'typeof': 'decimal'},
               'Hours': {'description': 'A number of hours, zero or more, with a '
                                        'decimal point.',
                         'from_schema': 'https://w3id.org/ffb/schema',
                         'name': 'Hours',
                         'title': 'Timer',
                         'typeof': 'decimal'},
               'IsoDate': {'description': 'A calendar date written as ISO 8601, '
                                          'YYYY-MM-DD.',
                           'from_schema': 'https://w3id.org/ffb/schema',
                           'name': 'IsoDate',
                           'pattern': '^\\d{4}-\\d{2}-\\d{2}$',
                           'title': 'Dato',
                           'typeof': 'date'}}} )

class FunctionLevelEnum(str, Enum):
    """
    How much a citizen's ability to function is reduced, on FFB's five-step scale, or that it has not been assessed. Used for the overall assessment, for each Aktivitet og deltagelse condition and as the expected level of a goal.
    """
    Ingen_nedsat_funktionsevne = "b508ff66-6326-4862-a6d7-7bbf184c9823"
    Let_nedsat_funktionsevne = "8328ce4a-6238-4f73-bf1a-74aadb68eff8"
    Moderat_nedsat_funktionsevne = "5bdde847-2837-416b-ab63-bbff8b7aa531"
    Svært_nedsat_funktionsevne = "cae545f5-2813-4d79-98fc-0a7d770af3cd"
    Fuldstændig_nedsat_funktionsevne = "832ae90b-23b5-4063-80aa-0b81bdce680e"
    Ikke_vurderet = "1c327095-107f-4b96-88d0-ec562cb980be"


class SupportNeedLevelEnum(str, Enum):
    """
    How much support the citizen needs, on FFB's five-step scale, or that it has not been assessed. Kept apart from function level: the two often differ.
    """
    Intet_støttebehov = "ae9f388a-91c3-46cf-af55-f81952f2977c"
    Let_støttebehov = "dd628e73-d6c9-4837-a2b8-aa62d73bd6ae"
    Moderat_støttebehov = "401a397b-b3aa-4ca3-8b23-bd8f99dd3f76"
    Højt_støttebehov = "b99a0790-4d70-4152-b149-3fe58b745583"
    Fuldstændigt_støttebehov = "e99763d6-6c43-4969-ad52-2b1a7055f9dc"
    Ikke_vurderet = "2254dac8-8aa3-4334-8502-9720194f49ad"


class GoalTypeEnum(str, Enum):
    """
    The direction a goal aims the citizen's function level: develop it, keep it, or limit its loss.
    """
    Begrænse_tab_af_funktionsevne = "e47c22bd-d88d-48ab-882b-419923e1f44e"
    Fastholde_funktionsevne = "10752a63-00b4-4958-b7f4-9f3a18f74266"
    Udvikle_funktionsevne = "d41c8072-52f8-42b5-9375-ddbea454d27f"


class InterventionStatusEnum(str, Enum):
    """
    The decision taken at a follow-up: continue the intervention, end it, or end it and refer the citizen to a new one.
    """
    Træf_afgørelse_om_afslutning_af_indsats = "d7d03656-4c87-4e67-9146-aa5990460f16"
    Træf_afgørelse_om_afslutning_af_indsats_og_visiter_til_ny = "b4c01aa8-82fd-44e4-83ff-ca19ec02c779"
    Træf_afgørelse_om_fortsættelse_af_indsats = "1e971d84-10a4-4ef8-a8b3-0daa4c7d088a"


class ServiceEnum(str, Enum):
    """
    FFB's services (ydelser): the kinds of help a municipality grants, from clarification and stays to socio-pedagogical support and preventive help.
    """
    Afklaring = "72a2a2d4-5a83-4093-ba1c-7f759c132801"
    Pædagogisk_udredning = "35b593cf-724f-4058-9f31-fe1b3e8df124"
    Aktivitet_og_samvær = "a2256d86-1cf8-4da5-be49-1f49f4335ecb"
    Fysisk_aktivitet = "66e23d66-1c5f-4070-bed1-8827cc863dcd"
    Kompetenceudviklende_aktivitet = "f25674bf-3162-45c3-bde4-6d542bf9629b"
    Kreativ_aktivitet = "be5d5058-ef06-42a9-b894-51e44513e717"
    Oplevelsesaktivitet = "2c1944be-fe87-4c42-b08e-9cc075c9ef18"
    Sansestimulerende_aktivitet = "299af83f-586c-4c17-8af6-c8c47a847d6d"
    Social_aktivitet = "7e419926-bb04-4829-99c9-95ea20403c2c"
    Beskyttet_beskæftigelse = "d8505298-6ea5-4ca8-923d-6e4451cc9a48"
    Praktikforløb = "c429b7a9-5085-472b-b118-a21ca90f769f"
    Produktion_og_værksted = "fb3d8722-90e0-4a80-ba65-490617ffeb0f"
    Service = "55b77d7c-afce-4269-9232-7731ab1ef4fc"
    Forebyggende_hjælp_og_støtte = "21dca9cf-c238-465b-9f12-15351f51b038"
    Akut_rådgivning_omsorg_og_støtte = "f3edac43-d0d6-4cc3-96c7-4658a557257a"
    Gruppebaseret_hjælp_og_støtte = "3459f530-7334-48c4-9037-53bf80df8851"
    Hjælp_og_støtte_etableret_i_samarbejde_med_frivillige = "794ebc42-0639-46eb-aca2-40e996568578"
    Gruppebaseret_hjælp_og_støtte_etableret_i_samarbejde_med_frivillige = "b6e1f331-fccf-4a33-8bb6-566546edc405"
    Individuel_tidsbegrænset_socialpædagogisk_hjælp_og_støtte_leveret_i_samarbejde_med_frivillige = "d580bcb7-145a-4346-8e99-d387bbf08a40"
    Individuel_tidsbegrænset_socialpædagogisk_hjælp_og_støtte = "fe42f8f4-d516-4bab-b006-12b0cd186603"
    Ophold = "a1eaa022-9e5c-493c-83d3-7cc40b9df9e9"
    Akut_ophold = "a81a3fa9-6601-4d1e-a11e-f7444dfd3828"
    Længerevarende_ophold = "5af56051-8413-4115-aaa2-83a0767e1137"
    Midlertidigt_ophold = "80aa8ea7-4ad8-405f-876a-4c0f89fde06a"
    Socialpædagogisk_støtte = "1f0ff82b-3243-422f-9651-1d00fd2dcd61"
    Støtte_til_praktiske_opgaver = "a63f7092-63d9-4cb5-ace5-655b552fdacc"
    Støtte_til_administration = "d473dea2-4f6d-4f36-a8f0-260f0213f50a"
    Støtte_til_daglige_opgaver_i_hjemmet = "638f44df-6bf2-47f8-9935-b8fdc83e5bf5"
    Støtte_til_etablering_i_bolig = "c56634ca-6847-4c50-b5c1-c528c1ffc1d8"
    Støtte_til_relationer_og_fællesskaber = "4ff4a2d4-4cde-4a22-bb37-ecfbd3fd9650"
    Støtte_til_sociale_relationer = "05cd5e81-1a3a-4bdd-901b-7ec96c12d990"
    Støtte_til_varetagelse_af_forældrerollen = "ea47a198-7e24-472d-ba5d-132b8b744710"
    Støtte_til_samfundsdeltagelse = "309b778e-52ed-448a-91ae-0650a6cd8b1b"
    Støtte_til_beskæftigelse = "cb1169ee-8969-46d3-813d-f0dd555bd838"
    Støtte_til_kontakt_til_offentlige_og_private_instanser = "e2631dec-fd8b-420e-94db-53fd80e82766"
    Støtte_til_transport = "0886a1b6-4a3a-47e5-9c97-066270529e4f"
    Støtte_til_uddannelse = "1a2daf63-0510-4bf3-8578-662d4300c965"
    Støtte_til_sundhed = "329782cf-a740-4eb7-aa7e-aaaa9a53c99e"
    Støtte_til_behandling = "e7c8b42e-b882-4629-8e03-65e44b1aa3e3"
    Støtte_til_personlig_hygiejne = "72272d03-1774-4a14-b598-5f19b5eac83f"
    Støtte_til_psykisk_trivsel = "ad7755d2-11bf-468d-958b-2f0c8d9c3742"
    Støtte_til_seksualitet = "bd5fea9a-16ed-4e63-b6a1-8e83caaf9b0b"
    Støtte_til_sund_levevis = "3c1639d0-e486-43c6-8add-448b8aff4b8f"


class OfferTypeEnum(str, Enum):
    """
    FFB's offer types (tilbud): the kind of place or arrangement through which a service is delivered, such as a day offer or a housing offer.
    """
    Botilbud_til_voksne = "2ecfcfe5-10ed-4934-a744-f18ce30b1619"
    Længerevarende_botilbud_til_voksne = "96c97f55-a11b-47f8-aa52-6fdae4e804c2"
    Almindeligt_længerevarende_botilbud_til_voksne = "498fe92c-d7f7-41cd-9404-5b38fe113be0"
    Sikret_længerevarende_botilbud_til_voksne = "070016aa-e164-4813-aca5-b75acab89d63"
    Midlertidigt_botilbud_til_voksne = "25de7444-3919-4dab-b844-8cec6c15f30e"
    Botilbudslignende_tilbud = "d23e3e8a-7fcf-4603-9d75-481b6e47e0eb"
    Almen_ældre__og_handicapvenlig_bolig = "a7cbf55b-6906-4b2a-872e-c48b4d728837"
    Dagtilbud_til_voksne = "7fec7d14-addb-4684-9637-403739de6228"
    Aktivitets__og_samværstilbud = "9401777d-bdc5-4f52-9804-63c8cae9a792"
    Beskyttet_beskæftigelsestilbud = "a0fb02a2-367c-48bc-bacd-92e49a861a4c"
    Mobilt_tilbud = "d90f4da6-f87a-43b5-833f-646b4baf16d6"
    Socialt_akuttilbud = "5ea75f09-8eec-4edc-aafd-a330a523c33e"


class TargetGroupEnum(str, Enum):
    """
    FFB's target groups: the social problems and disabilities that describe which group a case belongs to.
    """
    Funktionsnedsættelse = "f3ec0ccd-2b0c-4a60-85fc-3cdd0ca73cef"
    Fysisk_funktionsnedsættelse = "112cc0ba-9953-476c-a971-2671697d7639"
    Anden_fysisk_funktionsnedsættelse = "da298aec-cd7d-436c-9927-d88d00066881"
    Døvblindhed = "04a2ecdd-cdc6-4000-91d3-4e21958126ec"
    Erhvervet_døvblindhed = "0d66b364-958e-48cf-a18b-744fab284194"
    Medfødt_døvblindhed = "ab7b7d7b-b7bb-4b8c-99d9-5c98a302b771"
    Hørenedsættelse = "7ef8be83-90d1-4375-b1cb-24710bea21c7"
    Kommunikationsnedsættelse = "5cb8997c-eb10-477f-b653-b2a5ff11ce7d"
    Mobilitetsnedsættelse = "6e155207-db12-419a-8d9c-d67756533056"
    Synsnedsættelse = "615310e8-f702-4455-910b-9d6d8aa684fb"
    Multipel_funktionsnedsættelse = "f1c7ee41-21b4-4dba-9424-c874bf72b5e7"
    Psykisk_funktionsnedsættelse = "9ed67228-b934-4677-9f7e-ebb0d80de44b"
    IntellektuelSOLIDUSkognitiv_forstyrrelse = "01da9924-f4b4-4265-8594-0e892fa60676"
    Anden_intellektuelSOLIDUSkognitiv_forstyrrelse = "17ce646b-4469-4a73-82a9-9628436f6c70"
    Demens = "7b48f1a0-579b-4976-ae7c-4074b5981449"
    Hjerneskade = "59254ffb-8efb-4023-84f8-73e5bcba0bc7"
    Erhvervet_hjerneskade = "d26f97e8-99ed-46a9-94db-93340f77a950"
    Medfødt_hjerneskade = "1097d07f-1dba-4cc2-ae3a-399a501c2eb6"
    Udviklingsforstyrrelse = "34449052-1150-4900-9d69-c56eb9b26793"
    Anden_udviklingsforstyrrelse = "5cfc9530-a193-4f66-9981-3b980ee9ea7b"
    Autismespektrum = "9b3fd322-a75a-4ed8-9b74-425fa1e01c95"
    Opmærksomhedsforstyrrelse = "cc6a58cf-d3d2-4e5f-b7fe-98b009647eac"
    Udviklingsforstyrrelse_af_sansemotoriske_færdigheder = "e6a269f5-944a-4ff8-b4d8-6dc2134d9167"
    Udviklingsforstyrrelse_af_skolefærdigheder = "93d52b11-faa7-4ff7-b552-11a84cce8bf1"
    Udviklingsforstyrrelse_af_tale_og_sprog = "71dfe6d1-ebc1-4414-8527-edf8e605c356"
    Udviklingshæmning = "97c355cc-84e3-46d0-ac1b-00bc627d089f"
    Psykiske_vanskeligheder = "a78fb31e-b30a-4815-af85-932859fd06b9"
    Anden_psykisk_vanskelighed = "851b2a9d-cde2-4d5d-8f33-d03789022cbb"
    Angst = "303deb9b-84f0-49d2-ab7a-f8b98eed40a2"
    Depression = "ee5b52bd-b839-4e69-ad04-c8b33eabfbde"
    Forandret_virkelighedsopfattelse = "f2ccc0c0-2a0a-49c9-9d6a-741a7cd220a3"
    Personlighedsforstyrrelse = "6aac5ae6-ef06-4866-9c66-16d51ebbc83b"
    Spiseforstyrrelse = "192b7d79-415c-4f4f-9223-607938ecbe97"
    Stressbelastning = "afaa7e31-2b5d-4a49-9008-56aa8df8dc13"
    Tilknytningsforstyrrelse = "d42d8f41-2d07-4391-a687-bad51172d0c9"
    Sjældent_forekommende_funktionsnedsættelse = "1f23325e-c9c9-455b-bfe7-b4dcd1bb63e5"
    Socialt_problem = "0919515d-9975-4743-a16f-edb45374b0da"
    Andet_socialt_problem = "66fac925-3488-43b3-8e50-4510d3821b37"
    Hjemløshed = "293bf940-c075-4e3d-b5ef-6e331202e556"
    Indadreagerende_adfærd = "3b166cb0-df17-4002-a4c4-69e9a943645c"
    Kriminalitet = "be53dafc-1fc2-4b9f-8ab3-9d468ff03e6e"
    Ikke_personfarlig_kriminalitet = "6a038911-d866-4910-90ae-72ca55c641ea"
    Personfarlig_kriminalitet = "df42d472-06f6-4c5f-9dcf-64aa6cc20925"
    Misbrug = "e2ecc751-21b9-4aab-a20f-2f3dd9701c97"
    Alkoholmisbrug = "ab4413f0-fa81-41c0-ad8c-21782c12a0fa"
    Stofmisbrug = "0e25a2ec-4f04-4d14-a5ad-a6519a7d1d5f"
    Omsorgssvigt = "f1f4d709-19d2-48cc-8942-231bf912323d"
    Overgreb = "5c6bc9a0-a955-4168-9692-cdcd691ff866"
    Andet_overgreb = "905caa77-2b98-48ce-b0e1-35dc4c1cc4bd"
    Seksuelt_overgreb = "c47fd846-f1e0-4786-89a4-88d00e7a86c0"
    Voldeligt_overgreb = "3412d671-22bf-456c-b963-c4e05c2725a0"
    Prostitution = "122f3f8e-84a0-476f-b9c5-0e40b1dcf113"
    Seksuelt_krænkende_adfærd = "6fd0f315-2297-4d66-b638-3f867a0900e0"
    Selvmordstanker_eller__forsøg = "5e95db73-4d16-4084-93a3-595c0650b160"
    Selvskadende_adfærd = "3e3f5ebf-82c1-401b-ab5e-e6138a31da3a"
    Social_isolation = "16075f99-3694-4878-a48d-b2f4b515cb76"
    Udadreagerende_adfærd = "e1b59a4a-9cc2-4113-a5f1-84af588b02a2"


class ConditionEnum(str, Enum):
    """
    FFB's conditions (tilstande) that an assessment can record. Conditions under Aktivitet og deltagelse carry a function level and can be addressed by goals; Funktioner og forhold and Omgivelsesfaktorer describe the citizen's situation without a level. The three top groups are values only so the hierarchy is complete; data must use a theme or sub-theme.
    """
    Aktivitet_og_deltagelse = "93433530-b85c-4d04-a4fb-5ae26cf16f1c"
    Egenomsorg = "da3f488f-1742-4d00-b247-a7d47500b36b"
    Drikke = "14615a09-bd94-4602-b43a-f6d3d3f9801d"
    Dyrke_interesse = "3a748135-98a8-416a-808d-bff88a8e40ee"
    Gå_på_toilettet = "94fb3ea0-92cf-43b1-929b-c95e6fb739a1"
    Klæde_sig_af_og_på = "347aa085-4fe2-411f-ac56-5693d164adc3"
    Pleje_sin_krop = "b3939f0b-43d9-4e8c-bb2e-50ff8bb7ed03"
    Spise = "464a2ab6-a7df-4b3a-b74d-7873f4cfe668"
    Varetage_egen_sundhed = "4a58417e-9a75-43f2-9763-66505050159f"
    Varetage_sin_seksualitet = "28fbf17e-bca3-45e1-be35-553e3d91f1b7"
    Vaske_sig = "885400cc-dd71-479e-8993-3fc48fdd6710"
    Kommunikation = "c2b186f9-9c10-478e-8345-2d2c37ab4c46"
    Anvende_kommunikationsudstyr__og_teknikker = "a80e8f96-18ba-4ee4-9496-d3ce882c2f85"
    Forstå_meddelelser = "9bbbffef-c404-4ea3-a927-cd22d8027e6d"
    Fremstille_meddelelser = "2ba29098-a527-43d5-b858-4c5353669f42"
    Samtale = "986898d0-e2e5-4afa-9cb3-ee7aecaa0143"
    Mobilitet = "d1495b2c-1452-4e49-8dbe-8193af5d8823"
    Bære_flytte_og_håndtere_genstande = "320c9aa6-630e-4695-bba2-29ea808fad24"
    Færdes_med_transportmidler = "eff3385d-01fa-4c9c-9850-52e179243f21"
    Gå_og_bevæge_sig = "4977ce08-df4d-4c09-8e03-c2a563862e68"
    Ændre_og_opretholde_kropsstilling = "759ddc8e-57c0-4aa6-8d32-14d8eb51c5dd"
    Praktiske_opgaver = "eef71492-65f5-4297-aa95-3c3a6866ddef"
    Gøre_rent = "8f32c948-41c4-49d7-8913-cdeede2e7fe1"
    Købe_ind = "01770afa-cd17-41fe-a966-b8895e4d55d8"
    Lave_mad = "b947f321-7cdb-4b33-9653-f3ff800572b0"
    Passe_ejendele = "4a51d7a7-61e7-48fa-a1d5-9d26337c6c38"
    Udvise_hjælp_og_omsorg_for_andre = "58ef570c-1c1e-47be-8bfd-26ed99825762"
    Vaske_tøj = "bd67597b-e80f-427f-8cf9-79d01eff91fc"
    Relationer = "3856b434-f72e-42a5-b9d1-0cc93f48434b"
    Deltage_i_sociale_fællesskaber_og_fritidsaktiviteter = "dcc6bb77-45af-4625-9c4d-7d7878307220"
    Indgå_i_samspil_og_kontakt = "3f9da5ac-9686-4eeb-b517-b46e17fcb1d7"
    Varetage_relationer_til_netværk = "4c082610-b122-4019-96f2-1061e287445e"
    Samfundsliv = "dfbe6ff6-223b-436a-b864-8ba29bda41e2"
    Håndtere_post = "8bef71de-55b5-47fe-b438-18ac769106b3"
    Varetage_beskæftigelse = "685e8517-2f5c-4ef8-a7c4-fa2d008fdd9d"
    Varetage_bolig = "fd4b8dd3-5c4b-4257-8c13-ea045617d2f6"
    Varetage_uddannelse = "8888edfa-642b-4329-9fe3-a9b180e6d3f4"
    Varetage_økonomi = "70443014-3faf-402d-abcf-396bfad32eb9"
    Funktioner_og_forhold = "740934cd-002b-4b96-b92e-b3562eed9448"
    Fysiske_funktioner = "a134c31d-d316-46d4-935e-e500874dbbe1"
    Bevægelse = "3b4bcb40-f761-46a5-bc5f-b30ac37c88ed"
    Hørelse = "eb3599bc-c0bb-4281-8a1c-bf6eab8ffde3"
    Smerte_og_sansefunktioner = "b37419b3-c5f2-43e9-9e9d-4037b06b3fa5"
    Stemme_og_tale = "1a6585e7-25a6-4518-9384-8f6290f879cc"
    Syn = "9959e779-e8ee-47e8-989b-bbff4aae2883"
    Mentale_funktioner = "25c5c614-305f-46cd-9891-55d564fc30cf"
    Bevidsthedstilstand = "4934e45a-0f93-4c23-a767-2b681378700b"
    Følelser_og_adfærd = "dccaa419-0bcd-4056-a11a-2e385e23edc6"
    Hukommelse = "61452fe5-cea2-4d92-b2f1-406e9a5d31cb"
    Igangsætning_og_motivation = "8028b034-cad2-42df-b51c-aaba9c0bba61"
    Indsigt_i_egen_situation = "6279a3dc-7085-4157-809c-f96922242b1b"
    Intellektuelle_funktioner = "ef4271c4-f942-4194-a2b0-e9a7045eab22"
    Opmærksomhed_og_koncentrationsevne = "17c35058-eb88-4a7a-8727-74cd12be42c7"
    Organisering_og_planlægning = "9c2173e6-6465-44d3-af16-7c44059193b2"
    Orienteringsevne = "f7c0ef6c-18ba-4d38-9df5-4c891f154a08"
    Problemløsning = "b93216fa-3843-4a7e-85bc-e3ef35a1967f"
    Psykosociale_funktioner = "52e0b8dd-f5fa-4e1a-b66e-f5e4a41bd313"
    Virkelighedsopfattelse = "3591c972-5b15-4bbd-86c7-91622cda56e8"
    Sociale_forhold = "e1836145-0c20-4e20-971e-d62dfe4ea1a0"
    Boligsituation = "35c56275-0093-4901-9fd8-d06fdb5cb8f3"
    Familiesituation = "7a8f247b-baf8-4552-95bb-acf8ef004b74"
    Interesser = "52efa2e9-e0dc-41eb-8c01-9865e2fdebae"
    Kriminalitet = "83cf43f1-6d71-477c-8583-2e28755b41d3"
    Prostitution = "e993d8c3-b7d7-4d72-9be2-937e5ba38b5a"
    Traumatiske_oplevelser = "d493a97d-6036-423d-87ff-c2a086e9d664"
    Uddannelse_og_job = "f695cec7-2b39-4c7e-8731-da8558a4fb3f"
    Økonomisk_situation = "08aa68ce-acd6-4e03-b6b5-091811324345"
    Sundhedsforhold = "4fb78b88-d3af-4cfb-84d7-f06daf423317"
    Døgnrytme = "e6f82424-da5a-41d1-bd1a-5796aa79d5f2"
    Fysisk_helbred = "69dbfad7-859a-4596-8737-8054f6b4948f"
    Kost = "c67aed23-d4f3-4ae6-8886-156c99048e5b"
    Motion = "0b650369-258a-4d01-a811-42b306c2f89d"
    Rusmidler = "c8f4475a-8de3-4920-ad0c-eea78c49a68d"
    Sundhedsfaglig_behandling_og_træning = "081ab1be-7dc1-41fa-803c-12a146eb0b74"
    Søvn = "83376fdb-f55d-4dd9-944e-b49631a9836f"
    Tobak = "f5b8e809-7689-4952-838c-a069c99408b3"
    Omgivelsesfaktorer = "a56d59c0-c8fd-468c-85f9-b67f66561b90"
    Omgivelser = "7445fb2b-0009-43d9-b49b-1b9782f2fcd9"
    Boligområde = "83342ff3-5f2e-4914-b045-e98357685866"
    Holdninger_i_omgivelserne = "22eef871-6650-426f-8b79-8d40a6c62808"
    Personer_i_netværk = "df194a84-6e4b-4f14-a194-d8d9d9a1fcad"


class MunicipalityEnum(str, Enum):
    """
    The 3-digit code of a Danish municipality (handlekommune or the municipality a provider lies in); the title is its name.
    """
    København = "101"
    Frederiksberg = "147"
    Ballerup = "151"
    Brøndby = "153"
    Dragør = "155"
    Gentofte = "157"
    Gladsaxe = "159"
    Glostrup = "161"
    Herlev = "163"
    Albertslund = "165"
    Hvidovre = "167"
    Høje_Taastrup = "169"
    Lyngby_Taarbæk = "173"
    Rødovre = "175"
    Ishøj = "183"
    Tårnby = "185"
    Vallensbæk = "187"
    Furesø = "190"
    Allerød = "201"
    Fredensborg = "210"
    Helsingør = "217"
    Hillerød = "219"
    Hørsholm = "223"
    Rudersdal = "230"
    Egedal = "240"
    Frederikssund = "250"
    Greve = "253"
    Køge = "259"
    Halsnæs = "260"
    Roskilde = "265"
    Solrød = "269"
    Gribskov = "270"
    Odsherred = "306"
    Holbæk = "316"
    Faxe = "320"
    Kalundborg = "326"
    Ringsted = "329"
    Slagelse = "330"
    Stevns = "336"
    Sorø = "340"
    Lejre = "350"
    Lolland = "360"
    Næstved = "370"
    Guldborgsund = "376"
    Vordingborg = "390"
    Bornholm = "400"
    Middelfart = "410"
    Assens = "420"
    Faaborg_Midtfyn = "430"
    Kerteminde = "440"
    Nyborg = "450"
    Odense = "461"
    Svendborg = "479"
    Nordfyns = "480"
    Langeland = "482"
    Ærø = "492"
    Haderslev = "510"
    Billund = "530"
    Sønderborg = "540"
    Tønder = "550"
    Esbjerg = "561"
    Fanø = "563"
    Varde = "573"
    Vejen = "575"
    Aabenraa = "580"
    Fredericia = "607"
    Horsens = "615"
    Kolding = "621"
    Vejle = "630"
    Herning = "657"
    Holstebro = "661"
    Lemvig = "665"
    Struer = "671"
    Syddjurs = "706"
    Norddjurs = "707"
    Favrskov = "710"
    Odder = "727"
    Randers = "730"
    Silkeborg = "740"
    Samsø = "741"
    Skanderborg = "746"
    Aarhus = "751"
    Ikast_Brande = "756"
    Ringkøbing_Skjern = "760"
    Hedensted = "766"
    Morsø = "773"
    Skive = "779"
    Thisted = "787"
    Viborg = "791"
    Brønderslev = "810"
    Frederikshavn = "813"
    Vesthimmerlands = "820"
    Læsø = "825"
    Rebild = "840"
    Mariagerfjord = "846"
    Jammerbugt = "849"
    Aalborg = "851"
    Hjørring = "860"


class LegalBasisEnum(str, Enum):
    """
    The section of law a service is granted under. SEL is serviceloven, ABL almenboligloven, AEL ældreloven. The key is the law's abbreviation and the section number joined by an underscore; `short` is how messages print it. Which FFB services and offer types fit a section is the reviewed table in the `legal_bases` annotations of ServiceEnum and OfferTypeEnum (rule FFB407). `ffb_services: none` marks a section FFB has no service for: a grant under it may leave `interventions.service` empty (rule FFB408). `aeldreloven_from` marks the sections that Ældreloven takes over for the citizens it covers from 1 July 2025 (rule FFB409). Serviceloven § 83 b is not on the list: neither KL's FFB code system nor its administrative codes cite it, no FFB service is granted under it, and from 1 July 2025 it is among the sections Ældreloven took over (a grant under that law is AEL). A grant under § 83 b made before that date cannot be written with the contract's legal bases; it is outside the FFB area the contract covers.
    """
    Serviceloven_SECTION_SIGN_82_a_EN_DASH_gruppebaseret_hjælp_og_støtte = "SEL_82a"
    Serviceloven_SECTION_SIGN_82_b_EN_DASH_individuel_tidsbegrænset_socialpædagogisk_hjælp_og_støtte = "SEL_82b"
    Serviceloven_SECTION_SIGN_82_c_EN_DASH_sociale_akuttilbud = "SEL_82c"
    Serviceloven_SECTION_SIGN_82_d = "SEL_82d"
    """
    Named by KL's definition of the offer type Mobilt tilbud as one of its guiding sections; FFB has no service of its own for it.
    """
    Serviceloven_SECTION_SIGN_83_EN_DASH_personlig_hjælp_og_pleje = "SEL_83"
    Serviceloven_SECTION_SIGN_83_a_EN_DASH_rehabiliteringsforløb = "SEL_83a"
    Serviceloven_SECTION_SIGN_84_EN_DASH_aflastning = "SEL_84"
    Serviceloven_SECTION_SIGN_85_EN_DASH_socialpædagogisk_bistand = "SEL_85"
    Serviceloven_SECTION_SIGN_86_EN_DASH_genoptræning_og_vedligeholdelsestræning = "SEL_86"
    Serviceloven_SECTION_SIGN_95_EN_DASH_tilskud_til_hjælp = "SEL_95"
    Serviceloven_SECTION_SIGN_96_EN_DASH_borgerstyret_personlig_assistance = "SEL_96"
    Serviceloven_SECTION_SIGN_97_EN_DASH_ledsagelse = "SEL_97"
    Serviceloven_SECTION_SIGN_98_EN_DASH_kontaktperson_for_døvblinde = "SEL_98"
    Serviceloven_SECTION_SIGN_99_EN_DASH_støtte__og_kontaktperson = "SEL_99"
    Serviceloven_SECTION_SIGN_101_EN_DASH_behandling_af_stofmisbrug = "SEL_101"
    Serviceloven_SECTION_SIGN_102_EN_DASH_behandling = "SEL_102"
    Serviceloven_SECTION_SIGN_103_EN_DASH_beskyttet_beskæftigelse = "SEL_103"
    Serviceloven_SECTION_SIGN_104_EN_DASH_aktivitets__og_samværstilbud = "SEL_104"
    Serviceloven_SECTION_SIGN_107_EN_DASH_midlertidigt_botilbud = "SEL_107"
    Serviceloven_SECTION_SIGN_108_EN_DASH_længerevarende_botilbud = "SEL_108"
    Serviceloven_SECTION_SIGN_109_EN_DASH_krisecenter = "SEL_109"
    Serviceloven_SECTION_SIGN_110_EN_DASH_forsorgshjem_og_herberg = "SEL_110"
    Almenboligloven_SECTION_SIGN_54_EN_DASH_anvisning_af_almene_ældreboliger = "ABL_54"
    Almenboligloven_SECTION_SIGN_105_EN_DASH_almen_ældre__og_handicapbolig = "ABL_105"
    Almenboligloven_SECTION_SIGN_115_EN_DASH_almen_ældre__og_handicapbolig_med_tilknyttet_personale = "ABL_115"
    Ældreloven_EN_DASH_helhedspleje_aflastning_og_træning_for_ældre_LEFT_PARENTHESISfra_1FULL_STOP_juli_2025RIGHT_PARENTHESIS = "AEL"
    """
    A grant under Ældreloven, which from 1 July 2025 takes over personal and practical help, rehabilitation, respite and training (formerly Serviceloven §§ 83, 83 a, 83 b, 84 and 86) for the citizens it covers. The contract names the law, not a section, and FFB has no service for it.
    """


class OperatorKindEnum(str, Enum):
    """
    Who runs a provider, as Tilbudsportalen classifies it: a fixed property of the provider. Whether a provider is the buyer's own is derived per service from this and the municipality that runs it (see OwnershipEnum).
    """
    Kommunal = "kommune"
    """
    Run by a municipality, named in `providers.operator_municipality_code`.
    """
    Regional = "region"
    """
    Run by a region.
    """
    Selvejende = "selvejende"
    """
    A self-governing institution, usually with an operating agreement.
    """
    Privat = "privat"
    """
    Run by a private company or person.
    """


class OwnershipEnum(str, Enum):
    """
    Who runs a provider, seen from the municipality that pays for the service. Not a column: it is derived per service from `providers.operator_kind`, the provider's `operator_municipality_code` and the paying municipality (`interventions.paying_municipality_code`, or the case's acting municipality when that is empty); `ffb.contract.ownership` does it.
    """
    Egen_kommune = "egen_kommune"
    """
    Run by the municipality that grants the service.
    """
    Anden_kommune = "anden_kommune"
    """
    Run by another municipality.
    """
    Region = "region"
    """
    Run by a region.
    """
    Privat = "privat"
    """
    Run by a private company.
    """
    Selvejende = "selvejende"
    """
    A self-governing institution, usually with an operating agreement.
    """


class IncomeBasisEnum(str, Enum):
    """
    What the citizen mainly lives on at the time of an assessment. The values are the benefits and incomes of Danish law that the SEP template's question (box 2.1, "Forsørgelsesgrundlag") is answered with; each value names the law it comes from in its `source` annotation.
    """
    Lønindkomst = "loen"
    Førtidspension = "foertidspension"
    Seniorpension = "seniorpension"
    Tidlig_pension = "tidlig_pension"
    Folkepension = "folkepension"
    Efterløn = "efterloen"
    Kontanthjælp_jobparat = "kontanthjaelp_jobparat"
    Kontanthjælp_aktivitetsparat = "kontanthjaelp_aktivitetsparat"
    Uddannelseshjælp = "uddannelseshjaelp"
    Selvforsørgelses__og_hjemrejseydelse = "selvforsoergelses_og_hjemrejseydelse"
    Ressourceforløbsydelse = "ressourceforloeb"
    Revalideringsydelse = "revalidering"
    Fleksjob = "fleksjob"
    Ledighedsydelse = "ledighedsydelse"
    Sygedagpenge = "sygedagpenge"
    Arbejdsløshedsdagpenge = "arbejdsloeshedsdagpenge"
    SU = "su"
    Andet_forsørgelsesgrundlag = "andet"
    Ukendt = "ukendt"
    """
    The municipality does not know the income basis.
    """


class SexEnum(str, Enum):
    """
    The citizen's legal sex, as the CPR number tells it.
    """
    Kvinde = "kvinde"
    Mand = "mand"


class AssessmentKindEnum(str, Enum):
    """
    Whether an assessment is the first one of a case or a follow-up on an earlier one.
    """
    Indledende_visitation = "visitation"
    Opfølgning = "opfoelgning"


class InitiatorEnum(str, Enum):
    """
    Who took the initiative to an assessment or a follow-up.
    """
    Myndighed_LEFT_PARENTHESISsagsbehandlerRIGHT_PARENTHESIS = "myndighed"
    Udfører = "udfoerer"
    Borger = "borger"
    Pårørende = "paaroerende"
    Andre = "andre"


class GoalLevelEnum(str, Enum):
    """
    Which of FFB's goal levels a goal belongs to.
    """
    Borgers_mål_og_ønsker = "borgers_maal_og_oensker"
    Indsatsmål = "indsatsmaal"
    Delmål = "delmaal"
    Indsatsformål = "indsatsformaal"


class ClosureReasonEnum(str, Enum):
    """
    Why a case was closed, on KL's list of reasons an intervention ends.
    """
    Hændelse_medfører_ophør = "haendelse"
    """
    An event ends the case, such as a move or a death.
    """
    Ikke_yderligere_behov_LEFT_PARENTHESISborgervurderetRIGHT_PARENTHESIS = "intet_behov_borger"
    Ikke_yderligere_behov_LEFT_PARENTHESISfagpersonvurderetRIGHT_PARENTHESIS = "intet_behov_fagperson"
    Borger_har_ikke_henvendt_sig_eller_er_udeblevet = "udeblevet"
    Aktivt_fravalg = "aktivt_fravalg"


class GoalAttainmentEnum(str, Enum):
    """
    How far a goal was reached when it was followed up. KL's reporting data set has no such value (a follow-up there only records Status på indsats), so the list is the contract's own: the three answers of the SEP template's question "Er målsætning om borgerens udvikling sat ved tidligere opfølgning/visitation nu opfyldt?" (KL's SEP report, box 2.1), which SepGoalAttainmentEnum maps one to one, and "ikke vurderet" for a follow-up that did not judge the goal.
    """
    Opfyldt = "opfyldt"
    Delvist_opfyldt = "delvist_opfyldt"
    Ikke_opfyldt = "ikke_opfyldt"
    Ikke_vurderet = "ikke_vurderet"
    """
    The follow-up did not judge the goal.
    """


class InterventionStateEnum(str, Enum):
    """
    Where a granted service stands, as KL's reporting data set records it in the status of the CarePlan and Intervention resources (FHIR request status). Every row of the interventions table is a grant (FHIR intent `order`), so `aktiv` and `sat_i_bero` are KL's "ordered and not completed": such a service needs a planned follow-up date, goals, a support need evaluation and target groups (rule FFB318).
    """
    Aktiv = "aktiv"
    """
    Granted and running or about to start (FHIR `active`).
    """
    Sat_i_bero = "sat_i_bero"
    """
    Granted but paused (FHIR `on-hold`).
    """
    Afsluttet = "afsluttet"
    """
    Ended as planned or by decision (FHIR `completed`).
    """
    Tilbagekaldt = "tilbagekaldt"
    """
    The grant was withdrawn before it ran its course (FHIR `revoked`).
    """
    Fejlregistreret = "fejlregistreret"
    """
    Recorded by mistake; the row is kept only to correct an earlier delivery (FHIR `entered-in-error`).
    """


class PriceUnitEnum(str, Enum):
    """
    What one amount of a provider price pays for.
    """
    Kroner_prFULL_STOP_dag = "dag"
    Kroner_prFULL_STOP_time = "time"
    Kroner_prFULL_STOP_måned = "maaned"


class VumScoreEnum(str, Enum):
    """
    The overall function assessment of the adult assessment method (VUM) as a number from 0 (no problem) to 4 (complete problem). Some municipalities use 3.5 as a step between 3 and 4; it maps to FFB's severe level and is kept as given.
    """
    number_0_EN_DASH_intet_problem = "0"
    number_1_EN_DASH_let_problem = "1"
    number_2_EN_DASH_moderat_problem = "2"
    number_3_EN_DASH_svært_problem = "3"
    number_35_EN_DASH_mellem_svært_og_fuldstændigt_problem = "3.5"
    """
    A local step between 3 and 4; FFB has no such level.
    """
    number_4_EN_DASH_fuldstændigt_problem = "4"


class VumLetterEnum(str, Enum):
    """
    The overall VUM function assessment as a letter from A (no problem) to E (complete problem), as many case systems show it.
    """
    A_EN_DASH_intet_problem = "A"
    B_EN_DASH_let_problem = "B"
    C_EN_DASH_moderat_problem = "C"
    D_EN_DASH_svært_problem = "D"
    E_EN_DASH_fuldstændigt_problem = "E"


class SepGoalTypeEnum(str, Enum):
    """
    The goal types of KL's SEP reporting template, which map one to one to FFB's Måltype.
    """
    Forbedring = "forbedring"
    Status_quo = "status_quo"
    Begrænset_forværring = "begraenset_forvaerring"


class SepGoalAttainmentEnum(str, Enum):
    """
    The SEP template's answer to whether the goal set at the last registration was met.
    """
    Ja = "ja"
    Delvist = "delvist"
    Nej = "nej"


class SupportLetterEnum(str, Enum):
    """
    Copenhagen's support letter from A to G, set beside VUM on the disability area to price a housing offer; G means one-to-one support. There is no published mapping to FFB's support need levels, so the letter is kept as given and not translated. Only Copenhagen (101) uses it: the `municipalities` annotation says so, and rule FFB319 warns when another municipality's case carries a letter.
    """
    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G_EN_DASH_en_til_en_støtte = "G"



class Export(ConfiguredBaseModel):
    """
    One export as a single JSON document: every table as a list of rows. The tables refer to each other by id exactly as the CSV files of the data package do.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'from_schema': 'https://w3id.org/ffb/schema',
         'title': 'FFB-udtræk',
         'tree_root': True})

    schema_version: Optional[str] = Field(default=None, title="Skemaversion", description="""The version of this schema the document follows.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    citizens: Optional[list[Citizen]] = Field(default=None, title="Borgere", description="""The rows of the citizens table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    cases: Optional[list[Case]] = Field(default=None, title="Sager", description="""The rows of the cases table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    case_target_groups: Optional[list[CaseTargetGroup]] = Field(default=None, title="Målgrupper på sager", description="""The rows of the case_target_groups table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    assessments: Optional[list[Assessment]] = Field(default=None, title="Registreringer", description="""The rows of the assessments table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    conditions: Optional[list[Condition]] = Field(default=None, title="Tilstande", description="""The rows of the conditions table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    goals: Optional[list[Goal]] = Field(default=None, title="Mål", description="""The rows of the goals table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    goal_conditions: Optional[list[GoalCondition]] = Field(default=None, title="Tilstande som mål adresserer", description="""The rows of the goal_conditions table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    interventions: Optional[list[Intervention]] = Field(default=None, title="Bevilgede ydelser", description="""The rows of the interventions table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    follow_ups: Optional[list[FollowUp]] = Field(default=None, title="Opfølgninger", description="""The rows of the follow_ups table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    providers: Optional[list[Provider]] = Field(default=None, title="Leverandører", description="""The rows of the providers table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })
    prices: Optional[list[Price]] = Field(default=None, title="Takster", description="""The rows of the prices table.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Export']} })


class Citizen(ConfiguredBaseModel):
    """
    A citizen, known by a pseudonymous id. Name and birth date are never part of an export.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'citizens'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'birth_year': {'name': 'birth_year', 'recommended': True},
                        'id': {'description': "The citizen's pseudonymous id; a "
                                              'converter derives it from the CPR '
                                              'number with a keyed hash. Never a clear '
                                              'CPR number.',
                               'name': 'id'},
                        'municipality_code': {'description': 'The municipality that '
                                                             'acts for the citizen '
                                                             '(handlekommune) on the '
                                                             'day of the export. Each '
                                                             'case names its own '
                                                             'acting municipality, and '
                                                             'each service the '
                                                             'municipality that pays '
                                                             'for it, since both can '
                                                             'change over time.',
                                              'name': 'municipality_code',
                                              'required': True},
                        'sex': {'name': 'sex', 'recommended': True}},
         'title': 'Borger'})

    id: str = Field(default=..., title="Id", description="""The citizen's pseudonymous id; a converter derives it from the CPR number with a keyed hash. Never a clear CPR number.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen',
                       'Case',
                       'Assessment',
                       'Condition',
                       'Goal',
                       'Intervention',
                       'FollowUp',
                       'Provider',
                       'Price']} })
    municipality_code: MunicipalityEnum = Field(default=..., title="Kommunekode", description="""The municipality that acts for the citizen (handlekommune) on the day of the export. Each case names its own acting municipality, and each service the municipality that pays for it, since both can change over time.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen', 'Case', 'Provider']} })
    birth_year: Optional[int] = Field(default=None, title="Fødselsår", description="""The year the citizen was born; enough to group by age without a birth date.""", ge=1900, le=2100, json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen'], 'recommended': True} })
    sex: Optional[SexEnum] = Field(default=None, title="Køn", description="""The citizen's legal sex.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen'], 'recommended': True} })
    cpr: Optional[str] = Field(default=None, title="CPR-nummer", description="""The citizen's clear CPR number, DDMMYY-SSSS with or without the dash; only the date part and the length are checked, since numbers issued after 2007 need not pass the modulus-11 test. Only allowed in an export that has not yet been pseudonymised: converters replace it with a keyed hash in `id` and drop this column, and the validator warns wherever it is filled in. When it is given, the birth year and sex in the same row must agree with it (FFB511, FFB512) and ages are computed from the birth date it holds. Being a privacy column, it may be left out of the header altogether (no FFB107).""", json_schema_extra = { "linkml_meta": {'annotations': {'privacy': {'tag': 'privacy', 'value': True}},
         'domain_of': ['Citizen']} })

    @field_validator('id')
    def pattern_id(cls, v):
        pattern=re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid id format: {v}"
            raise ValueError(err_msg)
        return v

    @field_validator('cpr')
    def pattern_cpr(cls, v):
        pattern=re.compile(r"^(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}-?[0-9]{4}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid cpr format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid cpr format: {v}"
            raise ValueError(err_msg)
        return v


class Case(ConfiguredBaseModel):
    """
    A case (sag) about one citizen in one municipality, from opening to closing.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'cases'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'citizen_id': {'name': 'citizen_id', 'required': True},
                        'municipality_code': {'description': 'The municipality that '
                                                             'acts on the case '
                                                             '(handlekommune, '
                                                             'Retssikkerhedsloven § '
                                                             '9): it assesses, grants '
                                                             'and follows up.',
                                              'name': 'municipality_code',
                                              'required': True},
                        'opened_date': {'name': 'opened_date', 'required': True}},
         'title': 'Sag'})

    id: str = Field(default=..., title="Id", description="""The row's key, unique within its table: 1 to 64 letters, digits or the characters . _ : - starting with a letter or digit. Never a clear CPR number.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen',
                       'Case',
                       'Assessment',
                       'Condition',
                       'Goal',
                       'Intervention',
                       'FollowUp',
                       'Provider',
                       'Price']} })
    citizen_id: str = Field(default=..., title="Borger", description="""The citizen the row belongs to.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Case']} })
    municipality_code: MunicipalityEnum = Field(default=..., title="Kommunekode", description="""The municipality that acts on the case (handlekommune, Retssikkerhedsloven § 9): it assesses, grants and follows up.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen', 'Case', 'Provider']} })
    residence_municipality_code: Optional[MunicipalityEnum] = Field(default=None, title="Opholdskommune", description="""The municipality the citizen lives or stays in (opholdskommune, Retssikkerhedsloven § 9), when it is not the acting municipality, as for a citizen placed in a housing offer in another municipality. Empty means the citizen lives in the acting municipality.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Case']} })
    case_number: Optional[str] = Field(default=None, title="Sagsnummer", description="""The municipality's own case number, as its case system shows it.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Case']} })
    opened_date: date = Field(default=..., title="Startdato", description="""The day the case was opened.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Case']} })
    closed_date: Optional[date] = Field(default=None, title="Afslutningsdato", description="""The day the case was closed; empty while it is open.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Case']} })
    closure_reason: Optional[ClosureReasonEnum] = Field(default=None, title="Årsag til afslutning", description="""Why the case was closed; given exactly when the case has a closing date.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Case']} })

    @field_validator('id')
    def pattern_id(cls, v):
        pattern=re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid id format: {v}"
            raise ValueError(err_msg)
        return v


class CaseTargetGroup(ConfiguredBaseModel):
    """
    An FFB target group recorded on a case. A case has at most one primary target group (rank 1) and any number of secondary ones.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'case_target_groups'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'case_id': {'name': 'case_id', 'required': True},
                        'rank': {'name': 'rank', 'required': True},
                        'target_group': {'name': 'target_group', 'required': True}},
         'title': 'Målgruppe på sag',
         'unique_keys': {'case_target_group_key': {'unique_key_name': 'case_target_group_key',
                                                   'unique_key_slots': ['case_id',
                                                                        'target_group']}}})

    case_id: str = Field(default=..., title="Sag", description="""The case the row belongs to.""", json_schema_extra = { "linkml_meta": {'domain_of': ['CaseTargetGroup', 'Assessment', 'Intervention']} })
    target_group: TargetGroupEnum = Field(default=..., title="Målgruppe", description="""The FFB target group.""", json_schema_extra = { "linkml_meta": {'domain_of': ['CaseTargetGroup']} })
    rank: int = Field(default=..., title="Rang", description="""1 for the primary and 2 for a secondary one.""", ge=1, le=2, json_schema_extra = { "linkml_meta": {'domain_of': ['CaseTargetGroup', 'GoalCondition']} })
    recorded_date: Optional[date] = Field(default=None, title="Registreringsdato", description="""The day it was recorded.""", json_schema_extra = { "linkml_meta": {'domain_of': ['CaseTargetGroup']} })


class Assessment(ConfiguredBaseModel):
    """
    One assessment of a citizen's situation on a case (udredning, visitation or follow-up registration): the overall function level, the support need and the citizen's circumstances on that day.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'assessments'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'assessment_date': {'name': 'assessment_date',
                                            'required': True},
                        'case_id': {'name': 'case_id', 'required': True},
                        'function_level': {'description': "The citizen's overall "
                                                          'function level at the '
                                                          "assessment on FFB's scale. "
                                                          "KL's reporting set has no "
                                                          'overall level (it puts '
                                                          'levels on the Aktivitet og '
                                                          'deltagelse conditions '
                                                          'only), but the SEP template '
                                                          'records one overall score '
                                                          '(samlet VUM-score) and the '
                                                          'key figures compare it '
                                                          'across municipalities, so '
                                                          'the contract keeps it as '
                                                          'the FFB level that score '
                                                          "maps to (VumScoreEnum's "
                                                          'mapping; FFB313 checks the '
                                                          'two agree). It is never a '
                                                          'substitute for the levels '
                                                          'of the conditions, and '
                                                          'goals are measured against '
                                                          "their primary condition's "
                                                          'level, not this one '
                                                          '(FFB311).',
                                           'name': 'function_level',
                                           'recommended': True},
                        'initiator': {'description': 'Who took the initiative to the '
                                                     'assessment.',
                                      'name': 'initiator'},
                        'kind': {'name': 'kind', 'required': True},
                        'support_need_level': {'description': "The citizen's FFB "
                                                              'support need level at '
                                                              'the assessment.',
                                               'name': 'support_need_level',
                                               'recommended': True}},
         'title': 'Registrering'})

    id: str = Field(default=..., title="Id", description="""The row's key, unique within its table: 1 to 64 letters, digits or the characters . _ : - starting with a letter or digit. Never a clear CPR number.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen',
                       'Case',
                       'Assessment',
                       'Condition',
                       'Goal',
                       'Intervention',
                       'FollowUp',
                       'Provider',
                       'Price']} })
    case_id: str = Field(default=..., title="Sag", description="""The case the row belongs to.""", json_schema_extra = { "linkml_meta": {'domain_of': ['CaseTargetGroup', 'Assessment', 'Intervention']} })
    assessment_date: date = Field(default=..., title="Registreringsdato", description="""The day of the assessment (udredning or registrering).""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment']} })
    kind: AssessmentKindEnum = Field(default=..., title="Registreringstype", description="""Initial visitation or follow-up on an earlier assessment.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment']} })
    months_since_previous: Optional[int] = Field(default=None, title="Måneder siden seneste registrering", description="""Whole months since the case's previous assessment, as the SEP template asks; it follows from the dates and is given only when the source states it.""", ge=0, le=600, json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment']} })
    initiator: Optional[InitiatorEnum] = Field(default=None, title="Initiativtager", description="""Who took the initiative to the assessment.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment', 'FollowUp']} })
    function_level: Optional[FunctionLevelEnum] = Field(default=None, title="Funktionsevneniveau", description="""The citizen's overall function level at the assessment on FFB's scale. KL's reporting set has no overall level (it puts levels on the Aktivitet og deltagelse conditions only), but the SEP template records one overall score (samlet VUM-score) and the key figures compare it across municipalities, so the contract keeps it as the FFB level that score maps to (VumScoreEnum's mapping; FFB313 checks the two agree). It is never a substitute for the levels of the conditions, and goals are measured against their primary condition's level, not this one (FFB311).""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment', 'Condition'], 'recommended': True} })
    vum_score: Optional[VumScoreEnum] = Field(default=None, title="Samlet VUM-score", description="""The overall VUM score as the source gave it (0 to 4, with 3.5). Kept beside the FFB function level because 3.5 has no FFB level of its own.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment']} })
    support_need_level: Optional[SupportNeedLevelEnum] = Field(default=None, title="Støttebehovsniveau", description="""The citizen's FFB support need level at the assessment.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment'], 'recommended': True} })
    support_letter: Optional[SupportLetterEnum] = Field(default=None, title="Støttebogstav", description="""Copenhagen's support letter, kept as given where the source has it.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment']} })
    income_basis: Optional[IncomeBasisEnum] = Field(default=None, title="Forsørgelsesgrundlag", description="""What the citizen mainly lives on at the time of the assessment.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment']} })
    employment_effort: Optional[bool] = Field(default=None, title="Beskæftigelsesrettet indsats", description="""Whether the citizen receives an employment-oriented effort at the time.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment']} })
    goals_set: Optional[bool] = Field(default=None, title="Mål sat", description="""Whether goals for the citizen's development were set at this assessment, as the source states it. When goals are listed in the goals table this must be true.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment']} })

    @field_validator('id')
    def pattern_id(cls, v):
        pattern=re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid id format: {v}"
            raise ValueError(err_msg)
        return v


class Condition(ConfiguredBaseModel):
    """
    An FFB condition recorded at an assessment. Conditions under Aktivitet og deltagelse carry a function level; the others do not.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'conditions'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'assessment_id': {'name': 'assessment_id', 'required': True},
                        'condition': {'name': 'condition', 'required': True},
                        'function_level': {'description': 'The function level of the '
                                                          'condition; given exactly '
                                                          'when the condition is under '
                                                          'Aktivitet og deltagelse.',
                                           'name': 'function_level'}},
         'title': 'Tilstand'})

    id: str = Field(default=..., title="Id", description="""The row's key, unique within its table: 1 to 64 letters, digits or the characters . _ : - starting with a letter or digit. Never a clear CPR number.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen',
                       'Case',
                       'Assessment',
                       'Condition',
                       'Goal',
                       'Intervention',
                       'FollowUp',
                       'Provider',
                       'Price']} })
    assessment_id: str = Field(default=..., title="Registrering", description="""The assessment the row belongs to.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Condition', 'Goal', 'FollowUp']} })
    condition: ConditionEnum = Field(default=..., title="FFB tilstand", description="""The assessed FFB condition (a theme or sub-theme).""", json_schema_extra = { "linkml_meta": {'domain_of': ['Condition']} })
    function_level: Optional[FunctionLevelEnum] = Field(default=None, title="Funktionsevneniveau", description="""The function level of the condition; given exactly when the condition is under Aktivitet og deltagelse.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment', 'Condition']} })

    @field_validator('id')
    def pattern_id(cls, v):
        pattern=re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid id format: {v}"
            raise ValueError(err_msg)
        return v


class Goal(ConfiguredBaseModel):
    """
    A goal set at an assessment: which way the function level should move (Måltype), the level expected when it is met, and by when. The conditions it addresses are listed in goal_conditions.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'goals'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'assessment_id': {'description': 'The assessment at which the '
                                                         'goal was set.',
                                          'name': 'assessment_id',
                                          'required': True},
                        'parent_goal_id': {'description': 'For a delmål, the '
                                                          'indsatsmål it is a step '
                                                          'towards (FFB316); empty for '
                                                          'the other levels.',
                                           'name': 'parent_goal_id'}},
         'title': 'Mål'})

    id: str = Field(default=..., title="Id", description="""The row's key, unique within its table: 1 to 64 letters, digits or the characters . _ : - starting with a letter or digit. Never a clear CPR number.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen',
                       'Case',
                       'Assessment',
                       'Condition',
                       'Goal',
                       'Intervention',
                       'FollowUp',
                       'Provider',
                       'Price']} })
    assessment_id: str = Field(default=..., title="Registrering", description="""The assessment at which the goal was set.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Condition', 'Goal', 'FollowUp']} })
    goal_type: Optional[GoalTypeEnum] = Field(default=None, title="Måltype", description="""The direction the goal aims the function level of its primary condition. Needed for an indsatsmål and a delmål (FFB317); the citizen's own goals and wishes and the purpose of an intervention have none.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Goal']} })
    target_function_level: Optional[FunctionLevelEnum] = Field(default=None, title="Forventet funktionsevneniveau", description="""The function level the goal expects its primary condition to have when it is met (in KL's reporting set the goal's target with measure funktionsevneniveau); FFB311 compares it with that condition's level.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Goal']} })
    target_vum_score: Optional[VumScoreEnum] = Field(default=None, title="VUM-mål", description="""The VUM score the goal aims at, as the source gave it.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Goal']} })
    goal_level: Optional[GoalLevelEnum] = Field(default=None, title="Målniveau", description="""Which of FFB's goal levels the goal belongs to. Empty is read as indsatsmål, the only level KL's reporting set carries. The level decides what a goal needs: an indsatsmål addresses a primary condition and has a goal type; a delmål has a goal type and points to its indsatsmål or addresses a condition itself; the citizen's own goals and wishes and the purpose of an intervention need neither.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Goal']} })
    parent_goal_id: Optional[str] = Field(default=None, title="Overordnet mål", description="""For a delmål, the indsatsmål it is a step towards (FFB316); empty for the other levels.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Goal']} })
    set_date: Optional[date] = Field(default=None, title="Dato for målsætning", description="""The day the goal was set.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Goal']} })
    expected_date: Optional[date] = Field(default=None, title="Dato for forventet målopfyldelse", description="""The day the goal is expected to be met.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Goal']} })

    @field_validator('id')
    def pattern_id(cls, v):
        pattern=re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid id format: {v}"
            raise ValueError(err_msg)
        return v


class GoalCondition(ConfiguredBaseModel):
    """
    A condition a goal addresses. Each goal addresses exactly one primary condition (rank 1) and any number of secondary ones, all under Aktivitet og deltagelse.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'goal_conditions'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'condition_id': {'name': 'condition_id', 'required': True},
                        'goal_id': {'name': 'goal_id', 'required': True},
                        'rank': {'name': 'rank', 'required': True}},
         'title': 'Tilstand som mål adresserer',
         'unique_keys': {'goal_condition_key': {'unique_key_name': 'goal_condition_key',
                                                'unique_key_slots': ['goal_id',
                                                                     'condition_id']}}})

    goal_id: str = Field(default=..., title="Mål", description="""The goal the row is about.""", json_schema_extra = { "linkml_meta": {'domain_of': ['GoalCondition', 'FollowUp']} })
    condition_id: str = Field(default=..., title="Tilstand", description="""The assessed condition the row points to.""", json_schema_extra = { "linkml_meta": {'domain_of': ['GoalCondition']} })
    rank: int = Field(default=..., title="Rang", description="""1 for the primary and 2 for a secondary one.""", ge=1, le=2, json_schema_extra = { "linkml_meta": {'domain_of': ['CaseTargetGroup', 'GoalCondition']} })


class Intervention(ConfiguredBaseModel):
    """
    A service granted on a case for a period: which FFB service, under which section of law, through which offer type and provider, and how much (hours per month for support in one's own home, a daily price for housing offers). Concurrent services are further rows on the same case.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'interventions'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'case_id': {'name': 'case_id', 'required': True},
                        'grant_date': {'name': 'grant_date', 'recommended': True},
                        'legal_basis': {'name': 'legal_basis', 'required': True},
                        'provider_id': {'name': 'provider_id', 'recommended': True},
                        'start_date': {'name': 'start_date', 'required': True}},
         'title': 'Bevilget ydelse'})

    id: str = Field(default=..., title="Id", description="""The row's key, unique within its table: 1 to 64 letters, digits or the characters . _ : - starting with a letter or digit. Never a clear CPR number.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen',
                       'Case',
                       'Assessment',
                       'Condition',
                       'Goal',
                       'Intervention',
                       'FollowUp',
                       'Provider',
                       'Price']} })
    case_id: str = Field(default=..., title="Sag", description="""The case the row belongs to.""", json_schema_extra = { "linkml_meta": {'domain_of': ['CaseTargetGroup', 'Assessment', 'Intervention']} })
    service: Optional[ServiceEnum] = Field(default=None, title="Ydelse", description="""The FFB service (ydelse). Needed whenever FFB has a service for the section of law (FFB408); a grant under a section FFB has no service for (§§ 82 d, 83, 83 a, 84, 86, 95–99, 101, 102, ældreloven) leaves it empty.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention', 'Price']} })
    legal_basis: LegalBasisEnum = Field(default=..., title="Lovgrundlag", description="""The section of law the service is granted under, as it stood on the grant date: which sections exist depends on the law in force then (from 1 July 2025 Ældreloven takes over §§ 83, 83 a, 83 b, 84 and 86 for the citizens it covers, see FFB409).""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention', 'Price']} })
    offer_type: Optional[OfferTypeEnum] = Field(default=None, title="Tilbudstype", description="""The FFB offer type the service is delivered through.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention']} })
    provider_id: Optional[str] = Field(default=None, title="Leverandør", description="""The provider that delivers the service or charges the price.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention', 'Price'], 'recommended': True} })
    paying_municipality_code: Optional[MunicipalityEnum] = Field(default=None, title="Betalingskommune", description="""The municipality that pays for the service (betalingskommune), when it is not the case's acting municipality: under Retssikkerhedsloven § 9 c the municipality a citizen came from keeps paying for a stay in a housing offer in another municipality and for some services granted there. Empty means the acting municipality pays.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention']} })
    grant_date: Optional[date] = Field(default=None, title="Bevillingsdato", description="""The day the service was granted (KL's Intervention.created). It decides which version of the law the grant was made under; when it is empty the start date stands in for it.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention'], 'recommended': True} })
    start_date: date = Field(default=..., title="Startdato", description="""The first day of the granted period.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention']} })
    end_date: Optional[date] = Field(default=None, title="Slutdato", description="""The last day of the granted period; empty while it lasts.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention']} })
    service_status: Optional[InterventionStateEnum] = Field(default=None, title="Status på ydelse", description="""Where the grant stands (KL's CarePlan and Intervention status). A grant that is aktiv or sat i bero is KL's \"ordered and not completed\" and needs a planned follow-up date, goals, a support need evaluation and target groups on its case (FFB318).""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention']} })
    planned_follow_up_date: Optional[date] = Field(default=None, title="Planlagt opfølgningsdato", description="""The day the grant is planned to be followed up (KL's follow-up date on the CarePlan); a planned date may lie in the future.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention']} })
    hours_per_month_individual: Optional[Decimal] = Field(default=None, title="Timer pr. måned, individuel støtte", description="""Granted hours of individual support per month; 744 is every hour of a 31-day month.""", ge=0, le=744, json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention'],
         'unit': {'symbol': 'timer/måned', 'ucum_code': 'h/mo'}} })
    hours_per_month_group: Optional[Decimal] = Field(default=None, title="Timer pr. måned, støtte i gruppe", description="""Granted hours of support in a group per month.""", ge=0, le=744, json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention'],
         'unit': {'symbol': 'timer/måned', 'ucum_code': 'h/mo'}} })
    daily_price_dkk: Optional[Decimal] = Field(default=None, title="Dagspris (kr.)", description="""The price of the service per day in Danish kroner, in the prices of `price_year`.""", ge=0, json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention'],
         'unit': {'descriptive_name': 'Danish kroner per day', 'symbol': 'kr./dag'}} })
    price_year: Optional[int] = Field(default=None, title="Prisår", description="""The year whose price level an amount is stated in.""", ge=2000, le=2100, json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention', 'Price'],
         'unit': {'symbol': 'år', 'ucum_code': 'a'}} })

    @field_validator('id')
    def pattern_id(cls, v):
        pattern=re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid id format: {v}"
            raise ValueError(err_msg)
        return v


class FollowUp(ConfiguredBaseModel):
    """
    A follow-up on an assessment: the decision on the intervention and how far a goal set at that assessment was reached.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'follow_ups'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'assessment_id': {'description': 'The assessment that is '
                                                         'followed up.',
                                          'name': 'assessment_id',
                                          'required': True},
                        'follow_up_date': {'name': 'follow_up_date', 'required': True},
                        'goal_id': {'description': 'The goal whose attainment is '
                                                   'judged; empty when the follow-up '
                                                   'judges all goals together.',
                                    'name': 'goal_id'},
                        'initiator': {'description': 'Who took the initiative to the '
                                                     'follow-up.',
                                      'name': 'initiator'},
                        'intervention_id': {'description': 'The granted service the '
                                                           'decision in '
                                                           '`intervention_status` '
                                                           "concerns (KL's FollowUp "
                                                           'focus); empty when it '
                                                           'concerns every service on '
                                                           'the case. Must belong to '
                                                           'the same case as the '
                                                           'assessment (FFB315).',
                                            'name': 'intervention_id'}},
         'title': 'Opfølgning'})

    id: str = Field(default=..., title="Id", description="""The row's key, unique within its table: 1 to 64 letters, digits or the characters . _ : - starting with a letter or digit. Never a clear CPR number.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen',
                       'Case',
                       'Assessment',
                       'Condition',
                       'Goal',
                       'Intervention',
                       'FollowUp',
                       'Provider',
                       'Price']} })
    assessment_id: str = Field(default=..., title="Registrering", description="""The assessment that is followed up.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Condition', 'Goal', 'FollowUp']} })
    follow_up_date: date = Field(default=..., title="Opfølgningsdato", description="""The day of the follow-up.""", json_schema_extra = { "linkml_meta": {'domain_of': ['FollowUp']} })
    initiator: Optional[InitiatorEnum] = Field(default=None, title="Initiativtager", description="""Who took the initiative to the follow-up.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Assessment', 'FollowUp']} })
    intervention_id: Optional[str] = Field(default=None, title="Ydelse", description="""The granted service the decision in `intervention_status` concerns (KL's FollowUp focus); empty when it concerns every service on the case. Must belong to the same case as the assessment (FFB315).""", json_schema_extra = { "linkml_meta": {'domain_of': ['FollowUp']} })
    intervention_status: Optional[InterventionStatusEnum] = Field(default=None, title="Status på indsats", description="""The decision taken at the follow-up.""", json_schema_extra = { "linkml_meta": {'domain_of': ['FollowUp']} })
    goal_id: Optional[str] = Field(default=None, title="Mål", description="""The goal whose attainment is judged; empty when the follow-up judges all goals together.""", json_schema_extra = { "linkml_meta": {'domain_of': ['GoalCondition', 'FollowUp']} })
    goal_attainment: Optional[GoalAttainmentEnum] = Field(default=None, title="Målopfyldelse", description="""How far the goal was reached.""", json_schema_extra = { "linkml_meta": {'domain_of': ['FollowUp']} })

    @field_validator('id')
    def pattern_id(cls, v):
        pattern=re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid id format: {v}"
            raise ValueError(err_msg)
        return v


class Provider(ConfiguredBaseModel):
    """
    A provider (udfører) or offer that delivers services, with who runs it. Ownership seen from the buyer (\"own municipality\", \"other municipality\", …) is not stored: it depends on who buys, and is derived per service (OwnershipEnum).
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'providers'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'id': {'description': "The provider's key; use the "
                                              'Tilbudsportalen id, a CVR or P-number, '
                                              'or a local key.',
                               'name': 'id'},
                        'municipality_code': {'description': 'The municipality the '
                                                             'provider lies in.',
                                              'name': 'municipality_code'},
                        'name': {'name': 'name', 'required': True},
                        'operator_kind': {'name': 'operator_kind', 'required': True}},
         'title': 'Leverandør'})

    id: str = Field(default=..., title="Id", description="""The provider's key; use the Tilbudsportalen id, a CVR or P-number, or a local key.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen',
                       'Case',
                       'Assessment',
                       'Condition',
                       'Goal',
                       'Intervention',
                       'FollowUp',
                       'Provider',
                       'Price']} })
    name: str = Field(default=..., title="Navn", description="""The provider's name.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Provider']} })
    operator_kind: OperatorKindEnum = Field(default=..., title="Driftsform", description="""Who runs the provider, as Tilbudsportalen classifies it. Whether the provider is the buyer's own, another municipality's, regional or private is derived per service from this, `operator_municipality_code` and the paying municipality (OwnershipEnum).""", json_schema_extra = { "linkml_meta": {'domain_of': ['Provider']} })
    operator_municipality_code: Optional[MunicipalityEnum] = Field(default=None, title="Driftskommune", description="""The municipality that runs the provider, for a municipal provider (FFB410 notes a municipal provider without it).""", json_schema_extra = { "linkml_meta": {'domain_of': ['Provider']} })
    municipality_code: Optional[MunicipalityEnum] = Field(default=None, title="Kommunekode", description="""The municipality the provider lies in.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen', 'Case', 'Provider']} })
    cvr: Optional[str] = Field(default=None, title="CVR-nummer", description="""The provider's 8-digit company registration number.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Provider']} })
    p_number: Optional[str] = Field(default=None, title="P-nummer", description="""The 10-digit production unit number of the provider's address.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Provider']} })
    tilbudsportalen_id: Optional[str] = Field(default=None, title="Tilbudsportalen-id", description="""The provider's number on Tilbudsportalen.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Provider']} })

    @field_validator('id')
    def pattern_id(cls, v):
        pattern=re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid id format: {v}"
            raise ValueError(err_msg)
        return v

    @field_validator('cvr')
    def pattern_cvr(cls, v):
        pattern=re.compile(r"^[0-9]{8}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid cvr format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid cvr format: {v}"
            raise ValueError(err_msg)
        return v

    @field_validator('p_number')
    def pattern_p_number(cls, v):
        pattern=re.compile(r"^[0-9]{10}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid p_number format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid p_number format: {v}"
            raise ValueError(err_msg)
        return v

    @field_validator('tilbudsportalen_id')
    def pattern_tilbudsportalen_id(cls, v):
        pattern=re.compile(r"^[0-9]{1,10}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid tilbudsportalen_id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid tilbudsportalen_id format: {v}"
            raise ValueError(err_msg)
        return v


class Price(ConfiguredBaseModel):
    """
    A provider's price for a service over a period, in the prices of a stated year.
    """
    linkml_meta: ClassVar[LinkMLMeta] = LinkMLMeta({'annotations': {'table': {'tag': 'table', 'value': 'prices'}},
         'from_schema': 'https://w3id.org/ffb/schema',
         'slot_usage': {'amount_dkk': {'name': 'amount_dkk', 'required': True},
                        'legal_basis': {'name': 'legal_basis', 'required': True},
                        'price_unit': {'name': 'price_unit', 'required': True},
                        'price_year': {'name': 'price_year', 'required': True},
                        'provider_id': {'name': 'provider_id', 'required': True},
                        'valid_from': {'name': 'valid_from', 'required': True}},
         'title': 'Takst'})

    id: str = Field(default=..., title="Id", description="""The row's key, unique within its table: 1 to 64 letters, digits or the characters . _ : - starting with a letter or digit. Never a clear CPR number.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Citizen',
                       'Case',
                       'Assessment',
                       'Condition',
                       'Goal',
                       'Intervention',
                       'FollowUp',
                       'Provider',
                       'Price']} })
    provider_id: str = Field(default=..., title="Leverandør", description="""The provider that delivers the service or charges the price.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention', 'Price']} })
    service: Optional[ServiceEnum] = Field(default=None, title="Ydelse", description="""The FFB service (ydelse). Needed whenever FFB has a service for the section of law (FFB408); a grant under a section FFB has no service for (§§ 82 d, 83, 83 a, 84, 86, 95–99, 101, 102, ældreloven) leaves it empty.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention', 'Price']} })
    legal_basis: LegalBasisEnum = Field(default=..., title="Lovgrundlag", description="""The section of law the service is granted under, as it stood on the grant date: which sections exist depends on the law in force then (from 1 July 2025 Ældreloven takes over §§ 83, 83 a, 83 b, 84 and 86 for the citizens it covers, see FFB409).""", json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention', 'Price']} })
    amount_dkk: Decimal = Field(default=..., title="Beløb (kr.)", description="""The price in Danish kroner per `price_unit`, in the prices of `price_year`.""", ge=0, json_schema_extra = { "linkml_meta": {'domain_of': ['Price'],
         'unit': {'descriptive_name': 'Danish kroner', 'symbol': 'kr.'}} })
    price_unit: PriceUnitEnum = Field(default=..., title="Takstenhed", description="""What one amount pays for.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Price']} })
    valid_from: date = Field(default=..., title="Gyldig fra", description="""The first day the price applies.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Price']} })
    valid_to: Optional[date] = Field(default=None, title="Gyldig til", description="""The last day the price applies; empty while it does.""", json_schema_extra = { "linkml_meta": {'domain_of': ['Price']} })
    price_year: int = Field(default=..., title="Prisår", description="""The year whose price level an amount is stated in.""", ge=2000, le=2100, json_schema_extra = { "linkml_meta": {'domain_of': ['Intervention', 'Price'],
         'unit': {'symbol': 'år', 'ucum_code': 'a'}} })

    @field_validator('id')
    def pattern_id(cls, v):
        pattern=re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid id format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid id format: {v}"
            raise ValueError(err_msg)
        return v


# Model rebuild
# see https://pydantic-docs.helpmanual.io/usage/models/#rebuilding-a-model
Export.model_rebuild()
Citizen.model_rebuild()
Case.model_rebuild()
CaseTargetGroup.model_rebuild()
Assessment.model_rebuild()
Condition.model_rebuild()
Goal.model_rebuild()
GoalCondition.model_rebuild()
Intervention.model_rebuild()
FollowUp.model_rebuild()
Provider.model_rebuild()
Price.model_rebuild()

"""The fix for every issue, in its own field: what to write instead, spelled out.

A hint is worked out in two steps. Every rule has a template (placeholders as in messages,
plus {column_title}, the column's Danish name), filled in with column expressions. Where the
fix depends on the value itself (a name near an allowed code, "§ 85" for a legal basis,
"2.345,50" for a number, a Danish column header), the hint is worked out once per distinct
value and joined back, so a million issues cost as much as their distinct values.
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl

from ffb.codes.lookup import SHORT_LIST, CodeLookup, lookup
from ffb.contract.codes import load_contract
from ffb.naming import nearest_column

# Distinct values per rule and column that get a value-specific hint; the rest (a column full
# of different wrong values) get the rule's template, which still says what to write.
MAX_DISTINCT = 2_000

TEMPLATES: dict[str, tuple[str, str]] = {
    "FFB101": ("Eksportér tabellen igen med overskriftsrækken som første linje.",
               "Export the table again with its header row as the first line."),
    "FFB102": ("Gem tabellen som CSV (UTF-8) eller som et .xlsx-arbejdsark, og tjek citationstegn i rækken.",
               "Save the table as CSV (UTF-8) or as an .xlsx workbook, and check the quotes in the row."),
    "FFB103": ("Gem filen som UTF-8 (i Excel: Gem som › CSV UTF-8).",
               "Save the file as UTF-8 (in Excel: Save as › CSV UTF-8)."),
    "FFB104": ("Sæt værdier, der indeholder skilletegnet, i anførselstegn, så rækken får {detail} felter.",
               "Put values that contain the delimiter in double quotes so the row has {detail} fields."),
    "FFB105": ("Slet den tomme række.", "Delete the blank row."),
    "FFB106": ("Tilføj kolonnen {column} ({column_title}) i overskriften.",
               "Add the column {column} ({column_title}) to the header."),
    "FFB107": ("Tilføj kolonnen {column} ({column_title}) i overskriften; den må være tom.",
               "Add the column {column} ({column_title}) to the header; it may be empty."),
    "FFB108": ("Fjern kolonnen, eller omdøb den til en af tabellens kolonner: {columns}.",
               "Remove the column, or rename it to one of the table's columns: {columns}."),
    "FFB109": ("Giv kolonnen ét navn: slet eller omdøb den gentagne kolonne.",
               "Keep the column once: delete or rename the repeated column."),
    "FFB110": ("Giv filen navnet på en tabel ({tables}), eller angiv tabellen med --table.",
               "Name the file after a table ({tables}), or give the table with --table."),
    "FFB111": ("Gem filen som UTF-8 (i Excel: Gem som › CSV UTF-8), så æ, ø og å altid læses rigtigt.",
               "Save the file as UTF-8 (in Excel: Save as › CSV UTF-8) so æ, ø and å always read right."),
    "FFB112": ("Læg filen i datapakkens mappe og skriv stien relativt til datapackage.json.",
               "Put the file in the package's folder and give its path relative to datapackage.json."),
    "FFB113": ("Del inputtet i mindre filer, eller fjern den dybe indlejring.",
               "Split the input into smaller files, or remove the deep nesting."),
    "FFB114": ("Ret JSON-strukturen her, så den følger eksemplet i examples/instances.",
               "Fix the JSON structure here to follow the example in examples/instances."),
    "FFB115": ("Skriv værdien som JSON-typen {detail}.", "Write the value as the JSON type {detail}."),
    "FFB116": ("Tilføj tabellen {table}, hvis systemet har data til den.",
               "Add the table {table} if the system holds data for it."),
    "FFB117": ("Intet at rette; skriv gerne koderne direkte.", "Nothing to fix; writing the codes directly is better."),
    "FFB118": ("Læg filen {value} i pakken, eller fjern ressourcen fra datapackage.json.",
               "Add the file {value} to the package, or remove the resource from datapackage.json."),
    "FFB119": ("Giv tabellen {table} i én fil; slet eller omdøb kopien.",
               "Give the table {table} in one file; delete or rename the copy."),
    "FFB120": ("Omdøb filen eller arket til {table}.", "Rename the file or sheet to {table}."),
    "FFB121": ("Intet at rette, hvis arket er noter; er det data, så giv arket navnet på en tabel ({tables}).",
               "Nothing to fix if the sheet holds notes; if it holds data, name it after a table ({tables})."),
    "FFB122": ("Tilføj tabellen {table}; skal kun nogle tabeller tjekkes, så angiv dem med --table.",
               "Add the table {table}; to check some tables only, name them with --table."),
    "FFB123": ("Skriv egenskaben {value} én gang i objektet, med den rigtige værdi.",
               "Write the property {value} once in the object, with the right value."),
    "FFB124": ("Eksportér teksten igen fra kildesystemet som UTF-8; et tegn er skåret over.",
               "Export the text again from the source system as UTF-8; a character was cut in two."),
    "FFB125": ("Gem kolonnen {column} med én værdi pr. celle (tekst, tal, dato eller ja/nej).",
               "Save the column {column} with one value per cell (text, number, date or yes/no)."),
    "FFB126": ("Pak pakken igen fra dens mappe, så hvert navn er én fil med et kort navn.",
               "Zip the package again from its folder, so each name is one file with a short name."),
    "FFB127": ("Gem tabellen som CSV (UTF-8) eller .xlsx, og skriv den nye sti i datapackage.json.",
               "Save the table as CSV (UTF-8) or .xlsx, and write the new path in datapackage.json."),
    "FFB128": ("Åbn filen i Excel, fjern adgangskoden, og gem den som .xlsx.",
               "Open the file in Excel, remove the password, and save it as .xlsx."),
    "FFB129": ("Omdøb filen, så navnet slutter på .csv.", "Rename the file so its name ends in .csv."),
    "FFB130": ("Åbn filen, og gem den samlet som CSV UTF-8.", "Open the file and save all of it as CSV UTF-8."),
    "FFB131": ("Dan udtrækket med koderne fra kontraktens kodesystem ({detail}), og angiv det i datapackage.json.",
               "Make the export with the codes of the contract's code system ({detail}), and state it in datapackage.json."),
    "FFB132": ("Åbn arbejdsbogen i Excel, og gem den, så formlens resultat gemmes; eller skriv værdien i stedet for formlen.",
               "Open the workbook in Excel and save it so the formula's result is saved, or write the value instead of the formula."),
    "FFB133": ("Send én Bundle pr. borger med borgerens CPR-nummer; kendes organisationen ikke, så giv organisationstabellen med --organisations.",
               "Send one Bundle per citizen with the citizen's CPR number; for an unknown organisation, give the organisation table with --organisations."),
    "FFB201": ("Udfyld {column} ({column_title}).", "Fill in {column} ({column_title})."),
    "FFB202": ("Udfyld {column} ({column_title}), når værdien kendes; ellers kan den stå tom.",
               "Fill in {column} ({column_title}) when the value is known; otherwise it may stay empty."),
    "FFB203": ("Skriv et helt tal uden decimaler og tusindtalsadskiller, fx 2024.",
               "Write a whole number without decimals or thousands separators, e.g. 2024."),
    "FFB204": ("Skriv et tal med punktum som decimaltegn og uden tusindtalsadskiller, fx 2345.50.",
               "Write a number with a decimal point and no thousands separator, e.g. 2345.50."),
    "FFB205": ("Skriv datoen som ÅÅÅÅ-MM-DD, fx 2024-03-01.", "Write the date as YYYY-MM-DD, e.g. 2024-03-01."),
    "FFB206": ("Skriv true eller false (ja → true, nej → false).", "Write true or false (yes → true, no → false)."),
    "FFB207": ("Skriv {column} som {detail}.", "Write {column} as {detail}."),
    "FFB208": ("Skriv et tal på mindst {detail}.", "Write a number of at least {detail}."),
    "FFB209": ("Skriv et tal på højst {detail}.", "Write a number of at most {detail}."),
    "FFB210": ("Brug en kode fra listen {detail}; se dem med: ffb codes show {enum}.",
               "Use a code from the list {detail}; see them with: ffb codes show {enum}."),
    "FFB211": ("Skriv koden {detail} i stedet for navnet {value}.", "Write the code {detail} instead of the name {value}."),
    "FFB212": ("Giv rækken sin egen {column}, eller slet den dobbelte række (første gang i række {detail}).",
               "Give the row its own {column}, or delete the duplicate (first seen in row {detail})."),
    "FFB213": ("Tilføj {value} i tabellen {detail}, eller ret {column} til et id, der findes der.",
               "Add {value} to the table {detail}, or change {column} to an id that exists there."),
    "FFB214": ("Skriv {detail} (punktum som decimaltegn).", "Write {detail} (a point as decimal mark)."),
    "FFB215": ("Skriv {detail} (ÅÅÅÅ-MM-DD); i Excel: formatér kolonnen som åååå-mm-dd, før du gemmer.",
               "Write {detail} (YYYY-MM-DD); in Excel, format the column as yyyy-mm-dd before saving."),
    "FFB301": ("Angiv tilstandens funktionsevneniveau (ffb codes show Funktionsevneniveau).",
               "Give the condition's function level (ffb codes show FunctionLevelEnum)."),
    "FFB302": ("Lad funktionsevneniveau stå tomt for denne tilstand.", "Leave the function level empty for this condition."),
    "FFB303": ("Vælg et tema eller undertema under {detail} (ffb codes search \"{value}\").",
               "Choose a theme or sub-theme below {detail} (ffb codes search \"{value}\")."),
    "FFB304": ("Giv én af målets tilstande rang 1 i goal_conditions.",
               "Give one of the goal's conditions rank 1 in goal_conditions."),
    "FFB305": ("Giv kun én tilstand rang 1 for målet; de øvrige 2, 3 …",
               "Give only one condition rank 1 for the goal; the others 2, 3 …"),
    "FFB306": ("Lad målet adressere en tilstand under Aktivitet og deltagelse.",
               "Let the goal address a condition below Aktivitet og deltagelse."),
    "FFB307": ("Henvis til en tilstand fra samme sag som målet.", "Refer to a condition from the goal's own case."),
    "FFB308": ("Giv kun én målgruppe rang 1 på sagen.", "Give only one target group rank 1 on the case."),
    "FFB309": ("Sæt goals_set til true, eller fjern målene fra registreringen.",
               "Set goals_set to true, or remove the goals from the assessment."),
    "FFB310": ("Tilføj målene i goals, eller sæt goals_set til false.", "Add the goals to goals, or set goals_set to false."),
    "FFB311": ("Ret måltypen eller det forventede funktionsevneniveau, så de passer med den primære tilstands niveau.",
               "Change the goal type or the target function level so they fit the primary condition's level."),
    "FFB312": ("Henvis til et mål, der blev sat ved den registrering, opfølgningen følger op på.",
               "Refer to a goal set at the assessment the follow-up follows up on."),
    "FFB313": ("Tjek VUM-scoren og funktionsevneniveauet ({detail}): de skal angive samme trin.",
               "Check the VUM score and the function level ({detail}): they must give the same step."),
    "FFB314": ("Giv én af sagens målgrupper rang 1.", "Give one of the case's target groups rank 1."),
    "FFB315": ("Henvis til en ydelse på samme sag som registreringen, eller lad intervention_id stå tom.",
               "Refer to a service on the assessment's own case, or leave intervention_id empty."),
    "FFB316": ("Lad kun et delmål pege på et indsatsmål fra samme sag; ret goal_level eller parent_goal_id.",
               "Let only a delmål point to an indsatsmål of the same case; correct goal_level or parent_goal_id."),
    "FFB317": ("Udfyld goal_type (Måltype), eller sæt goal_level til borgers_maal_og_oensker eller indsatsformaal.",
               "Fill in goal_type (Måltype), or set goal_level to borgers_maal_og_oensker or indsatsformaal."),
    "FFB318": ("Tilføj {detail} for ydelsen, eller ret service_status, hvis ydelsen er afsluttet.",
               "Add {detail} for the service, or correct service_status if the service has ended."),
    "FFB319": ("Fjern støttebogstavet, eller tjek sagens kommune; kun København bruger støttebogstaver.",
               "Remove the support letter, or check the case's municipality; only Copenhagen uses support letters."),
    "FFB401": ("Udfyld hours_per_month_individual eller hours_per_month_group, eller daily_price_dkk for støtte købt pr. dag eller som pakke.",
               "Fill in hours_per_month_individual or hours_per_month_group, or daily_price_dkk for support bought per day or as a package."),
    "FFB402": ("Udfyld daily_price_dkk (kroner pr. dag, punktum som decimaltegn); en plads i kommunens eget tilbud kræver ingen, når leverandørens driftskommune er angivet.",
               "Fill in daily_price_dkk (kroner per day, a point as decimal mark); a place in the municipality's own offer needs none once the provider's operating municipality is given."),
    "FFB403": ("Udfyld price_year, det år prisen gælder for.", "Fill in price_year, the year the price is for."),
    "FFB404": ("Tjek timetallet: det er timer pr. måned, ikke pr. år.", "Check the hours: they are per month, not per year."),
    "FFB405": ("Tjek dagsprisen: kroner pr. dag, punktum som decimaltegn, ikke øre eller pr. år.",
               "Check the daily price: kroner per day, a point as decimal mark, not øre or per year."),
    "FFB406": ("Tjek beløbet og takstenheden (dag, time eller måned).", "Check the amount and the price unit (day, hour or month)."),
    "FFB407": ("Tjek lovgrundlaget, ydelsen og tilbudstypen; {detail}.",
               "Check the legal basis, the service and the offer type; {detail}."),
    "FFB408": ("Udfyld service med FFB-ydelsen; kun paragraffer uden FFB-ydelse (fx § 96) må stå uden.",
               "Fill in service with the FFB service; only sections without an FFB service (e.g. § 96) may leave it empty."),
    "FFB409": ("Tjek lovgrundlaget og bevillingsdatoen: fra 1. juli 2025 bevilges hjælpen efter ældreloven (AEL) til borgere, den dækker.",
               "Check the legal basis and the grant date: from 1 July 2025 the help is granted under ældreloven (AEL) to the citizens it covers."),
    "FFB410": ("Udfyld operator_municipality_code med koden på den kommune, der driver tilbuddet.",
               "Fill in operator_municipality_code with the code of the municipality that runs the provider."),
    "FFB501": ("Ret datoerne, så {column} ikke ligger før {detail}.", "Correct the dates so {column} is not before {detail}."),
    "FFB502": ("Ret opfølgningsdatoen eller henvis til den rigtige registrering.",
               "Correct the follow-up date or refer to the right assessment."),
    "FFB503": ("Ret datoen, eller registrér den første registrering som visitation.",
               "Correct the date, or record the first assessment as the visitation."),
    "FFB504": ("Registrér de senere visitationer som opfoelgning.", "Record the later visitations as opfoelgning."),
    "FFB505": ("Ret months_since_previous til {detail}, eller lad den stå tom.",
               "Set months_since_previous to {detail}, or leave it empty."),
    "FFB506": ("Udfyld {detail}, eller fjern {column}.", "Fill in {detail}, or remove {column}."),
    "FFB507": ("Ret datoen, eller henvis til den sag, registreringen hører til.",
               "Correct the date, or refer to the case the assessment belongs to."),
    "FFB508": ("Ret startdatoen, eller henvis til den sag, ydelsen hører til.",
               "Correct the start date, or refer to the case the service belongs to."),
    "FFB509": ("Ret datoen; kør med --today ÅÅÅÅ-MM-DD, hvis udtrækket er dateret frem.",
               "Correct the date; use --today YYYY-MM-DD if the export is dated ahead."),
    "FFB510": ("Tjek fødselsåret og sagens startdato.", "Check the birth year and the case's start date."),
    "FFB511": ("Ret fødselsåret til {detail}, som CPR-nummeret viser, eller lad det stå tomt.",
               "Set the birth year to {detail}, as the CPR number shows, or leave it empty."),
    "FFB512": ("Ret kønnet til {detail}, som CPR-nummeret viser, eller lad det stå tomt.",
               "Set the sex to {detail}, as the CPR number shows, or leave it empty."),
    "FFB601": ("Erstat CPR-nummeret med et pseudonym, eller lad kolonnen cpr stå tom.",
               "Replace the CPR number with a pseudonym, or leave the cpr column empty."),
    "FFB602": ("Fjern CPR-nummeret fra {column}; brug borgerens id.", "Remove the CPR number from {column}; use the citizen's id."),
}
FALLBACK = ("Se reglens side med et rettet eksempel: docs/rules/{code}.md.",
            "See the rule's page for a corrected example: docs/rules/{code}.md.")

# How a column's pattern is said to a person, with an example. A pattern not listed here is
# described from its shape where it is simple (n digits) and else by the column's docs page.
PATTERN_WORDS: dict[str, tuple[str, str, str]] = {
    "^[0-9]{8}$": ("8 cifre", "8 digits", "29189757"),
    "^[0-9]{10}$": ("10 cifre", "10 digits", "1003388023"),
    "^[0-9]{1,10}$": ("1 til 10 cifre", "1 to 10 digits", "100231"),
    "^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$": (
        "højst 64 tegn: bogstaver a–z, cifre og . _ : -, først et bogstav eller ciffer (ingen æ, ø, å eller mellemrum)",
        "at most 64 characters: letters a–z, digits and . _ : -, first a letter or digit (no spaces)",
        "sag-1042",
    ),
    "^(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{2}-?[0-9]{4}$": (
        "et CPR-nummer: 6 cifre for fødselsdatoen (DDMMÅÅ), en bindestreg og 4 cifre",
        "a CPR number: 6 digits of the birth date (DDMMYY), a dash and 4 digits",
        "DDMMÅÅ-XXXX",
    ),
}
_DIGITS = re.compile(r"^\^\[0-9\]\{(\d+)(?:,(\d+))?\}\$$")

LEGAL_BASIS_WORDS = ("skriv lovgrundlaget som kode", "write the legal basis as a code")


def describe_pattern(pattern: str, lang: str) -> str:
    """A pattern in words with an example ("8 cifre, fx 29189757"), never the expression."""
    da = lang == "da"
    example_word = "fx" if da else "e.g."
    if pattern in PATTERN_WORDS:
        words_da, words_en, example = PATTERN_WORDS[pattern]
        return f"{words_da if da else words_en}, {example_word} {example}"
    digits = _DIGITS.match(pattern)
    if digits:
        low, high = digits[1], digits[2]
        count = f"{low} til {high}" if (high and da) else (f"{low} to {high}" if high else low)
        return f"{count} {'cifre' if da else 'digits'}, {example_word} {'1234567890'[: int(high or low)]}"
    return "det format, kolonnens beskrivelse angiver" if da else "the format the column's description gives"


def _column_info() -> dict[str, dict]:
    return {f"{t['name']}.{c['name']}": c for t in load_contract()["tables"] for c in t["columns"]}


def _table_columns() -> dict[str, list[dict]]:
    return {t["name"]: t["columns"] for t in load_contract()["tables"]}


# --- hints that depend on the value ----------------------------------------------------------
def _code_list_hint(codes: CodeLookup, enum: str, value: str, lang: str) -> str | None:
    """For a value that is no code of `enum`: the nearest codes, and the whole list if short."""
    info = codes.enums.get(enum)
    if info is None:
        return None
    da = lang == "da"
    entries = [c for c in codes.codes[enum] if c.selectable]
    near = codes.closest(enum, value)
    exact = codes.exact(enum, value)
    parts = []
    if exact is not None:
        return (f"Skriv {exact.key} ({exact.title})." if da else f"Write {exact.key} ({exact.title}).")
    local = _local_scale_hint(codes.enums, enum, value, lang)
    if local is not None:
        return local
    if near:
        shown = " eller ".join if da else " or ".join
        parts.append(("Nærmest: " if da else "Closest: ") + shown(f"{c.key} ({c.title})" for c in near) + ".")
    if len(entries) <= SHORT_LIST:
        listed = ", ".join(f"{c.key} ({c.title})" for c in entries)
        parts.append((f"Tilladt på listen {info['title']}: " if da else f"Allowed in the list {info['title']}: ") + listed + ".")
    else:
        parts.append(
            f"Se alle {len(entries)} værdier på listen {info['title']}: ffb codes show {enum}."
            if da else f"See all {len(entries)} values of the list {info['title']}: ffb codes show {enum}."
        )
    return " ".join(parts)


def _local_scale_hint(enums: dict, enum: str, value: str, lang: str) -> str | None:
    """For a value of a local scale that maps to `enum` (a SEP goal type, a VUM letter): the
    FFB code it stands for, by the contract's own mapping. A canonical column holds the code;
    `ffb convert` translates such values on the way in."""
    wanted = " ".join(value.replace(",", ".").casefold().split())
    for name, scale in enums.items():
        if scale.get("maps_to_enum") != enum:
            continue
        for key, entry in scale["values"].items():
            target = entry.get("maps_to")
            if target is None or wanted not in (key.casefold(), " ".join(entry["title"].casefold().split())):
                continue
            title = enums[enum]["values"].get(target, {}).get("title", target)
            if lang == "da":
                return (f"{value} er en værdi i {scale['title']} ({name}) og svarer til {target} ({title}); "
                        f"skriv {target}. ffb convert oversætter den slags lokale værdier.")
            return (f"{value} is a value of {scale['title']} ({name}) and stands for {target} ({title}); "
                    f"write {target}. ffb convert translates such local values.")
    return None


def _column_hint(columns: list[dict], header: str, lang: str) -> str | None:
    """For an unknown column: the contract column it most likely is (by name or Danish title)."""
    best = nearest_column(header, columns)
    if best is None:
        return None
    title = best.get("title") or best["name"]
    return (f"Omdøb kolonnen til {best['name']} ({title})."
            if lang == "da" else f"Rename the column to {best['name']} ({title}).")


def _number_hint(value: str, lang: str, integer: bool) -> str | None:
    """A Danish way of writing a number, with what to write instead."""
    da = lang == "da"
    text = value.strip()
    bare = re.sub(r"(?i)^(kr\.?|dkk)\s*|\s*(kr\.?|dkk|,-)$", "", text).replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"[+-]?[0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?", bare):
        fixed = bare.replace(".", "").replace(",", ".")
        reason = "punktum er ikke tusindtalsadskiller, og decimaltegnet er punktum" if da else \
            "no thousands separator, and a point as decimal mark"
    elif re.fullmatch(r"[+-]?[0-9]+(,[0-9]+)?", bare) and bare != text:
        fixed = bare.replace(",", ".")
        reason = "kun tallet, uden kr. og mellemrum" if da else "the number only, without kr. and spaces"
    elif re.fullmatch(r"[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?", bare):
        fixed = bare.replace(",", "")
        reason = "uden tusindtalsadskiller" if da else "without thousands separator"
    else:
        return None
    if integer:
        if re.fullmatch(r"[+-]?[0-9]+\.0*", fixed):
            fixed = fixed.split(".")[0]
        elif "." in fixed:
            return ("Skriv et helt tal uden decimaler." if da else "Write a whole number without decimals.")
    return f"Skriv {fixed} ({reason})." if da else f"Write {fixed} ({reason})."


def _date_hint(value: str, lang: str) -> str | None:
    da = lang == "da"
    text = value.strip()
    if re.fullmatch(r"[0-9]{5}", text) and 20_000 <= int(text) <= 80_000:
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(text))
        return (f"{text} ligner et Excel-datonummer for {day:%Y-%m-%d}; skriv {day:%Y-%m-%d}."
                if da else f"{text} looks like an Excel day number for {day:%Y-%m-%d}; write {day:%Y-%m-%d}.")
    stamp = re.fullmatch(r"([0-9]{4}-[0-9]{2}-[0-9]{2})[T ][0-9:.]+Z?", text)
    if stamp:
        return (f"Skriv kun datoen: {stamp[1]}." if da else f"Write the date only: {stamp[1]}.")
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
    if iso:
        try:
            day = dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return ("Datoen findes ikke i kalenderen; ret dag eller måned (ÅÅÅÅ-MM-DD)."
                    if da else "The date does not exist; correct the day or month (YYYY-MM-DD).")
        return f"Skriv {day:%Y-%m-%d} (to cifre til måned og dag)." if da else f"Write {day:%Y-%m-%d} (two digits for month and day)."
    short = re.fullmatch(r"([0-9]{1,2})[-./]([0-9]{1,2})[-./]([0-9]{2})", text)
    if short:
        return (f"Skriv året med fire cifre som ÅÅÅÅ-MM-DD, fx 20{short[3]}-{int(short[2]):02d}-{int(short[1]):02d}."
                if da else f"Write the year with four digits as YYYY-MM-DD, e.g. 20{short[3]}-{int(short[2]):02d}-{int(short[1]):02d}.")
    return None


BOOLEAN_WORDS = {
    "ja": "true", "j": "true", "yes": "true", "y": "true", "1": "true", "sand": "true", "x": "true", "true": "true",
    "nej": "false", "n": "false", "no": "false", "0": "false", "falsk": "false", "false": "false",
}


def _boolean_hint(value: str, lang: str) -> str | None:
    word = BOOLEAN_WORDS.get(value.strip().casefold())
    if word is None:
        return None
    return f"Skriv {word}." if lang == "da" else f"Write {word}."


def _value_hint(code: str, table: str | None, column: str | None, value: str | None, lang: str,
                codes: CodeLookup, info: dict[str, dict], columns: dict[str, list[dict]]) -> str | None:
    if value is None:
        return None
    spec = info.get(f"{table}.{column}", {})
    if code == "FFB210" and "enum" in spec:
        return _code_list_hint(codes, spec["enum"], value, lang)
    if code == "FFB108" and table in columns:
        return _column_hint(columns[table], value, lang)
    if code in ("FFB203", "FFB204"):
        return _number_hint(value, lang, integer=code == "FFB203")
    if code == "FFB205":
        return _date_hint(value, lang)
    if code == "FFB206":
        return _boolean_hint(value, lang)
    return None


VALUE_HINTS = ("FFB108", "FFB203", "FFB204", "FFB205", "FFB206", "FFB210")


def _templates_filled(groups: pl.DataFrame, lang: str) -> pl.DataFrame:
    """The template of each (code, table, column) with everything but the value and the
    detail filled in (a handful of groups, however many issues)."""
    english = lang == "en"
    info = _column_info()
    columns = _table_columns()
    tables = ", ".join(columns)
    filled = []
    for code, table, column in groups.iter_rows():
        template = TEMPLATES.get(code, FALLBACK)[1 if english else 0]
        spec = info.get(f"{table}.{column}", {})
        fills = {
            "code": code, "table": table or "", "column": column or "",
            "column_title": spec.get("title") or column or "",
            "enum": spec.get("enum", ""),
            "columns": ", ".join(c["name"] for c in columns.get(table, [])),
            "tables": tables,
        }
        if code == "FFB207" and "pattern" in spec:
            fills["detail"] = describe_pattern(spec["pattern"], lang)
        for placeholder, text in fills.items():
            template = template.replace("{" + placeholder + "}", text)
        filled.append(template)
    return groups.with_columns(pl.Series("template", filled, pl.String))


_PER_ROW = re.compile(r"\{(value|detail)\}")


def _split_templates(templates: pl.DataFrame) -> pl.DataFrame:
    """Each template as text pieces around its {value} and {detail} slots, so the hints are
    put together with one concat per row instead of a search and replace."""
    pieces = [_PER_ROW.split(t) for t in templates["template"]]
    slots = max((len(p) // 2 for p in pieces), default=0)
    columns: dict[str, list] = {}
    for i in range(slots + 1):
        columns[f"_text{i}"] = [p[2 * i] if 2 * i < len(p) else "" for p in pieces]
        if i < slots:
            columns[f"_slot{i}"] = [p[2 * i + 1] if 2 * i + 1 < len(p) else "" for p in pieces]
    return templates.drop("template").with_columns(
        [pl.Series(name, values, pl.String) for name, values in columns.items()]
    )


def _with_values(templates: pl.DataFrame) -> pl.Expr:
    parts = []
    for name in templates.columns:
        if name.startswith("_text"):
            parts.append(pl.col(name))
        elif name.startswith("_slot"):
            slot = pl.col(name)
            parts.append(
                pl.when(slot == "value").then(pl.col("value").fill_null(""))
                .when(slot == "detail").then(pl.col("detail").fill_null(""))
                .otherwise(pl.lit(""))
            )
    return pl.concat_str(parts)


def add_hints(shown: pl.DataFrame, lang: str) -> pl.Series:
    """The hint of every issue in `shown` (which has code, table, column, value, detail,
    source; values already masked for showing)."""
    if shown.is_empty():
        return pl.Series("hint", [], pl.String)
    keys = ["code", "table", "column"]
    templates = _templates_filled(shown.select(keys).unique(), lang)
    templates = _split_templates(templates)
    frame = shown.select("code", "table", "column", "value", "detail", "source").join(
        templates, on=keys, how="left", nulls_equal=True, maintain_order="left"
    )
    frame = frame.with_columns(_with_values(templates).alias("hint"))

    # Value-specific hints, once per distinct value.
    codes = lookup()
    info = _column_info()
    columns = _table_columns()
    distinct = (
        frame.filter(pl.col("code").is_in(VALUE_HINTS))
        .select("code", "table", "column", "value").unique()
        .with_columns(pl.int_range(pl.len()).over(["code", "table", "column"]).alias("_n"))
        .filter(pl.col("_n") < MAX_DISTINCT).drop("_n")
    )
    if distinct.height:
        specific = [
            _value_hint(c, t, col, v, lang, codes, info, columns)
            for c, t, col, v in distinct.iter_rows()
        ]
        hinted = distinct.with_columns(pl.Series("specific", specific, pl.String))
        frame = frame.join(hinted, on=["code", "table", "column", "value"], how="left", nulls_equal=True,
                           maintain_order="left")
        frame = frame.with_columns(pl.coalesce(pl.col("specific"), pl.col("hint")).alias("hint"))
    frame = _cross_issue_hints(frame, lang, columns)
    return frame["hint"]


def _cross_issue_hints(frame: pl.DataFrame, lang: str, columns: dict[str, list[dict]]) -> pl.DataFrame:
    """A missing column whose data sits under an unknown header in the same file
    (`Kommunekode` for municipality_code): say to rename that header."""
    unknown = frame.filter(pl.col("code") == "FFB108").select("source", "table", "value")
    missing = frame.filter(pl.col("code").is_in(["FFB106", "FFB107"]))
    if unknown.is_empty() or missing.is_empty():
        return frame
    da = lang == "da"
    renames: dict[tuple, str] = {}
    for source, table, header in unknown.iter_rows():
        for column in columns.get(table, []):
            suggestion = _column_hint([column], header or "", lang)
            if suggestion is not None:
                renames[(source, table, column["name"])] = (
                    f"Kolonnen {header} i filen er nok {column['name']}: omdøb den til {column['name']}."
                    if da else f"The column {header} in the file is probably {column['name']}: rename it to {column['name']}."
                )
                break
    if not renames:
        return frame
    keys = pl.DataFrame(
        [{"source": s, "table": t, "column": c, "rename": h} for (s, t, c), h in renames.items()],
        schema={"source": pl.String, "table": pl.String, "column": pl.String, "rename": pl.String},
    )
    joined = frame.join(keys, on=["source", "table", "column"], how="left", nulls_equal=True, maintain_order="left")
    return joined.with_columns(
        pl.when(pl.col("code").is_in(["FFB106", "FFB107"]) & pl.col("rename").is_not_null())
        .then(pl.col("rename")).otherwise(pl.col("hint")).alias("hint")
    ).drop("rename")

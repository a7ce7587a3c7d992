"""Write the example exports under examples/sources/<profile>/.

Each export is shaped like what a municipal system or a hand-filled template really gives:
Danish headers and labels, Windows-1252, decimal commas, mixed date formats, blank rows, a
name and a free-text column. Every CPR number is fictional: born 1 January, with a serial
made up here. Run from the project folder:

    python examples/sources/generate.py [--out FOLDER]
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fictional_cpr(year: int, serial: int, dash: bool = True) -> str:
    """A CPR-shaped number for 1 January of `year` (two digits) with a made-up serial."""
    return f"0101{year:02d}{'-' if dash else ''}{serial:04d}"


FLAT_HEADER = [
    "CPR-nr.", "Navn", "Kommune", "Sagsnr.", "Sag oprettet", "Sag afsluttet", "Afslutningsårsag",
    "Målgruppe", "Registreringsdato", "Registreringstype", "Initiativtager", "Samlet VUM",
    "Støttebehov", "Forsørgelse", "Beskæftigelsesrettet indsats", "Mål sat", "Måltype",
    "Forventet målopfyldelse", "Mål-VUM", "Tilstand", "Tilstandens niveau", "Paragraf", "Ydelse", "Tilbudstype", "Leverandør", "Leverandør-CVR",
    "Ejerform", "Bevilget fra", "Bevilget til", "Timer pr. uge", "Timer pr. uge i gruppe",
    "Månedspris (kr.)", "Prisår", "Bemærkning",
]

# One row per registration on a case, as a report generator lists them: the citizen, the
# case, the service and the provider repeat on every row.
FLAT_ROWS = [
    [fictional_cpr(85, 1233), "Anna Testesen", "Aarhus Kommune", "2023-0412", "01-02-2023", "", "",
     "Udviklingshæmning", "01-02-2023", "Visitation", "Sagsbehandler", "3", "Moderat",
     "Førtidspension", "Ja", "Ja", "Forbedring", "01.02.2024", "2", "Lave mad", "3", "§ 85",
     "Socialpædagogisk støtte", "Mobilt tilbud", "Bostøtten Nord ", "12345678", "Egen kommune",
     "01-02-2023", "", "7,5", "2", "", "2024", "Ringer selv; husk 0101851233"],
    [fictional_cpr(85, 1233, dash=False), "Anna Testesen", "aarhus kommune", "2023-0412", "1-2-2023", "", "",
     "Udviklingshæmning", "1.8.2023", "Opfølgning", "Udfører", "3,5", "Moderat",
     "Førtidspension", "nej", "JA", "status quo", "1/2-24", "3,5", "Lave mad", "3,0", "§85",
     "Socialpædagogisk støtte", "Mobilt tilbud", "Bostøtten Nord", "12345678", "egen kommune",
     "01-02-2023", "", "7,5", "2", "", "2024", ""],
    [],
    [fictional_cpr(62, 2344), "Bent Prøvesen", "Aarhus Kommune", "2022-0077", "15.03.2022", "30-06-2024",
     "Hændelse medfører ophør", "Autismespektrum", "15.03.2022", "Indledende visitation", "Borger",
     "4", "Højt", "Folkepension", "", "Ja", "Begrænset forværring", "15-03-2023", "4", "Vaske sig", "4", "SEL § 108",
     "Længerevarende ophold", "Længerevarende botilbud til voksne", "Bofællesskabet Å ",
     "87654321", "Privat", "15-03-2022", "30-06-2024", "", "", "52.341,75", "2024", ""],
    [fictional_cpr(62, 2344), "Bent Prøvesen", "Aarhus Kommune", "2022-0077", "15.03.2022", "30-06-2024",
     "Hændelse medfører ophør", "Autismespektrum", "44986", "Opfølgning", "Pårørende",
     "4", "Højt", "Folkepension", "x", "Nej", "", "", "", "", "", "SEL § 108",
     "Længerevarende ophold", "Længerevarende botilbud til voksne", "Bofællesskabet Å",
     "87654321", "Privat", "15-03-2022", "30-06-2024", "", "", "52.341,75", "2024", "Flytter"],
    [fictional_cpr(99, 4011), "Carla Eksempel", "Aarhus", "2024-1001", "02-09-2024", "", "",
     "Angst", "02-09-2024", "Visitation", "Myndighed", "2", "Let", "Kontanthjælp, aktivitetsparat",
     "J", "Ja", "Udvikle", "01-03-2025", "1", "Indgå i samspil og kontakt", "2", "§ 82 b",
     "Individuel tidsbegrænset socialpædagogisk hjælp og støtte", "Mobilt tilbud", "Bostøtten Nord",
     "12345678", "Egen kommune", "02-09-2024", "01-03-2025", "3", "", "", "2024", ""],
    [fictional_cpr(70, 1677), "Dorte Demo", "Aarhus Kommune", "2023-0999", "10-10-2023", "", "",
     "Psykiske vanskeligheder", "10-10-2023", "Visitation", "Sagsbehandler", "2", "Moderat",
     "Førtidspension", "Nej", "Ja", "Fastholde", "10-10-2024", "2", "Varetage bolig ", "Moderat nedsat funktionsevne", "§ 107",
     "Midlertidigt ophold", "Midlertidigt botilbud til voksne", "Botilbuddet Skovly",
     "11223344", "Anden kommune", "10-10-2023", "", "", "", "48.500,00", "2024", ""],
]


def write_flat_csv_da(out: Path = HERE) -> Path:
    folder = out / "flat-csv-da"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "udtraek.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(FLAT_HEADER)
        writer.writerows(FLAT_ROWS)
    return path


SEP_CASE = ["Cpr-nr.", "Navn", "Er sagen afsluttet?", "Afslutningsdato", "Årsag til afslutning", "Målgruppe"]
# One block of columns per registration; the template has room for nine side by side.
SEP_REGISTRATION = [
    "Dato for registrering {n}", "Visitation eller opfølgning {n}", "Antal måneder siden seneste registrering {n}",
    "Initiativtager {n}", "Ydelse (§85 eller §107) {n}", "Leverandør {n}", "Leverandørens ejerform {n}",
    "Dagspris §107 (kr.) {n}", "Timer §85 pr. måned, individuel {n}", "Timer §85 pr. måned, i gruppe {n}",
    "Samlet VUM-score {n}", "Mål sat (ja/nej) {n}", "Tidligere mål opfyldt {n}", "Måltype {n}",
    "Målets primære tilstand {n}", "Tilstandens VUM-score {n}", "VUM-mål {n}", "Dato for forventet målopfyldelse {n}",
    "Forsørgelsesgrundlag {n}", "Beskæftigelsesrettet indsats {n}",
]
SEP_REGISTRATIONS = 9


def _registration(date, kind, months, initiator, service, provider, ownership, price, hours, group, vum,
                  goals, met, goal_type, condition, condition_vum, target, expected, income, employment):
    return [date, kind, months, initiator, service, provider, ownership, price, hours, group, vum, goals, met,
            goal_type, condition, condition_vum, target, expected, income, employment]


SEP_CASES = [
    ([fictional_cpr(90, 1235), "Erik Eksempel", "Nej", None, None, "Udviklingshæmning"], [
        _registration(dt.date(2023, 1, 10), "Indledende visitation", None, "Sagsbehandler", "§85", "Bostøtten Vest",
                      "Egen kommune", None, "20,5", 4, 3, "Ja", None, "forbedring", "Lave mad", 3, 2,
                      dt.date(2024, 1, 10), "Førtidspension", "Nej"),
        _registration("10-07-2023", "Opfølgning", 6, "Udfører", "§ 85", "Bostøtten Vest", "Egen kommune", None,
                      18, 4, 3.5, "ja", "delvist", "status quo", "Lave mad", "3,5", "3,5",
                      "10-01-2024", "Førtidspension", "nej"),
        _registration(dt.date(2024, 1, 12), "Opfølgning", 6, "Sagsbehandler", "§85", "Bostøtten Vest",
                      "Egen kommune", None, 12, None, 3, "J", "ja", "forbedring", "Lave mad", 3, 2,
                      dt.date(2025, 1, 12), "Førtidspension", "x"),
    ]),
    ([fictional_cpr(75, 3346), "Frida Fiktiv", "Ja", "30.06.2024", "Ikke yderligere behov (fagpersonvurderet)",
      "Psykiske vanskeligheder"], [
        _registration(dt.date(2022, 9, 1), "Indledende visitation", None, "Borger", "§107", "Botilbuddet Engen",
                      "Privat", "1.850,00", None, None, 4, "Ja", None, "begrænset forværring", "Vaske sig", 4, 4,
                      dt.date(2023, 9, 1), "Kontanthjælp, aktivitetsparat", None),
        _registration(dt.date(2023, 9, 4), "Opfølgning", 12, "Myndighed", "§ 107", "Botilbuddet Engen",
                      "Privat", 1912.5, None, None, 4, "Nej", "Nej", None, None, None, None, None,
                      "Kontanthjælp, aktivitetsparat", None),
    ]),
    ([fictional_cpr(1, 4015), "Gorm Opdigtet", "Nej", None, None, "Autismespektrum"], [
        _registration(dt.date(2024, 2, 1), "Indledende visitation", None, "Pårørende", "§85", "Bostøtten Vest",
                      "Egen kommune", None, "8", "2,5", 2, "Ja", None, "Forbedring", "Indgå i samspil og kontakt",
                      2, 1, dt.date(2025, 2, 1), "SU", "Ja"),
    ]),
]


def write_sep_template(out: Path = HERE) -> Path:
    """KL's SEP template as a municipality fills it in by hand: case data, then up to nine
    registrations side by side, and a notes sheet."""
    from openpyxl import Workbook

    folder = out / "sep-template"
    folder.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Indberetning"
    header = SEP_CASE + [c.replace("{n}", str(n)) for n in range(1, SEP_REGISTRATIONS + 1) for c in SEP_REGISTRATION]
    sheet.append(header)
    for case, registrations in SEP_CASES:
        row = list(case)
        for registration in registrations:
            row += registration
        sheet.append(row)
    sheet.append([])  # a row left empty between cases, as people do
    notes = workbook.create_sheet("Noter")
    notes.append(["Noter til indberetningen"])
    notes.append(["Sagsbehandler har udfyldt registrering 2 for Frida efter aftale."])
    path = folder / "sep-skabelon.xlsx"
    workbook.save(path)
    return path


ROOT = HERE.parent.parent
# Which table's rows belong to which: (table, its column, the table it points at, that column).
LINKS = [
    ("cases", "citizen_id", "citizens", "id"),
    ("case_target_groups", "case_id", "cases", "id"),
    ("assessments", "case_id", "cases", "id"),
    ("conditions", "assessment_id", "assessments", "id"),
    ("goals", "assessment_id", "assessments", "id"),
    ("goal_conditions", "goal_id", "goals", "id"),
    ("interventions", "case_id", "cases", "id"),
    ("follow_ups", "assessment_id", "assessments", "id"),
]


def canonical_subset(folder: Path, citizens: int) -> dict[str, list[dict]]:
    """The rows of the first `citizens` citizens of a canonical package and all that hangs on them."""
    tables = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            tables[path.stem] = list(csv.DictReader(handle))
    subset = {"citizens": tables["citizens"][:citizens]}
    for table, column, parent, parent_column in LINKS:
        keys = {row[parent_column] for row in subset[parent]}
        subset[table] = [row for row in tables.get(table, []) if row[column] in keys]
    providers = {row["provider_id"] for row in subset["interventions"] if row["provider_id"]}
    subset["providers"] = [row for row in tables["providers"] if row["id"] in providers]
    subset["prices"] = [row for row in tables["prices"] if row["provider_id"] in providers]
    return subset


def write_excel_template(path: Path, canonical: Path = ROOT / "examples" / "canonical", citizens: int = 5) -> Path:
    """ffb's own Excel template filled in the way people do: Danish names picked from the
    lists (some with a space after them, some typed in lower case), dates as Excel dates."""
    sys.path.insert(0, str(ROOT / "src"))
    from openpyxl import load_workbook

    from ffb.contract.codes import load_contract

    contract = load_contract()
    enums = contract["enums"]
    workbook = load_workbook(ROOT / "validators" / "ffb-template.xlsx")
    subset = canonical_subset(canonical, citizens)
    for table in contract["tables"]:
        sheet = workbook[table["name"]]
        header = [cell.value for cell in sheet[1]]
        columns = {column["name"]: column for column in table["columns"]}
        for number, row in enumerate(subset.get(table["name"], [])):
            values = []
            for name in header:
                text = row.get(name, "")
                column = columns[name]
                if text == "":
                    values.append(None)
                elif "enum" in column and text in enums[column["enum"]]["values"]:
                    title = enums[column["enum"]]["values"][text]["title"]
                    values.append(title + " " if number % 2 else title.lower() if number % 5 == 3 else title)
                elif column["type"] == "date":
                    values.append(dt.date.fromisoformat(text) if number % 3 else text)
                elif column["type"] in ("number", "integer"):
                    values.append(float(text) if column["type"] == "number" else int(text))
                elif column["type"] == "boolean":
                    values.append("Ja" if text == "true" else "Nej")
                else:
                    values.append(text)
            sheet.append(values)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


# Fictional KOMBIT STS organisation UUIDs for the example (not the municipalities' real ones).
FICTIONAL_ORGANISATIONS = "6b0c2f3e-0d7a-4c55-9a55-4a2f3b1e0c{code}"


def write_fhir_bundles(out: Path = HERE, canonical: Path = ROOT / "examples" / "canonical", citizens: int = 6) -> Path:
    """KL's FFB reporting Bundles for the first citizens of the canonical example: one Bundle
    file and an NDJSON delivery, with a table of (fictional) STS organisation UUIDs."""
    sys.path.insert(0, str(ROOT / "src"))
    from ffb.fhir.write import write_bundles

    folder = out / "kl-ffb-reporting"
    folder.mkdir(parents=True, exist_ok=True)
    subset = canonical_subset(canonical, citizens)
    for number, citizen in enumerate(subset["citizens"]):
        citizen["cpr"] = fictional_cpr(60 + number, 2000 + 37 * number)
    codes = sorted({c["municipality_code"] for c in subset["citizens"]})
    organisations = {code: FICTIONAL_ORGANISATIONS.format(code=code) for code in codes}
    with (folder / "organisations.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["municipality_code", "sts_uuid"])
        writer.writerows(organisations.items())
    bundles = write_bundles(subset, organisations, timestamp="2024-06-01T12:00:00+02:00")
    (folder / "bundle.json").write_text(json.dumps(bundles[0], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    lines = [json.dumps(bundle, ensure_ascii=False) for bundle in bundles[1:]]
    path = folder / "delivery.ndjson"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else HERE
    excel = write_excel_template(out / "excel-template" / "ffb-skabelon-udfyldt.xlsx")
    fhir = write_fhir_bundles(out)
    for path in (write_flat_csv_da(out), write_sep_template(out), excel, fhir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

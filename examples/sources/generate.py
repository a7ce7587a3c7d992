"""Write the example exports under examples/sources/<profile>/.

Each export is shaped like what a municipal system or a hand-filled template really gives:
Danish headers and labels, Windows-1252, decimal commas, mixed date formats, blank rows, a
name and a free-text column. Every CPR number is fictional: born 1 January, with a serial
made up here. Run from the project folder:

    python examples/sources/generate.py
"""

from __future__ import annotations

import csv
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


def write_flat_csv_da() -> Path:
    folder = HERE / "flat-csv-da"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "udtraek.csv"
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(FLAT_HEADER)
        writer.writerows(FLAT_ROWS)
    return path


def main() -> int:
    for path in (write_flat_csv_da(),):
        print(f"wrote {path.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

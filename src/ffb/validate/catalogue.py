"""The catalogue of validation rules: every problem ffb-validate can report.

Each rule has a stable code that never changes meaning, a short kebab-case name, a severity,
a message template in Danish and English, and a description. Templates may use {table},
{column}, {value} and {detail}; what {detail} holds is said per rule.

Code ranges: FFB1xx files and structure, FFB2xx field rules compiled from the schema,
FFB3xx FFB reporting rules, FFB4xx economics, FFB5xx dates and order, FFB6xx privacy.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from ffb.contract.codes import Codes

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    title: dict[str, str]
    message: dict[str, str]
    description: str
    # Examples for the docs page and the rule's own test: each is a set of tables given as CSV
    # text (table name -> CSV). `bad` makes the rule fire, `good` fixes it.
    bad: dict[str, str] = field(default_factory=dict)
    good: dict[str, str] = field(default_factory=dict)
    example_note: str = ""

    @property
    def group(self) -> str:
        return GROUPS[self.code[3]]


GROUPS = {
    "1": "Filer og struktur",
    "2": "Felter",
    "3": "FFB-indberetning",
    "4": "Økonomi",
    "5": "Datoer og rækkefølge",
    "6": "Persondata",
}

_RULES: list[Rule] = []


def rule(code: str, name: str, severity: str, title: tuple[str, str], message: tuple[str, str],
         description: str, **examples) -> None:
    assert severity in SEVERITIES, severity
    _RULES.append(
        Rule(code, name, severity, {"da": title[0], "en": title[1]},
             {"da": message[0], "en": message[1]}, " ".join(description.split()), **examples)
    )


# --- examples ----------------------------------------------------------------------------
# Every rule from FFB2xx on shows a failing (`bad`) and a passing (`good`) example: a few small
# tables written as CSV text, which the test suite runs and the docs pages show. A
# {placeholder} in the text stands for a code of the contract, looked up here by its Danish
# name, so the examples stay readable and cannot use a code the contract does not have.
_codes = Codes()
_EXAMPLE_VALUES = {
    "moderat": _codes.code("FunctionLevelEnum", "Moderat nedsat funktionsevne"),
    "let": _codes.code("FunctionLevelEnum", "Let nedsat funktionsevne"),
    "svaert": _codes.code("FunctionLevelEnum", "Svært nedsat funktionsevne"),
    "aktivitet_og_deltagelse": _codes.code("ConditionEnum", "Aktivitet og deltagelse"),
    "praktiske_opgaver": _codes.code("ConditionEnum", "Praktiske opgaver"),
    "lave_mad": _codes.code("ConditionEnum", "Lave mad"),
    "hukommelse": _codes.code("ConditionEnum", "Hukommelse"),
    "udvikle": _codes.code("GoalTypeEnum", "Udvikle funktionsevne"),
    "angst": _codes.code("TargetGroupEnum", "Angst"),
    "stofmisbrug": _codes.code("TargetGroupEnum", "Stofmisbrug"),
    "daglige_opgaver": _codes.code("ServiceEnum", "Støtte til daglige opgaver i hjemmet"),
    "midlertidigt_ophold": _codes.code("ServiceEnum", "Midlertidigt ophold"),
    "laengerevarende_ophold": _codes.code("ServiceEnum", "Længerevarende ophold"),
    "gruppebaseret": _codes.code("ServiceEnum", "Gruppebaseret hjælp og støtte"),
    "laengerevarende_botilbud": _codes.code("OfferTypeEnum", "Almindeligt længerevarende botilbud til voksne"),
    "fastholde": _codes.code("GoalTypeEnum", "Fastholde funktionsevne"),
    "social_aktivitet": _codes.code("ServiceEnum", "Social aktivitet"),
    # A fictional value with the shape of a CPR number, for the privacy rules. It is put
    # together from parts so that no CPR-shaped text is written out in the source; reports
    # and docs pages show it masked (010100-****).
    "fictional_cpr": "-".join(("010100", "0000")),
}


def _tables(**tables: str) -> dict[str, str]:
    """Example tables (table name -> CSV text): dedented, placeholders filled in."""
    return {
        name: textwrap.dedent(text).strip("\n").format_map(_EXAMPLE_VALUES) + "\n"
        for name, text in tables.items()
    }


def _note(text: str) -> str:
    """An example told in words, for rules a few CSV lines cannot show."""
    return " ".join(text.split())


# Tables several examples share.
_ONE_ASSESSMENT = """
    id,case_id,assessment_date,kind
    reg-1,sag-1,2024-03-10,visitation
    """
_CLOSED_CASE = """
    id,citizen_id,municipality_code,opened_date,closed_date,closure_reason
    sag-1,borger-1,101,2024-03-01,2024-09-30,intet_behov_fagperson
    """


# --- FFB1xx: files and structure -------------------------------------------------------
rule("FFB101", "empty-file", "error",
     ("Tom fil", "Empty file"),
     ("Filen er tom eller har ingen overskriftsrække.",
      "The file is empty or has no header row."),
     """A table file must start with a header row naming its columns. An empty file, or one
     whose first line is blank or absurdly long, cannot be read as a table.""",
     example_note=_note("""A `citizens.csv` of zero bytes, or one whose first line is blank, fails.
     Export the table again with its header row; a table without rows is just that line."""))
rule("FFB102", "not-a-table", "error",
     ("Ikke en tabel", "Not a table"),
     ("Filen kan ikke læses som en tabel: den er binær eller beskadiget.",
      "The file cannot be read as a table: it is binary or damaged."),
     """The file holds bytes no text file has (a NUL byte), a workbook, zip or Parquet file is
     damaged, or a row's quoting cannot be split into fields (a stray quote inside a value,
     text after a closing quote); then the row is given, and no row after it can be trusted.
     {detail} is the position of the first offending byte where known.""",
     example_note=_note("""An Excel workbook renamed to `cases.csv`, or a CSV file saved as UTF-16
     without a byte-order mark, holds NUL bytes. Export the table again as CSV text in UTF-8,
     or give the workbook its own .xlsx name."""))
rule("FFB103", "unknown-encoding", "error",
     ("Ukendt tegnsæt", "Unknown encoding"),
     ("Filen er hverken UTF-8 eller Windows-1252; gem den som UTF-8.",
      "The file is neither UTF-8 nor Windows-1252; save it as UTF-8."),
     """Text files must be UTF-8 (with or without byte-order mark) or Windows-1252, the
     encoding Danish Excel uses for CSV. Any other encoding would turn æ, ø and å into
     something else, so the file is not read.""",
     example_note=_note("""A `providers.csv` written in the old DOS code page 865, where Å and Ø
     are bytes that Windows-1252 leaves undefined. Save the file again as UTF-8 (in Excel:
     *CSV UTF-8*)."""))
rule("FFB104", "wrong-field-count", "error",
     ("Forkert antal felter", "Wrong number of fields"),
     ("Rækken har {value} felter, men overskriften har {detail}.",
      "The row has {value} fields but the header has {detail}."),
     """Every row must have as many fields as the header. A row with fewer or more fields
     usually means a delimiter inside an unquoted value; the row is not checked further.""",
     bad=_tables(providers="""
         id,name,operator_kind,operator_municipality_code
         tp-100231,Bostøtten Vest, afd. Nord,kommune,665
         """),
     good=_tables(providers="""
         id,name,operator_kind,operator_municipality_code
         tp-100231,"Bostøtten Vest, afd. Nord",kommune,665
         """))
rule("FFB105", "blank-row", "warning",
     ("Tom række", "Blank row"),
     ("Tom række midt i tabellen.", "Blank row inside the table."),
     """A row with no values (an empty line, or only delimiters) between rows with data. It is
     skipped; remove it so row numbers in the case system and the file agree. Empty lines at
     the end of a file are not reported.""",
     bad=_tables(citizens="""
         id,municipality_code
         borger-1,101

         borger-2,101
         """),
     good=_tables(citizens="""
         id,municipality_code
         borger-1,101
         borger-2,101
         """))
rule("FFB106", "missing-required-column", "error",
     ("Påkrævet kolonne mangler", "Required column missing"),
     ("Kolonnen {column} skal være med i {table}.",
      "The column {column} must be present in {table}."),
     """The header lacks a column the contract requires. Every row then lacks the value, so
     the problem is reported once for the column instead of once per row.""",
     bad=_tables(cases="""
         id,citizen_id,municipality_code
         sag-1,borger-1,101
         """),
     good=_tables(cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2024-03-01
         """))
rule("FFB107", "missing-optional-column", "warning",
     ("Valgfri kolonne mangler", "Optional column missing"),
     ("Kolonnen {column} mangler i {table}; den er valgfri, men bør være med, også når den er tom.",
      "The column {column} is missing from {table}; it is optional but should be present, even when empty."),
     """The canonical form has every column of a table, so that files from different systems
     line up. A missing optional column is read as empty. A privacy column (the clear CPR
     number, `citizens.cpr`) is exempt: the privacy guidance is to drop it altogether.""",
     bad=_tables(citizens="""
         id,municipality_code,birth_year
         borger-1,101,1980
         """),
     good=_tables(citizens="""
         id,municipality_code,birth_year,sex
         borger-1,101,1980,kvinde
         """))
rule("FFB108", "unknown-column", "error",
     ("Ukendt kolonne", "Unknown column"),
     ("Kolonnen {value} findes ikke i tabellen {table}.",
      "There is no column {value} in the table {table}."),
     """A column (or JSON property) the contract does not know. Often a misspelt column name;
     its values are not read.""",
     bad=_tables(citizens="""
         id,municipality_code,birthyear
         borger-1,101,1980
         """),
     good=_tables(citizens="""
         id,municipality_code,birth_year
         borger-1,101,1980
         """))
rule("FFB109", "duplicate-column", "error",
     ("Kolonne gentaget", "Duplicate column"),
     ("Kolonnen {column} står mere end én gang i overskriften.",
      "The column {column} appears more than once in the header."),
     """Two columns with the same name make it impossible to know which holds the value, so
     the table is not read.""",
     bad=_tables(citizens="""
         id,municipality_code,sex,sex
         borger-1,101,kvinde,kvinde
         """),
     good=_tables(citizens="""
         id,municipality_code,sex
         borger-1,101,kvinde
         """))
rule("FFB110", "unknown-table", "error",
     ("Ukendt tabel", "Unknown table"),
     ("Filen eller ressourcen passer ikke til nogen tabel i kontrakten ({detail}{value}).",
      "The file or resource matches no table of the contract ({detail}{value})."),
     """A file, sheet or data package resource whose name is not a table of the contract and
     whose header does not hold any table's required columns. {detail} lists the first column
     names found.""",
     bad=_tables(borgere="""
         borger_id,kommunekode
         borger-1,101
         """),
     good=_tables(citizens="""
         id,municipality_code
         borger-1,101
         """))
rule("FFB111", "read-as-windows-1252", "info",
     ("Læst som Windows-1252", "Read as Windows-1252"),
     ("Filen er læst med tegnsættet {detail}; gem den helst som UTF-8.",
      "The file was read as {detail}; prefer saving it as UTF-8."),
     """The file is not UTF-8 but is valid Windows-1252 (or UTF-16 with a byte-order mark),
     so it was read in that encoding. Nothing is lost, but UTF-8 is the canonical form.""",
     example_note=_note("""A `citizens.csv` that Danish Excel saved as *CSV (semikolonsepareret)* is
     Windows-1252: its æ, ø and å are read correctly, and this note says so. Saving the file as
     *CSV UTF-8* removes the note."""))
rule("FFB112", "path-outside-package", "error",
     ("Sti uden for pakken", "Path outside the package"),
     ("Stien {value} peger uden for datapakkens mappe og læses ikke.",
      "The path {value} points outside the data package's folder and is not read."),
     """A data package resource path (or a member of a zip file) that is absolute, climbs out
     with `..`, is a URL or a link that leads outside the package. ffb-validate never reads
     outside the package.""",
     example_note=_note("""A `datapackage.json` resource with `"path": "../other/citizens.csv"` or
     `"path": "/data/citizens.csv"` is not read. Give each path relative to the descriptor and
     inside its folder, such as `"path": "citizens.csv"`."""))
rule("FFB113", "input-too-large", "error",
     ("For stort eller for dybt", "Too large or too deep"),
     ("Inputtet er for stort eller for dybt indlejret til at blive læst ({detail}).",
      "The input is too large or too deeply nested to be read ({detail})."),
     """A zip container (XLSX or zipped data package) that would inflate far beyond its size
     or holds more than 10,000 members, a sheet whose cell grid is far larger than its cells,
     a descriptor larger than 16 MB, a JSON file larger than 512 MB, JSON nested deeper than
     the parser allows, a header row over 64 KB, or a single row longer than 1 MB (that row
     is skipped). Such input is refused before it can exhaust memory. Inputs that would expand
     past the limits of ffb-validate's options (`--max-rows`, `--max-cell-bytes`,
     `--max-text-bytes`, `--max-bad-rows`; `ffb-validate --help` gives the defaults) stop the
     run with exit 2 and a message that names this rule and the option.""",
     example_note=_note("""A zipped data package of a few kilobytes that would unpack to gigabytes,
     or a JSON document nested thousands of levels deep, is refused. Send the export unzipped
     or split it into smaller files."""))
rule("FFB114", "malformed-json", "error",
     ("Forkert JSON-struktur", "Malformed JSON"),
     ("JSON-dokumentet har ikke den forventede struktur her ({value}).",
      "The JSON document does not have the expected structure here ({value})."),
     """The JSON is not well-formed, or a value is not what the export document expects: a
     table must be a list of row objects, a descriptor must have a list of resources with a
     path each, and the document may hold only the tables of the contract.""",
     example_note=_note("""An export document `{"citizens": {"id": "borger-1"}}` gives a table as
     one object; write it as a list of rows, `{"citizens": [{"id": "borger-1",
     "municipality_code": "101"}]}`. A `datapackage.json` without a `resources` list fails
     the same way."""))
rule("FFB115", "wrong-json-type", "error",
     ("Forkert JSON-type", "Wrong JSON type"),
     ("Værdien {value} har forkert JSON-type; {column} skal være {detail}.",
      "The value {value} has the wrong JSON type; {column} must be {detail}."),
     """In JSON, codes, ids and dates are strings, quantities are numbers and yes/no fields are
     true or false. A number written as a string (or the reverse) is reported here, exactly as
     the generated JSON Schema would.""",
     example_note=_note("""In an export document the row `{"id": "borger-1", "municipality_code":
     "101", "birth_year": "1980"}` gives a year as text; write `"birth_year": 1980`. Likewise
     `"goals_set": "true"` must be `"goals_set": true`."""))
rule("FFB116", "table-absent", "info",
     ("Tabel mangler", "Table absent"),
     ("Tabellen {table} er ikke med; henvisninger til den og regler der bruger den, tjekkes ikke.",
      "The table {table} is absent; references to it and rules that use it are not checked."),
     """A data package or export document that leaves out a table other than citizens, cases
     and assessments (whose absence is FFB122). Such partial exports are allowed, but whatever
     depends on the missing table cannot be checked.""",
     example_note=_note("""A data package with only `citizens.csv`, `cases.csv` and `assessments.csv` is checked, with
     this note for each of the other tables, and what needs them (such as a reference to
     one) is skipped. Add the missing tables, as a header row alone when they are empty."""))
rule("FFB117", "names-translated", "info",
     ("Navne oversat til koder", "Names translated to codes"),
     ("{value} danske navne i kodede felter er oversat til koder (Excel-skabelonen).",
      "{value} Danish names in coded fields were translated to codes (the Excel template)."),
     """ffb's Excel template lets people pick Danish names from drop-downs. When a workbook
     carries the template's marker sheet, exact names are translated to their codes before
     the checks run; any other text is checked as given.""",
     example_note=_note("""A sheet of ffb's Excel template where someone picked *Moderat nedsat
     funktionsevne* in a drop-down: the name is read as its code
     `5bdde847-2837-416b-ab63-bbff8b7aa531`. Nothing needs fixing."""))
rule("FFB118", "resource-file-missing", "error",
     ("Fil mangler", "File missing"),
     ("Datapakken nævner {value}, men filen findes ikke.",
      "The data package names {value}, but the file does not exist."),
     """A resource in datapackage.json whose path names no file inside the package.""",
     example_note=_note("""`datapackage.json` lists a resource with `"path": "goals.csv"`, but the
     package has no such file. Add the file, or remove the resource from the descriptor."""))
rule("FFB119", "table-given-twice", "error",
     ("Tabel givet to gange", "Table given twice"),
     ("Tabellen {table} findes allerede i {value}; denne kopi læses ikke.",
      "The table {table} was already read from {value}; this copy is not read."),
     """Two files or sheets hold the same table. Only the first is checked.""",
     bad=_tables(citizens="""
         id,municipality_code
         borger-1,101
         """, borgere="""
         id,municipality_code
         borger-2,101
         """),
     good=_tables(citizens="""
         id,municipality_code
         borger-1,101
         borger-2,101
         """))
rule("FFB120", "name-near-table", "warning",
     ("Navn næsten som en tabel", "Name close to a table"),
     ("Navnet {value} er ikke en tabel, men ligner {table}; filen er læst som {table}.",
      "The name {value} is no table but is close to {table}; the file was read as {table}."),
     """A file or sheet whose name is not a table of the contract but clearly means one (a
     missing plural s, a typo) and whose header does not tell the table by itself, is read as
     that table. Rename it so that every system reads it the same way.""",
     example_note=_note("""A folder holding `goal_condition.csv` whose header lacks the `rank`
     column: the file is read as `goal_conditions`, the missing column is reported, and this
     warning asks to rename the file `goal_conditions.csv`."""))
rule("FFB121", "sheet-ignored", "info",
     ("Ark ikke læst", "Sheet not read"),
     ("Arket {value} passer ikke til nogen tabel og er ikke læst ({detail}).",
      "The sheet {value} matches no table and was not read ({detail})."),
     """A workbook may hold sheets besides the tables: notes, a pivot table, a list of
     changes. A sheet whose name is no table (nor close to one) and whose header holds no
     table's required columns is left out with this note, so the workbook is still checked.
     {detail} lists the sheet's first column names, so a data sheet that was meant to be read
     is easy to spot.""",
     example_note=_note("""A workbook with the sheets `citizens`, `cases`, `assessments` and
     `Noter`: the three tables are checked and the `Noter` sheet gets this note. If `Noter`
     was meant to hold data, name the sheet after its table."""))
rule("FFB122", "required-table-missing", "error",
     ("Påkrævet tabel mangler", "Required table missing"),
     ("Tabellen {table} mangler; et FFB-udtræk skal mindst have citizens, cases og assessments.",
      "The table {table} is missing; an FFB export must hold at least citizens, cases and assessments."),
     """KL's FFB reporting sends, per citizen, the citizen, the case (the service request)
     and the assessments made on it (information gathering); the other tables hang off
     these. A package, folder, workbook or export document without one of them is not an FFB
     export. To check some tables on purpose, name them with `--table` (repeatable): only
     the named tables are then expected.""",
     example_note=_note("""A folder holding only `citizens.csv` is invalid: `cases` and
     `assessments` are missing. `ffb-validate folder --table citizens` checks the citizens
     table alone and expects nothing else."""))

rule("FFB123", "duplicate-json-key", "error",
     ("Egenskab gentaget", "Property given twice"),
     ("Egenskaben {value} står mere end én gang i samme JSON-objekt; kun den sidste værdi læses.",
      "The property {value} appears more than once in the same JSON object; only the last value is read."),
     """JSON parsers keep only one value of a property named twice in an object, so the other
     value would be lost without a word. The object must name each property once (RFC 8259
     recommends it; the JSON Schema cannot see the difference).""",
     example_note=_note("""A row `{"id": "borger-1", "sex": "kvinde", "sex": "mand"}` in an export
     document: which sex is meant cannot be known. Write each property once."""))
rule("FFB124", "invalid-character", "error",
     ("Ugyldigt tegn", "Invalid character"),
     ("Teksten indeholder et ugyldigt tegn (en halv UTF-16-parring, vist som \\ud800).",
      "The text holds an invalid character (half of a UTF-16 pair, shown as \\ud800)."),
     """A JSON escape from \\ud800 to \\udfff is half of a UTF-16 pair; only two halves
     together make a character. One alone is no character and cannot be stored as UTF-8, so
     it is shown as its escape and the value is checked as such.""",
     example_note=_note("""A name written as `"Bost\\ud800tten"` by a program that cut a
     character in two. Export the text again from the source system."""))

rule("FFB125", "nested-column", "error",
     ("Kolonne med lister eller objekter", "Column of lists or objects"),
     ("Kolonnen {column} har typen {detail}; en celle skal være én værdi.",
      "The column {column} has the type {detail}; a cell must hold one value."),
     """A Parquet column whose type is a list, an array, a struct or raw bytes cannot hold
     the single value a field of the contract is. The column is reported once and its cells
     are read as absent.""",
     example_note=_note("""A `goals.parquet` whose `condition_id` column holds a list of
     conditions per goal. Write one row per goal and condition in `goal_conditions`
     instead."""))

rule("FFB126", "zip-member-unusable", "error",
     ("Zip-medlem kan ikke pakkes ud", "Zip member cannot be unpacked"),
     ("Zip-filen har et medlem, der ikke kan pakkes ud som fil: {value}.",
      "The zip file has a member that cannot be unpacked as a file: {value}."),
     """A member of a zipped data package whose name no file system accepts: a name longer
     than 255 bytes in one part, or a name that is both a file and a folder (`x.csv` and
     `x.csv/y.csv`). Nothing of the zip file is read.""",
     example_note=_note("""A zip file holding both `citizens.csv` and `citizens.csv/old.csv`.
     Zip the package again from its folder, so each name is one file."""))
rule("FFB127", "unsupported-file-type", "error",
     ("Filtype læses ikke", "File type not read"),
     ("Filen {value} har en type, der ikke læses; giv tabellen som CSV, XLSX, JSON, JSON lines eller Parquet.",
      "The file {value} is of a type that is not read; give the table as CSV, XLSX, JSON, JSON lines or Parquet."),
     """A resource of a data package whose file type ffb-validate does not read: an old
     Excel workbook (`.xls`), a zip file inside the package, a document. The other
     resources are still checked.""",
     example_note=_note("""`datapackage.json` names `"path": "cases.xls"`. Save the sheet
     as `.xlsx` or as CSV UTF-8 and name that file in the descriptor."""))
rule("FFB128", "workbook-encrypted-or-old", "error",
     ("Krypteret eller gammel arbejdsbog", "Encrypted or old workbook"),
     ("Arbejdsbogen er beskyttet med adgangskode eller er en gammel .xls-fil; gem den uden adgangskode som .xlsx.",
      "The workbook is protected by a password or is an old .xls file; save it without a password as .xlsx."),
     """An `.xlsx` file that is in fact a compound document: Excel stores a workbook that
     way when it is encrypted with a password, and the old `.xls` format is one too. Neither
     can be read without Excel.""",
     example_note=_note("""A `borgere.xlsx` saved with *Beskyt projektmappe › Krypter med
     adgangskode*. Save a copy without a password."""))
rule("FFB129", "text-named-as-workbook", "error",
     ("Tekstfil med Excel-navn", "Text file named as a workbook"),
     ("Filen er tekst (fx CSV), men navnet slutter på {value}; omdøb den til .csv.",
      "The file is text (such as CSV), but its name ends in {value}; rename it to .csv."),
     """A file named `.xlsx` that holds text, as when a CSV export is renamed by hand. It is
     not read as a workbook; with the right name it is read as CSV.""",
     example_note=_note("""`borgere.xlsx` that opens in Notepad as lines of `id;municipality_code`.
     Rename it to `borgere.csv`."""))
rule("FFB130", "mixed-encoding", "error",
     ("Blandede tegnsæt", "Mixed encodings"),
     ("Filen blander UTF-8 og Windows-1252; fra række {detail} er æ, ø og å skrevet anderledes end før.",
      "The file mixes UTF-8 and Windows-1252; from row {detail} æ, ø and å are written differently than before."),
     """Some lines are UTF-8 and others Windows-1252, as when files from two systems are
     joined. Read in either encoding, part of the text would turn into other characters, so
     the file is not read.""",
     example_note=_note("""A `providers.csv` put together from an export in UTF-8 and rows
     typed in Excel. Save the whole file again as CSV UTF-8."""))

rule("FFB131", "code-system-version", "error",
     ("Andet kodesystem eller anden version", "Other code system or version"),
     ("datapackage.json angiver {value} som {column}; kontrakten følger FFB-kodesystemet {detail}.",
      "datapackage.json states {value} as {column}; the contract follows the FFB code system {detail}."),
     """A data package may say, in the `ffb` block of `datapackage.json`, which FFB code
     system (`code_system`, KL's OID urn:oid:1.2.208.176.2.22) and which version of it
     (`code_system_version`) its codes follow. The contract is bound to one version of KL's
     code system, the one its code lists were imported from (see the versions on every page
     of this site), and accepts that version only: KL adds, renames and retires concepts
     between versions, so codes chosen from another version mean something else or nothing
     here. Every code is still checked against the contract's lists (FFB210), so the data
     are checked even when the statement is wrong. A descriptor without an `ffb` block, or
     without these two properties, states nothing and is not faulted.""",
     example_note=_note("""A `datapackage.json` with `"ffb": {"code_system_version":
     "20190101"}`: the export was made against an old code list. Export again with the codes
     of the contract's version, and state that version (the example package in
     `examples/canonical/` shows the block)."""))

rule("FFB132", "formula-without-value", "error",
     ("Formel uden gemt værdi", "Formula without a saved value"),
     ("Cellen {detail} har en formel, men ingen gemt værdi; den læses som tom.",
      "The cell {detail} holds a formula but no saved value; it is read as empty."),
     """Excel saves the result of every formula beside it, and that result is what is read.
     A workbook written by another program (a report generator, a script) may hold formulas
     without their results; ffb-validate does not compute formulas, so such a cell is read
     as empty, and the column's own rules (a required value, say) see it so. {detail} is the
     cell's reference, such as `C2`.""",
     example_note=_note("""A `borgere.xlsx` made by a script, whose `birth_year` column holds
     `=1900+58`. Open the workbook in Excel and save it, so every result is saved, or write
     the values instead of formulas."""))

rule("FFB133", "fhir-bundle-unusable", "error",
     ("FHIR-Bundle kan ikke kontrolleres", "FHIR Bundle cannot be checked"),
     ("Bundle'en kan ikke kontrolleres helt: {detail}.",
      "The Bundle cannot be checked in full: {detail}."),
     """A FHIR Bundle of KL's FFB reporting (the `kl-ffb-reporting` guide) is checked as the
     canonical tables it gives, every rule as for any other export, and each issue is shown at
     its element (`Bundle.entry[3].resource.severity`) and resource (`Condition/c-1`). Some
     faults leave nothing to check: a file or NDJSON line that is not JSON or not a Bundle, a
     Bundle whose elements are not of the kinds FHIR gives them (an `entry` that is a number),
     a Bundle that does not hold exactly one Patient, a Patient
     whose CPR identifier is not a CPR number (every row hangs on the citizen), or a managing
     organisation whose KOMBIT STS UUID the organisation table does not know (give the table
     with `--organisations FILE`, columns municipality_code and sts_uuid; without it, the
     municipality of every Bundle is unknown). Elements the guide does not have are not
     checked: the section of law of a service, hours and prices, and a closed case's reason
     for closing (so FFB506 does not apply to Bundles).""",
     example_note=_note("""A Bundle with two Patient resources, or one whose Patient has
     `"identifier": [{"system": "urn:oid:1.2.208.176.1.2", "value": "12345"}]`. Send one Bundle
     per citizen, with the citizen's CPR number."""))

# --- FFB2xx: field rules compiled from the schema ----------------------------------------
rule("FFB201", "required-missing", "error",
     ("Påkrævet værdi mangler", "Required value missing"),
     ("{column} skal udfyldes.", "{column} must have a value."),
     """The schema marks the column as required (or as the row's identifier), and the cell is
     empty.""",
     bad=_tables(citizens="""
         id,municipality_code
         borger-1,
         """),
     good=_tables(citizens="""
         id,municipality_code
         borger-1,101
         """))
rule("FFB202", "recommended-missing", "info",
     ("Anbefalet værdi mangler", "Recommended value missing"),
     ("{column} er tom; den bør udfyldes, når den kendes.",
      "{column} is empty; it should be filled in when known."),
     """The schema marks the column as recommended: the key figures use it, but a row without
     it is still valid.""",
     bad=_tables(citizens="""
         id,municipality_code,birth_year,sex
         borger-1,101,,kvinde
         """),
     good=_tables(citizens="""
         id,municipality_code,birth_year,sex
         borger-1,101,1980,kvinde
         """))
rule("FFB203", "invalid-integer", "error",
     ("Ikke et helt tal", "Not a whole number"),
     ("{value} er ikke et helt tal.", "{value} is not a whole number."),
     """The column holds whole numbers written with digits only, such as a year or a count of
     months.""",
     bad=_tables(citizens="""
         id,municipality_code,birth_year,sex
         borger-1,101,1980.0,kvinde
         """),
     good=_tables(citizens="""
         id,municipality_code,birth_year,sex
         borger-1,101,1980,kvinde
         """))
rule("FFB204", "invalid-number", "error",
     ("Ikke et tal", "Not a number"),
     ("{value} er ikke et tal.", "{value} is not a number."),
     """The column holds a number with digits and an optional decimal point, without thousands
     separators or units.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,20 timer
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,20
         """))
rule("FFB205", "invalid-date", "error",
     ("Ikke en gyldig dato", "Not a valid date"),
     ("{value} er ikke en gyldig dato på formen ÅÅÅÅ-MM-DD.",
      "{value} is not a valid date in the form YYYY-MM-DD."),
     """Dates are ISO 8601 calendar dates and must exist: 2023-02-30 is rejected.""",
     bad=_tables(cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2024-02-30
         """),
     good=_tables(cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2024-02-29
         """))
rule("FFB206", "invalid-boolean", "error",
     ("Ikke sand/falsk", "Not true/false"),
     ("{value} skal være true eller false.", "{value} must be true or false."),
     """Yes/no columns hold exactly true or false.""",
     bad=_tables(assessments="""
         id,case_id,assessment_date,kind,goals_set
         reg-1,sag-1,2024-03-10,visitation,ja
         """),
     good=_tables(assessments="""
         id,case_id,assessment_date,kind,goals_set
         reg-1,sag-1,2024-03-10,visitation,true
         """))
rule("FFB207", "pattern-mismatch", "error",
     ("Forkert format", "Wrong format"),
     ("{value} har ikke det format, {column} kræver ({detail}).",
      "{value} does not have the format {column} requires ({detail})."),
     """The value breaks the regular expression the schema gives for the column (ids, CPR,
     CVR and P-numbers). {detail} is the expression.""",
     bad=_tables(citizens="""
         id,municipality_code
         borger 1,101
         """),
     good=_tables(citizens="""
         id,municipality_code
         borger-1,101
         """))
rule("FFB208", "below-minimum", "error",
     ("Under mindsteværdi", "Below minimum"),
     ("{value} er mindre end den mindste tilladte værdi {detail}.",
      "{value} is below the smallest allowed value {detail}."),
     """Amounts and hours cannot be negative; years and ranks have a lower bound.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,-20
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,20
         """))
rule("FFB209", "above-maximum", "error",
     ("Over størsteværdi", "Above maximum"),
     ("{value} er større end den største tilladte værdi {detail}.",
      "{value} is above the largest allowed value {detail}."),
     """The value exceeds the schema's upper bound, such as more hours in a month than the
     month has.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,800
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,80
         """))
rule("FFB210", "unknown-code", "error",
     ("Ukendt kode", "Unknown code"),
     ("{value} er ikke en kode i kodelisten {detail}.",
      "{value} is not a code of the code list {detail}."),
     """Coded columns take the codes of their list only: FFB UUIDs for FFB concepts, and the
     keys of ffb's own lists for the rest.""",
     bad=_tables(citizens="""
         id,municipality_code,sex
         borger-1,101,k
         """),
     good=_tables(citizens="""
         id,municipality_code,sex
         borger-1,101,kvinde
         """))
rule("FFB211", "name-instead-of-code", "error",
     ("Navn i stedet for kode", "Name instead of code"),
     ("{value} er et navn, ikke en kode; brug koden {detail}.",
      "{value} is a name, not a code; use the code {detail}."),
     """The cell holds the Danish display name of a code (in any letter case) instead of the
     code itself. {detail} is the code to use.""",
     bad=_tables(assessments="""
         id,case_id,assessment_date,kind,function_level
         reg-1,sag-1,2024-03-10,visitation,Moderat nedsat funktionsevne
         """),
     good=_tables(assessments="""
         id,case_id,assessment_date,kind,function_level
         reg-1,sag-1,2024-03-10,visitation,{moderat}
         """))
rule("FFB212", "duplicate-key", "error",
     ("Dubleret nøgle", "Duplicate key"),
     ("{value} findes allerede i række {detail}.", "{value} already appears in row {detail}."),
     """A row's key (its id, or the pair of columns that identifies a link row) must be unique
     within its table. Every repeat after the first is reported.""",
     bad=_tables(citizens="""
         id,municipality_code
         borger-1,101
         borger-1,147
         """),
     good=_tables(citizens="""
         id,municipality_code
         borger-1,101
         borger-2,147
         """))
rule("FFB213", "dangling-reference", "error",
     ("Henvisning uden mål", "Dangling reference"),
     ("{value} findes ikke i tabellen {detail}.", "{value} does not exist in the table {detail}."),
     """A reference to another table (citizen, case, assessment, goal, condition or provider)
     names an id that table does not hold.""",
     bad=_tables(citizens="""
         id,municipality_code
         borger-1,101
         """, cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-2,101,2024-03-01
         """),
     good=_tables(citizens="""
         id,municipality_code
         borger-1,101
         """, cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2024-03-01
         """))
rule("FFB214", "decimal-comma", "error",
     ("Decimalkomma", "Decimal comma"),
     ("{value} bruger komma som decimaltegn; skriv {detail}.",
      "{value} uses a decimal comma; write {detail}."),
     """The canonical form writes numbers with a decimal point. Danish spreadsheets often
     export 12,5; the fix is given in {detail}.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,"12,5"
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,12.5
         """))
rule("FFB215", "non-iso-date", "error",
     ("Dato i dansk format", "Date in Danish format"),
     ("{value} er ikke en ISO-dato; skriv {detail}.",
      "{value} is not an ISO date; write {detail}."),
     """The date is written day first (31-12-2023, 31.12.2023 or 31/12/2023). The canonical
     form is ISO 8601; {detail} is the same date written that way.""",
     bad=_tables(cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,01-03-2024
         """),
     good=_tables(cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2024-03-01
         """))

# --- FFB3xx: FFB reporting rules -------------------------------------------------------
rule("FFB301", "activity-condition-without-level", "error",
     ("Funktionsevneniveau mangler", "Function level missing"),
     ("Tilstanden hører under Aktivitet og deltagelse og skal have et funktionsevneniveau.",
      "The condition is under Aktivitet og deltagelse and must have a function level."),
     """FFB assesses the function level of every Aktivitet og deltagelse condition, so such a
     condition must carry one.""",
     bad=_tables(conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{lave_mad},
         """),
     good=_tables(conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{lave_mad},{moderat}
         """))
rule("FFB302", "level-on-other-condition", "error",
     ("Funktionsevneniveau hvor det ikke hører til", "Function level not allowed"),
     ("Tilstanden hører ikke under Aktivitet og deltagelse og må ikke have et funktionsevneniveau.",
      "The condition is not under Aktivitet og deltagelse and must not have a function level."),
     """Conditions under Funktioner og forhold and Omgivelsesfaktorer describe the situation;
     FFB gives them no function level.""",
     bad=_tables(conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{hukommelse},{moderat}
         """),
     good=_tables(conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{hukommelse},
         """))
rule("FFB303", "grouping-code", "error",
     ("Overgruppe brugt som tilstand", "Group used as condition"),
     ("{value} er en overgruppe i FFB ({detail}); brug et tema eller undertema.",
      "{value} is an FFB group ({detail}); use a theme or sub-theme."),
     """Funktioner og forhold, Aktivitet og deltagelse and Omgivelsesfaktorer only group the
     conditions; an assessment records a theme or sub-theme under them.""",
     bad=_tables(conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{aktivitet_og_deltagelse},{moderat}
         """),
     good=_tables(conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{praktiske_opgaver},{moderat}
         """))
rule("FFB304", "goal-without-primary-condition", "error",
     ("Mål uden primær tilstand", "Goal without primary condition"),
     ("Målet {value} adresserer ingen primær tilstand (rang 1).",
      "The goal {value} addresses no primary condition (rank 1)."),
     """An indsatsmål addresses exactly one primary condition: the Aktivitet og deltagelse theme
     it is about (an empty goal level is read as indsatsmål, the level KL's reporting set
     carries). A delmål does too unless it points to its indsatsmål (`parent_goal_id`). The
     citizen's own goals and wishes (Borgers mål og ønsker) and the purpose of an
     intervention (Indsatsformål) are not measured on a condition and need none.""",
     bad=_tables(goals="""
         id,assessment_id,goal_type,goal_level
         maal-1,reg-1,{udvikle},indsatsmaal
         maal-2,reg-1,,borgers_maal_og_oensker
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-1,2
         """),
     good=_tables(goals="""
         id,assessment_id,goal_type,goal_level
         maal-1,reg-1,{udvikle},indsatsmaal
         maal-2,reg-1,,borgers_maal_og_oensker
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-1,1
         """))
rule("FFB305", "goal-with-several-primary-conditions", "error",
     ("Flere primære tilstande", "Several primary conditions"),
     ("Målet {value} har {detail} primære tilstande; der må kun være én.",
      "The goal {value} has {detail} primary conditions; only one is allowed."),
     """Each goal addresses exactly one primary condition; further conditions take rank 2.""",
     bad=_tables(goals="""
         id,assessment_id,goal_type
         maal-1,reg-1,{udvikle}
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-1,1
         maal-1,tilstand-2,1
         """),
     good=_tables(goals="""
         id,assessment_id,goal_type
         maal-1,reg-1,{udvikle}
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-1,1
         maal-1,tilstand-2,2
         """))
rule("FFB306", "goal-addresses-other-condition", "error",
     ("Mål om tilstand uden for Aktivitet og deltagelse", "Goal on a condition outside Aktivitet og deltagelse"),
     ("Tilstanden {value} hører ikke under Aktivitet og deltagelse; et mål kan kun adressere sådanne tilstande.",
      "The condition {value} is not under Aktivitet og deltagelse; a goal can only address such conditions."),
     """Goals in FFB are set on the citizen's activities and participation, so every condition
     a goal addresses is under Aktivitet og deltagelse.""",
     bad=_tables(assessments=_ONE_ASSESSMENT, conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{hukommelse},
         tilstand-2,reg-1,{lave_mad},{moderat}
         """, goals="""
         id,assessment_id,goal_type
         maal-1,reg-1,{udvikle}
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-1,1
         """),
     good=_tables(assessments=_ONE_ASSESSMENT, conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{hukommelse},
         tilstand-2,reg-1,{lave_mad},{moderat}
         """, goals="""
         id,assessment_id,goal_type
         maal-1,reg-1,{udvikle}
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-2,1
         """))
rule("FFB307", "goal-condition-from-other-case", "warning",
     ("Tilstand fra en anden sag", "Condition from another case"),
     ("Tilstanden {value} hører til en anden sag end målet.",
      "The condition {value} belongs to another case than the goal."),
     """A goal and the conditions it addresses should belong to the same case.""",
     bad=_tables(assessments="""
         id,case_id,assessment_date,kind
         reg-1,sag-1,2024-03-10,visitation
         reg-2,sag-2,2024-04-15,visitation
         """, conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{lave_mad},{moderat}
         tilstand-2,reg-2,{lave_mad},{svaert}
         """, goals="""
         id,assessment_id,goal_type
         maal-1,reg-2,{udvikle}
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-1,1
         """),
     good=_tables(assessments="""
         id,case_id,assessment_date,kind
         reg-1,sag-1,2024-03-10,visitation
         reg-2,sag-2,2024-04-15,visitation
         """, conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{lave_mad},{moderat}
         tilstand-2,reg-2,{lave_mad},{svaert}
         """, goals="""
         id,assessment_id,goal_type
         maal-1,reg-2,{udvikle}
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-2,1
         """))
rule("FFB308", "several-primary-target-groups", "error",
     ("Flere primære målgrupper", "Several primary target groups"),
     ("Sagen {value} har {detail} primære målgrupper; der må højst være én.",
      "The case {value} has {detail} primary target groups; at most one is allowed."),
     """A case has at most one primary target group (rank 1); the rest take rank 2.""",
     bad=_tables(case_target_groups="""
         case_id,target_group,rank
         sag-1,{angst},1
         sag-1,{stofmisbrug},1
         """),
     good=_tables(case_target_groups="""
         case_id,target_group,rank
         sag-1,{angst},1
         sag-1,{stofmisbrug},2
         """))
rule("FFB309", "goals-despite-no-goals-set", "error",
     ("Mål trods 'ingen mål sat'", "Goals although none set"),
     ("Registreringen siger, at der ikke er sat mål, men {detail} mål henviser til den.",
      "The assessment says no goals were set, but goals refer to it ({detail})."),
     """goals_set = false contradicts goals listed for the same assessment.""",
     bad=_tables(assessments="""
         id,case_id,assessment_date,kind,goals_set
         reg-1,sag-1,2024-03-10,visitation,false
         """, goals="""
         id,assessment_id,goal_type
         maal-1,reg-1,{udvikle}
         """),
     good=_tables(assessments="""
         id,case_id,assessment_date,kind,goals_set
         reg-1,sag-1,2024-03-10,visitation,true
         """, goals="""
         id,assessment_id,goal_type
         maal-1,reg-1,{udvikle}
         """))
rule("FFB310", "goals-set-but-none-listed", "warning",
     ("Mål sat, men ingen angivet", "Goals set but none listed"),
     ("Registreringen siger, at der er sat mål, men ingen mål henviser til den.",
      "The assessment says goals were set, but no goal refers to it."),
     """goals_set = true while the goals table has no goal for the assessment; the goals may
     be missing from the export.""",
     bad=_tables(assessments="""
         id,case_id,assessment_date,kind,goals_set
         reg-1,sag-1,2024-03-10,visitation,true
         """, goals="""
         id,assessment_id,goal_type
         """),
     good=_tables(assessments="""
         id,case_id,assessment_date,kind,goals_set
         reg-1,sag-1,2024-03-10,visitation,true
         """, goals="""
         id,assessment_id,goal_type
         maal-1,reg-1,{udvikle}
         """))
rule("FFB311", "goal-target-contradicts-type", "warning",
     ("Måltype og forventet niveau passer ikke", "Goal type and target disagree"),
     ("Det forventede funktionsevneniveau {value} passer ikke med måltype og den primære tilstands niveau ({detail}).",
      "The expected function level {value} does not fit the goal type and the primary condition's level ({detail})."),
     """In KL's model a goal's expected level belongs to its primary condition, so it is
     compared with that condition's level: a goal to develop function expects a better level,
     one to keep it the same level, one to limit its loss not a better one. {detail} is the
     goal type and the primary condition's level. The assessment's overall level plays no
     part.""",
     bad=_tables(assessments=_ONE_ASSESSMENT, conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{lave_mad},{svaert}
         """, goals="""
         id,assessment_id,goal_type,target_function_level
         maal-1,reg-1,{fastholde},{moderat}
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-1,1
         """),
     good=_tables(assessments=_ONE_ASSESSMENT, conditions="""
         id,assessment_id,condition,function_level
         tilstand-1,reg-1,{lave_mad},{svaert}
         """, goals="""
         id,assessment_id,goal_type,target_function_level
         maal-1,reg-1,{fastholde},{svaert}
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-1,1
         """))
rule("FFB312", "follow-up-goal-from-other-assessment", "error",
     ("Opfølgning på mål fra anden registrering", "Follow-up on a goal from another assessment"),
     ("Målet {value} blev ikke sat ved den registrering, opfølgningen følger op på.",
      "The goal {value} was not set at the assessment the follow-up follows."),
     """A follow-up judges goals set at the assessment it follows up.""",
     bad=_tables(goals="""
         id,assessment_id,goal_type
         maal-1,reg-1,{udvikle}
         """, follow_ups="""
         id,assessment_id,follow_up_date,goal_id,goal_attainment
         opf-1,reg-2,2024-09-10,maal-1,opfyldt
         """),
     good=_tables(goals="""
         id,assessment_id,goal_type
         maal-1,reg-1,{udvikle}
         """, follow_ups="""
         id,assessment_id,follow_up_date,goal_id,goal_attainment
         opf-1,reg-1,2024-09-10,maal-1,opfyldt
         """))
rule("FFB313", "vum-score-disagrees-with-level", "warning",
     ("VUM-score og funktionsevneniveau passer ikke", "VUM score and function level disagree"),
     ("VUM-scoren {value} svarer til et andet funktionsevneniveau end det angivne ({detail}).",
      "The VUM score {value} maps to another function level than the one given ({detail})."),
     """Where both the original VUM score and the FFB function level are given, the score's
     mapping must give the same level.""",
     bad=_tables(assessments="""
         id,case_id,assessment_date,kind,function_level,vum_score
         reg-1,sag-1,2024-03-10,visitation,{moderat},3
         """),
     good=_tables(assessments="""
         id,case_id,assessment_date,kind,function_level,vum_score
         reg-1,sag-1,2024-03-10,visitation,{moderat},2
         """))
rule("FFB314", "case-without-primary-target-group", "warning",
     ("Sag uden primær målgruppe", "Case without primary target group"),
     ("Sagen {value} har målgrupper, men ingen primær (rang 1).",
      "The case {value} has target groups but no primary one (rank 1)."),
     """When target groups are recorded on a case, one of them should be primary.""",
     bad=_tables(case_target_groups="""
         case_id,target_group,rank
         sag-1,{angst},2
         """),
     good=_tables(case_target_groups="""
         case_id,target_group,rank
         sag-1,{angst},1
         """))

rule("FFB315", "follow-up-service-from-other-case", "error",
     ("Opfølgning på ydelse fra anden sag", "Follow-up on a service from another case"),
     ("Ydelsen {value} hører til sagen {detail}, ikke til den sag, opfølgningen følger op på.",
      "The service {value} belongs to case {detail}, not to the case the follow-up belongs to."),
     """A follow-up's decision (Status på indsats) concerns a service on the same case as the
     assessment it follows up (KL's FollowUp focus points at the case's care plan).""",
     bad=_tables(assessments=_ONE_ASSESSMENT, interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-2,{daglige_opgaver},SEL_85,2024-03-14,20
         """, follow_ups="""
         id,assessment_id,follow_up_date,intervention_id
         opf-1,reg-1,2024-09-10,ydelse-1
         """),
     good=_tables(assessments=_ONE_ASSESSMENT, interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-14,20
         """, follow_ups="""
         id,assessment_id,follow_up_date,intervention_id
         opf-1,reg-1,2024-09-10,ydelse-1
         """))
rule("FFB316", "sub-goal-parent", "error",
     ("Forkert overordnet mål", "Wrong parent goal"),
     ("Målet peger på {value}, men kun et delmål kan pege på et indsatsmål på samme sag ({detail}).",
      "The goal points to {value}, but only a delmål can point to an indsatsmål on the same case ({detail})."),
     """A delmål is a step towards an indsatsmål: its `parent_goal_id` names an indsatsmål on
     the same case. Other goal levels have no parent. {detail} is the goal's level and its
     parent's.""",
     bad=_tables(assessments=_ONE_ASSESSMENT, goals="""
         id,assessment_id,goal_type,goal_level,parent_goal_id
         maal-1,reg-1,,borgers_maal_og_oensker,
         maal-2,reg-1,{udvikle},delmaal,maal-1
         """),
     good=_tables(assessments=_ONE_ASSESSMENT, goals="""
         id,assessment_id,goal_type,goal_level,parent_goal_id
         maal-1,reg-1,{udvikle},indsatsmaal,
         maal-2,reg-1,{udvikle},delmaal,maal-1
         """, goal_conditions="""
         goal_id,condition_id,rank
         maal-1,tilstand-1,1
         """))
rule("FFB317", "goal-type-missing", "error",
     ("Måltype mangler", "Goal type missing"),
     ("Målet {value} ({detail}) har ingen måltype.", "The goal {value} ({detail}) has no goal type."),
     """An indsatsmål and a delmål say which way they aim the function level (Måltype; in KL's
     reporting set the goal's target with measure måltype). The citizen's own goals and
     wishes and the purpose of an intervention have none.""",
     bad=_tables(goals="""
         id,assessment_id,goal_type,goal_level
         maal-1,reg-1,,indsatsmaal
         """),
     good=_tables(goals="""
         id,assessment_id,goal_type,goal_level
         maal-1,reg-1,{udvikle},indsatsmaal
         """))
rule("FFB318", "ordered-service-incomplete", "error",
     ("Bevilget ydelse mangler oplysninger", "Granted service incomplete"),
     ("Ydelsen {value} er bevilget og ikke afsluttet, men mangler {detail}.",
      "The service {value} is granted and not completed but lacks {detail}."),
     """KL's gateway requires of a care plan that is ordered and not completed: a planned
     follow-up date, goals, a support need evaluation and target groups. A service whose
     `service_status` is aktiv or sat i bero therefore needs `planned_follow_up_date`, and its
     case needs an indsatsmål or delmål, an assessment with a support need level and a target
     group. {detail} names what is missing (planned_follow_up_date, mål,
     støttebehovsvurdering or målgruppe).""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,service_status,planned_follow_up_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-14,aktiv,,20
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,service_status,planned_follow_up_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-14,aktiv,2024-09-14,20
         """))
rule("FFB319", "local-scale-outside-its-municipality", "warning",
     ("Lokal skala uden for sin kommune", "Local scale outside its municipality"),
     ("Støttebogstavet {value} er Københavns skala, men sagen hører til {detail}.",
      "The support letter {value} is Copenhagen's scale, but the case belongs to {detail}."),
     """Copenhagen's support letters (SupportLetterEnum) are a local scale of Copenhagen (101),
     described in KL's SEP report; another municipality's letter, if it has one, means
     something else, so it is flagged rather than compared.""",
     bad=_tables(cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,665,2024-03-01
         """, assessments="""
         id,case_id,assessment_date,kind,support_letter
         reg-1,sag-1,2024-03-10,visitation,D
         """),
     good=_tables(cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2024-03-01
         """, assessments="""
         id,case_id,assessment_date,kind,support_letter
         reg-1,sag-1,2024-03-10,visitation,D
         """))

# --- FFB4xx: economics -----------------------------------------------------------------
rule("FFB401", "support-without-hours", "error",
     ("Støtte uden timer", "Support without hours"),
     ("En ydelse efter {value} skal have timer pr. måned (individuelt eller i gruppe) eller en dagspris.",
      "A service under {value} must state hours per month (individual or group) or a daily price."),
     """Individual socio-pedagogical support (SEL § 82 b and § 85) is granted in hours; without
     them the service cannot be compared or costed. § 85 support priced per day or as a
     package states its daily price instead. § 82 a group offers are run for a group and are
     not asked for hours.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual,daily_price_dkk,price_year
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,,,
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual,daily_price_dkk,price_year
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,20,,
         ydelse-2,sag-1,{daglige_opgaver},SEL_85,2024-03-04,,640.00,2024
         ydelse-3,sag-1,{gruppebaseret},SEL_82a,2024-03-04,,,
         """))
rule("FFB402", "housing-without-price", "error",
     ("Botilbud uden dagspris", "Housing offer without daily price"),
     ("En ydelse efter {value} i et tilbud, kommunen køber, skal have en dagspris.",
      "A service under {value} in an offer the municipality buys must state a daily price."),
     """Temporary and long-term housing offers (SEL §§ 107 and 108) bought from another
     municipality, a region or a private or self-governing provider are paid per day; the
     daily price is what the key figures average. A place in the paying municipality's own
     offer is funded from its budget and may have no daily price (in KL's SEP data 266 of
     401 cases were in own offers). Ownership is derived from the provider's
     `operator_kind` and `operator_municipality_code` and the paying municipality; without
     a provider the price is asked for.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,daily_price_dkk,price_year
         ydelse-1,sag-1,{midlertidigt_ophold},SEL_107,2024-03-04,,2024
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,daily_price_dkk,price_year
         ydelse-1,sag-1,{midlertidigt_ophold},SEL_107,2024-03-04,1850.00,2024
         """))
rule("FFB403", "price-without-year", "error",
     ("Dagspris uden prisår", "Daily price without price year"),
     ("Dagsprisen {value} mangler et prisår.", "The daily price {value} has no price year."),
     """An amount only compares across years when its price level is known.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,daily_price_dkk,price_year
         ydelse-1,sag-1,{midlertidigt_ophold},SEL_107,2024-03-04,1850.00,
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,daily_price_dkk,price_year
         ydelse-1,sag-1,{midlertidigt_ophold},SEL_107,2024-03-04,1850.00,2024
         """))
rule("FFB404", "implausible-hours", "warning",
     ("Usandsynligt mange timer", "Implausible hours"),
     ("{value} timer pr. måned i alt er usandsynligt mange (over {detail}).",
      "{value} hours per month in all is implausibly many (above {detail})."),
     """More than 250 hours of support a month (about 58 a week) in one service is rare
     enough to deserve a second look; often hours per year or per quarter were given.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,480
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,40
         """))
rule("FFB405", "implausible-daily-price", "warning",
     ("Usandsynlig dagspris", "Implausible daily price"),
     ("Dagsprisen {value} kr. ligger uden for det sandsynlige ({detail} kr.).",
      "The daily price {value} DKK is outside the plausible range ({detail} DKK)."),
     """Daily prices below 100 or above 25,000 kroner are almost always a monthly or yearly
     amount, or a price in thousands.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,daily_price_dkk,price_year
         ydelse-1,sag-1,{midlertidigt_ophold},SEL_107,2024-03-04,55500.00,2024
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,daily_price_dkk,price_year
         ydelse-1,sag-1,{midlertidigt_ophold},SEL_107,2024-03-04,1850.00,2024
         """))
rule("FFB406", "implausible-price", "warning",
     ("Usandsynlig takst", "Implausible price"),
     ("Taksten {value} kr. ligger uden for det sandsynlige for enheden ({detail} kr.).",
      "The price {value} DKK is outside the plausible range for its unit ({detail} DKK)."),
     """Prices per day, hour and month each have a plausible range; an amount outside it
     usually has the wrong unit.""",
     bad=_tables(prices="""
         id,provider_id,legal_basis,amount_dkk,price_unit,valid_from,price_year
         pris-1,tp-100231,SEL_85,16438.00,time,2024-01-01,2024
         """),
     good=_tables(prices="""
         id,provider_id,legal_basis,amount_dkk,price_unit,valid_from,price_year
         pris-1,tp-100231,SEL_85,16438.00,maaned,2024-01-01,2024
         """))
rule("FFB407", "service-does-not-fit-legal-basis", "warning",
     ("Ydelse eller tilbudstype passer ikke til lovgrundlaget", "Service or offer type does not fit legal basis"),
     ("Lovgrundlaget {value} passer ikke; {detail}.",
      "The legal basis {value} does not fit; {detail}."),
     """Each FFB service and offer type fits certain sections of law, after a reviewed table
     kept in the schema (the `legal_bases` and `legal_basis_source` annotations of ServiceEnum
     and OfferTypeEnum; `src/ffb/contract/legal_bases.py`). Services: § 85 socio-pedagogical
     support, §§ 82 a–82 c preventive help, § 82 c acute help, § 103 protected employment,
     § 104 activity and company, §§ 107, 109 and 110 temporary stays, § 108 and the
     almenboliglov long-term stays. Offer types are checked only for the sections bound to an
     offer (§§ 82 c, 82 d, 103, 104, 107, 108 and the almenboliglov): a § 107 stay in a § 108
     home is flagged, while § 85 support delivered inside a § 108 home is normal and passes.
     {detail} names the service or offer type and the sections it fits.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,offer_type,start_date,daily_price_dkk,price_year
         ydelse-1,sag-1,{midlertidigt_ophold},SEL_107,{laengerevarende_botilbud},2024-03-04,1850.00,2024
         ydelse-2,sag-1,{social_aktivitet},SEL_103,,2024-03-04,,
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,offer_type,start_date,daily_price_dkk,price_year,hours_per_month_individual
         ydelse-1,sag-1,{laengerevarende_ophold},SEL_108,{laengerevarende_botilbud},2024-03-04,1850.00,2024,
         ydelse-2,sag-1,{social_aktivitet},SEL_104,,2024-03-04,,,
         ydelse-3,sag-1,{daglige_opgaver},SEL_85,{laengerevarende_botilbud},2024-03-04,,,12
         """))
rule("FFB408", "service-missing", "error",
     ("Ydelse mangler", "Service missing"),
     ("Ydelsen mangler; FFB har ydelser for {value}.",
      "The service is missing; FFB has services for {value}."),
     """Every grant under a section FFB has services for names its FFB service. Sections FFB
     has no service for (§§ 82 d, 83, 83 a, 84, 86, 95–99 including BPA under § 96, 101, 102
     and ældreloven; `ffb_services: none` in LegalBasisEnum) are written down with the
     service left empty.""",
     bad=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,,SEL_85,2024-03-04,20
         """),
     good=_tables(interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,20
         ydelse-2,sag-1,,SEL_96,2024-03-04,160
         """))
rule("FFB409", "section-not-in-force", "warning",
     ("Paragraffen gjaldt ikke på bevillingsdatoen", "Section not in force on the grant date"),
     ("Lovgrundlaget {value} passer ikke med loven på bevillingsdatoen ({detail}).",
      "The legal basis {value} does not fit the law on the grant date ({detail})."),
     """Ældreloven applies from 1 July 2025 and from then takes Serviceloven §§ 83, 83 a,
     83 b, 84 and 86 for the citizens it covers. A grant under ældreloven dated earlier, or a
     grant under one of those sections from that day for a citizen certainly of folkepension
     age (67) or more, is flagged. The grant date (`grant_date`, or the start date when it is
     empty) decides; {detail} shows the day the rule turns on. The age test is a proxy: who
     the law covers is the municipality's decision, hence a warning.""",
     bad=_tables(citizens="""
         id,municipality_code,birth_year
         borger-1,101,1950
         """, cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2025-03-01
         """, interventions="""
         id,case_id,legal_basis,grant_date,start_date
         ydelse-1,sag-1,SEL_83,2025-08-01,2025-08-04
         """),
     good=_tables(citizens="""
         id,municipality_code,birth_year
         borger-1,101,1950
         """, cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2025-03-01
         """, interventions="""
         id,case_id,legal_basis,grant_date,start_date
         ydelse-1,sag-1,AEL,2025-08-01,2025-08-04
         """))
rule("FFB410", "operator-municipality-missing", "info",
     ("Driftskommune mangler", "Operating municipality missing"),
     ("Leverandøren drives af en kommune, men driftskommunen mangler; ejerformen kan ikke udledes.",
      "The provider is run by a municipality, but the operating municipality is missing; its ownership cannot be derived."),
     """Whether a provider is the buyer's own or another municipality's is derived from the
     municipality that runs it, so a municipal provider should name it. Without it the
     ownership of the provider's services is unknown: key figures by ownership leave them
     out, and FFB402 asks their housing grants for a daily price. A source that only says
     "anden kommune" cannot tell which one; this note says so.""",
     bad=_tables(providers="""
         id,name,operator_kind,operator_municipality_code
         tp-1,Bostøtten Vest,kommune,
         """),
     good=_tables(providers="""
         id,name,operator_kind,operator_municipality_code
         tp-1,Bostøtten Vest,kommune,665
         """))

# --- FFB5xx: dates and order -----------------------------------------------------------
rule("FFB501", "end-before-start", "error",
     ("Slut før start", "End before start"),
     ("{column} ({value}) ligger før {detail}.", "{column} ({value}) is before {detail}."),
     """A period cannot end before it starts: a case closing before it opened, a service or
     price ending before it starts, a goal expected met before it was set.""",
     bad=_tables(cases="""
         id,citizen_id,municipality_code,opened_date,closed_date,closure_reason
         sag-1,borger-1,101,2024-03-01,2023-09-30,intet_behov_fagperson
         """),
     good=_tables(cases="""
         id,citizen_id,municipality_code,opened_date,closed_date,closure_reason
         sag-1,borger-1,101,2024-03-01,2024-09-30,intet_behov_fagperson
         """))
rule("FFB502", "follow-up-before-assessment", "error",
     ("Opfølgning før registrering", "Follow-up before assessment"),
     ("Opfølgningen ({value}) ligger før den registrering, den følger op på ({detail}).",
      "The follow-up ({value}) is before the assessment it follows ({detail})."),
     """A follow-up cannot happen before the assessment it follows up.""",
     bad=_tables(assessments=_ONE_ASSESSMENT, follow_ups="""
         id,assessment_id,follow_up_date
         opf-1,reg-1,2023-09-10
         """),
     good=_tables(assessments=_ONE_ASSESSMENT, follow_ups="""
         id,assessment_id,follow_up_date
         opf-1,reg-1,2024-09-10
         """))
rule("FFB503", "assessment-before-visitation", "error",
     ("Registrering før visitationen", "Assessment before the visitation"),
     ("Opfølgningsregistreringen ({value}) ligger før sagens indledende visitation ({detail}).",
      "The follow-up assessment ({value}) is before the case's initial visitation ({detail})."),
     """The registrations of a case are in date order: the initial visitation comes first and
     every follow-up registration after it.""",
     bad=_tables(assessments="""
         id,case_id,assessment_date,kind
         reg-1,sag-1,2024-03-10,visitation
         reg-2,sag-1,2023-09-10,opfoelgning
         """),
     good=_tables(assessments="""
         id,case_id,assessment_date,kind
         reg-1,sag-1,2024-03-10,visitation
         reg-2,sag-1,2024-09-10,opfoelgning
         """))
rule("FFB504", "several-visitations", "warning",
     ("Flere indledende visitationer", "Several initial visitations"),
     ("Sagen {value} har {detail} indledende visitationer.",
      "The case {value} has {detail} initial visitations."),
     """A case starts with one initial visitation; later registrations are follow-ups.""",
     bad=_tables(assessments="""
         id,case_id,assessment_date,kind
         reg-1,sag-1,2024-03-10,visitation
         reg-2,sag-1,2024-09-10,visitation
         """),
     good=_tables(assessments="""
         id,case_id,assessment_date,kind
         reg-1,sag-1,2024-03-10,visitation
         reg-2,sag-1,2024-09-10,opfoelgning
         """))
rule("FFB505", "months-since-previous-mismatch", "warning",
     ("Antal måneder passer ikke", "Months do not match"),
     ("Der står {value} måneder siden seneste registrering, men datoerne giver {detail}.",
      "It says {value} months since the previous assessment, but the dates give {detail}."),
     """months_since_previous should agree with the dates of the case's registrations (to
     within a month).""",
     bad=_tables(assessments="""
         id,case_id,assessment_date,kind,months_since_previous
         reg-1,sag-1,2024-03-10,visitation,
         reg-2,sag-1,2024-09-10,opfoelgning,12
         """),
     good=_tables(assessments="""
         id,case_id,assessment_date,kind,months_since_previous
         reg-1,sag-1,2024-03-10,visitation,
         reg-2,sag-1,2024-09-10,opfoelgning,6
         """))
rule("FFB506", "closure-date-and-reason", "error",
     ("Afslutningsdato og årsag hører sammen", "Closing date and reason go together"),
     ("{column} er udfyldt, men {detail} mangler.", "{column} is filled in but {detail} is missing."),
     """A closed case has both a closing date and a reason; an open case has neither.""",
     bad=_tables(cases="""
         id,citizen_id,municipality_code,opened_date,closed_date,closure_reason
         sag-1,borger-1,101,2024-03-01,2024-09-30,
         """),
     good=_tables(cases="""
         id,citizen_id,municipality_code,opened_date,closed_date,closure_reason
         sag-1,borger-1,101,2024-03-01,2024-09-30,intet_behov_fagperson
         """))
rule("FFB507", "assessment-outside-case", "warning",
     ("Registrering uden for sagens periode", "Assessment outside the case"),
     ("Registreringen ({value}) ligger uden for sagens periode ({detail}).",
      "The assessment ({value}) lies outside the case's period ({detail})."),
     """Assessments happen while the case is open.""",
     bad=_tables(cases=_CLOSED_CASE, assessments="""
         id,case_id,assessment_date,kind
         reg-1,sag-1,2024-10-15,visitation
         """),
     good=_tables(cases=_CLOSED_CASE, assessments="""
         id,case_id,assessment_date,kind
         reg-1,sag-1,2024-03-10,visitation
         """))
rule("FFB508", "service-outside-case", "warning",
     ("Ydelse uden for sagens periode", "Service outside the case"),
     ("Ydelsen starter ({value}) uden for sagens periode ({detail}).",
      "The service starts ({value}) outside the case's period ({detail})."),
     """A service is granted while its case is open.""",
     bad=_tables(cases=_CLOSED_CASE, interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-02-04,20
         """),
     good=_tables(cases=_CLOSED_CASE, interventions="""
         id,case_id,service,legal_basis,start_date,hours_per_month_individual
         ydelse-1,sag-1,{daglige_opgaver},SEL_85,2024-03-04,20
         """))
rule("FFB509", "date-in-future", "warning",
     ("Dato i fremtiden", "Date in the future"),
     ("{value} ligger efter dags dato ({detail}).", "{value} is after today ({detail})."),
     """Dates of things that have happened (opening, closing, assessments, follow-ups, goals
     set) cannot lie after the day of validation. Planned dates are not checked.""",
     bad=_tables(cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2052-04-01
         """),
     good=_tables(cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2025-04-01
         """))
rule("FFB510", "minor-on-adult-area", "warning",
     ("Borger under 18", "Citizen under 18"),
     ("Borgeren var {detail} år, da sagen {value} blev åbnet; voksenområdet gælder fra 18 år.",
      "The citizen was {detail} when the case {value} opened; the adult area starts at 18."),
     """FFB on the adult area covers citizens aged 18 and over; a younger age usually means a
     wrong birth year or a case from the child area.""",
     bad=_tables(citizens="""
         id,municipality_code,birth_year
         borger-1,101,2008
         """, cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2024-03-01
         """),
     good=_tables(citizens="""
         id,municipality_code,birth_year
         borger-1,101,1998
         """, cases="""
         id,citizen_id,municipality_code,opened_date
         sag-1,borger-1,101,2024-03-01
         """))

rule("FFB511", "birth-year-disagrees-with-cpr", "error",
     ("Fødselsår passer ikke med CPR-nummeret", "Birth year disagrees with the CPR number"),
     ("Fødselsåret {value} passer ikke med CPR-nummeret i samme række ({detail}).",
      "The birth year {value} disagrees with the CPR number in the same row ({detail})."),
     """A CPR number holds the birth date: DDMMYY, with the century given by the seventh digit.
     Where the number is given, the birth year must be the one it holds ({detail}); leave the
     birth year empty rather than guess.""",
     bad=_tables(citizens="""
         id,municipality_code,birth_year,sex,cpr
         borger-1,101,1975,kvinde,{fictional_cpr}
         """),
     good=_tables(citizens="""
         id,municipality_code,birth_year,sex,cpr
         borger-1,101,1900,kvinde,{fictional_cpr}
         """))
rule("FFB512", "sex-disagrees-with-cpr", "error",
     ("Køn passer ikke med CPR-nummeret", "Sex disagrees with the CPR number"),
     ("Kønnet {value} passer ikke med CPR-nummeret i samme række ({detail}).",
      "The sex {value} disagrees with the CPR number in the same row ({detail})."),
     """The last digit of a CPR number is odd for a man and even for a woman; where the number
     is given, the sex must agree.""",
     bad=_tables(citizens="""
         id,municipality_code,birth_year,sex,cpr
         borger-1,101,1900,mand,{fictional_cpr}
         """),
     good=_tables(citizens="""
         id,municipality_code,birth_year,sex,cpr
         borger-1,101,1900,kvinde,{fictional_cpr}
         """))

# --- FFB6xx: privacy -------------------------------------------------------------------
rule("FFB601", "clear-cpr", "warning",
     ("CPR-nummer i klartekst", "CPR number in clear"),
     ("Udtrækket har CPR-nummer i klartekst ({value}); pseudonymisér det før deling.",
      "The export holds a clear CPR number ({value}); pseudonymise it before sharing."),
     """The cpr column is only for exports that have not yet been pseudonymised. The value is
     always shown masked.""",
     bad=_tables(citizens="""
         id,municipality_code,cpr
         borger-1,101,{fictional_cpr}
         """),
     good=_tables(citizens="""
         id,municipality_code,cpr
         borger-1,101,
         """))
rule("FFB602", "cpr-in-other-column", "error",
     ("CPR-nummer i forkert kolonne", "CPR number in another column"),
     ("{column} ser ud til at indeholde et CPR-nummer ({value}).",
      "{column} seems to hold a CPR number ({value})."),
     """Ids, case numbers and names must never carry a CPR number: a citizen's id is a
     pseudonym. The value is always shown masked.""",
     bad=_tables(citizens="""
         id,municipality_code
         {fictional_cpr},101
         """),
     good=_tables(citizens="""
         id,municipality_code
         borger-1,101
         """))

RULES: dict[str, Rule] = {r.code: r for r in _RULES}


def get_rule(code: str) -> Rule:
    return RULES[code]

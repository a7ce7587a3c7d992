"""docs/sep-template.md maps every field of KL's SEP template (box 2.1) onto the contract.

The fields of the box are listed below as data, in the box's order and wording (whitespace
aside), so a row that goes missing, is reworded or points at a column that does not exist
fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "sep-template.md"

STAM = "Stam-data for hver sag"
REGISTRERING = "Data ved hver registrering"
YDELSE = "Data vedr. ydelse"
MAAL = "Data vedr. mål, opfølgning og progression"
YDERLIGERE = "Data vedr. yderligere ydelser"

# (group heading, field) as box 2.1 of the SEP report has them.
BOX_FIELDS = [
    (STAM, "Borgerens cpr.nr (viser køn og alder)"),
    (STAM, "Borgerens navn (aht. sagsbehandlers indberetning)"),
    (STAM, "Er borgerens sag afsluttet?"),
    (STAM, "Eventuel afslutningsdato"),
    (STAM, "Årsag til afslutning af sag"),
    (STAM, "Målgruppe (problemstilling)"),
    (REGISTRERING, "Dato for registrering"),
    (
        REGISTRERING,
        "Er første registrering den indledende visitation eller en opfølgning på tidligere "
        "visitation? / Antal måneder siden seneste registrering",
    ),
    (REGISTRERING, "Initiativtager til visitation/opfølgning"),
    (YDELSE, "Hvilken ydelse får borgeren? §85 eller §107?"),
    (YDELSE, "Leverandør af tilbud"),
    (YDELSE, "Dagspris for §107-tilbud (kr.)"),
    (YDELSE, "Antal timer §85-støtte om måneden (individuel støtte)"),
    (YDELSE, "Antal timer §85-støtte om måneden (i gruppe)"),
    (MAAL, "Funktionsevnevurdering (samlet VUM-score)"),
    (MAAL, "Er der sat målsætninger for borgerens udvikling fremover? (Ja/nej)"),
    (MAAL, "Er målsætning om borgerens udvikling sat ved tidligere opfølgning/visitation nu opfyldt?"),
    (
        MAAL,
        "Hvilken type målsætning er der sat for borgerens udvikling/ fremtidige funktionsevne? "
        "(forbedring /status quo /begrænset forværring)",
    ),
    (MAAL, "VUM-mål for borgerens udvikling/fremtidige funktionsevne"),
    (MAAL, "Dato for forventet målopfyldelse"),
    (YDERLIGERE, "Samtidige ydelser (efter SEL eller ABL)"),
    (YDERLIGERE, "Dagspris for samtidige ydelser"),
    (YDERLIGERE, "Forsørgelsesgrundlag"),
    (YDERLIGERE, "Beskæftigelsesrettet indsats"),
]
# The only field the contract leaves out on purpose: the name would identify the citizen.
LEFT_OUT = {"Borgerens navn (aht. sagsbehandlers indberetning)"}

FIELD_HEADER = "Field in box 2.1"
GROUP_HEADER = "Box group"
WHERE_HEADER = "Where it lives"
LEFT_OUT_TEXT = "deliberately left out"
DERIVED_PREFIX = "derived from"

COLUMN_REF = re.compile(r"`([a-z_]+)\.([a-z_]+)`")
ENUM_REF = re.compile(r"`([A-Z][A-Za-z]*Enum)`")
ANY_REF = re.compile(r"`[^`]*`")


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _mapping_table() -> list[dict[str, str]]:
    """The rows of the Markdown table whose header has FIELD_HEADER, as header -> cell."""
    lines = DOC.read_text(encoding="utf-8").splitlines()
    for start, line in enumerate(lines):
        if line.lstrip().startswith("|") and FIELD_HEADER in _cells(line):
            header = _cells(line)
            break
    else:
        pytest.fail(f"{DOC.name} has no table with a {FIELD_HEADER!r} column")
    rows = []
    for line in lines[start + 2 :]:  # skip the |---| line
        if not line.lstrip().startswith("|"):
            break
        cells = _cells(line)
        assert len(cells) == len(header), f"row has {len(cells)} cells, header {len(header)}: {line}"
        rows.append(dict(zip(header, cells)))
    return rows


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return _mapping_table()


@pytest.fixture(scope="module")
def columns(contract) -> set[tuple[str, str]]:
    return {(t["name"], c["name"]) for t in contract["tables"] for c in t["columns"]}


def test_one_row_per_field_of_the_box(rows):
    assert len(rows) == len(BOX_FIELDS)


def test_rows_follow_the_box(rows):
    for row, (group, field) in zip(rows, BOX_FIELDS):
        assert _normalise(row[FIELD_HEADER].strip('"“”')) == _normalise(field)
        assert _normalise(row[GROUP_HEADER]) == group


def test_every_referenced_column_exists(rows, columns, contract):
    problems = []
    for row in rows:
        text = " ".join(row.values())
        for table, column in COLUMN_REF.findall(text):
            if (table, column) not in columns:
                problems.append(f"{row[FIELD_HEADER]}: {table}.{column}")
        for enum in ENUM_REF.findall(text):
            if enum not in contract["enums"]:
                problems.append(f"{row[FIELD_HEADER]}: {enum}")
    assert not problems, "not in the compiled contract:\n" + "\n".join(problems)


def test_every_field_is_stored_derived_or_deliberately_left_out(rows):
    left_out = set()
    for row in rows:
        field = _normalise(row[FIELD_HEADER].strip('"“”'))
        where = _normalise(row[WHERE_HEADER])
        if where.lower() == LEFT_OUT_TEXT:
            left_out.add(field)
            continue
        refs = COLUMN_REF.findall(where)
        assert refs, f"{field}: no table.column in {where!r}"
        rest = where[len(DERIVED_PREFIX) :] if where.lower().startswith(DERIVED_PREFIX) else where
        # Apart from the prefix the cell holds nothing but column references and separators.
        leftover = re.sub(r"[,\s]|\band\b", "", ANY_REF.sub("", rest))
        assert not leftover, f"{field}: unexpected text {leftover!r} in {where!r}"
        assert len(ANY_REF.findall(rest)) == len(refs), f"{field}: a reference is not table.column"
    assert left_out == {_normalise(f) for f in LEFT_OUT}


# --- the template's own words: errors in a canonical package, translated by the converter ---
LOCAL_SCALES = ["SepGoalTypeEnum", "SepGoalAttainmentEnum", "VumLetterEnum", "VumScoreEnum"]


def _contract_enums() -> dict:
    from ffb.contract.codes import load_contract

    return load_contract()["enums"]


def test_the_page_names_the_local_scales_the_contract_has():
    text = DOC.read_text(encoding="utf-8")
    enums = _contract_enums()
    for name in LOCAL_SCALES:
        assert f"`{name}`" in text and enums[name].get("maps_to_enum"), name


@pytest.mark.parametrize("scale", LOCAL_SCALES)
def test_the_converter_translates_every_value_of_each_local_scale(scale):
    from ffb.convert.crosswalk import default_crosswalk
    from ffb.convert.normalise import normal

    enums = _contract_enums()
    target = enums[scale]["maps_to_enum"]
    crosswalk = default_crosswalk(target, enums)
    mapped = {key: value["maps_to"] for key, value in enums[scale]["values"].items() if "maps_to" in value}
    assert mapped
    own = {normal(label) for code, value in enums[target]["values"].items() for label in (code, value["title"])}
    translated = 0
    for key, code in mapped.items():
        assert code in enums[target]["values"]
        for label in (key, enums[scale]["values"][key]["title"]):
            if normal(label) in own:  # the target list's own code or name wins
                continue
            assert crosswalk.labels.get(normal(label)) == code, (scale, label)
            translated += 1
    assert translated >= len(mapped)


@pytest.mark.parametrize(
    "table, column, word, scale",
    [("goals", "goal_type", "forbedring", "SepGoalTypeEnum"),
     ("follow_ups", "goal_attainment", "delvist", "SepGoalAttainmentEnum")],
)
def test_a_template_word_in_a_canonical_package_is_reported_with_its_code(tmp_path, table, column, word, scale):
    from ffb.validate.engine import Validator
    from support import TODAY, copy_example, find_row, read_rows, set_cell

    folder = copy_example(tmp_path)
    rows = read_rows(folder, table)
    index = rows[0].index(column)
    row = next(n for n, r in enumerate(rows[1:], start=2) if r[index])
    set_cell(folder, table, row, column, word)
    issues = Validator(today=TODAY).validate(folder).issues.to_dicts()
    (issue,) = [i for i in issues if i["severity"] == "error"]
    code = _contract_enums()[scale]["values"][word]["maps_to"]
    assert (issue["code"], issue["table"], issue["row"], issue["column"]) == ("FFB210", table, row, column)
    assert scale in issue["hint"] and f"skriv {code}" in issue["hint"]

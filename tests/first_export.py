"""A new user's first hand-written export, as Danish Excel saves it: semicolons, Windows-1252,
Danish names and headers, day-first dates, decimal commas, a misnamed file and a missing table.

The walk-through docs/validate-in-5-minutes.md starts from the same files.
"""

from __future__ import annotations

from pathlib import Path

FIRST_EXPORT = {
    "citizens.csv": (
        "id;Kommunekode;birth_year;sex\n"
        "b1;101;1958;Kvinde\n"
        "b2;101;1970;mand\n"
    ),
    "cases.csv": (
        "id;citizen_id;municipality_code;opened_date\n"
        "s1;b1;101;23-06-2022\n"
        "s2;b2;101;25-12-2023\n"
    ),
    "interventions.csv": (
        "id;case_id;service;legal_basis;provider_id;start_date;hours_per_month_individual;daily_price_dkk;price_year\n"
        "y1;s1;Socialpædagogisk støtte;§ 85;tp1;07-07-2022;12,5;;\n"
        "y2;s2;Midlertidigt ophold;§ 107;tp1;04-01-2024;;2.345,50;2024\n"
    ),
    "providers.csv": (
        "id;name;operator_kind;municipality_code;cvr\n"
        "tp1;Bostøtten Vest;Egen kommune;101;2918975\n"
    ),
    "goal_condition.csv": (
        "goal_id;condition_id\n"
        "m1;t1\n"
    ),
}
# The table the first export forgot; the user adds it in the second step.
ASSESSMENTS = {
    "registreringer.csv": (
        "id;case_id;assessment_date;kind;function_level;vum_score\n"
        "r1;s1;03-07-2022;visitation;Moderat nedsat funktionsevne;3,5\n"
        "r2;s2;04-01-2024;visitation;Moderate begrænsninger;2\n"
    ),
}

# The same export after every fix the report spelled out (step 3 of the walk-through).
FIXED_EXPORT = {
    "citizens.csv": "id;municipality_code;birth_year;sex\nb1;101;1958;kvinde\nb2;101;1970;mand\n",
    "cases.csv": (
        "id;citizen_id;municipality_code;opened_date\n"
        "s1;b1;101;2022-06-23\n"
        "s2;b2;101;2023-12-25\n"
    ),
    "interventions.csv": (
        "id;case_id;service;legal_basis;provider_id;start_date;hours_per_month_individual;daily_price_dkk;price_year\n"
        "y1;s1;1f0ff82b-3243-422f-9651-1d00fd2dcd61;SEL_85;tp1;2022-07-07;12.5;;\n"
        "y2;s2;80aa8ea7-4ad8-405f-876a-4c0f89fde06a;SEL_107;tp1;2024-01-04;;2345.50;2024\n"
    ),
    "providers.csv": "id;name;operator_kind;municipality_code;cvr\ntp1;Bostøtten Vest;kommune;101;29189757\n",
    "registreringer.csv": (
        "id;case_id;assessment_date;kind;function_level;vum_score\n"
        "r1;s1;2022-07-03;visitation;5bdde847-2837-416b-ab63-bbff8b7aa531;3.5\n"
        "r2;s2;2024-01-04;visitation;5bdde847-2837-416b-ab63-bbff8b7aa531;2\n"
    ),
}


def write_first_export(folder: Path, files: dict[str, str] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (files or FIRST_EXPORT).items():
        (folder / name).write_bytes(text.encode("utf-8" if files is FIXED_EXPORT else "cp1252"))
    return folder

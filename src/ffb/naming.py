"""The contract's names as people write them: a table or column name near a canonical one.

A file called `goal_condition.csv` means `goal_conditions`; a header `Kommunekode` (a column's
Danish title) means `municipality_code`. The readers use the nearest table to read a misnamed
file; the report's hints use both to say what to rename.
"""

from __future__ import annotations

from ffb.codes.lookup import normalise, similarity

# A name this alike (0–100) to exactly one table is taken to mean it.
TABLE_SIMILARITY = 85.0
# A column name or title this alike is offered as the column a header means.
COLUMN_SIMILARITY = 70.0


def nearest_table(name: str, tables: list[str]) -> str | None:
    """The one table `name` (a file stem or sheet name) is near, if it is clearly one."""
    folded = normalise(name).replace(" ", "_")
    if not folded:
        return None
    scored = sorted(((similarity(folded, table), table) for table in tables), reverse=True)
    if scored and scored[0][0] >= TABLE_SIMILARITY and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 5):
        return scored[0][1]
    return None


def nearest_column(header: str, columns: list[dict]) -> dict | None:
    """The contract column a header most likely means, by its name or its Danish title."""
    folded = normalise(header)
    best, best_score = None, 0.0
    for column in columns:
        for candidate in (column["name"], column.get("title") or ""):
            if not candidate:
                continue
            wanted = normalise(candidate)
            score = 100.0 if wanted in (folded, folded.replace(" ", "_")) else similarity(folded, wanted)
            if score > best_score:
                best, best_score = column, score
    return best if best_score >= COLUMN_SIMILARITY else None

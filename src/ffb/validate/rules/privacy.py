"""Privacy rules: a clear CPR number is flagged wherever it appears in an export."""

from __future__ import annotations

import polars as pl

from ffb.report.masking import CPR_LIKE
from ffb.validate.context import Context, cross_rule, issues
from ffb.validate.fields import empty_issues

# An id is flagged when it is a CPR number however written (separators such as a space, a
# non-breaking space or an en dash, full-width digits; see ffb.report.masking), free text when it
# holds one with no digit and no dash right before it, so keys such as "tp-100231-2021" (a
# provider and a year) are not mistaken for one while "CPR0101901234" or "borger_0101901234" are.
CPR_AS_ID = f"^{CPR_LIKE}$"
CPR_AS_WORD = f"(^|[^0-9\uff10-\uff19\\-\u2010-\u2015]){CPR_LIKE}($|[^0-9\uff10-\uff19])"
FREE_TEXT = {"name", "case_number"}
# Registry numbers that are ten digits by design and so can look like a CPR number.
NOT_PERSONAL = {"cvr", "p_number", "tilbudsportalen_id", "cpr"}


@cross_rule("FFB601", tables=("citizens",))
def clear_cpr(ctx: Context) -> list[pl.DataFrame]:
    citizens = ctx.tables["citizens"]
    # A value that is no CPR number at all is reported by the field rule (FFB207) alone.
    clear = pl.col("cpr").is_not_null() & ~ctx.rejected("citizens", "cpr")
    return [issues(citizens.filter(clear), "FFB601", "citizens", "cpr", pl.col("cpr"))]


def text_columns(ctx: Context, table: str) -> list[str]:
    """Free-text and id columns: strings that are neither codes nor registry numbers."""
    return [
        column["name"]
        for column in ctx.specs[table]["columns"]
        if column["type"] == "string" and "enum" not in column and column["name"] not in NOT_PERSONAL
    ]


@cross_rule("FFB602", tables=())
def cpr_in_other_columns(ctx: Context) -> list[pl.DataFrame]:
    found = []
    for table, frame in ctx.tables.items():
        for column in text_columns(ctx, table):
            pattern = CPR_AS_WORD if column in FREE_TEXT else CPR_AS_ID
            hits = frame.filter(pl.col(column).str.contains(pattern))
            found.append(issues(hits, "FFB602", table, column, pl.col(column)) if hits.height else empty_issues())
    return found

"""Ownership seen from the buyer, derived per service.

A provider is "own municipality" for the municipality that runs it and "other municipality"
for every other buyer, so ownership is not a property of the provider. The contract stores
what is fixed (`providers.operator_kind`, `providers.operator_municipality_code`) and this
module derives OwnershipEnum's value for each service from the municipality that pays for it:
`interventions.paying_municipality_code`, or the case's acting municipality when that is empty.
"""

from __future__ import annotations

import polars as pl

# operator_kind -> ownership for the kinds that do not depend on the buyer.
FIXED = {"region": "region", "privat": "privat", "selvejende": "selvejende"}


def buyer(interventions: pl.DataFrame, cases: pl.DataFrame) -> pl.DataFrame:
    """`interventions` with a `buyer_municipality` column: the paying or else acting municipality."""
    acting = cases.select(pl.col("id").alias("case_id"), pl.col("municipality_code").alias("__acting"))
    return (
        interventions.join(acting, on="case_id", how="left")
        .with_columns(pl.coalesce("paying_municipality_code", "__acting").alias("buyer_municipality"))
        .drop("__acting")
    )


def ownership_expr() -> pl.Expr:
    """OwnershipEnum's key from `operator_kind`, `operator_municipality_code` and `buyer_municipality`."""
    kind = pl.col("operator_kind").cast(pl.String)
    own = pl.col("operator_municipality_code").cast(pl.String) == pl.col("buyer_municipality").cast(pl.String)
    return (
        pl.when(kind == "kommune")
        .then(pl.when(own).then(pl.lit("egen_kommune")).when(own.not_()).then(pl.lit("anden_kommune")))
        .otherwise(kind.replace_strict(FIXED, default=None, return_dtype=pl.String))
    )


def derive_ownership(
    interventions: pl.DataFrame, cases: pl.DataFrame, providers: pl.DataFrame
) -> pl.DataFrame:
    """`interventions` with `buyer_municipality` and `ownership` (null where unknown)."""
    operators = providers.select(
        pl.col("id").alias("provider_id"), "operator_kind", "operator_municipality_code"
    )
    with_buyer = buyer(interventions, cases)
    return (
        with_buyer.join(operators, on="provider_id", how="left")
        .with_columns(ownership_expr().alias("ownership"))
        .drop("operator_kind", "operator_municipality_code")
    )

"""group_by aggregations."""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import KEYED
from conformance.catalog.operation import Operation
from conformance.catalog.tolerances import MEAN
from conformance.judge.compare import UNORDERED, Rules
from conformance.judge.duck import Sql

c = pl.col

OPERATIONS = (
    Operation(
        "group_by_numeric_aggs",
        lambda lf: lf.group_by("k").agg(
            sum=c("v").sum(),
            min=c("v").min(),
            max=c("v").max(),
            mean=c("v").mean(),
            len=pl.len(),
            n_unique=c("v").n_unique(),
        ),
        (KEYED,),
        Rules(ordered=False, tolerance=MEAN),
        # Polars' sum of no values is 0 and n_unique counts null as a value: spelled out in SQL
        sql=Sql(
            'SELECT k, COALESCE(SUM(v), 0) AS "sum", MIN(v) AS "min", MAX(v) AS "max", '
            "AVG(v) AS mean, COUNT(*) AS len, COUNT(DISTINCT v) + MAX(CASE WHEN v IS NULL "
            "THEN 1 ELSE 0 END) AS n_unique FROM self GROUP BY k"
        ),
    ),
    Operation(
        "group_by_first_last",
        lambda lf: lf.group_by("k").agg(
            first=c("x").first(), last=c("x").last(), nulls=c("x").null_count(), len=pl.len()
        ),
        (KEYED,),
        UNORDERED,
    ),
    Operation(
        "group_by_maintain_order",
        lambda lf: lf.group_by("k", maintain_order=True).agg(
            c("v").sum().alias("sum"), c("x").first().alias("first"), pl.len()
        ),
        (KEYED,),
    ),
    Operation(
        "group_by_then_filter",
        lambda lf: lf.group_by("k").agg(total=c("v").sum(), n=pl.len()).filter(c("n") > 1),
        (KEYED,),
        UNORDERED,
        sql=Sql(
            "SELECT k, COALESCE(SUM(v), 0) AS total, COUNT(*) AS n FROM self GROUP BY k "
            "HAVING COUNT(*) > 1"
        ),
    ),
)

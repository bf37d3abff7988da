"""SQL front ends (`LazyFrame.sql`, `pl.SQLContext`, `pl.sql_expr`) run on every lane.

These are differential entries: the SQL query's result on each lane against the in-memory baseline.
"""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import JOIN_LEFT, JOIN_RIGHT, KEYED, NUMERIC_PAIR
from conformance.catalog.operation import Operation, has_attr
from conformance.judge.compare import UNORDERED

_SQL = has_attr(pl.LazyFrame, "sql")

OPERATIONS = (
    Operation(
        "sql_select_where_order_by",
        # the ORDER BY covers every output column's inputs, so ties are identical rows
        lambda lf: lf.sql(
            "SELECT a, b, a + b AS total FROM self WHERE a > 0 OR b IS NULL "
            "ORDER BY a DESC, b NULLS FIRST"
        ),
        (NUMERIC_PAIR,),
        requires=(_SQL,),
    ),
    Operation(
        "sql_group_by_case",
        lambda lf: lf.sql(
            "SELECT k, SUM(v) AS total, COUNT(*) AS n, MAX(v) AS top, "
            "CASE WHEN SUM(v) > 0 THEN 'pos' WHEN SUM(v) < 0 THEN 'neg' ELSE 'other' END AS sign "
            "FROM self GROUP BY k"
        ),
        (KEYED,),
        UNORDERED,
        requires=(_SQL,),
    ),
    Operation(
        "sql_group_by_having_order_by",
        # one row per key, ordered by the key: a total order
        lambda lf: lf.sql(
            "SELECT k, COUNT(v) AS n, MIN(v) AS low FROM self "
            "GROUP BY k HAVING COUNT(*) > 1 ORDER BY k"
        ),
        (KEYED,),
        requires=(_SQL,),
    ),
    Operation(
        "sql_context_join",
        lambda left, right: pl.SQLContext(l=left, r=right).execute(
            "SELECT l.k, l.a, r.b FROM l INNER JOIN r ON l.k = r.k WHERE r.b IS NOT NULL"
        ),
        (JOIN_LEFT, JOIN_RIGHT),
        UNORDERED,
        requires=(has_attr(pl, "SQLContext"),),
    ),
    Operation(
        "sql_context_left_join_count",
        lambda left, right: pl.SQLContext(l=left, r=right).execute(
            "SELECT l.k, COUNT(r.b) AS matches FROM l LEFT JOIN r ON l.k = r.k GROUP BY l.k"
        ),
        (JOIN_LEFT, JOIN_RIGHT),
        UNORDERED,
        requires=(has_attr(pl, "SQLContext"),),
    ),
    Operation(
        "sql_expr_select",
        lambda lf: lf.select(
            pl.sql_expr(
                [
                    "a * 2 AS twice",
                    "CASE WHEN a > b THEN a WHEN a < b THEN b ELSE NULL END AS larger",
                    "COALESCE(a, b) AS first_non_null",
                    "a IS NULL AS a_missing",
                ]
            )
        ),
        (NUMERIC_PAIR,),
        requires=(has_attr(pl, "sql_expr"),),
    ),
)

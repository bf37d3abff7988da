"""SQL front ends (`LazyFrame.sql`, `pl.SQLContext`, `pl.sql_expr`) run on every lane.

These are differential entries: the SQL query's result on each lane against the in-memory baseline.
Their SQL text is also the entry's SQL twin: DuckDB runs it on the same input as a reference.
"""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import JOIN_LEFT, JOIN_RIGHT, KEYED, NUMERIC_PAIR
from conformance.catalog.operation import Operation, has_attr
from conformance.judge.compare import ORDERED, UNORDERED, Rules
from conformance.judge.duck import Sql
from strategies.frames import Frame

_SQL = has_attr(pl.LazyFrame, "sql")
_CONTEXT = has_attr(pl, "SQLContext")


def _on_self(name: str, text: str, inputs: tuple[Frame, ...], rules: Rules = ORDERED) -> Operation:
    """`LazyFrame.sql(text)`, whose one table is called `self`."""
    return Operation(
        name, lambda lf: lf.sql(text), inputs, rules, requires=(_SQL,), sql=Sql(text, ("self",))
    )


def _in_context(name: str, text: str, rules: Rules) -> Operation:
    """`SQLContext(l=..., r=...).execute(text)` over a join's two inputs."""
    return Operation(
        name,
        lambda left, right: pl.SQLContext(l=left, r=right).execute(text),
        (JOIN_LEFT, JOIN_RIGHT),
        rules,
        requires=(_CONTEXT,),
        sql=Sql(text, ("l", "r")),
    )


def _sql_expr(name: str, expressions: tuple[str, ...]) -> Operation:
    """`select(pl.sql_expr(expressions))`."""
    return Operation(
        name,
        lambda lf: lf.select(pl.sql_expr(list(expressions))),
        (NUMERIC_PAIR,),
        requires=(has_attr(pl, "sql_expr"),),
        sql=Sql(f"SELECT {', '.join(expressions)} FROM self"),
    )


OPERATIONS = (
    _on_self(
        "sql_select_where_order_by",
        # the ORDER BY covers every output column's inputs, so ties are identical rows
        "SELECT a, b, a + b AS total FROM self WHERE a > 0 OR b IS NULL "
        "ORDER BY a DESC, b NULLS FIRST",
        (NUMERIC_PAIR,),
    ),
    _on_self(
        "sql_group_by_case",
        "SELECT k, SUM(v) AS total, COUNT(*) AS n, MAX(v) AS top, "
        "CASE WHEN SUM(v) > 0 THEN 'pos' WHEN SUM(v) < 0 THEN 'neg' ELSE 'other' END AS sign "
        "FROM self GROUP BY k",
        (KEYED,),
        UNORDERED,
    ),
    _on_self(
        "sql_group_by_having_order_by",
        # one row per key, ordered by the key: a total order
        "SELECT k, COUNT(v) AS n, MIN(v) AS low FROM self "
        "GROUP BY k HAVING COUNT(*) > 1 ORDER BY k",
        (KEYED,),
    ),
    _in_context(
        "sql_context_join",
        "SELECT l.k, l.a, r.b FROM l INNER JOIN r ON l.k = r.k WHERE r.b IS NOT NULL",
        UNORDERED,
    ),
    _in_context(
        "sql_context_left_join_count",
        "SELECT l.k, COUNT(r.b) AS matches FROM l LEFT JOIN r ON l.k = r.k GROUP BY l.k",
        UNORDERED,
    ),
    _sql_expr(
        "sql_expr_select",
        (
            "a * 2 AS twice",
            "CASE WHEN a > b THEN a WHEN a < b THEN b ELSE NULL END AS larger",
            "COALESCE(a, b) AS first_non_null",
            "a IS NULL AS a_missing",
        ),
    ),
)

"""set_sorted must not change results: each query returns the same on the data as it is, on the
same data flagged sorted, and on the same data sorted again (a stable sort of sorted data changes
nothing, but leaves Polars' own flag), wherever Polars may take a fast path from the flag."""

from __future__ import annotations

from typing import Any

import hypothesis.strategies as st
import polars as pl

from conformance.catalog.operation import has_attr, has_param
from conformance.judge.compare import ORDERED, UNORDERED, Rules
from conformance.judge.harness import ErrorInfo
from conformance.properties.property import Context, Violation
from conformance.properties.sortedness.common import (
    Query,
    attempt,
    draw_sorted,
    is_numeric,
    label,
    probe_values,
    run_all,
    same_when_flagged,
    shown,
    sortedness,
)
from strategies import dtypes as D
from strategies.frames import Col
from strategies.sorted import Key

c = pl.col

_JOIN_ORDER = has_param(pl.LazyFrame.join, "maintain_order")() is None
_SEARCH_DESCENDING = has_param(pl.Expr.search_sorted, "descending")() is None

KEYED = {"s": Key(), "g": Col(D.keys, key=True), "v": Col(D.numeric)}
KEYED_ORDERS = (("s",), ("s", "g"), ("g", "s"))

# The aggregates the aggregation queries share (module constants, so their labels name them).
V_AGGS = (
    c("v").min().alias("min"),
    c("v").max().alias("max"),
    c("v").first().alias("first"),
    c("v").last().alias("last"),
    pl.len().alias("len"),
)
S_AGGS = (
    c("s").min().alias("min"),
    c("s").max().alias("max"),
    c("s").first().alias("first"),
    c("s").last().alias("last"),
    c("s").null_count().alias("nulls"),
)


def _aggregations(ctx: Context) -> None:
    """group_by on a sorted key, and min/max/first/last of a sorted column, overall and per group."""
    inputs = draw_sorted(ctx, KEYED_ORDERS)
    queries: list[tuple[Query, Rules]] = [
        (lambda lf: lf.group_by("s", maintain_order=True).agg(V_AGGS), ORDERED),
        (lambda lf: lf.group_by("s").agg(V_AGGS), UNORDERED),
        (lambda lf: lf.group_by("g", maintain_order=True).agg(S_AGGS), ORDERED),
        (lambda lf: lf.group_by("s", "g", maintain_order=True).agg(V_AGGS[2:]), ORDERED),
        (lambda lf: lf.group_by("s", maintain_order=True).agg(c("v"), c("g").last()), ORDERED),
        (lambda lf: lf.select(S_AGGS), ORDERED),
        (
            # arg_min/arg_max may return any index among ties: the value there is what is defined
            lambda lf: lf.select(
                c("s").gather(c("s").arg_min()).alias("at_arg_min"),
                c("s").gather(c("s").arg_max()).alias("at_arg_max"),
            ),
            ORDERED,
        ),
        (
            lambda lf: lf.with_columns(
                vmin=c("v").min().over("s"),
                smax=c("s").max().over("g"),
                vfirst=c("v").first().over("s"),
            ),
            ORDERED,
        ),
    ]
    run_all([same_when_flagged(ctx, inputs, q, rules) for q, rules in queries], ctx)


def _unique_keep(keep: str) -> Query:
    return lambda lf: lf.unique(subset="s", keep=keep, maintain_order=True)  # type: ignore[arg-type]


def _unique(ctx: Context) -> None:
    """unique, n_unique, distinct markers, value counts and mode of a sorted column."""
    inputs = draw_sorted(ctx, KEYED_ORDERS)
    checks = [same_when_flagged(ctx, inputs, _unique_keep(k)) for k in ("first", "last", "none")]
    queries: list[tuple[Query, Rules]] = [
        (
            # keep="any" leaves which row survives open: only the keys are defined
            lambda lf: lf.unique(subset="s", keep="any", maintain_order=True).select("s"),
            ORDERED,
        ),
        (lambda lf: lf.unique(subset=["s", "g"], keep="last", maintain_order=True), ORDERED),
        (lambda lf: lf.select(c("s").unique(maintain_order=True)), ORDERED),
        (lambda lf: lf.select(c("s").unique()), UNORDERED),
        (
            lambda lf: lf.select(
                c("s").n_unique().alias("n"), c("s").arg_unique().len().alias("a")
            ),
            ORDERED,
        ),
        (
            lambda lf: lf.with_columns(
                first=c("s").is_first_distinct(),
                last=c("s").is_last_distinct(),
                unique=c("s").is_unique(),
                duplicated=c("s").is_duplicated(),
                rle=c("s").rle_id(),
            ),
            ORDERED,
        ),
        (lambda lf: lf.select(c("s").unique_counts()), ORDERED),
        (lambda lf: lf.select(c("s").value_counts()).unnest("s"), UNORDERED),
        (lambda lf: lf.select(c("s").mode()), UNORDERED),
    ]
    checks += [same_when_flagged(ctx, inputs, q, rules) for q, rules in queries]
    run_all(checks, ctx)


def _search_sorted_query(
    elements: list[Any], dtype: pl.DataType, side: str, kwargs: dict[str, bool]
) -> Query:
    return lambda lf: lf.select(
        c("s").search_sorted(pl.Series("e", elements, dtype), side=side, **kwargs)  # type: ignore[arg-type]
    )


def _index_of_query(element: object, dtype: pl.DataType) -> Query:
    return lambda lf: lf.select(c("s").index_of(pl.lit(element, dtype=dtype)))


def _search_sorted(ctx: Context) -> None:
    """search_sorted (left and right) and index_of find the same positions, flagged or not."""
    descending = None if _SEARCH_DESCENDING else False
    inputs = draw_sorted(ctx, [("s",)], descending=descending)
    column = inputs.frames[0]["s"]
    dtype = column.dtype
    elements = probe_values(ctx, column, "element", 3)
    kwargs = {"descending": inputs.order.descending[0]} if _SEARCH_DESCENDING else {}
    checks = [
        same_when_flagged(ctx, inputs, _search_sorted_query(elements, dtype, side, kwargs))
        for side in ("left", "right")
    ]
    checks += [same_when_flagged(ctx, inputs, _index_of_query(e, dtype)) for e in elements]
    run_all(checks, ctx)


JOIN_LEFT = {"s": Key(), "a": Col(D.integers)}
JOIN_RIGHT = {"s": Key(), "b": Col(D.integers)}


def _join_query(how: str, order: str | None = None) -> Query:
    if order is None:
        return lambda left, right: left.join(right, on="s", how=how)  # type: ignore[arg-type]
    return lambda left, right: left.join(right, on="s", how=how, maintain_order=order)  # type: ignore[arg-type]


def _joins(ctx: Context) -> None:
    """Equi-joins on a key sorted on both sides (where a sorted merge join may be taken)."""
    inputs = draw_sorted(ctx, [("s",)])
    checks = [
        same_when_flagged(ctx, inputs, _join_query(how), UNORDERED)
        for how in ("inner", "left", "full", "semi", "anti")
    ]
    checks.append(
        same_when_flagged(
            ctx,
            inputs,
            lambda left, right: left.join(right, on="s", how="inner", nulls_equal=True),
            UNORDERED,
        )
    )
    if _JOIN_ORDER:
        checks += [
            same_when_flagged(ctx, inputs, _join_query(how, order))
            for how, order in (
                ("inner", "left_right"),
                ("left", "left_right"),
                ("full", "left_right"),
                ("semi", "left"),
                ("anti", "left"),
            )
        ]
    run_all(checks, ctx)


TOP_K = {"s": Key(), "v": Col(D.integers)}


def _top_k(ctx: Context) -> None:
    """top_k/bottom_k by a sorted column keep the same values (which tied rows: undefined)."""
    inputs = draw_sorted(ctx, [("s",), ("s", "v")])
    k = ctx.draw(st.integers(0, inputs.frames[0].height + 2), "k")
    queries: list[tuple[Query, Rules]] = [
        (lambda lf: lf.top_k(k, by="s").select("s"), UNORDERED),
        (lambda lf: lf.bottom_k(k, by="s").select("s"), UNORDERED),
        (lambda lf: lf.top_k(k, by=["s", "v"]), UNORDERED),
        (
            # each column sorted on its own: an order-free comparison would pair rows up
            lambda lf: lf.select(
                c("s").top_k(k).sort().alias("top"), c("s").bottom_k(k).sort().alias("bottom")
            ),
            ORDERED,
        ),
    ]
    run_all([same_when_flagged(ctx, inputs, q, rules) for q, rules in queries], ctx)


def _is_sorted_query(descending: bool, nulls_last: bool) -> Query:
    return lambda lf: lf.select(c("s").is_sorted(descending=descending, nulls_last=nulls_last))


def _is_sorted(ctx: Context) -> None:
    """is_sorted says True for the order the data is in, flagged or not, and agrees otherwise."""
    inputs = draw_sorted(ctx, [("s",)])
    order = (inputs.order.descending[0], inputs.order.nulls_last[0])
    checks = []
    for descending in (False, True):
        for nulls_last in (False, True):
            query = _is_sorted_query(descending, nulls_last)
            checks.append(same_when_flagged(ctx, inputs, query))
            if (descending, nulls_last) == order:
                got = attempt(ctx, query(*inputs.plain()))
                if isinstance(got, ErrorInfo) or got.item() is not True:
                    raise Violation(
                        f"{label(query)}\non data sorted that way {shown(got)}\n{inputs}"
                    )
    run_all(checks, ctx)


RANGED = {"s": Key(), "v": Col(D.integers)}


def _range_queries(
    dtype: pl.DataType, lo: object, hi: object, closed: str, members: list[Any], rows: int | None
) -> list[Query]:
    """Filters on the sorted `s`, then cut to their first `rows` (all of them for None)."""
    return [
        lambda lf: lf.filter(c("s") > pl.lit(lo, dtype)).slice(0, rows),
        lambda lf: lf.filter(c("s") >= pl.lit(lo, dtype)).slice(0, rows),
        lambda lf: lf.filter(c("s") < pl.lit(lo, dtype)).slice(0, rows),
        lambda lf: lf.filter(c("s") <= pl.lit(lo, dtype)).slice(0, rows),
        lambda lf: lf.filter(c("s") == pl.lit(lo, dtype)).slice(0, rows),
        lambda lf: lf.filter(c("s") != pl.lit(lo, dtype)).slice(0, rows),
        lambda lf: lf.filter((c("s") >= pl.lit(lo, dtype)) & (c("s") < pl.lit(hi, dtype))).slice(
            0, rows
        ),
        lambda lf: lf.filter(
            c("s").is_between(pl.lit(lo, dtype), pl.lit(hi, dtype), closed=closed)  # type: ignore[arg-type]
        ).slice(0, rows),
        lambda lf: lf.filter(c("s").is_in(pl.Series(members, dtype=dtype))).slice(0, rows),
        lambda lf: lf.filter(c("s").is_null()).slice(0, rows),
        lambda lf: lf.filter(c("s").is_not_null()).slice(0, rows),
    ]


def _range_filters(ctx: Context) -> None:
    """Comparisons, ranges and membership on a sorted column (where a binary search may be used),
    each filtered alone and then cut to its first rows (`slice(0, None)` keeps them all)."""
    inputs = draw_sorted(ctx, [("s",), ("s", "v")])
    column = inputs.frames[0]["s"]
    dtype = column.dtype
    lo, hi = probe_values(ctx, column, "bound")
    closed = ctx.draw(st.sampled_from(["both", "left", "right", "none"]), "closed")
    members = probe_values(ctx, column, "member", 3)
    checks = [
        same_when_flagged(ctx, inputs, q)
        for rows in (None, ctx.draw(st.integers(0, 3), "rows kept"))
        for q in _range_queries(dtype, lo, hi, closed, members, rows)
    ]
    checks.append(
        same_when_flagged(
            ctx,
            inputs,
            lambda lf: lf.select(
                c("s").filter(c("s") >= pl.lit(lo, dtype)).min(),
                c("v").filter(c("s") < pl.lit(hi, dtype)).sum(),
            ),
        )
    )
    run_all(checks, ctx)


def _cumulative(ctx: Context) -> None:
    """Cumulative, rank, run-length and re-sorting expressions over a sorted column."""
    inputs = draw_sorted(ctx, KEYED_ORDERS)
    d, n = inputs.order.descending[0], inputs.order.nulls_last[0]
    first = inputs.order.by[0]
    queries: list[Query] = [
        lambda lf: lf.with_columns(
            c("s").rank(method).alias(method)  # type: ignore[arg-type]
            for method in ("average", "min", "max", "dense", "ordinal")
        ),
        lambda lf: lf.with_columns(
            count=c("s").cum_count(),
            rle=c("s").rle_id(),
            shifted=c("s").shift(1),
            ffill=c("s").forward_fill(),
            bfill=c("s").backward_fill(),
        ),
        lambda lf: lf.select(
            c("s").sort(descending=d, nulls_last=n).alias("sorted"),
            c("s").gather(c("s").arg_sort(descending=d, nulls_last=n)).alias("gathered"),
        ),
        lambda lf: lf.select(
            c("v").sort_by(first, descending=d, nulls_last=n, maintain_order=True)
        ),
        lambda lf: lf.with_columns(
            rank=c("s").rank("ordinal").over("g"), count=c("s").cum_count().over("g")
        ),
    ]
    if is_numeric(inputs.frames[0]["s"].dtype):
        queries += [
            lambda lf: lf.with_columns(
                cmax=c("s").cum_max(),
                cmin=c("s").cum_min(),
                csum=c("s").cum_sum(),
                diff=c("s").diff(),
            ),
            lambda lf: lf.with_columns(
                cmax=c("s").cum_max().over("g"), csum=c("v").cum_sum().over("s")
            ),
        ]
    run_all([same_when_flagged(ctx, inputs, q) for q in queries], ctx)


PROPERTIES = (
    sortedness("aggregations", [KEYED], _aggregations),
    sortedness("unique", [KEYED], _unique),
    sortedness(
        "search_sorted", [{"s": Key()}], _search_sorted, requires=(has_attr(pl.Expr, "index_of"),)
    ),
    sortedness("joins", [JOIN_LEFT, JOIN_RIGHT], _joins),
    sortedness("top_k", [TOP_K], _top_k),
    sortedness("is_sorted", [{"s": Key()}], _is_sorted, requires=(has_attr(pl.Expr, "is_sorted"),)),
    sortedness("range_filters", [RANGED], _range_filters),
    sortedness(
        "cumulative",
        [KEYED],
        _cumulative,
        requires=(has_param(pl.Expr.sort_by, "maintain_order"),),
    ),
)

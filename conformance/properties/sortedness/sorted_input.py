"""Operations that require sorted input (join_asof, merge_sorted, rolling windows): the same result
flagged or not, and on the lane the same as on the in-memory engine, for sorted inputs the
catalog's frames do not cover."""

from __future__ import annotations

import inspect
from typing import Any

import hypothesis.strategies as st
import polars as pl

from conformance.catalog.operation import has_attr, has_param
from conformance.judge.compare import ORDERED, UNORDERED
from conformance.properties.property import Context
from conformance.properties.sortedness.common import (
    agree,
    attempt,
    draw_sorted,
    label,
    run_all,
    same_as_in_memory,
    same_when_flagged,
    sortedness,
)
from strategies import dtypes as D
from strategies.frames import Col
from strategies.sorted import Key, asof_keys, window_index, window_values

c = pl.col

_MERGE_ORDER = has_param(pl.LazyFrame.merge_sorted, "maintain_order")
_MERGE_MULTI_KEY = "Sequence" in str(inspect.signature(pl.LazyFrame.merge_sorted).parameters["key"])

ASOF_LEFT = {
    "s": Key(asof_keys, allow_null=False),
    "g": Col(D.keys, key=True),
    "a": Col(D.integers),
}
ASOF_RIGHT = {
    "s": Key(asof_keys, allow_null=False),
    "g": Col(D.keys, key=True),
    "b": Col(D.integers),
}


def _join_asof(ctx: Context) -> None:
    """join_asof on keys sorted ascending (globally, or within `by` groups); also vs in-memory."""
    inputs = draw_sorted(ctx, [("s",), ("s", "g"), ("g", "s")], descending=False)
    strategy = ctx.draw(st.sampled_from(["backward", "forward", "nearest"]), "asof strategy")
    kwargs: dict[str, Any] = {"strategy": strategy}
    if inputs.order.by[0] == "g" or ctx.draw(st.booleans(), "by groups"):
        kwargs["by"] = "g"  # sorted by (g, s): s is sorted within each group only
    if has_param(pl.LazyFrame.join_asof, "allow_exact_matches")() is None:
        kwargs["allow_exact_matches"] = ctx.draw(st.booleans(), "allow_exact_matches")

    def query(left: pl.LazyFrame, right: pl.LazyFrame) -> pl.LazyFrame:
        return left.join_asof(right, on="s", **kwargs)

    run_all(
        [same_when_flagged(ctx, inputs, query), same_as_in_memory(ctx, inputs, query)],
        ctx,
    )


MERGE_INPUT = {"s": Key(), "t": Key(), "x": Col(D.integers)}


def _merge_sorted(ctx: Context) -> None:
    """merge_sorted of two inputs sorted ascending: == a stable sort of their concatenation.

    Nulls first: merge_sorted takes null for the smallest key. (The 1.44-2.1 docstrings ask for
    null keys at the end; upstream corrected that to nulls first, pola-rs/polars#28177.)
    """
    orders = [("s",), ("s", "t")] if _MERGE_MULTI_KEY else [("s",)]
    inputs = draw_sorted(ctx, orders, descending=False, nulls_last=False)
    by = list(inputs.order.by)
    key: str | list[str] = by if len(by) > 1 else by[0]
    checks = [
        same_when_flagged(
            ctx, inputs, lambda left, right: left.merge_sorted(right, key=key).select(by)
        ),
        same_when_flagged(
            ctx, inputs, lambda left, right: left.merge_sorted(right, key=key), UNORDERED
        ),
        same_as_in_memory(
            ctx, inputs, lambda left, right: left.merge_sorted(right, key=key).select(by)
        ),
    ]
    if _MERGE_ORDER() is None:
        order = inputs.order

        def merged(left: pl.LazyFrame, right: pl.LazyFrame) -> pl.LazyFrame:
            return left.merge_sorted(right, key=key, maintain_order=True)

        def stacked(left: pl.LazyFrame, right: pl.LazyFrame) -> pl.LazyFrame:
            return order.sort(pl.concat([left, right]))  # stable

        checks.append(same_when_flagged(ctx, inputs, merged))
        flagged = inputs.flagged()
        results = {
            label(stacked): attempt(ctx, stacked(*flagged)),
            label(merged): attempt(ctx, merged(*flagged)),
        }
        checks.append(agree(ctx, results, str(inputs), ORDERED))
    run_all(checks, ctx)


WINDOWED = {
    "s": Key(window_index, allow_null=False, pool=window_values),
    "g": Col(D.keys, key=True),
    "v": Col(D.integers),
}
_PERIODS = {
    "int": ("1i", "2i", "3i"),
    "date": ("1d", "2d", "1w", "1mo"),
    "time": ("1h", "2d", "1mo"),
}
WINDOW_AGGS = (c("v").sum().alias("sum"), c("v").min().alias("min"), c("v").max().alias("max"))


def _windows(ctx: Context) -> None:
    """rolling, group_by_dynamic and rolling_*_by on a sorted index; also vs in-memory."""
    inputs = draw_sorted(ctx, [("s",), ("g", "s")], descending=False)
    dtype = inputs.frames[0]["s"].dtype
    kind = "int" if dtype.is_integer() else "date" if dtype == pl.Date else "time"
    period, every = (
        ctx.draw(st.sampled_from(_PERIODS[kind]), name) for name in ("period", "every")
    )
    closed = ctx.draw(st.sampled_from(["left", "right", "both", "none"]), "closed")
    grouped = inputs.order.by[0] == "g" or ctx.draw(st.booleans(), "group_by g")
    group: dict[str, Any] = {"group_by": "g"} if grouped else {}
    rules = UNORDERED if grouped else ORDERED

    def rolling(lf: pl.LazyFrame) -> pl.LazyFrame:
        return lf.rolling("s", period=period, closed=closed, **group).agg(*WINDOW_AGGS, pl.len())

    def dynamic(lf: pl.LazyFrame) -> pl.LazyFrame:
        return lf.group_by_dynamic("s", every=every, period=period, closed=closed, **group).agg(
            *WINDOW_AGGS, pl.len()
        )

    def rolling_by(lf: pl.LazyFrame) -> pl.LazyFrame:
        exprs = [
            c("v").rolling_sum_by("s", period, closed=closed).alias("sum"),
            c("v").rolling_min_by("s", period, closed=closed).alias("min"),
            c("v").rolling_max_by("s", period, closed=closed).alias("max"),
        ]
        return lf.with_columns([e.over("g") for e in exprs] if grouped else exprs)

    checks = []
    for query, query_rules in ((rolling, rules), (dynamic, rules), (rolling_by, ORDERED)):
        checks.append(same_when_flagged(ctx, inputs, query, query_rules))
        checks.append(same_as_in_memory(ctx, inputs, query, query_rules))
    run_all(checks, ctx)


PROPERTIES = (
    sortedness("join_asof", [ASOF_LEFT, ASOF_RIGHT], _join_asof),
    sortedness(
        "merge_sorted",
        [MERGE_INPUT, MERGE_INPUT],
        _merge_sorted,
        requires=(has_attr(pl.LazyFrame, "merge_sorted"),),
    ),
    sortedness("windows", [WINDOWED], _windows),
)

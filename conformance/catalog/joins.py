"""Joins of every kind."""

from __future__ import annotations

import hypothesis.strategies as st
import polars as pl

from conformance.catalog.inputs import JOIN_LEFT, JOIN_RIGHT
from conformance.catalog.operation import Operation, Query, has_param
from conformance.judge.compare import UNORDERED
from conformance.judge.duck import Sql
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col


def _sql(text: str) -> Sql:
    """A join's SQL twin: the left input is `l`, the right one `r`."""
    return Sql(text, ("l", "r"))


_INNER = _sql("SELECT l.k, l.a, r.b FROM l JOIN r ON l.k = r.k")
_LEFT = _sql("SELECT l.k, l.a, r.b FROM l LEFT JOIN r ON l.k = r.k")
_FULL = _sql("SELECT l.k, l.a, r.k AS k_right, r.b FROM l FULL JOIN r ON l.k = r.k")
_FULL_COALESCE = _sql("SELECT COALESCE(l.k, r.k) AS k, l.a, r.b FROM l FULL JOIN r ON l.k = r.k")


def _join(how: str, **kwargs: object) -> Query:
    return lambda left, right: left.join(right, on="k", how=how, **kwargs)  # type: ignore[arg-type]


def _join_unique_other(how: str, maintain_order: str, dedup: str) -> Query:
    """A join whose order is fully defined: the side whose order is not kept has unique keys.

    With `maintain_order="left"` the order among one left row's matches is undefined, so the right
    side is made unique (first row per key, in order) and each left row has at most one match.
    """
    if dedup == "left":
        return lambda left, right: left.unique("k", keep="first", maintain_order=True).join(
            right, on="k", how=how, maintain_order=maintain_order
        )
    return lambda left, right: left.join(
        right.unique("k", keep="first", maintain_order=True),
        on="k",
        how=how,
        maintain_order=maintain_order,
    )


def _asof(**kwargs: object) -> Query:
    return lambda left, right: left.join_asof(right, on="t", **kwargs)  # type: ignore[arg-type]


# Asof keys: the documented contract is a key sorted ascending (per `by` group), without nulls.
_ASOF_KEY_DTYPES = st.one_of(D.numeric, D.dates, D.datetimes, D.durations)
_ASOF_KEY = Col(_ASOF_KEY_DTYPES, sorted=True, allow_null=False)
# a small pool of integers, so exact matches, ties and the tolerance boundary all occur
_ASOF_INT_KEY = Col(D.integers, key=True, sorted=True, allow_null=False)
_ASOF_LEFT = {"t": _ASOF_KEY, "a": Col()}
_ASOF_RIGHT = {"t": _ASOF_KEY, "b": Col()}
# `by` inputs sorted by the asof key alone (hence within every group) ...
_ASOF_BY_LEFT = {"k": Col(D.keys, key=True), "t": _ASOF_KEY, "a": Col()}
_ASOF_BY_RIGHT = {"k": Col(D.keys, key=True), "t": _ASOF_KEY, "b": Col()}
# ... and sorted by (group, asof key), the layout the docs recommend for streaming
_GROUP_SORTED_KEY = Col(D.keys, key=True, sorted=True)
_ASOF_GROUPED_LEFT = {"k": _GROUP_SORTED_KEY, "t": _ASOF_INT_KEY, "a": Col()}
_ASOF_GROUPED_RIGHT = {"k": _GROUP_SORTED_KEY, "t": _ASOF_INT_KEY, "b": Col()}

_RANGE_LEFT = {"p": Col(D.numeric), "x": Col()}
_RANGE_RIGHT = {"lo": Col(D.numeric), "hi": Col(D.numeric), "y": Col()}
_KEYED_RANGE_LEFT = {"k": Col(D.keys, key=True), "p": Col(D.numeric), "a": Col()}
_KEYED_RANGE_RIGHT = {"k": Col(D.keys, key=True), "q": Col(D.numeric), "b": Col()}

_SAME_NAMES = ({"k": Col(D.keys, key=True), "a": Col()}, {"k": Col(D.keys, key=True), "a": Col()})
_TWO_KEYS = (
    {"k": Col(D.keys, key=True), "j": Col(D.keys, key=True), "a": Col()},
    {"k": Col(D.keys, key=True), "j": Col(D.keys, key=True), "b": Col()},
)
_INT_KEYED = (
    {"k": Col(D.keys, key=True), "n": Col(D.integers, key=True), "a": Col()},
    {"k": Col(D.keys, key=True), "n": Col(D.integers, key=True), "b": Col()},
)
_JOIN = (JOIN_LEFT, JOIN_RIGHT)
_MAINTAIN_ORDER = has_param(pl.LazyFrame.join, "maintain_order")

OPERATIONS = (
    Operation("join_inner", _join("inner"), _JOIN, UNORDERED, sql=_INNER),
    Operation("join_left", _join("left"), _JOIN, UNORDERED, sql=_LEFT),
    Operation("join_full", _join("full"), _JOIN, UNORDERED, sql=_FULL),
    Operation(
        "join_full_coalesce",
        _join("full", coalesce=True),
        _JOIN,
        UNORDERED,
        sql=_FULL_COALESCE,
    ),
    Operation(
        "join_semi",
        _join("semi"),
        _JOIN,
        UNORDERED,
        sql=_sql("SELECT k, a FROM l WHERE EXISTS (SELECT 1 FROM r WHERE r.k = l.k)"),
    ),
    Operation(
        "join_anti",
        _join("anti"),
        _JOIN,
        UNORDERED,
        sql=_sql("SELECT k, a FROM l WHERE NOT EXISTS (SELECT 1 FROM r WHERE r.k = l.k)"),
    ),
    Operation(
        "join_cross",
        lambda left, right: left.join(right, how="cross"),
        _JOIN,
        UNORDERED,
        sql=_sql("SELECT l.k, l.a, r.k AS k_right, r.b FROM l CROSS JOIN r"),
    ),
    Operation(
        "join_left_maintain_order",
        # "left_right": "left" alone leaves the order of a left row's matches undefined
        _join("left", maintain_order="left_right"),
        _JOIN,
        requires=(_MAINTAIN_ORDER,),
    ),
    Operation(
        "join_then_filter",
        lambda left, right: left.join(right, on="k", how="left").filter(c("b").is_not_null()),
        _JOIN,
        UNORDERED,
        sql=_sql("SELECT l.k, l.a, r.b FROM l LEFT JOIN r ON l.k = r.k WHERE r.b IS NOT NULL"),
    ),
    # --- equi-join options ----------------------------------------------------------------------
    Operation(
        "join_right",
        _join("right"),
        _JOIN,
        UNORDERED,
        sql=_sql("SELECT l.a, r.k, r.b FROM l RIGHT JOIN r ON l.k = r.k"),
    ),
    Operation(
        "join_right_no_coalesce",
        _join("right", coalesce=False),
        _JOIN,
        UNORDERED,
        sql=_sql("SELECT l.k, l.a, r.k AS k_right, r.b FROM l RIGHT JOIN r ON l.k = r.k"),
    ),
    Operation(
        "join_left_no_coalesce",
        _join("left", coalesce=False),
        _JOIN,
        UNORDERED,
        sql=_sql("SELECT l.k, l.a, r.k AS k_right, r.b FROM l LEFT JOIN r ON l.k = r.k"),
    ),
    Operation(
        "join_inner_nulls_equal",
        _join("inner", nulls_equal=True),
        _JOIN,
        UNORDERED,
        requires=(has_param(pl.LazyFrame.join, "nulls_equal"),),
        sql=_sql("SELECT l.k, l.a, r.b FROM l JOIN r ON l.k IS NOT DISTINCT FROM r.k"),
    ),
    Operation(
        "join_full_nulls_equal_coalesce",
        _join("full", nulls_equal=True, coalesce=True),
        _JOIN,
        UNORDERED,
        requires=(has_param(pl.LazyFrame.join, "nulls_equal"),),
        sql=_sql(
            "SELECT COALESCE(l.k, r.k) AS k, l.a, r.b FROM l FULL JOIN r "
            "ON l.k IS NOT DISTINCT FROM r.k"
        ),
    ),
    Operation(
        "join_suffix",
        lambda left, right: left.join(right, on="k", how="left", suffix="_r"),
        _SAME_NAMES,
        UNORDERED,
        sql=_sql("SELECT l.k, l.a, r.a AS a_r FROM l LEFT JOIN r ON l.k = r.k"),
    ),
    Operation(
        "join_multi_key",
        lambda left, right: left.join(right, on=["k", "j"], how="full", coalesce=True),
        _TWO_KEYS,
        UNORDERED,
        sql=_sql(
            "SELECT COALESCE(l.k, r.k) AS k, COALESCE(l.j, r.j) AS j, l.a, r.b "
            "FROM l FULL JOIN r ON l.k = r.k AND l.j = r.j"
        ),
    ),
    Operation(
        "join_expression_keys",
        lambda left, right: left.join(
            right,
            left_on=[c("k"), c("n") % 3],
            right_on=[c("k"), (c("n") + 1) % 3],
            how="inner",
        ),
        _INT_KEYED,
        UNORDERED,
    ),
    # A failed validation must raise the same error on every lane; duplicate keys are common.
    Operation("join_validate_1_1", _join("inner", validate="1:1"), _JOIN, UNORDERED),
    Operation(
        "join_validate_1_m_unique_left",
        lambda left, right: left.unique("k", keep="first", maintain_order=True).join(
            right, on="k", how="left", validate="1:m"
        ),
        _JOIN,
        UNORDERED,
    ),
    Operation(
        "join_validate_m_1_unique_right",
        lambda left, right: left.join(
            right.unique("k", keep="first", maintain_order=True),
            on="k",
            how="full",
            validate="m:1",
        ),
        _JOIN,
        UNORDERED,
    ),
    Operation(
        "join_build_side_force_left",
        _join("inner", build_side="force_left"),
        _JOIN,
        UNORDERED,
        requires=(has_param(pl.LazyFrame.join, "build_side"),),
        sql=_INNER,
    ),
    Operation(
        "join_build_side_prefer_right",
        _join("left", build_side="prefer_right"),
        _JOIN,
        UNORDERED,
        requires=(has_param(pl.LazyFrame.join, "build_side"),),
        sql=_LEFT,
    ),
    # --- maintain_order: each value on a query whose order it fully defines ----------------------
    Operation(
        "join_full_maintain_order_none",
        _join("full", maintain_order="none"),
        _JOIN,
        UNORDERED,
        requires=(_MAINTAIN_ORDER,),
        sql=_FULL,
    ),
    Operation(
        "join_inner_maintain_order_left",
        _join_unique_other("inner", "left", dedup="right"),
        _JOIN,
        requires=(_MAINTAIN_ORDER,),
    ),
    Operation(
        "join_right_maintain_order_right",
        _join_unique_other("right", "right", dedup="left"),
        _JOIN,
        requires=(_MAINTAIN_ORDER,),
    ),
    Operation(
        "join_inner_maintain_order_left_right",
        _join("inner", maintain_order="left_right"),
        _JOIN,
        requires=(_MAINTAIN_ORDER,),
    ),
    Operation(
        "join_full_maintain_order_right_left",
        _join("full", maintain_order="right_left"),
        _JOIN,
        requires=(_MAINTAIN_ORDER,),
    ),
    # --- asof joins: rows come out in the left frame's order ------------------------------------
    Operation("join_asof_backward", _asof(strategy="backward"), (_ASOF_LEFT, _ASOF_RIGHT)),
    Operation(
        "join_asof_forward_tolerance",
        _asof(strategy="forward", tolerance=1),
        ({"t": _ASOF_INT_KEY, "a": Col()}, {"t": _ASOF_INT_KEY, "b": Col()}),
    ),
    Operation(
        "join_asof_nearest_by",
        _asof(strategy="nearest", by="k"),
        (_ASOF_BY_LEFT, _ASOF_BY_RIGHT),
    ),
    Operation(
        "join_asof_by_grouped_strict",
        _asof(strategy="backward", by="k", allow_exact_matches=False),
        (_ASOF_GROUPED_LEFT, _ASOF_GROUPED_RIGHT),
        requires=(has_param(pl.LazyFrame.join_asof, "allow_exact_matches"),),
    ),
    # --- inequality joins: the docs leave the row order undefined -------------------------------
    Operation(
        "join_where_inequality",
        lambda left, right: left.join_where(right, c("p") < c("lo")),
        (_RANGE_LEFT, _RANGE_RIGHT),
        UNORDERED,
        sql=_sql("SELECT l.p, l.x, r.lo, r.hi, r.y FROM l JOIN r ON l.p < r.lo"),
    ),
    Operation(
        "join_where_range",
        lambda left, right: left.join_where(right, c("p") >= c("lo"), c("p") < c("hi")),
        (_RANGE_LEFT, _RANGE_RIGHT),
        UNORDERED,
        sql=_sql("SELECT l.p, l.x, r.lo, r.hi, r.y FROM l JOIN r ON l.p >= r.lo AND l.p < r.hi"),
    ),
    Operation(
        "join_where_equality_and_inequality",
        # a name in both frames is referred to with the suffix on the right frame's side
        lambda left, right: left.join_where(
            right, c("k") == c("k_r"), c("p") <= c("q"), suffix="_r"
        ),
        (_KEYED_RANGE_LEFT, _KEYED_RANGE_RIGHT),
        UNORDERED,
        sql=_sql(
            "SELECT l.k, l.p, l.a, r.k AS k_r, r.q, r.b FROM l JOIN r ON l.k = r.k AND l.p <= r.q"
        ),
    ),
    Operation(
        "join_where_left",
        lambda left, right: left.join_where(right, c("p") > c("hi"), how="left"),
        (_RANGE_LEFT, _RANGE_RIGHT),
        UNORDERED,
        requires=(has_param(pl.LazyFrame.join_where, "how"),),
        sql=_sql("SELECT l.p, l.x, r.lo, r.hi, r.y FROM l LEFT JOIN r ON l.p > r.hi"),
    ),
)

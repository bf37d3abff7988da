"""Joins of every kind."""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import JOIN_LEFT, JOIN_RIGHT
from conformance.catalog.operation import Operation, Query, has_param
from conformance.compare import UNORDERED

c = pl.col


def _join(how: str, **kwargs: object) -> Query:
    return lambda left, right: left.join(right, on="k", how=how, **kwargs)  # type: ignore[arg-type]


OPERATIONS = (
    Operation("join_inner", _join("inner"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation("join_left", _join("left"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation("join_full", _join("full"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation(
        "join_full_coalesce", _join("full", coalesce=True), (JOIN_LEFT, JOIN_RIGHT), UNORDERED
    ),
    Operation("join_semi", _join("semi"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation("join_anti", _join("anti"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation(
        "join_cross",
        lambda left, right: left.join(right, how="cross"),
        (JOIN_LEFT, JOIN_RIGHT),
        UNORDERED,
    ),
    Operation(
        "join_left_maintain_order",
        # "left_right": "left" alone leaves the order of a left row's matches undefined
        _join("left", maintain_order="left_right"),
        (JOIN_LEFT, JOIN_RIGHT),
        requires=(has_param(pl.LazyFrame.join, "maintain_order"),),
    ),
    Operation(
        "join_then_filter",
        lambda left, right: left.join(right, on="k", how="left").filter(c("b").is_not_null()),
        (JOIN_LEFT, JOIN_RIGHT),
        UNORDERED,
    ),
)

"""Shared tools for planted-bug tests of properties: scripted draws and a corrupting lane."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import hypothesis.strategies as st
import polars as pl

from conformance.lanes import Lane
from conformance.passes import Variant

Corrupt = Callable[[str, pl.DataFrame], pl.DataFrame]


class Scripted:
    """Stands in for Hypothesis' data object: each labelled draw returns a fixed value."""

    def __init__(self, values: Mapping[str, object]) -> None:
        self.values = values

    def draw(self, strategy: st.SearchStrategy[object], label: str | None = None) -> object:
        assert label in self.values, f"unscripted draw {label!r}"
        return self.values[label]


def planted_lane(corrupt: Corrupt | None = None) -> Lane:
    """The in-memory engine; `corrupt` gets each query's unoptimized plan and its result."""

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        df = lf.collect(engine="in-memory", **variant.collect_kwargs())
        return df if corrupt is None else corrupt(lf.explain(optimized=False), df)

    name = "honest" if corrupt is None else "planted"
    return Lane(name, "in-memory, then a planted corruption", lambda: None, collect)

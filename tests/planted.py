"""Shared tools for planted-bug tests of properties: scripted draws and a corrupting lane."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import hypothesis.strategies as st
import polars as pl

from conformance.engines.lanes import Lane
from conformance.engines.passes import Variant
from conformance.properties import PROPERTIES

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


Test = TypeVar("Test", bound=Callable[..., None])


class PlantedBugs:
    """Which tests plant a bug each property of a family must catch, filled in by `@plants`.

    `missing()` compares that with the registry both ways: a property no planted bug breaks may be
    unable to fail at all, and a name no property has is a typo.
    """

    def __init__(self, family: str) -> None:
        self.family = family
        self.tests: dict[str, list[str]] = {}

    def plants(self, *names: str) -> Callable[[Test], Test]:
        """Decorator: the test plants a bug that each property in `names` catches."""

        def record(test: Test) -> Test:
            for name in names:
                self.tests.setdefault(name, []).append(test.__name__)
            return test

        return record

    def missing(self) -> tuple[list[str], list[str]]:
        """(registered properties without a planted bug, planted names no property has)."""
        family = {p.name for p in PROPERTIES if p.family == self.family}
        return sorted(family - set(self.tests)), sorted(set(self.tests) - family)

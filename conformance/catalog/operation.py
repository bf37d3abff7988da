"""What one catalog entry is: a named query over generated input frames, with comparison rules,
and the same query spelled for other evaluators (its eager twin, its SQL for DuckDB)."""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import polars as pl
import polars._typing

from conformance.judge.compare import ORDERED, Rules
from conformance.judge.duck import Sql
from conformance.judge.reference import Eager, Twins
from conformance.source import query_source
from conformance.version import POLARS_VERSION_STRING
from strategies.frames import Frame

Query = Callable[..., pl.LazyFrame]
Requirement = Callable[[], str | None]  # None when met, else why the entry cannot run here
# `eager=SAME_CODE`: the query's own code, run on DataFrames (whose methods mirror LazyFrame's)
SAME_CODE: Literal["same code"] = "same code"


@dataclass(frozen=True)
class Operation:
    """One catalog entry."""

    name: str
    query: Query = field(repr=False)
    inputs: tuple[Frame, ...] = field(repr=False)
    rules: Rules = ORDERED
    requires: tuple[Requirement, ...] = ()
    # the eager twin: SAME_CODE (a query whose code is lazy-only has none, found when it runs), a
    # function of the input DataFrames for another spelling, or None where the eager API differs
    eager: Eager | Literal["same code"] | None = field(default=SAME_CODE, repr=False)
    sql: Sql | None = None  # the query as SQL over the inputs, run on DuckDB as a reference
    # its result can grow with the square of its input (a self-join, a group's values on each of
    # its rows): never drawn at scale, where one hot key would make billions of rows
    quadratic: bool = False

    def unavailable_reason(self) -> str | None:
        for check in self.requires:
            if reason := check():
                return reason
        return None

    def source(self) -> str:
        """The query's code, for records and reproducers."""
        return query_source(self.query)

    def twins(self) -> Twins:
        """The entry's eager and SQL twins, as the harness runs them."""
        if self.eager == SAME_CODE:
            return Twins(self.query, derived=True, sql=self.sql)
        return Twins(self.eager, sql=self.sql)


def has_param(func: Callable[..., object], param: str) -> Requirement:
    """Gate an entry on a keyword that only some Polars releases accept."""

    def check() -> str | None:
        if param in inspect.signature(func).parameters:
            return None
        return f"Polars {POLARS_VERSION_STRING}: {func.__qualname__} has no {param!r} parameter"

    return check


def has_attr(owner: object, dotted: str) -> Requirement:
    """Gate an entry on an API (`"str.extract_many"`, `"merge_sorted"`) some releases lack."""

    def check() -> str | None:
        target = owner
        for part in dotted.split("."):
            target = getattr(target, part, None)
            if target is None:
                label = getattr(owner, "__name__", type(owner).__name__)
                return f"Polars {POLARS_VERSION_STRING} has no {label}.{dotted}"
        return None

    return check


def literal_choices(func: Callable[..., object], param: str) -> tuple[str, ...]:
    """The values a `Literal[...]`-typed parameter accepts on the installed Polars, () if absent.

    Read from the signature, through aliases and unions (`PivotAgg | Expr | None`; string
    annotations resolve in `polars._typing`), so entries that enumerate methods or modes follow
    each release instead of a hard-coded list.
    """
    parameter = inspect.signature(func).parameters.get(param)
    if parameter is None:
        return ()
    annotation = parameter.annotation
    if not isinstance(annotation, str):
        return tuple(a for a in typing.get_args(annotation) if isinstance(a, str))
    found: list[str] = []
    for part in (p.strip() for p in annotation.split("|")):
        alias = getattr(polars._typing, part, None)
        found.extend(a for a in typing.get_args(alias) if isinstance(a, str))
    return tuple(found)

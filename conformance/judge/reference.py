"""Other evaluators of the same query: its eager twin, and the references that say which side of a
disagreement is wrong.

- The eager twin: the query spelled with DataFrame methods (or the lazy query's own code run on
  DataFrames, whose methods mirror LazyFrame's) must give the lazy baseline's result.
- The plain reference: the in-memory engine with every optimization off, on one thread. Polars
  reads its thread count once per process, so it runs in a child process
  (`IsolatedCollector`, the small-morsel lane's child with its own environment).
- DuckDB (`conformance.judge.duck`), where the query has an SQL twin.

Nothing here decides an outcome: the harness does, with these results.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import polars as pl

from conformance.engines.execute import Execution, execute, time_left
from conformance.engines.isolated import IsolatedCollector, NotTransportable
from conformance.engines.passes import NONE, variant_by_name
from conformance.judge.duck import Sql

PLAIN_ENV = {"POLARS_MAX_THREADS": "1"}
PLAIN_LABEL = "the plain reference (in-memory, every optimization off, 1 thread)"
DUCKDB_LABEL = "DuckDB"
_plain = IsolatedCollector(PLAIN_ENV)
# the lazy query's own code met a LazyFrame-only method on a DataFrame
_LAZY_ONLY = re.compile(r"'DataFrame' object has no attribute")

Eager = Callable[..., object]


@dataclass(frozen=True)
class Part:
    """A sub-query whose whole work the query's unoptimized evaluation does (an input's plan, one
    expression of a projection alone over the plan before it, a join's key over its side): an
    error the in-memory engine raises on a part is the query's own, whichever error the whole
    query meets first. The generator passes no part through a step that may take no row of its
    input (`head(0)`, `clear()`, a projection of literals); a join's key counts, though an engine
    may skip evaluating it where the other side is empty."""

    code: str  # as the generator wrote it, for the elision's detail
    query: Callable[..., pl.LazyFrame]


@dataclass(frozen=True)
class Twins:
    """The query spelled for other evaluators (eager DataFrame methods, SQL for DuckDB), and its
    parts, which the in-memory engine runs to tell which errors are the query's own."""

    eager: Eager | None = None
    derived: bool = False  # `eager` is the lazy query's own code: it may not run eagerly at all
    sql: Sql | None = None
    parts: tuple[Part, ...] = ()


NO_TWINS = Twins()


class NoEagerTwin(Exception):
    """The lazy query's own code does not run on DataFrames: the query has no eager twin."""


def eager_frame(twins: Twins, frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """The eager twin's result on the input DataFrames; raises `NoEagerTwin` where there is none."""
    assert twins.eager is not None
    try:
        result = twins.eager(*frames)
    except AttributeError as exc:
        if twins.derived and _LAZY_ONLY.search(str(exc)):
            raise NoEagerTwin(str(exc)) from exc
        raise
    if twins.derived and isinstance(result, pl.LazyFrame):
        raise NoEagerTwin("the query's code builds a LazyFrame from DataFrames")
    if not isinstance(result, pl.DataFrame):
        raise TypeError(f"the eager twin returned {type(result).__name__}, not a DataFrame")
    return result


def run_plain(
    query: Callable[..., pl.LazyFrame], frames: Sequence[pl.DataFrame], timeout_s: float
) -> Execution:
    """The plain reference's result; in this process (all threads) where the plan cannot travel."""
    none = variant_by_name(NONE)
    limit_s = time_left(timeout_s)  # the child's own limit; execute() tells a cut from it

    def collect() -> pl.DataFrame:
        lf = query(*(f.lazy() for f in frames))
        try:
            return _plain.collect(lf, "in-memory", none, limit_s)
        except NotTransportable:  # Python UDFs: the best plain run this process can do
            return query(*(f.lazy() for f in frames)).collect(
                engine="in-memory", **none.collect_kwargs()
            )

    return execute(collect, timeout_s, grace_s=5.0)  # the child times itself out first


# What a reference's answer says, for each pair (agrees with the baseline, agrees with the lane).
_SIDES = {
    (True, False): "lane wrong",
    (False, True): "baseline wrong",
    (False, False): "both differ from the reference",
}
_SAYS = {
    (True, False): "agrees with the baseline",
    (False, True): "agrees with the lane",
    (False, False): "agrees with neither",
    (True, True): "agrees with both",
}
UNDECIDED = "references disagree"


def verdict(opinions: Sequence[tuple[str, bool, bool]]) -> str | None:
    """Which side is wrong, from each reference's (label, agrees with baseline, agrees with lane).

    One of `lane wrong`, `baseline wrong`, `both differ from the reference`, or `references
    disagree` where they split; then, after a colon, what each reference said. None without any.
    """
    if not opinions:
        return None
    sides = {_SIDES.get((base, lane), UNDECIDED) for _, base, lane in opinions}
    label = sides.pop() if len(sides) == 1 else UNDECIDED
    said = "; ".join(f"{name} {_SAYS[base, lane]}" for name, base, lane in opinions)
    return f"{label}: {said}"

"""What one property is, and how it runs on a lane.

A property is a contract checked on generated input: a metamorphic relation between queries, a
serialization round trip, a sortedness promise, a reshape invariant. Unlike a catalog operation it
needs no baseline engine: it runs its own queries on one lane and compares them with each other.
Its outcome is a `Cell` like a differential check's, named for the property's family.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeVar

import hypothesis.strategies as st
import polars as pl
from hypothesis.errors import HypothesisException
from polars.exceptions import PanicException

from conformance.engines.isolated import (
    NotTransportable,
    QueryCrash,
    QueryTimeout,
    RemoteQueryError,
)
from conformance.engines.lanes import GpuFallback, Lane
from conformance.engines.passes import BASELINE
from conformance.judge.compare import ORDERED, Rules, difference
from conformance.judge.harness import Cell, error_info, run_on_lane
from reports.outcomes import Outcome
from strategies.frames import Frame, frame_inputs

T = TypeVar("T")
Requirement = Callable[[], str | None]

# The outcome each family gives a broken contract (a check may name a more specific one).
FAMILY_VIOLATIONS = {
    "metamorphic": Outcome.ORACLE_VIOLATION,
    "serialization": Outcome.ROUNDTRIP_MISMATCH,
    "sortedness": Outcome.SORTEDNESS_VIOLATION,
    "reshape": Outcome.INVARIANT_VIOLATION,
}


class Violation(Exception):
    """The contract does not hold on this input; `detail` says how."""

    def __init__(self, detail: str, outcome: Outcome | None = None) -> None:
        super().__init__(detail)
        self.outcome = outcome


class NotApplicable(Exception):
    """The contract does not apply to this input (a dtype a format cannot hold, a UDF...)."""

    def __init__(self, reason: str, outcome: Outcome = Outcome.UNSUPPORTED) -> None:
        super().__init__(reason)
        self.outcome = outcome


@dataclass
class Context:
    """What a property's check sees: its input frames, its lane, and extra draws."""

    frames: tuple[pl.DataFrame, ...]
    lane: Lane
    data: st.DataObject
    timeout_s: float

    def collect(self, lf: pl.LazyFrame) -> pl.DataFrame:
        """`lf` run on this lane (every pass on); Polars' own exceptions propagate."""
        step = f"a property query on {self.lane.name}"
        run = run_on_lane(self.lane, BASELINE, lambda: lf, self.timeout_s, step)
        if run.cut:
            raise NotApplicable("the run's budget ended while the query ran", Outcome.CUT)
        if run.timed_out:
            raise QueryTimeout(f"no result within {run.duration_s:.1f}s")
        if run.exception is not None:
            raise run.exception
        assert run.frame is not None
        return run.frame

    def draw(self, strategy: st.SearchStrategy[T], label: str) -> T:
        return self.data.draw(strategy, label=label)

    def expect_equal(
        self,
        expected: pl.DataFrame,
        got: pl.DataFrame,
        what: str,
        rules: Rules = ORDERED,
        outcome: Outcome | None = None,
    ) -> None:
        """Raise a `Violation` explaining `what` broke unless the frames match under `rules`."""
        diff = difference(expected, got, rules)
        if diff is not None:
            raise Violation(
                f"{what}\n{diff}\n--- expected ---\n{expected}\n--- got ---\n{got}", outcome
            )

    def not_applicable(self, reason: str, outcome: Outcome = Outcome.UNSUPPORTED) -> NoReturn:
        raise NotApplicable(reason, outcome)


@dataclass(frozen=True)
class Property:
    """One registry entry: a named contract, its family, its inputs and its check."""

    name: str  # "<family prefix>.<what>", e.g. "oracle.tlp_filter"
    family: str  # a key of FAMILY_VIOLATIONS
    inputs: st.SearchStrategy[tuple[pl.DataFrame, ...]] = field(repr=False)
    check: Callable[[Context], None] = field(repr=False)
    requires: tuple[Requirement, ...] = ()

    def __post_init__(self) -> None:
        if self.family not in FAMILY_VIOLATIONS:
            raise ValueError(f"{self.name}: unknown family {self.family!r}")

    @property
    def violation(self) -> Outcome:
        return FAMILY_VIOLATIONS[self.family]

    def unavailable_reason(self) -> str | None:
        for requirement in self.requires:
            if reason := requirement():
                return reason
        return None


def frames(
    *specs: Frame, max_rows: int | None = None
) -> st.SearchStrategy[tuple[pl.DataFrame, ...]]:
    """Generated input frames from column specs, as for catalog operations."""
    kwargs: dict[str, Any] = {} if max_rows is None else {"max_rows": max_rows}
    return frame_inputs(specs, **kwargs)


def run_property(
    prop: Property,
    lane: Lane,
    inputs: tuple[pl.DataFrame, ...],
    data: st.DataObject,
    timeout_s: float,
) -> Cell:
    """Check `prop` on one input on `lane`; every way it can end is one outcome."""
    ctx = Context(inputs, lane, data, timeout_s)
    start = time.perf_counter()

    def cell(outcome: Outcome, detail: str = "") -> Cell:
        return Cell(lane.name, BASELINE.name, outcome, detail, time.perf_counter() - start)

    try:
        prop.check(ctx)
    except Violation as exc:
        return cell(exc.outcome or prop.violation, str(exc))
    except NotApplicable as exc:
        return cell(exc.outcome, str(exc))
    except QueryTimeout as exc:
        return cell(Outcome.TIMEOUT, str(exc))
    except QueryCrash:
        return cell(Outcome.CRASH, "the process running the query died")
    except GpuFallback as exc:
        return cell(Outcome.FALLBACK, str(exc).strip()[:2000])
    except NotTransportable as exc:
        return cell(Outcome.UNSUPPORTED, str(exc))
    except HypothesisException:  # assume()/reject() inside a check: Hypothesis' own control flow
        raise
    except (Exception, PanicException) as exc:
        err = error_info(exc)
        if err.is_panic:
            return cell(Outcome.PANIC, f"panicked: {err.message}")
        where = "in the child process" if isinstance(exc, RemoteQueryError) else ""
        return cell(Outcome.ERROR, f"raised {where}{' ' if where else ''}{err}".strip())
    return cell(Outcome.PASS)

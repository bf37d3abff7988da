"""The differential harness: run one input on the baseline and on every (lane, variant) cell.

The baseline is the in-memory engine with every pass on. Each cell's outcome is decided by the
operation's comparison rules; nothing here knows about pytest, records or reports.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import polars as pl
from polars.exceptions import PanicException

from conformance.engines.execute import Execution, execute
from conformance.engines.isolated import (
    NotTransportable,
    QueryCrash,
    QueryTimeout,
    RemoteQueryError,
)
from conformance.engines.lanes import BASELINE_LANE, GpuFallback, Lane
from conformance.engines.output_modes import FormatCannotHold
from conformance.engines.passes import BASELINE, Variant
from conformance.judge.compare import Rules, difference
from conformance.judge.flags import untruthful_flags
from conformance.judge.repeats import confirm
from conformance.run import watch
from reports.outcomes import Outcome

DEFAULT_TIMEOUT_S = 60.0
SELF_TIMED_GRACE_S = 5.0
# The watchdog's margin over a query's own limit: the thread-based limit answers first, gracefully.
WATCHDOG_MARGIN_S = 15.0

Query = Callable[..., pl.LazyFrame]
Comparison = Callable[[pl.DataFrame, pl.DataFrame, Rules], str | None]


@dataclass(frozen=True)
class Cell:
    """One checked cell: the lane and variant, what happened, and why."""

    lane: str
    variant: str
    outcome: Outcome
    detail: str
    duration_s: float
    notes: tuple[str, ...] = ()  # plan probes: e.g. potentially memory-intensive nodes
    # how a reproducer replays this cell, where the differential script does not fit (a property)
    script: dict[str, Any] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ErrorInfo:
    type_name: str
    message: str

    @property
    def is_panic(self) -> bool:
        return self.type_name == "PanicException"

    def __str__(self) -> str:
        return f"{self.type_name}: {self.message}"


def error_info(exc: BaseException) -> ErrorInfo:
    name = exc.type_name if isinstance(exc, RemoteQueryError) else type(exc).__name__
    lines = str(exc).strip().splitlines()
    return ErrorInfo(name, lines[0][:300] if lines else "")


def run_cell(
    lane: Lane, variant: Variant, query: Query, frames: Sequence[pl.DataFrame], timeout_s: float
) -> Execution:
    """Build the query afresh (plans are never shared between cells) and run it on `lane`."""
    limit = timeout_s + SELF_TIMED_GRACE_S if lane.self_timed else timeout_s
    watch.step(f"running on {lane.name}, {variant.name}", limit + WATCHDOG_MARGIN_S, variant.name)
    return execute(
        lambda: lane.collect(query(*lane.inputs(frames)), variant, timeout_s),
        # a self-timed lane reports its own timeout (and replaces its hung child); the grace
        # lets that report arrive before the thread is abandoned
        limit,
    )


def classify(
    baseline: Execution,
    got: Execution,
    rules: Rules,
    compare: Comparison = difference,
    limit_s: float = DEFAULT_TIMEOUT_S,
) -> tuple[Outcome, str]:
    """Decide one cell's outcome against the baseline, with a readable explanation.

    `compare` is the lane's comparison: an output mode may legitimately return a different shape
    (an early stop returns a prefix). Comparing is under the watchdog's `limit_s` like a query.
    """
    if got.timed_out or isinstance(got.exception, QueryTimeout):
        return Outcome.TIMEOUT, f"no result within {got.duration_s:.1f}s"
    if isinstance(got.exception, QueryCrash):
        return Outcome.CRASH, "the process running the query died"
    if isinstance(got.exception, GpuFallback):
        return Outcome.FALLBACK, str(got.exception).strip()[:2000]
    if isinstance(got.exception, NotTransportable | FormatCannotHold):
        return Outcome.UNSUPPORTED, str(got.exception)
    expected_err = error_info(baseline.exception) if baseline.exception else None
    got_err = error_info(got.exception) if got.exception else None
    if got_err and got_err.is_panic:
        return Outcome.PANIC, f"panicked: {got_err.message}"
    if expected_err and expected_err.is_panic:
        return Outcome.PANIC, f"the baseline panicked: {expected_err.message}"
    if expected_err and got_err:
        if expected_err.type_name == got_err.type_name:
            return Outcome.CONSISTENT_ERROR, str(got_err)
        return (
            Outcome.ERROR_DIVERGENCE,
            f"baseline raised {expected_err}; this cell raised {got_err}",
        )
    if expected_err:
        return (
            Outcome.ERROR_DIVERGENCE,
            f"baseline raised {expected_err}; this cell returned a frame",
        )
    if got_err:
        return Outcome.ERROR_DIVERGENCE, f"baseline returned a frame; this cell raised {got_err}"
    assert baseline.frame is not None
    assert got.frame is not None
    watch.step("comparing with the baseline", limit_s)
    try:
        diff = compare(baseline.frame, got.frame, rules)
        lies = [f"baseline: {lie}" for lie in untruthful_flags(baseline.frame)]
        lies += [f"this cell: {lie}" for lie in untruthful_flags(got.frame)]
    except (Exception, PanicException) as exc:  # comparing must never stop the run either
        err = error_info(exc)
        outcome = Outcome.PANIC if err.is_panic else Outcome.ERROR_DIVERGENCE
        return outcome, f"comparing the two results raised {err}"
    if lies:  # a lying sorted flag misleads every later query, even where this result matches
        also = f"\nthe results also differ:\n{diff}" if diff else ""
        return Outcome.UNTRUTHFUL_FLAG, "\n".join(lies) + also
    if diff is None:
        return Outcome.PASS, ""
    return Outcome.MISMATCH, (
        f"{diff}\n--- expected (baseline) ---\n{baseline.frame}\n--- got ---\n{got.frame}"
    )


def lane_comparison(lane: Lane) -> Comparison:
    return lane.output_mode.compare if lane.output_mode else difference


def lane_variants(lane: Lane, variants: Sequence[Variant]) -> list[Variant]:
    """An output mode tests the way results come out, not the optimizer: every pass on only."""
    return [BASELINE] if lane.output_mode else list(variants)


def run_baseline(query: Query, frames: Sequence[pl.DataFrame], timeout_s: float) -> Execution:
    return run_cell(BASELINE_LANE, BASELINE, query, frames, timeout_s)


def check(
    query: Query,
    frames: Sequence[pl.DataFrame],
    rules: Rules,
    lane: Lane,
    variants: Sequence[Variant],
    timeout_s: float = DEFAULT_TIMEOUT_S,
    baseline: Execution | None = None,
) -> list[Cell]:
    """Every variant of `lane` on one input, each compared with the baseline."""
    if baseline is None:
        baseline = run_baseline(query, frames, timeout_s)
    if baseline.timed_out:  # nothing to compare with: do not spend a time limit per variant
        return [
            Cell(
                lane.name,
                v.name,
                Outcome.TIMEOUT,
                "the baseline (in-memory, all-on) timed out",
                0.0,
            )
            for v in variants
        ]
    baseline_error = error_info(baseline.exception) if baseline.exception else None
    if lane.output_mode and baseline_error and baseline_error.is_panic:
        # The cell would be a panic whatever it returned, and running it can take the suite down:
        # collect(background=True) aborts the process on a panic, collect_async never resolves.
        return [
            Cell(
                lane.name,
                v.name,
                Outcome.PANIC,
                f"the baseline panicked: {baseline_error.message}",
                0.0,
            )
            for v in variants
        ]
    cells = []
    for variant in variants:
        got = run_cell(lane, variant, query, frames, timeout_s)
        outcome, detail = classify(baseline, got, rules, lane_comparison(lane), timeout_s)
        if lane.output_mode and outcome in HIDING_OUTCOMES:
            hidden = hidden_panic(query, frames, variant, timeout_s)
            if hidden is not None:
                outcome, detail = Outcome.PANIC, f"{HIDING_OUTCOMES[outcome]}; {hidden}"
        if (
            lane.output_mode
            and lane.output_mode.partial
            and baseline_error
            and got.exception is None
        ):
            outcome = Outcome.UNSUPPORTED
            detail = f"the baseline raised {baseline_error}; a partial result may stop before it"
        if lane.repeat > 1:  # a nondeterministic lane: a failure must show again to be reported
            outcome, detail = confirm(
                outcome,
                detail,
                lane.repeat,
                lambda v=variant: classify(
                    baseline,
                    run_cell(lane, v, query, frames, timeout_s),
                    rules,
                    lane_comparison(lane),
                    timeout_s,
                )[0],
            )
        cells.append(Cell(lane.name, variant.name, outcome, detail, got.duration_s))
    return cells


# How an output mode can hide a panic of the query (known_issues/collect_async_hangs_on_panic.py,
# known_issues/collect_batches_swallows_panic.py), and how the cell's detail then says so.
HIDING_OUTCOMES = {
    Outcome.TIMEOUT: "no result",
    Outcome.MISMATCH: "a result without the error",
}


def hidden_panic(
    query: Query, frames: Sequence[pl.DataFrame], variant: Variant, timeout_s: float
) -> str | None:
    """The panic behind an output mode's hang or short result, or None.

    A plain `collect()` of the same query tells: on the default engine, then on the streaming
    engine, which batches and sinks use even where the default is in-memory (1.x).
    """
    # (a release without `engine=` raises TypeError for the second: not a panic, so no answer)
    for engine in ({}, {"engine": "streaming"}):
        watch.step("collect() of the same query", timeout_s + WATCHDOG_MARGIN_S)
        run = execute(
            lambda engine=engine: query(*(f.lazy() for f in frames)).collect(
                **engine, **variant.collect_kwargs()
            ),
            timeout_s,
        )
        err = error_info(run.exception) if run.exception is not None else None
        if err is not None and err.is_panic:
            how = f"collect(engine={engine['engine']!r})" if engine else "collect()"
            return f"{how} of the same query panics: {err.message}"
    return None


def find_culprit(
    query: Query,
    frames: Sequence[pl.DataFrame],
    rules: Rules,
    lane: Lane,
    failing: Variant,
    baseline: Execution,
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> tuple[str, ...] | None:
    """The smallest set of passes (one, else a pair) whose disabling alone reproduces `failing`.

    None when the lane differs with every pass on (the engine, not a pass, is at fault), or when
    no single pass or pair reproduces it. A `-<pass>` variant is its own culprit.
    """

    def outcome(variant: Variant) -> Outcome:
        got = run_cell(lane, variant, query, frames, timeout_s)
        return classify(baseline, got, rules, lane_comparison(lane), timeout_s)[0]

    if outcome(BASELINE).is_failure:
        return None
    if len(failing.disabled) == 1:
        return failing.disabled
    expected = outcome(failing)
    candidates = [(p,) for p in failing.disabled] + [
        pair for pair in combinations(failing.disabled, 2)
    ]
    for disabled in candidates:
        if outcome(Variant("-" + ",-".join(disabled), disabled)) is expected:
            return disabled
    return None


def probe_plans(
    query: Query,
    frames: Sequence[pl.DataFrame],
    lane: Lane,
    variants: Sequence[Variant],
    timeout_s: float = DEFAULT_TIMEOUT_S,
) -> list[Cell]:
    """What the lane's plan probe reads from each variant's plan: native, or fallback and why."""
    if lane.probe is None or lane.probe_reason() is not None:
        return []
    cells = []
    for variant in variants:
        start = time.perf_counter()
        watch.step(f"reading the {lane.name} plan", timeout_s, variant.name)
        try:
            found = lane.probe.inspect(query(*(f.lazy() for f in frames)), variant)
        except Exception as exc:  # a plan the engine cannot even build
            err = error_info(exc)
            cells.append(
                Cell(lane.name, variant.name, Outcome.UNSUPPORTED, f"plan probe raised {err}", 0.0)
            )
            continue
        outcome = Outcome.FALLBACK if found.fallbacks else Outcome.NATIVE
        detail = "; ".join(found.fallbacks)
        cells.append(
            Cell(lane.name, variant.name, outcome, detail, time.perf_counter() - start, found.notes)
        )
    return cells

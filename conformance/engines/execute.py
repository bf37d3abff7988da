"""Run one query under a time limit and capture its result or its exception, whatever Polars does.

A Polars panic surfaces as `PanicException` (a `BaseException`), so it is caught here like any error.
A hang cannot be interrupted inside Rust, so the query runs on a daemon thread (one, reused from
query to query) that is abandoned when the limit passes: the cell is reported as a timeout, and
the process asks to be replaced (`conformance.run.watch`), so the abandoned query steals no time
from later cells.

The queries of a check (its cells, the references, the probes behind a cell) run here, so this is
the one place a run's time budget bounds them: within `stop_at`, no query waits past the stop (but
at least its floor). Two waits stay unbounded by it: a lane's plan probe, which reads a plan
without running it, and a query run from inside another (on the query thread, which does not see
the example's `stop_at`).
"""

from __future__ import annotations

import math
import queue
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import polars as pl

from conformance.engines.isolated import QueryTimeout
from conformance.run import watch


@dataclass(frozen=True)
class _Stop:
    epoch: float = math.inf  # queries wait no longer than until then (epoch seconds) ...
    floor_s: float = 0.0  # ... but at least this long
    starts_until: float = math.inf  # a check starts no further cell after then


_STOP: ContextVar[_Stop | None] = ContextVar("stop", default=None)
_now = time.time  # the wall clock the stop is read on (a test steps its own)


@contextmanager
def stop_at(epoch: float, floor_s: float, starts_until: float | None = None) -> Iterator[None]:
    """Within this block no query waits past `epoch` (a query started later still gets `floor_s`),
    and a check starts no cell after `starts_until` (by default `epoch`; `past_stop`): the run's
    budget end, so one slow example (a hang on many lanes) cannot run the job past its budget.
    Shrinking a failure starts cells until its end: a replay cut short would not show it again."""
    token = _STOP.set(_Stop(epoch, floor_s, epoch if starts_until is None else starts_until))
    try:
        yield
    finally:
        _STOP.reset(token)


def past_stop() -> bool:
    """Whether a check may start no further cell (`stop_at`); the baseline still runs where a
    lane does."""
    stop = _STOP.get() or _Stop()
    return _now() >= stop.starts_until


def time_left(timeout_s: float) -> float:
    """A query's time limit within `stop_at`: at most what is left before the stop, at least its
    floor. A lane that times itself out (a child process) is given this limit."""
    stop = _STOP.get() or _Stop()
    return min(timeout_s, max(stop.epoch - _now(), stop.floor_s))


@dataclass(frozen=True)
class Execution:
    """The result of running one query: a frame, an exception, or a timeout."""

    frame: pl.DataFrame | None
    exception: BaseException | None
    duration_s: float
    timed_out: bool = False
    # ran out of time under a limit the run's budget cut short (`stop_at`): no verdict on Polars
    cut: bool = False


class _QueryThread:
    """One daemon thread that runs queries one after another: starting a thread per query costs
    more than a small query does."""

    def __init__(self) -> None:
        self.tasks: queue.SimpleQueue[
            tuple[Callable[[], object], dict[str, object], threading.Event]
        ]
        self.tasks = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._serve, name="conformance-query", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            run, box, done = self.tasks.get()
            try:
                box["frame"] = run()
            except BaseException as exc:  # a panic is a BaseException; nothing may escape
                box["exception"] = exc
            done.set()


_query_thread: _QueryThread | None = None


def execute(run: Callable[[], pl.DataFrame], timeout_s: float, grace_s: float = 0.0) -> Execution:
    """`run()` on the query thread, waited for at most `time_left(timeout_s)` and `grace_s` (the
    time a self-timed run's own timeout report takes to arrive); a query still running then is
    abandoned with its thread (the next query gets a fresh one) and reported as a timeout."""
    global _query_thread
    limit_s = time_left(timeout_s)
    cut = limit_s < timeout_s
    timeout_s = limit_s + grace_s
    if _query_thread is None:
        _query_thread = _QueryThread()
    if threading.current_thread() is _query_thread.thread:  # a query that runs a query
        return _execute_alone(run, timeout_s, cut)
    box: dict[str, object] = {}
    done = threading.Event()
    start = time.perf_counter()
    _query_thread.tasks.put((run, box, done))
    finished = done.wait(timeout_s)
    duration = time.perf_counter() - start
    if not finished:
        _query_thread = None
        watch.abandoned_thread()
        return Execution(None, None, duration, timed_out=True, cut=cut)
    return _ended(box, duration, cut)


def _execute_alone(run: Callable[[], pl.DataFrame], timeout_s: float, cut: bool) -> Execution:
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["frame"] = run()
        except BaseException as exc:  # a panic is a BaseException; nothing may escape the thread
            box["exception"] = exc

    start = time.perf_counter()
    thread = threading.Thread(target=target, name="conformance-query", daemon=True)
    thread.start()
    thread.join(timeout_s)
    duration = time.perf_counter() - start
    if thread.is_alive():
        watch.abandoned_thread()
        return Execution(None, None, duration, timed_out=True, cut=cut)
    return _ended(box, duration, cut)


def _ended(box: dict[str, object], duration: float, cut: bool) -> Execution:
    exception = box.get("exception")
    if isinstance(exception, BaseException):  # a self-timed run's own timeout may be cut too
        return Execution(None, exception, duration, cut=cut and isinstance(exception, QueryTimeout))
    frame = box["frame"]
    if not isinstance(frame, pl.DataFrame):
        return Execution(None, TypeError(f"query returned {type(frame).__name__}"), duration)
    return Execution(frame, None, duration)

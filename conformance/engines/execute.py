"""Run one query under a time limit and capture its result or its exception, whatever Polars does.

A Polars panic surfaces as `PanicException` (a `BaseException`), so it is caught here like any error.
A hang cannot be interrupted inside Rust, so the query runs on a daemon thread that is abandoned
when the limit passes: the cell is reported as a timeout, and the process asks to be replaced
(`conformance.run.watch`), so the abandoned query steals no time from later cells.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from conformance.run import watch


@dataclass(frozen=True)
class Execution:
    """The result of running one query: a frame, an exception, or a timeout."""

    frame: pl.DataFrame | None
    exception: BaseException | None
    duration_s: float
    timed_out: bool = False


def execute(run: Callable[[], pl.DataFrame], timeout_s: float) -> Execution:
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
        return Execution(None, None, duration, timed_out=True)
    exception = box.get("exception")
    if isinstance(exception, BaseException):
        return Execution(None, exception, duration)
    frame = box["frame"]
    if not isinstance(frame, pl.DataFrame):
        return Execution(None, TypeError(f"query returned {type(frame).__name__}"), duration)
    return Execution(frame, None, duration)

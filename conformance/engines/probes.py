"""Start-up probes: evidence, measured inside a configuration lane's own process, that its knob took.

A process-level knob (`POLARS_MAX_THREADS`, a morsel size, a partitioning switch) is read by Polars
from the environment, and a release may ignore it: renamed, removed, or never read on this path. A
lane that trusted the setting would run the plain engine under another name. So each configuration
lane declares a probe, run in its child process before any query, that observes a behaviour only
the knob explains: the thread pool's size, the batches an elementwise UDF sees, a line of the
engine's verbose log, or the knob's garbage value being rejected on the probe query's path.

A probe returns None when the knob took, else one line saying what was seen instead. This module
needs nothing but Polars and the standard library: the child imports it before anything else.
"""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import polars as pl

PROBE_ROWS = 3000
_GARBAGE = "not-a-number"


@dataclass(frozen=True)
class Probe:
    """One probe: a kind (a key of `PROBES`) with its arguments, plain values the child rebuilds."""

    kind: str
    args: tuple[str | int, ...]

    def describe(self) -> str:
        """What the probe looks for, for listings and reasons."""
        return _DESCRIPTIONS[self.kind](*self.args)

    def run(self) -> str | None:
        """Run here (in the configured process): None when the knob took, else why not."""
        return PROBES[self.kind](*self.args)


def probe_query(name: str) -> pl.LazyFrame:
    """The query a probe runs: a group-by with many groups, or a two-key sort."""
    frame = pl.LazyFrame(
        {"k": [i % 700 for i in range(PROBE_ROWS)], "v": list(range(PROBE_ROWS))},
        schema={"k": pl.Int64, "v": pl.Int64},
    )
    if name == "group_by":
        return frame.group_by("k").agg(pl.col("v").sum())
    if name == "sort":
        return frame.sort("k", "v")
    raise ValueError(f"unknown probe query {name!r}; valid choices: group_by, sort")


@contextmanager
def _captured_stderr() -> Iterator[list[str]]:
    """Everything written to file descriptor 2 meanwhile (Polars logs there from Rust)."""
    out: list[str] = []
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), 2)
        try:
            yield out
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            tmp.seek(0)
            out.append(tmp.read().decode(errors="replace"))


def thread_pool(threads: int) -> str | None:
    size = pl.thread_pool_size()
    return None if size == threads else f"the thread pool has {size} threads, not {threads}"


def morsel_batches(rows_per_morsel: int) -> str | None:
    """An elementwise UDF on the streaming engine sees one batch per morsel."""
    calls: list[int] = []

    def spy(s: pl.Series) -> pl.Series:
        calls.append(len(s))
        return s

    pl.LazyFrame({"a": list(range(PROBE_ROWS))}).select(
        pl.col("a").map_batches(spy, is_elementwise=True, return_dtype=pl.Int64)
    ).collect(engine="streaming")
    # morsels may be merged or split a little on the way; the default size gives one or two
    expected = math.ceil(PROBE_ROWS / rows_per_morsel)
    if len(calls) > 2 and len(calls) >= expected // 2:
        return None
    return f"{PROBE_ROWS} rows streamed in {len(calls)} morsel(s), not about {expected}"


def verbose_log(engine: str, query: str, pattern: str) -> str | None:
    """The engine's verbose log of the probe query says what the knob makes it do."""
    with _captured_stderr() as log, pl.Config(verbose=True):
        probe_query(query).collect(engine=engine)  # type: ignore[arg-type]
    if re.search(pattern, log[0]):
        return None
    return f"the verbose log of a {engine} {query} never matches {pattern!r}"


def rejects_garbage(knob: str, engine: str, query: str) -> str | None:
    """A garbage value of `knob` is refused (a parse panic or a warning naming it) on the path.

    Run in a fresh process: many knobs are read once, at start-up.
    """
    code = (
        "import sys\n"
        "from conformance.engines.probes import probe_query\n"
        "try:\n"
        "    probe_query(sys.argv[1]).collect(engine=sys.argv[2])\n"
        "except BaseException as exc:\n"
        "    print(f'{type(exc).__name__}: {exc}', file=sys.stderr)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, query, engine],
        env={**os.environ, knob: _GARBAGE},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    said = run.stderr
    if knob in said or re.search(r"Parse(Int|Float)Error|invalid value", said):
        return None
    return f"{knob}={_GARBAGE} is accepted silently by a {engine} {query}"


PROBES: dict[str, Callable[..., str | None]] = {
    "threads": thread_pool,
    "morsels": morsel_batches,
    "verbose": verbose_log,
    "rejects": rejects_garbage,
}
_DESCRIPTIONS: dict[str, Callable[..., str]] = {
    "threads": lambda n: f"pl.thread_pool_size() == {n}",
    "morsels": lambda rows: f"a UDF sees ~{PROBE_ROWS // int(rows)} batches of {PROBE_ROWS} rows",
    "verbose": lambda engine, query, pattern: f"{engine} {query} logs '{pattern}'",
    "rejects": lambda knob, engine, query: f"a {engine} {query} refuses {knob}={_GARBAGE}",
}

"""A child Python process that runs serialized plans with its own environment.

Polars reads its process-level knobs (thread count, morsel size, partitioning switches) once per
process, so a configuration lane cannot share the test process. The child also isolates that lane's
crashes and hangs: a dead or hung child is killed, the cell is reported as crash/timeout, and a
fresh child serves the next cell. At start-up the child runs its lane's probe
(`conformance.engines.probes`) and reports whether the knob took. At most `MAX_LIVE` children live
at once per process: starting another retires the one used longest ago (it restarts when needed).

Only plans serialized by this same test process are sent; nothing read from disk is deserialized.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import select
import struct
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import polars as pl
from polars.exceptions import PanicException

from conformance.engines.passes import Variant
from conformance.engines.probes import PROBES, Probe

MAX_LIVE = 2
# Polars' IPC reader cannot read an Array of width 0 back ("not yet implemented"): a result that
# holds one cannot cross to the parent, which is the lane's limit, not the query's error
_ZERO_WIDTH = "Cannot read zero sized arrays from IPC"
_ROOT = Path(__file__).resolve().parents[2]
_START_LIMIT_S = 180.0  # importing Polars and running the probe (which may start a process)


class QueryTimeout(Exception):
    """The child did not answer within the cell's time limit (it has been killed)."""


class QueryCrash(Exception):
    """The child process died while running the query."""


class NotTransportable(Exception):
    """The plan cannot be sent to the child (it holds Python callables, or the version lacks
    support), or its result cannot be sent back: a limit of this lane, not a finding."""


class RemoteQueryError(Exception):
    """The query raised inside the child; carries the child's error class name."""

    def __init__(self, type_name: str, message: str) -> None:
        super().__init__(message)
        self.type_name = type_name


def _send(stream: Any, obj: object) -> None:
    data = pickle.dumps(obj)
    stream.write(struct.pack("<Q", len(data)) + data)
    stream.flush()


def _read_exact(fd: int, n: int, deadline_s: float | None) -> bytes:
    chunks, remaining = [], n
    while remaining:
        if deadline_s is not None:
            ready, _, _ = select.select([fd], [], [], deadline_s)
            if not ready:
                raise QueryTimeout
        chunk = os.read(fd, remaining)
        if not chunk:
            raise QueryCrash
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _recv(fd: int, timeout_s: float | None) -> Any:
    (size,) = struct.unpack("<Q", _read_exact(fd, 8, timeout_s))
    return pickle.loads(_read_exact(fd, size, timeout_s))


class IsolatedCollector:
    """Parent side: owns one child process with a fixed environment, restarting it when needed."""

    def __init__(self, env: Mapping[str, str], probe: Probe | None = None) -> None:
        self._env = dict(env)
        self._probe = probe
        self._proc: subprocess.Popen[bytes] | None = None
        self.probe: dict[str, Any] = {}

    def _start(self) -> subprocess.Popen[bytes]:
        if self in _LIVE:  # most recently used last
            _LIVE.remove(self)
        _LIVE.append(self)
        if self._proc is None or self._proc.poll() is not None:
            while len(_LIVE) > MAX_LIVE:
                _LIVE[0].kill()
            path = os.pathsep.join(filter(None, (str(_ROOT), os.environ.get("PYTHONPATH"))))
            self._proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "conformance.engines.isolated",
                    self._probe.kind if self._probe else "",
                    json.dumps(self._probe.args if self._probe else []),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env={**os.environ, **self._env, "PYTHONPATH": path},
                cwd=_ROOT,
            )
            try:
                self.probe = _recv(self._proc.stdout.fileno(), _START_LIMIT_S)  # type: ignore[union-attr]
            except (QueryTimeout, QueryCrash):
                self.kill()
                raise
        return self._proc

    def kill(self) -> None:
        if self in _LIVE:
            _LIVE.remove(self)
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None

    def hello(self) -> dict[str, Any]:
        """Start the child (if needed) and return its start-up probe's verdict (`reason`: None
        when the knob took, or when there is no probe) with the Polars version it runs."""
        self._start()
        return self.probe

    def collect(
        self, lf: pl.LazyFrame, engine: str, variant: Variant, timeout_s: float
    ) -> pl.DataFrame:
        try:
            plan = lf.serialize()
        except Exception as exc:
            raise NotTransportable(f"plan not serializable: {type(exc).__name__}: {exc}") from exc
        proc = self._start()
        try:
            _send(proc.stdin, (plan, engine, variant))
            reply = _recv(proc.stdout.fileno(), timeout_s)  # type: ignore[union-attr]
        except QueryTimeout:
            self.kill()
            raise
        except (QueryCrash, BrokenPipeError):
            self.kill()
            raise QueryCrash from None
        if reply[0] == "ok":
            try:
                return pl.read_ipc_stream(io.BytesIO(reply[1]))
            except pl.exceptions.ComputeError as exc:
                if _ZERO_WIDTH not in str(exc):
                    raise
                raise NotTransportable(
                    f"result not transportable: its Arrow IPC does not read back: {exc}"
                ) from None
        if reply[0] == "untransportable":
            raise NotTransportable(f"result not transportable: {reply[1]}")
        if reply[0] == "undeserializable":
            try:  # this process's own bytes: a plan that fails here too is the serde oracles' finding
                pl.LazyFrame.deserialize(io.BytesIO(plan))
            except (Exception, PanicException):
                raise NotTransportable(f"the plan does not deserialize: {reply[1]}") from None
            raise RemoteQueryError(
                reply[2], f"the child could not deserialize the plan: {reply[1]}"
            )
        raise RemoteQueryError(reply[1], reply[2])


# the children alive in this process, the one used longest ago first
_LIVE: list[IsolatedCollector] = []


def _serve() -> None:
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but protocol frames may reach the pipe
    kind, args = sys.argv[1], json.loads(sys.argv[2])
    try:
        reason = PROBES[kind](*args) if kind else None
    except (Exception, PanicException) as exc:
        reason = f"the probe raised {type(exc).__name__}: {str(exc).strip()[:300]}"
    _send(out, {"reason": reason, "version": pl.__version__})
    fd = sys.stdin.buffer.fileno()
    while True:
        try:
            plan, engine, variant = _recv(fd, None)
        except QueryCrash:  # parent closed the pipe
            return
        try:
            lf = pl.LazyFrame.deserialize(io.BytesIO(plan))
        except BaseException as exc:
            _send(out, ("undeserializable", str(exc), type(exc).__name__))
            continue
        try:
            frame = lf.collect(engine=engine, **variant.collect_kwargs())
        except BaseException as exc:  # a panic is a BaseException
            _send(out, ("error", type(exc).__name__, str(exc)))
            continue
        buf = io.BytesIO()
        try:
            # one chunk: IPC cannot carry a categorical's dictionary changing between batches; the
            # stream format, as the file writer goes through a streaming sink (15x slower)
            frame.rechunk().write_ipc_stream(buf)
        except BaseException as exc:
            _send(out, ("untransportable", f"{type(exc).__name__}: {exc}"))
            continue
        _send(out, ("ok", buf.getvalue()))


if __name__ == "__main__":
    _serve()

"""A child Python process that runs serialized plans with its own environment.

Polars reads its morsel-size knobs once per process, so the small-morsel streaming lane cannot share
the test process. The child also isolates that lane's crashes and hangs: a dead or hung child is
killed, the cell is reported as crash/timeout, and a fresh child serves the next cell.

Only plans serialized by this same test process are sent; nothing read from disk is deserialized.
"""

from __future__ import annotations

import io
import os
import pickle
import select
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import polars as pl

from conformance.engines.passes import Variant

# Different releases read different variables for the streaming engine's morsel size
# (2.x and 1.25-1.35: POLARS_IDEAL_MORSEL_SIZE; 1.44: POLARS_STREAMING_CHUNK_SIZE). Set every one;
# the child's probe reports whether the installed release honoured any of them.
MORSEL_ENV_VARS = ("POLARS_IDEAL_MORSEL_SIZE", "POLARS_STREAMING_CHUNK_SIZE")
SMALL_MORSEL_ROWS = 5
_PROBE_ROWS = 1000
_ROOT = Path(__file__).resolve().parents[2]


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

    def __init__(self, env: dict[str, str]) -> None:
        self._env = env
        self._proc: subprocess.Popen[bytes] | None = None
        self.probe: dict[str, Any] = {}

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            env = {**os.environ, **self._env, "PYTHONPATH": str(_ROOT)}
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "conformance.engines.isolated"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                cwd=_ROOT,
            )
            self.probe = _recv(self._proc.stdout.fileno(), 60.0)  # type: ignore[union-attr]
        return self._proc

    def kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None

    def hello(self) -> dict[str, Any]:
        """Start the child (if needed) and return what its start-up probe measured."""
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
            return pl.read_ipc(io.BytesIO(reply[1]))
        if reply[0] == "untransportable":
            raise NotTransportable(f"result not transportable: {reply[1]}")
        raise RemoteQueryError(reply[1], reply[2])


def _probe_morsel_batches() -> int:
    """How many batches an elementwise UDF sees for `_PROBE_ROWS` rows on the streaming engine."""
    calls: list[int] = []

    def spy(s: pl.Series) -> pl.Series:
        calls.append(len(s))
        return s

    query = pl.LazyFrame({"a": list(range(_PROBE_ROWS))}).select(
        pl.col("a").map_batches(spy, is_elementwise=True, return_dtype=pl.Int64)
    )
    query.collect(engine="streaming")
    return len(calls)


def _serve() -> None:
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but protocol frames may reach the pipe
    try:
        batches = _probe_morsel_batches()
    except Exception as exc:
        batches = -1
        probe_error = f"{type(exc).__name__}: {exc}"
    else:
        probe_error = ""
    _send(
        out,
        {"batches": batches, "rows": _PROBE_ROWS, "error": probe_error, "version": pl.__version__},
    )
    fd = sys.stdin.buffer.fileno()
    while True:
        try:
            plan, engine, variant = _recv(fd, None)
        except QueryCrash:  # parent closed the pipe
            return
        try:
            lf = pl.LazyFrame.deserialize(io.BytesIO(plan))
            frame = lf.collect(engine=engine, **variant.collect_kwargs())
        except BaseException as exc:  # a panic is a BaseException
            _send(out, ("error", type(exc).__name__, str(exc)))
            continue
        buf = io.BytesIO()
        try:
            # one chunk: IPC files cannot carry a categorical's dictionary changing between batches
            frame.rechunk().write_ipc(buf)
        except BaseException as exc:
            _send(out, ("untransportable", f"{type(exc).__name__}: {exc}"))
            continue
        _send(out, ("ok", buf.getvalue()))


if __name__ == "__main__":
    _serve()

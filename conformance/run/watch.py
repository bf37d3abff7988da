"""The checking process's side of the watchdog: it announces each step before taking it.

Every step that touches Polars (drawing an input, running a query, comparing, checking flags) is
announced with its time limit, each lane before its steps, and each example's input is announced as
the record to write should the process die in it. The supervising process (`conformance.run.supervisor`) kills a checking process
that overruns a step, or sees it die, and writes that record: a hang or an abort never takes the
pytest worker down, and its input is never lost. Outside a supervised process (the framework's own
tests call the harness directly) announcing costs nothing.

Steps and lanes, dozens per example, are not messages: the process rewrites its current step in a
small file (`Beacon`) that the supervisor reads when it looks (every `POLL_S`, and when the process
has died), so a step costs one write and wakes nobody. A message on the pipe (an example's pending
record, its coverage, the item's end) wakes the supervisor, a few times per example.

`execute` runs a query on a thread it can abandon at its limit; a process left with such a thread
(it may still be burning a core) asks to be replaced once it has recorded what it was doing. A
native call that hangs holding the interpreter (the GIL) stops every thread of the process, that
limit's too: a heartbeat thread rewrites the beacon every `HEARTBEAT_S`, and a process whose
heartbeat stopped `HELD_S` into a step is killed then, not at the step's limit (a loaded machine
can make that of a slow call: the supervisor runs such a cell again alone before it reports it).
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import select
import struct
import tempfile
import threading
import time
import zlib
from typing import Any, BinaryIO

from conformance.engines.isolated import QueryTimeout, _recv

BEACON_ENV = "POLARS_CONFORMANCE_BEACON"  # the path of the supervised process's beacon file
POLL_S = 0.5  # how often a supervisor looks at the beacon while no message comes
SLACK_S = 5.0  # a step may overrun its limit by this much before the process is killed
HEARTBEAT_S = 1.0  # how often the process's heartbeat thread rewrites the beacon
# A heartbeat this late means the interpreter is held (no Python thread runs): the process is
# killed. No Python code holds it this long, and Polars releases it while a query runs; an eager
# call that keeps it (building a frame from Python objects) takes seconds at the suite's sizes.
HELD_S = 20.0
_HEADER = struct.Struct("<QI")  # the state's size and CRC-32: a torn read is seen and retried

# The beacon's first bytes are mapped into the process: a step's write is a copy in memory, not a
# system call (which lets go of the interpreter, and a busy thread may keep it for a switch
# interval: tens of thousands of steps a minute); a longer state is written to the file instead,
# from its start, as before.
BEACON_MAPPED = 1 << 16
_channel: BinaryIO | None = None
_beacon: int | None = None
_mapped: mmap.mmap | None = None
_state: dict[str, Any] = {}
_lock = threading.Lock()  # the heartbeat's thread and the steps' both rewrite the beacon
_abandoned_threads = 0


def install(channel: BinaryIO) -> None:
    """Announce on `channel` (the supervised process's pipe to its supervisor) and, for steps, in
    the beacon file `$POLARS_CONFORMANCE_BEACON` names (where the supervisor put it)."""
    global _channel, _beacon, _mapped
    _channel = channel
    path = os.environ.get(BEACON_ENV)
    _beacon = os.open(path, os.O_RDWR) if path else None
    if _beacon is not None:
        os.posix_fallocate(_beacon, 0, BEACON_MAPPED)  # a full disk fails here, not in a write
        _mapped = mmap.mmap(_beacon, BEACON_MAPPED)
        threading.Thread(target=_heartbeat, name="conformance-heartbeat", daemon=True).start()


def _heartbeat() -> None:
    """Beat until the beacon cannot be written; then say so (`alive` None: the supervisor stops
    looking for a heartbeat) rather than leave a last beat that would read as a held process."""
    try:
        while True:
            _post(alive=time.monotonic())
            time.sleep(HEARTBEAT_S)
    except OSError:
        with contextlib.suppress(OSError):
            _post(alive=None)


def send(message: tuple[Any, ...]) -> None:
    """One message to the supervisor: pickled data this suite produced, length-prefixed."""
    if _channel is None:
        return
    data = pickle.dumps(message)
    _channel.write(struct.pack("<Q", len(data)) + data)
    _channel.flush()


def _post(**changes: Any) -> None:
    """The process's current step and lane, rewritten in the beacon (one write, no wake-up)."""
    if _beacon is None:
        return
    with _lock:
        _state.update(changes)
        data = pickle.dumps(_state)
        record = _HEADER.pack(len(data), zlib.crc32(data)) + data
        if _mapped is not None and len(record) <= BEACON_MAPPED:
            _mapped[: len(record)] = record
        else:
            os.pwrite(_beacon, record, 0)


def step(label: str, limit_s: float, variant: str | None = None) -> None:
    """`label` starts now and must end within `limit_s` seconds, or the process is killed.

    `variant` names the optimizer variant the step runs, for the record of a death in it.
    """
    _post(step=label, limit=limit_s, variant=variant, started=time.monotonic())


def lane(name: str) -> None:
    """The steps that follow run on lane `name` (until the next announcement): a death in one of
    them is that lane's record. One example runs every lane of its check in turn."""
    _post(lane=name, lane_since=time.monotonic())


def pending(record: dict[str, Any] | None) -> None:
    """The record (outcome left for the supervisor to fill in) to write if the process dies now."""
    send(("pending", record))


def covered(coverage: dict[str, Any]) -> None:
    """What the item has covered so far (`conformance.run.budget.Coverage` as a dict): a process
    that dies in it is replaced, and its replacement counts on from there."""
    send(("covered", coverage))


def abandoned_thread() -> None:
    """A query outlived its limit on a thread that cannot be stopped."""
    global _abandoned_threads
    _abandoned_threads += 1


def tainted() -> bool:
    """Whether this process still runs an abandoned query: its timings can no longer be trusted."""
    return _abandoned_threads > 0


# --- the supervisor's side ---------------------------------------------------------------------


class Beacon:
    """The file a supervised process rewrites its current step in, made by its supervisor (pass
    `env()` to the process) and read there; removed by `close()`."""

    def __init__(self) -> None:
        self._fd, self.path = tempfile.mkstemp(prefix="conformance-beacon-")

    def env(self) -> dict[str, str]:
        return {BEACON_ENV: self.path}

    def read(self) -> dict[str, Any]:
        """The state the process last wrote ({} before any, or while a write is torn)."""
        for _ in range(3):
            head = os.pread(self._fd, _HEADER.size, 0)
            if len(head) < _HEADER.size:
                return {}
            size, crc = _HEADER.unpack(head)
            if size == 0:
                return {}  # mapped, not written yet
            data = os.pread(self._fd, size, _HEADER.size)
            if len(data) == size and zlib.crc32(data) == crc:
                return pickle.loads(data)  # written by the process this suite started
        return {}

    def close(self) -> None:
        os.close(self._fd)
        with contextlib.suppress(FileNotFoundError):  # a temporary-files cleaner was first
            os.unlink(self.path)


class StepWatch:
    """One item's watch over a supervised process: its messages, and the step it is in.

    The step is the process's latest, from the beacon, where it began after the item was sent
    (a step of an earlier item is past), else the item's start-up, `first` with its limit.
    """

    def __init__(self, beacon: Beacon, fd: int, first: tuple[str, float], lane: str) -> None:
        self._beacon, self._fd = beacon, fd
        self._since = time.monotonic()  # system-wide: the process's clock reads alike
        self.label, self.limit = first
        self.variant: str | None = None
        self.lane = lane  # the lane announced last, or the item's own
        self._deadline = self._since + self.limit
        self._started = self._since  # when the current step began
        self._alive: float | None = None  # the process's last heartbeat, once it beats
        self.held = False  # killed because its heartbeat stopped (see `HELD_S`)

    def _look(self) -> None:
        state = self._beacon.read()
        if state.get("started", 0.0) >= self._since:
            self.label, self.limit, self.variant = state["step"], state["limit"], state["variant"]
            self._deadline = state["started"] + self.limit + SLACK_S
            self._started = state["started"]
        self._alive = state.get("alive", self._alive)
        if state.get("lane_since", 0.0) >= self._since:
            self.lane = state["lane"]

    def why_killed(self) -> str:
        """What the process did that got it killed (`next_message` raised QueryTimeout)."""
        if self.held:
            return (
                f"stopped answering during {self.label} (its heartbeat stopped for {HELD_S:.0f}s: "
                "a native call held the interpreter)"
            )
        return f"overran {self.label} (limit {self.limit:.0f}s)"

    def next_message(self) -> Any:
        """The process's next message; raises QueryTimeout once its step overran its limit or its
        heartbeat stopped `HELD_S` into the step (`held`), QueryCrash where it died (`label`,
        `variant`, `lane` then say where it was)."""
        while True:
            self._look()
            wait = self._deadline - time.monotonic()
            ready, _, _ = select.select([self._fd], [], [], min(max(wait, 0.0), POLL_S))
            if not ready and wait <= 0:  # a message that came in time is read first
                raise QueryTimeout
            if not ready and self._alive is not None:
                now = time.monotonic()
                if now - max(self._alive, self._started) > HELD_S:
                    self.held = True
                    raise QueryTimeout
            if ready:
                try:
                    return _recv(self._fd, max(wait, SLACK_S))
                finally:
                    self._look()  # a death's record names the step it died in

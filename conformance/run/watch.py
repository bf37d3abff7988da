"""The checking process's side of the watchdog: it announces each step before taking it.

Every step that touches Polars (drawing an input, running a query, comparing, checking flags) is
announced with its time limit, each lane before its steps, and each example's input is announced as
the record to write should the process die in it. The supervising process (`conformance.run.supervisor`) kills a checking process
that overruns a step, or sees it die, and writes that record: a hang or an abort never takes the
pytest worker down, and its input is never lost. Outside a supervised process (the framework's own
tests call the harness directly) announcing costs nothing.

`execute` runs a query on a thread it can abandon at its limit; a process left with such a thread
(it may still be burning a core) asks to be replaced once it has recorded what it was doing.
"""

from __future__ import annotations

import pickle
import struct
from typing import Any, BinaryIO

_channel: BinaryIO | None = None
_abandoned_threads = 0


def install(channel: BinaryIO) -> None:
    """Announce steps on `channel` (the supervised process's pipe to its supervisor)."""
    global _channel
    _channel = channel


def send(message: tuple[Any, ...]) -> None:
    """One message to the supervisor: pickled data this suite produced, length-prefixed."""
    if _channel is None:
        return
    data = pickle.dumps(message)
    _channel.write(struct.pack("<Q", len(data)) + data)
    _channel.flush()


def step(label: str, limit_s: float, variant: str | None = None) -> None:
    """`label` starts now and must end within `limit_s` seconds, or the process is killed.

    `variant` names the optimizer variant the step runs, for the record of a death in it.
    """
    send(("step", label, limit_s, variant))


def lane(name: str) -> None:
    """The steps that follow run on lane `name` (until the next announcement): a death in one of
    them is that lane's record. One example runs every lane of its check in turn."""
    send(("lane", name))


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

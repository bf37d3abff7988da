"""The watchdog's channel: steps in the beacon file, messages on the pipe (`conformance.run.watch`).

A small supervised process announces steps and sends messages as a checking process does, then
hangs or dies; the supervisor's `StepWatch` must hand over every message in order, and name the
step the process was in when it overran its limit or died.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from conformance.engines.isolated import QueryCrash, QueryTimeout
from conformance.run.watch import SLACK_S, Beacon, StepWatch

ROOT = Path(__file__).resolve().parent.parent

CHILD = textwrap.dedent(
    """
    import os, sys, time
    from conformance.run import watch

    watch.install(os.fdopen(1, "wb"))
    watch.lane("streaming")
    watch.step("warming up", 60.0, "all-on")
    watch.send(("pending", {"n": 1}))
    watch.step("running on streaming, none", LIMIT, "none")
    watch.send(("covered", {"n": 2}))
    if sys.argv[1] == "hang":
        time.sleep(3600)
    os.abort()
    """
)


def _watch(mode: str, limit: float) -> tuple[StepWatch, list[object], BaseException]:
    beacon = Beacon()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD.replace("LIMIT", repr(limit)), mode],
        stdout=subprocess.PIPE,
        env={"PYTHONPATH": str(ROOT), **beacon.env()},
        cwd=ROOT,
    )
    assert proc.stdout is not None
    watcher = StepWatch(beacon, proc.stdout.fileno(), ("starting", 120.0), "*")
    messages: list[object] = []
    try:
        while True:
            messages.append(watcher.next_message())
    except (QueryTimeout, QueryCrash) as exc:
        raised: BaseException = exc
    finally:
        proc.kill()
        proc.wait()
        beacon.close()
    return watcher, messages, raised


def test_a_process_that_dies_is_seen_in_the_step_and_lane_it_announced_last() -> None:
    watcher, messages, raised = _watch("abort", 60.0)
    assert isinstance(raised, QueryCrash)
    assert messages == [("pending", {"n": 1}), ("covered", {"n": 2})]
    assert (watcher.label, watcher.variant, watcher.lane) == (
        "running on streaming, none",
        "none",
        "streaming",
    )


def test_a_step_that_overruns_its_limit_is_a_timeout_soon_after() -> None:
    limit = 0.5
    start = time.monotonic()
    watcher, messages, raised = _watch("hang", limit)
    elapsed = time.monotonic() - start
    assert isinstance(raised, QueryTimeout)
    assert messages == [("pending", {"n": 1}), ("covered", {"n": 2})]
    assert (watcher.label, watcher.limit) == ("running on streaming, none", limit)
    # the limit and the slack, looked at every POLL_S; the process's start-up aside
    assert limit + SLACK_S <= elapsed < limit + SLACK_S + 5, elapsed


def test_a_step_of_an_earlier_item_is_past() -> None:
    """The beacon still holds the last item's step when the next item is sent: its limit, long
    spent, must not kill the process before it announces the next step."""
    beacon = Beacon()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD.replace("LIMIT", "1.0"), "abort"],
            stdout=subprocess.DEVNULL,
            env={"PYTHONPATH": str(ROOT), **beacon.env()},
            cwd=ROOT,
            check=False,
        )
        assert proc.returncode != 0
        time.sleep(0.1)
        with subprocess.Popen(["sleep", "30"], stdout=subprocess.PIPE) as idle:
            assert idle.stdout is not None
            watcher = StepWatch(beacon, idle.stdout.fileno(), ("starting", 120.0), "*")
            watcher._look()
            assert (watcher.label, watcher.limit, watcher.lane) == ("starting", 120.0, "*")
            idle.kill()
    finally:
        beacon.close()


def test_a_step_too_long_for_the_mapped_bytes_is_read_whole_and_a_short_one_after_it_too() -> None:
    """Steps are written to the beacon's mapped first bytes; a state longer than them goes to the
    file, and the supervisor reads whichever came last."""
    beacon = Beacon()
    child = textwrap.dedent(
        """
        import os, sys
        from conformance.run import watch

        watch.install(os.fdopen(1, "wb"))
        watch.step("x" * (2 * watch.BEACON_MAPPED), 1.0)
        sys.stdout.write(str(len(watch._state["step"])))
        sys.stdout.flush()
        sys.stdin.readline()
        watch.step("short", 2.0)
        sys.stdout.write("!")
        sys.stdout.flush()
        sys.stdin.readline()
        """
    )
    try:
        assert beacon.read() == {}  # nothing written yet
        with subprocess.Popen(
            [sys.executable, "-c", child],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={"PYTHONPATH": str(ROOT), **beacon.env()},
            cwd=ROOT,
        ) as proc:
            assert proc.stdin is not None
            assert proc.stdout is not None
            length = int(proc.stdout.read(6))
            assert beacon.read()["step"] == "x" * length
            proc.stdin.write(b"\n")
            proc.stdin.flush()
            assert proc.stdout.read(1) == b"!"
            assert (beacon.read()["step"], beacon.read()["limit"]) == ("short", 2.0)
            proc.stdin.write(b"\n")
            proc.stdin.flush()
    finally:
        beacon.close()

"""The supervised checking process: runs test items through the driver, announcing every step.

Started by `conformance.run.supervisor` as `python -m conformance.run.worker`. Messages from the supervisor
arrive on stdin; its messages go back on the pipe that was its stdout, and its steps into the beacon
file the supervisor named (`conformance.run.watch`), while its own file descriptor 1 is pointed at
stderr, so nothing Polars prints can garble them.
"""

from __future__ import annotations

import os
import shlex
import sys
import time
import traceback
from typing import Any

from conformance.engines.isolated import QueryCrash, _recv
from conformance.run import watch
from conformance.run.budget import Coverage, ItemClock, write_coverage
from conformance.run.checks import check_for
from conformance.run.driver import Retire, drive
from conformance.run.options import build_selection
from conformance.run.profiles import load_profile
from reports.records import RecordWriter


def reproduce_command(nodeid: str) -> str:
    """The command that re-runs one test item (the ci profile replays stored failures)."""
    return f"python -m pytest {shlex.quote(nodeid)} -p no:cacheprovider"


def _serve() -> None:
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    watch.install(protocol)
    inbox = sys.stdin.buffer.fileno()
    _, options, worker, records_name = _recv(inbox, None)
    load_profile()
    selection = build_selection(options, worker)
    writer = RecordWriter(selection.results_dir, records_name)
    lanes = {lane.name: lane for lane in selection.lanes}
    watch.send(("ready",))
    while True:
        try:
            message: Any = _recv(inbox, None)
        except QueryCrash:  # the supervisor closed the pipe
            return
        _, kind, name, lane_names, nodeid, plan, continued = message
        clock = coverage = None
        if plan is not None:  # a budgeted item: its share, and what it covered when it ends
            share = max(plan["share_until"] - time.time(), 0.0)
            clock = ItemClock(share, plan["draw_until"], plan["ends"])
            coverage = Coverage(name, kind, share_s=round(plan["share_s"], 3))
            if plan.get("covered"):  # a process that died in this item had covered this much
                coverage = Coverage(**plan["covered"])
        reply: tuple[str, str, str]
        try:
            drive(
                check_for(kind, name),
                [lanes[lane] for lane in lane_names],
                selection,
                writer,
                nodeid,
                reproduce_command(nodeid),
                clock,
                coverage,
                replay=not continued,
            )
        except Retire as exc:
            reply = ("done", "retire", str(exc))
        except AssertionError as exc:
            reply = ("done", "failed", str(exc))
        except BaseException:  # the framework's own error: the item fails with its traceback
            reply = ("done", "error", traceback.format_exc())
        else:
            reply = ("done", "passed", "")
        if clock is not None and coverage is not None:  # before "done": the next item's share
            coverage.seconds = round(time.time() - plan["started"], 3)  # counts it as ended
            write_coverage(selection.results_dir, records_name, coverage)
        watch.send(reply)
        if reply[1] == "retire":
            writer.close()
            return


if __name__ == "__main__":
    _serve()

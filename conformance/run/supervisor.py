"""The pytest worker's side: every test item runs in a killable checking process.

A Polars hang can hold the GIL or spin on a thread nothing can stop, and a Polars abort ends the
process it happens in. So the pytest process never runs Polars itself: it sends each item to a
checking process (`conformance.run.worker`, reused from item to item) and watches the steps that
process announces (`conformance.run.watch`). A step that overruns its limit gets the process killed;
a process that dies is noticed. Either way the example's input, announced before it ran, is written
as a `timeout` or `crash` record (unless a known issue explains it), a fresh process continues the
item, and the next cell runs at full speed on a core nothing else is burning.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from conformance.engines.isolated import QueryCrash, QueryTimeout, _recv, _send
from conformance.judge.known_issues import KnownIssue, match
from conformance.run.budget import Coverage, write_coverage
from conformance.run.recording import cell_command, death_script
from conformance.run.watch import Beacon, StepWatch
from conformance.version import POLARS_VERSION_STRING
from reports.outcomes import Outcome
from reports.records import Record, RecordWriter
from reports.reproducer import reproducer_source

ROOT = Path(__file__).resolve().parents[2]
START_LIMIT_S = 180.0  # importing Polars and the catalog, building the selection
# An item whose checking process had to be replaced this often stops: its lane is stuck.
MAX_RESTARTS = 2
_STDERR_TAIL = 2000
# a held cell's rerun (`_confirm_held`) may take its step's limit and this long to start Polars,
# build its inputs and run the baseline
CONFIRM_MARGIN_S = 60.0
_PATH = os.environ.get("PYTHONPATH", "")


class Supervisor:
    """Owns one checking process at a time for this pytest process; starts one when needed."""

    def __init__(
        self,
        options: Mapping[str, Any],
        worker: str,
        writer: RecordWriter,
        known_issues: Sequence[KnownIssue],
    ) -> None:
        self._options = dict(options)
        self._worker = worker
        self._writer = writer
        self._known_issues = known_issues
        self._proc: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._beacon: Beacon | None = None
        self._started = 0
        self._covered: dict[str, Any] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        self.close()  # a process that died between items leaves its stderr file and beacon
        self._started += 1
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the process)
        self._beacon = Beacon()
        path = os.pathsep.join(filter(None, (str(ROOT), _PATH)))
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "conformance.run.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env={**os.environ, "PYTHONPATH": path, **self._beacon.env()},
            cwd=ROOT,
        )
        records = f"{self._worker}-checker{self._started}"
        _send(self._proc.stdin, ("configure", self._options, self._worker, records))
        try:
            _recv(self._proc.stdout.fileno(), START_LIMIT_S)  # type: ignore[union-attr]
        except (QueryTimeout, QueryCrash):
            tail = self._stderr_tail()
            self.close()
            raise RuntimeError(f"the checking process did not start:\n{tail}") from None
        return self._proc

    def _stderr_tail(self) -> str:
        if self._stderr is None:
            return ""
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")[-_STDERR_TAIL:]

    def close(self) -> None:
        """Stop the checking process (killed: it may be stuck in a query)."""
        if self._proc is not None:
            self._proc.kill()
            self._proc.wait()
            self._proc = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None
        if self._beacon is not None:
            self._beacon.close()
            self._beacon = None

    def run(
        self,
        kind: str,
        name: str,
        lanes: Sequence[str],
        nodeid: str,
        clock: Mapping[str, float] | None = None,
    ) -> str | None:
        """Check one test item on `lanes` (its share of the budget in `clock`, see
        `conformance.run.budget.ItemClock`); None when it passed, else what failed (every
        distinct finding). A fresh process continuing the item keeps the item's deadline."""
        failures: list[str] = []
        if clock is not None:
            now = time.time()
            clock = {**clock, "share_until": now + clock["share_s"], "started": now}
        self._covered = None  # the item's coverage, as its checking process last announced it
        for attempt in range(MAX_RESTARTS + 1):
            status, text = self._attempt(kind, name, list(lanes), nodeid, clock, attempt > 0)
            if text:
                failures.append(text)
            if status not in {"retire", "killed"}:
                if status == "error":
                    raise RuntimeError(f"the checking process failed on {nodeid}:\n{text}")
                break
        else:
            failures.append(f"stopped after {MAX_RESTARTS} replacements of the checking process")
            if clock is not None and status == "killed":  # a retiring process wrote its own
                self._write_stuck_coverage(kind, name, lanes, clock)
        return "\n\n".join(failures) or None

    def _write_stuck_coverage(
        self, kind: str, name: str, lanes: Sequence[str], clock: Mapping[str, Any]
    ) -> None:
        """The coverage of an item whose last checking process died too: what it last announced
        (no process is left to write it), so its examples count and the item counts as ended."""
        if self._covered is not None:
            coverage = Coverage(**self._covered)
        else:
            coverage = Coverage(name, kind, share_s=round(clock["share_s"], 3))
            coverage.given(lanes)
        coverage.seconds = round(time.time() - clock["started"], 3)
        coverage.stopped = "stuck"
        write_coverage(self._writer.results_dir, self._worker, coverage)
        self._covered = None

    def _attempt(
        self,
        kind: str,
        name: str,
        lanes: list[str],
        nodeid: str,
        clock: Mapping[str, float] | None,
        continued: bool,
    ) -> tuple[str, str]:
        """One run of the item in a checking process: (status, failure text). A process
        `continued` from one that died or was stuck replays no saved example: the example it
        died in may be one."""
        proc = self._start()
        if clock is not None and self._covered is not None:
            clock = {**clock, "covered": self._covered}
        assert self._beacon is not None
        assert proc.stdout is not None
        first_lane = lanes[0] if len(lanes) == 1 else "*"
        start = ("starting the item", START_LIMIT_S)
        watcher = StepWatch(self._beacon, proc.stdout.fileno(), start, first_lane)
        _send(proc.stdin, ("item", kind, name, lanes, nodeid, clock, continued))
        pending: dict[str, Any] | None = None
        while True:
            try:
                message = watcher.next_message()
            except QueryTimeout:
                detail = f"the checking process {watcher.why_killed()} and was killed"
                return "killed", self._record_death("timeout", detail, name, watcher, pending)
            except QueryCrash:
                code = proc.wait()
                detail = (
                    f"the checking process died (exit code {code}) during {watcher.label}\n"
                    f"{self._stderr_tail()}"
                )
                return "killed", self._record_death("crash", detail, name, watcher, pending)
            if message[0] == "pending":
                pending = message[1]
            elif message[0] == "covered":  # a replacement continuing the item counts on from it
                self._covered = message[1]
            elif message[0] == "done":  # the process wrote the item's coverage as it ended
                self._covered = None
                if message[1] == "retire":
                    self.close()
                return message[1], message[2]

    def _record_death(
        self,
        outcome: str,
        detail: str,
        check: str,
        watcher: StepWatch,
        pending: dict[str, Any] | None,
    ) -> str:
        """Write the record of the example the process died in; the failure text, if unexplained.

        Where it died running a lane's query, the record gets that cell's reproducer script, which
        runs the lane in a child process with the step's limit (`reports.reproducer`)."""
        self.close()
        lane, variant = watcher.lane, watcher.variant
        base = pending or {
            "operation": check,
            "polars_version": POLARS_VERSION_STRING,
            "duration_s": 0.0,
        }
        if "reproduce" in base:  # the announced example: its command re-runs this lane
            reproduce = dict(base["reproduce"])
            reproduce["pytest"] = cell_command(reproduce["pytest"], lane)
            script = death_script(reproduce, watcher.label, lane, variant, watcher.limit)
            reproduce.pop("rules", None)
            if script is not None:
                reproduce["script"] = script
            base = {**base, "reproduce": reproduce}
        record = Record(
            **{
                **base,
                "lane": lane,
                "test_id": f"{base['operation']}-{lane}",
                "variant": variant or "*",
                "outcome": outcome,
                "detail": detail,
                "known_issue": match(
                    self._known_issues,
                    base["operation"],
                    lane,
                    variant or "*",
                    outcome,
                    detail,
                    base.get("reproduce", {}).get("query", ""),
                ),
                "timestamp": time.time(),
            }
        )
        if watcher.held and not record.known_issue and "script" in record.reproduce:
            record = _confirm_held(record, watcher.limit)
        self._writer.write(record)
        if record.known_issue or record.outcome == Outcome.PASS.value:
            return ""
        where = f"{base['operation']} on {lane}"
        return f"[{outcome}] {where} ({variant or 'no variant running'}):\n{detail}"


def _confirm_held(record: Record, limit_s: float) -> Record:
    """A process whose heartbeat stopped held the interpreter `HELD_S` into a step, long before
    its limit, and a loaded machine can make that of a slow call (once in a run of 60,000 cells,
    whose reproducer then answered at once): the cell runs again alone, as its reproducer runs it
    (under the step's limit), and the timeout stands only where it does not answer as the baseline
    does there; a cell that does is `pass`, its detail saying what was seen once, as a repeated
    lane's unconfirmed failure is (`conformance.judge.repeats`)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rerun.py"
        path.write_text(reproducer_source(vars(record)), encoding="utf-8")
        try:
            rerun = subprocess.run(
                [sys.executable, str(path)],
                capture_output=True,
                text=True,
                timeout=limit_s + CONFIRM_MARGIN_S,
                cwd=tmp,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return replace(record, detail=f"{record.detail}\nrun again alone, it hung again")
    said = (rerun.stdout.strip().splitlines() or ["(nothing)"])[-1]
    if rerun.returncode == 0:
        first = record.detail.splitlines()[0]
        detail = f"not confirmed: {first}; run again alone, the cell answered as the baseline did"
        return replace(record, outcome=Outcome.PASS.value, detail=detail)
    if rerun.returncode == 1:
        return replace(record, detail=f"{record.detail}\nrun again alone: {said}")
    return replace(record, detail=f"{record.detail}\nnot run again alone: {said}")

"""The run's time budget: how long a run explores, and how that time is shared among its checks.

A run is sized by time (`--budget=10m`, `POLARS_CONFORMANCE_BUDGET`, or the profile's named
budget), not by a number of examples. Drawing stops at `RESERVE` before the budget ends, leaving
that time to shrink what was found and write the reports; a check that found something always
finishes shrinking it.

The scheduler (README, "Time budget"): each check (one test item, every lane on each input) gets
an equal share of the drawing time left over the checks its worker may still run (`Budget.share`:
checks left / workers, and at least the checks queued behind it on that worker), so what one check
saves or overspends moves the share of the checks after it. Within its share a check keeps drawing;
past it, up to `EXTEND` times its share, only while it is still finding something new: a plan shape
(its optimized plan with literals masked; a property's input schema) or a failure not seen among
its earlier examples, within the last `RECENT` examples. So a check whose plans all look alike gets
its share, and one that keeps meeting new plans or failures gets up to twice as much, taken from
the checks after it. The first example of a check is always drawn while the run's drawing time
lasts. Shrinking what a round found counts against the check's time too: it may run to about
`EXTEND` times the check's share and about the budget's end, whichever comes first, and always at
least `MIN_SHRINK_S` (`ItemClock.shrink_limit_s`; Hypothesis looks at the limit between examples),
so a check that keeps finding failures does not spend the time of the checks after it shrinking
them, and a failure found late is still shrunk, a little. No query waits past the budget's end
(but at least MIN_CELL_S; one cut short has the outcome `cut`, no verdict), and an example still
exploring then starts no further cell (`conformance.engines.execute.stop_at`): the cells run so
far are judged and recorded, so an example that hangs on many lanes costs the run about
MIN_CELL_S past its budget (and a self-timed lane's grace; a failure shrunk after the end starts
its cells under the same floor). Likewise an example starts no further cell once its check has spent
EXTEND times its share (but it may start cells for at least MIN_EXAMPLE_S; `example_stop`): an
input slow on every lane costs its check about one cell's time more, not one per lane and
variant, and the lanes run breadth first (every lane's all-on variant before any pass is off).

What each check covered (examples per lane, plan shapes, seconds, why it stopped) is written as one
line per item under `<results>/coverage/`, merged into `results.json` and printed at the end.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from conformance.errors import ConformanceUsageError

ENV_VAR = "POLARS_CONFORMANCE_BUDGET"
# when the run began (epoch seconds), where a nox session sets it at its own start: installing the
# session's environment then counts against the budget, as the user's clock does
STARTED_ENV_VAR = "POLARS_CONFORMANCE_STARTED"
# drawing stops this long before the budget ends (a tenth of it, at most 25 s): time to finish the
# examples under way, write the results and reports (about 6 s for a 10-minute run's 370,000
# records, read while the run explores: `RecordReader`) and end the processes (a fresh clone's
# README command took 10m20s with 20 s, its install contended; 9m52s with 25 s). A
# failure found in the last seconds still shrinks for MIN_SHRINK_S, past the budget by a few
# seconds: the price of not leaving both workers idle for a longer reserve every run
RESERVE_SHARE = 0.1
RESERVE_MAX_S = 25.0
# the checks end this long before the budget (a fortieth of it, at most 15 s): writing the
# records and reports of a 10-minute run takes seconds
WRAP_UP_SHARE = 0.025
WRAP_UP_MAX_S = 15.0
EXTEND = 2.0  # a check still finding something may run to this multiple of its share
MIN_SHRINK_S = 10.0  # a round's shrinking may always run this long
MIN_CELL_S = 10.0  # near the budget's end a cell's time limit shrinks to what is left, not below
MIN_EXAMPLE_S = 20.0  # an example may start cells this long, even past its check's time
RECENT = 5  # "still finding something": a novelty within this many examples
COVERAGE_DIRNAME = "coverage"

_FORMS = "90s, 10m, 1h, 1h30m (a positive duration)"
_DURATION = re.compile(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?")


def parse_duration(text: str, what: str = "--budget") -> float:
    """Seconds in `90s`, `10m`, `1h`, `1h30m` or `2m30s`; one clear line for anything else."""
    match = _DURATION.fullmatch(text.strip().lower())
    if not text.strip() or match is None or not any(match.groups()):
        raise ConformanceUsageError(f"bad {what} {text!r}; valid forms: {_FORMS}")
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if total <= 0:
        raise ConformanceUsageError(f"bad {what} {text!r}; valid forms: {_FORMS}")
    return total


def format_duration(seconds: float) -> str:
    """`600` -> `10m`, `5400` -> `1h30m`, `20` -> `20s`."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
        f"{secs}s" if secs else "",
    ]
    return "".join(parts) or f"{seconds:.1f}s"


@dataclass(frozen=True)
class Budget:
    """The run's budget: its length, where it came from, and when it started (epoch seconds)."""

    total_s: float
    source: str  # `--budget`, the environment variable, or `profile <name>`
    start: float

    @property
    def ends(self) -> float:
        """Epoch second the budget ends."""
        return self.start + self.total_s

    @property
    def checks_end(self) -> float:
        """Epoch second the checks end (no query waits past it): the budget's end less the time
        writing the run's records and reports takes (WRAP_UP_SHARE of it, at most WRAP_UP_MAX_S)."""
        return self.ends - min(WRAP_UP_MAX_S, WRAP_UP_SHARE * self.total_s)

    @property
    def draw_until(self) -> float:
        """Epoch second after which no check draws a new example."""
        return self.ends - min(RESERVE_MAX_S, RESERVE_SHARE * self.total_s)

    def share(self, now: float, checks_left: int, workers: int, queued: int = 0) -> float:
        """One check's share of the drawing time left: the time left over the checks this worker
        may still run, this one included: its part of the checks left (checks left / workers,
        rounded up), and at least the checks already queued behind this one on this worker."""
        mine = max(math.ceil(max(checks_left, 1) / max(workers, 1)), 1 + queued)
        return max(self.draw_until - now, 0.0) / mine

    def describe(self) -> dict[str, Any]:
        return {"seconds": self.total_s, "source": self.source, "start": self.start}


def run_start(now: float) -> float:
    """When the run began: `POLARS_CONFORMANCE_STARTED` if set (no later than `now`), else now."""
    text = os.environ.get(STARTED_ENV_VAR, "").strip()
    if not text:
        return now
    try:
        started = float(text)
    except ValueError:
        started = math.nan
    if not 0 < started <= now:  # NaN fails too
        raise ConformanceUsageError(
            f"bad {STARTED_ENV_VAR} {text!r}; valid: epoch seconds no later than now ({now:.0f})"
        )
    return started


def resolve_budget(
    option: str | None, profile_budget_s: float, profile: str, start: float
) -> Budget:
    """`--budget` if given, else `POLARS_CONFORMANCE_BUDGET`, else the profile's named budget."""
    if option:
        return Budget(parse_duration(option), "--budget", start)
    if env := os.environ.get(ENV_VAR):
        return Budget(parse_duration(env, ENV_VAR), ENV_VAR, start)
    return Budget(profile_budget_s, f"profile {profile}", start)


@dataclass
class ItemClock:
    """One test item's time: its share, the run's drawing deadline, and what it has found.

    `may_draw()` is asked before every example (see the module docstring for the rule).
    """

    share_s: float
    draw_until: float  # epoch seconds
    ends: float = math.inf  # epoch second the run's budget ends
    start: float = field(default_factory=time.monotonic)
    examples: int = 0
    since_novelty: int = 0
    stopped: str = ""  # why drawing stopped: budget (the run's), share (the item's), exhausted

    def observe(self, novel: bool) -> None:
        """One example was checked; `novel` when it showed a new plan shape or failure."""
        self.examples += 1
        self.since_novelty = 0 if novel else self.since_novelty + 1

    @property
    def elapsed_s(self) -> float:
        return time.monotonic() - self.start

    def shrink_limit_s(self) -> float:
        """How long a round may shrink what it found: up to EXTEND times the item's share and
        the budget's end, whichever comes first, and at least MIN_SHRINK_S."""
        allowance = EXTEND * self.share_s - self.elapsed_s
        return max(min(self.ends - time.time(), allowance), MIN_SHRINK_S)

    def example_stop(self) -> float:
        """When an example drawn now starts no further cell (epoch seconds): where the check has
        spent EXTEND times its share, but at least MIN_EXAMPLE_S from now, and no later than the
        budget's end. So an input slow on every lane (a join that explodes at scale) costs about
        one cell's time past that, not one per lane and variant."""
        allowance = max(EXTEND * self.share_s - self.elapsed_s, MIN_EXAMPLE_S)
        return min(time.time() + allowance, self.ends)

    def may_draw(self) -> bool:
        if time.time() >= self.draw_until:
            self.stopped = "budget"
            return False
        if self.examples == 0:
            return True
        elapsed = self.elapsed_s
        if elapsed < self.share_s:
            return True
        if elapsed < EXTEND * self.share_s and self.since_novelty < RECENT:
            return True
        self.stopped = "share"
        return False


@dataclass
class Coverage:
    """What one item covered: written as one line when it ends."""

    check: str
    kind: str
    examples: int = 0
    lanes: dict[str, int] = field(default_factory=dict)
    plan_shapes: int = 0
    findings: int = 0
    focused: int = 0  # examples run on a found failure's cells only, while Hypothesis shrank it
    seconds: float = 0.0
    share_s: float | None = None
    stopped: str = ""  # ItemClock.stopped, or stuck: every checking process allowed died in it

    def given(self, lanes: Iterable[str]) -> None:
        """The lanes the item runs on: each listed, with its count, even where it stays 0."""
        for lane in lanes:
            self.lanes.setdefault(lane, 0)

    def add(self, lanes: Iterable[str]) -> None:
        self.examples += 1
        for lane in lanes:
            self.lanes[lane] = self.lanes.get(lane, 0) + 1


def write_coverage(results_dir: Path, worker: str, coverage: Coverage) -> None:
    directory = results_dir / COVERAGE_DIRNAME
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / f"{worker}.jsonl").open("a", encoding="utf-8") as out:
        out.write(json.dumps(asdict(coverage)) + "\n")


def clear_coverage(results_dir: Path) -> None:
    directory = results_dir / COVERAGE_DIRNAME
    if directory.is_dir():
        for path in directory.glob("*.jsonl"):
            path.unlink()


def read_coverage(results_dir: Path) -> list[dict[str, Any]]:
    """Every item's coverage line (a line torn by a dying process is skipped)."""
    lines: list[dict[str, Any]] = []
    for path in sorted((results_dir / COVERAGE_DIRNAME).glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                lines.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return lines


def items_done(results_dir: Path) -> int:
    """How many budgeted items have ended, on every worker."""
    directory = results_dir / COVERAGE_DIRNAME
    if not directory.is_dir():
        return 0
    return sum(path.read_bytes().count(b"\n") for path in directory.glob("*.jsonl"))


def merge_coverage(lines: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per check: examples, examples per lane, plan shapes, findings, seconds, why it stopped
    (an item replayed after its checking process was replaced has several lines)."""
    merged: dict[str, dict[str, Any]] = {}
    for line in lines:
        entry = merged.setdefault(
            line["check"],
            {
                "examples": 0,
                "lanes": {},
                "plan_shapes": 0,
                "findings": 0,
                "focused": 0,
                "seconds": 0.0,
                "stopped": "",
            },
        )
        entry["examples"] += line["examples"]
        for lane, n in line["lanes"].items():
            entry["lanes"][lane] = entry["lanes"].get(lane, 0) + n
        entry["plan_shapes"] += line["plan_shapes"]
        entry["findings"] += line["findings"]
        entry["focused"] += line["focused"]
        entry["seconds"] = round(entry["seconds"] + line["seconds"], 3)
        entry["stopped"] = line["stopped"] or entry["stopped"]
    return merged


def render_coverage(merged: Mapping[str, Mapping[str, Any]], budget: Budget, wall_s: float) -> str:
    """The terminal's coverage table: examples per check and lane, then per lane."""
    if not merged:
        return (
            f"budget {format_duration(budget.total_s)} ({budget.source}): no check drew an example"
        )
    lane_totals: dict[str, int] = {}
    for entry in merged.values():
        for lane, n in entry["lanes"].items():
            lane_totals[lane] = lane_totals.get(lane, 0) + n
    total = sum(e["examples"] for e in merged.values())
    lines = [
        f"budget {format_duration(budget.total_s)} ({budget.source}), ran {format_duration(wall_s)}: "
        f"{total} examples of {len(merged)} checks, each run on every lane below",
        "examples per lane: " + ", ".join(f"{lane} {n}" for lane, n in lane_totals.items()),
    ]
    width = max(len(name) for name in merged)
    lines.append(f"{'check':<{width}}  examples  plan shapes  seconds  stopped  lanes with fewer")
    for name, entry in merged.items():
        fewer = ", ".join(
            f"{lane} {n}" for lane, n in entry["lanes"].items() if n < entry["examples"]
        )
        lines.append(
            f"{name:<{width}}  {entry['examples']:>8}  {entry['plan_shapes']:>11}  "
            f"{entry['seconds']:>7.1f}  {entry['stopped'] or '-':<7}  {fewer or '-'}"
        )
    return "\n".join(lines)

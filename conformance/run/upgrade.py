"""Upgrade cases: draw generated cases once, then replay the same saved set on each Polars release.

`nox -s upgrade` runs this module in one environment per release:

- `draw` (on the `--from` release): the suite's own strategies draw each selected check's cases
  (a seeded Hypothesis run, the profile's number of examples); each is saved as its query's source
  and its input frames as Arrow IPC (`reports.records.encode_frames`, chunk layout included), or,
  for a frame of the scale tier, as the code that builds it (`strategies.scale`), run on replay.
- `replay` (on each release): every saved case runs on every selected lane and variant the release
  has, judged against that release's in-memory all-on baseline exactly as the suite judges a cell
  (outcome, known issue, plan probe), and each cell also records its *answer* (schema, height,
  value digest; or the error) so that two releases' results can be compared case by case
  (`python -m reports.upgrade`).
- `time` (once, after both replays): each case's all-on query on each engine lane, run on the two
  releases alternately in one session (a child process per release), repeated; the run times go
  into both results files, so their ratio is measured under the same load.

Saving the cases, rather than re-drawing with the same seed, is what makes them the same: the
strategies build frames with the installed Polars (`polars.testing.parametric`), so one seed draws
different inputs on two releases. Drawing on the old release gives inputs an upgrading user
already has; Arrow IPC written by an older release reads on a newer one. Properties are not
replayed: they draw part of their input while they run, so a saved case cannot hold it all.

Queries are rebuilt from this checkout (catalog operations by name) or from their saved source
(generated pipelines, written by the strategy as code over `pl` and `c`): replaying runs code the
suite wrote, like a reproducer, and never deserializes a plan. Each replay runs in a supervised
child process: a hang or an abort becomes that case's `timeout` or `crash` record and a fresh
child continues with the next case.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import inspect
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

import hypothesis.strategies as st
import polars as pl
from hypothesis import HealthCheck, Phase, given, seed, settings

from conformance.catalog import OPERATIONS
from conformance.engines import plans
from conformance.engines.isolated import QueryCrash, QueryTimeout, _recv, _send
from conformance.engines.lanes import Lane, select_lanes
from conformance.engines.passes import BASELINE, NONE, Variant, all_variants, discover_passes
from conformance.errors import ConformanceUsageError
from conformance.judge.compare import Rules
from conformance.judge.harness import (
    DEFAULT_TIMEOUT_S,
    WATCHDOG_MARGIN_S,
    Cell,
    check,
    error_info,
    lane_variants,
    probe_plans,
)
from conformance.judge.known_issues import KnownIssue, load_registry, match
from conformance.run import watch
from conformance.run.checks import check_for
from conformance.run.driver import Check
from conformance.run.profiles import PROFILES, load_profile
from conformance.run.reproduce_spec import script_spec
from conformance.run.selection import PIPELINE, select_checks
from conformance.run.watch import Beacon, StepWatch
from conformance.version import POLARS_VERSION_STRING
from reports.analysis import analyse
from reports.outcomes import Outcome
from reports.records import (
    RESULTS_FILENAME,
    Record,
    RecordWriter,
    clear_records,
    decode_frames,
    encode_frames,
    merge_results,
    read_records,
    write_results,
)
from reports.upgrade.answer import ANSWER_FORMAT, error_answer, frame_answer
from reports.write import write_reports

ROOT = Path(__file__).resolve().parents[2]
CASES_FORMAT = 1
DEFAULT_SEED = 20240601
DEFAULT_REPEATS = 5
START_LIMIT_S = 180.0


# --- drawing -------------------------------------------------------------------------------------


def _draw_examples(check: Check, examples: int, at: int) -> list[tuple[Any, tuple]]:
    """`examples` draws of `check`'s subject and inputs: Hypothesis' generation phase, seeded."""
    drawn: list[tuple[Any, tuple]] = []

    @seed(at)
    @settings(
        max_examples=examples,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def collect(data: st.DataObject) -> None:
        drawn.append(check.draw(data))

    collect()
    return drawn


def draw_cases(ops: Sequence[str] | None, examples: int, at: int) -> dict[str, Any]:
    """The cases file's content: every selected operation's and pipeline's drawn cases."""
    checks = select_checks(ops)
    kinds = [("operation", op.name) for op in checks.operations]
    kinds += [("pipeline", PIPELINE)] if checks.pipelines else []
    cases: list[dict[str, Any]] = []
    excluded = [
        [p.name, "a property draws part of its input while it runs: a saved case cannot hold it"]
        for p in checks.properties
    ]
    for kind, name in kinds:
        check_seed = at + int(hashlib.sha256(name.encode()).hexdigest()[:6], 16)
        seen: set[str] = set()
        for subject, frames in _draw_examples(check_for(kind, name), examples, check_seed):
            inputs = encode_frames(frames)
            key = hashlib.sha256(json.dumps([subject.source(), inputs]).encode()).hexdigest()
            if errors := [item["error"] for item in inputs if "error" in item]:
                excluded.append([name, f"an input cannot be written as Arrow IPC: {errors[0]}"])
            elif key not in seen:
                seen.add(key)
                cases.append(
                    {
                        "id": f"{name}#{len(seen)}",
                        "check": name,
                        "kind": kind,
                        "query": subject.source(),
                        "rules": asdict(subject.rules),
                        "inputs": inputs,
                    }
                )
    return {
        "format": CASES_FORMAT,
        "digest": cases_digest(cases),
        "drawn_on": POLARS_VERSION_STRING,
        "seed": at,
        "examples": examples,
        "checks": checks.names,
        "excluded": excluded,
        "cases": cases,
    }


def cases_digest(cases: Sequence[Mapping[str, Any]]) -> str:
    """The content hash `draw` stores beside the cases."""
    return hashlib.sha256(json.dumps(cases, sort_keys=True).encode()).hexdigest()


def load_cases(path: Path) -> dict[str, Any]:
    """A cases file `draw` wrote; one edited since is refused, since replaying runs its code."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConformanceUsageError(f"cannot read the cases file {path}: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != CASES_FORMAT:
        raise ConformanceUsageError(f"{path}: not a cases file of format {CASES_FORMAT}")
    if data.get("digest") != cases_digest(data["cases"]):
        raise ConformanceUsageError(f"{path}: its cases do not match their digest; draw them again")
    return data


# --- replaying one case on one lane (in the child process) ---------------------------------------


@dataclass(frozen=True)
class Options:
    """The replay's options, the same in the controller and its children."""

    cases: Path
    results_dir: Path
    engines: list[str] | None
    passes: list[str] | None
    timeout_s: float
    repeats: int  # timed runs per release and cell (the `time` phase)


def variants_here(spec: Sequence[str] | None) -> tuple[list[Variant], list[str]]:
    """The variants `--passes` names that this release has, and the names it lacks.

    Releases differ in their passes; a pass only one release has is reported as not comparable,
    not an error.
    """
    variants = all_variants()
    if not spec:
        return variants, []
    by_name = {v.name.removeprefix("-"): v for v in variants}
    chosen, absent = [BASELINE], []
    for token in (t.strip().removeprefix("-") for t in spec):
        if token in by_name and by_name[token] not in chosen:
            chosen.append(by_name[token])
        elif token not in by_name:
            absent.append(NONE if token == NONE else f"-{token}")
    return chosen, absent


def _query(case: Mapping[str, Any]) -> Any:
    """The case's query: the catalog entry of this checkout, or a pipeline's saved source."""
    if case["kind"] == "operation":
        return next(op for op in OPERATIONS if op.name == case["check"]).query
    namespace: dict[str, Any] = {"pl": pl, "c": pl.col}
    exec(case["query"], namespace)  # the strategy wrote this source (see the module docstring)
    return namespace["query"]


def case_frames(encoded: Sequence[Mapping[str, Any]]) -> list[pl.DataFrame]:
    """The case's inputs: Arrow IPC as saved, and a frame of the scale tier (saved as the code
    that builds it, not a million rows) rebuilt by that code, the same frame on every release."""
    frames = []
    for item in encoded:
        if "generated" not in item:
            frames += decode_frames([item])
            continue
        namespace: dict[str, Any] = {"pl": pl}
        exec(item["generated"]["code"], namespace)  # `strategies.scale` wrote it, as the query
        frames.append(eval(item["generated"]["call"], namespace))
    return frames


def recording(lane: Lane) -> tuple[Lane, dict[str, Any]]:
    """`lane`, collecting as before, that also keeps what each variant's run returned or raised.

    The suite's own `check` then judges every cell, and the answers come from the same runs. (A
    copy of the lane: the query's eager and DuckDB twins, extra cells of the baseline lane itself,
    are not replayed; they are other evaluators, not the release's engines.)
    """
    seen: dict[str, Any] = {}

    def collect(lf: pl.LazyFrame, variant: Variant, timeout_s: float) -> pl.DataFrame:
        try:
            seen[variant.name] = frame = lane.collect(lf, variant, timeout_s)
        except BaseException as exc:  # a panic is a BaseException
            seen[variant.name] = exc
            raise
        return frame

    return dataclasses.replace(lane, _collect=collect), seen


def answer_of(returned: Any, rules: Rules, cell: Cell, partial: bool = False) -> dict[str, Any]:
    """The cell's answer: the frame it returned (`partial`: the first rows of a result, as an early
    stop gives), the error it raised, or why there is none; under the operation's tolerance."""
    if isinstance(returned, pl.DataFrame):
        tolerance = [rules.tolerance.rel, rules.tolerance.abs] if rules.tolerance else None
        return frame_answer(returned, rules.ordered, partial, tolerance)
    if isinstance(returned, BaseException) and not isinstance(returned, QueryTimeout):
        err = error_info(returned)
        return error_answer(err.type_name, err.message)
    return {
        "kind": cell.outcome.value,
        "message": cell.detail.splitlines()[0] if cell.detail else "",
    }


class Replayer:
    """The child's side: replays cases on a lane, announcing each case and step."""

    def __init__(self, options: Options, records_name: str) -> None:
        self.options = options
        self.cases = load_cases(options.cases)["cases"]
        self.lanes = {lane.name: lane for lane in select_lanes(options.engines)}
        self.variants, _ = variants_here(options.passes)
        self.known_issues: list[KnownIssue] = load_registry()
        self.writer = RecordWriter(options.results_dir, records_name)

    def item(self, lane_name: str, indices: Sequence[int]) -> None:
        lane = self.lanes[lane_name]
        for index in indices:
            watch.send(("case", index))
            watch.step("preparing the case", self.options.timeout_s)
            self.case(self.cases[index], lane)
            if watch.tainted():
                watch.send(("retire", index))
                return
        watch.send(("done",))

    def time(self, lane_name: str, index: int) -> None:
        """One all-on `collect` of a case on a lane, timed (the `time` phase asks for one at a time).

        It runs on this process's main thread, as a user's query would (a fresh thread per query,
        as `execute` uses, adds a per-thread start-up cost on some releases); a hang is the
        controller's to stop.
        """
        case, lane = self.cases[index], self.lanes[lane_name]
        frames = case_frames(case["inputs"])
        # a lane that reads its inputs back from files says how (`Lane.inputs`, where it exists)
        read = getattr(lane, "inputs", None)
        plan = _query(case)(*(read(frames) if read else [f.lazy() for f in frames]))
        start = time.perf_counter()
        try:
            lane.collect(plan, BASELINE, self.options.timeout_s)
        except BaseException:  # a panic is a BaseException: such a run has no time to compare
            watch.send(("timed", None))
            return
        watch.send(("timed", time.perf_counter() - start))

    def case(self, case: Mapping[str, Any], lane: Lane) -> None:
        query = _query(case)
        rules = Rules.from_dict(case["rules"])
        if case["kind"] == "operation":
            rules = next(op for op in OPERATIONS if op.name == case["check"]).rules
        frames = case_frames(case["inputs"])
        variants = lane_variants(lane, self.variants)
        timeout = self.options.timeout_s
        plans_ = probe_plans(query, frames, lane, variants, timeout)
        if lane.unavailable_reason() is None:
            recorder, seen = recording(lane)
            partial = lane.output_mode is not None and lane.output_mode.partial
            for cell in check(query, frames, rules, recorder, variants, timeout):
                watch.step(f"recording the answer of {cell.variant}", timeout, cell.variant)
                answer = answer_of(seen.get(cell.variant), rules, cell, partial)
                self.write(case, cell, {"answer": answer})
        for cell in plans_:
            self.write(case, cell, {"probe": True})

    def write(self, case: Mapping[str, Any], cell: Cell, extra: dict[str, Any]) -> None:
        known = None
        if cell.outcome.is_failure:
            known = match(
                self.known_issues,
                case["check"],
                cell.lane,
                cell.variant,
                cell.outcome.value,
                cell.detail,
                case.get("query", ""),
            )
        self.writer.write(
            Record(
                operation=case["check"],
                lane=cell.lane,
                variant=cell.variant,
                outcome=cell.outcome.value,
                polars_version=POLARS_VERSION_STRING,
                duration_s=round(cell.duration_s, 6),
                test_id=case["id"],
                detail=cell.detail[:4000],
                reproduce={"case": case["id"], "script": script_key(cell, case), **extra},
                known_issue=known,
                plan_notes=list(cell.notes) or None,
            )
        )


def script_key(cell: Cell, case: Mapping[str, Any]) -> str:
    """Which of the results' scripts (`scripts`) reproduces this cell: lane, variant, rules."""
    rules = json.dumps(case["rules"], sort_keys=True)
    return hashlib.sha256(f"{cell.lane}|{cell.variant}|{rules}".encode()).hexdigest()[:12]


def _serve() -> None:
    """The child process: configure once, then replay the items the controller sends."""
    protocol = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    watch.install(protocol)
    inbox = sys.stdin.buffer.fileno()
    _, options, records_name = _recv(inbox, None)
    replayer = Replayer(Options(**options), records_name)
    watch.send(("ready",))
    while True:
        try:
            kind, lane_name, what = _recv(inbox, None)
        except QueryCrash:  # the controller closed the pipe
            return
        try:
            if kind == "time":
                replayer.time(lane_name, what)
            else:
                replayer.item(lane_name, what)
        except BaseException:
            watch.send(("error", traceback.format_exc()))
            return


# --- the controller: items, supervised children, the results file -------------------------------


class Child:
    """One supervised replaying process; a hang or a death becomes that case's record."""

    def __init__(
        self, options: Options, name: str, cases: list[dict[str, Any]], python: str = sys.executable
    ) -> None:
        self.options = options
        self.name = name
        self.cases = cases
        self.python = python
        self.starts = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.stderr: IO[bytes] | None = None
        self.beacon: Beacon | None = None
        self.writer = RecordWriter(options.results_dir, f"{name}-deaths")

    def _start(self) -> subprocess.Popen[bytes]:
        if self.proc is not None and self.proc.poll() is None:
            return self.proc
        self._release()  # a process that died between items leaves its stderr file and beacon
        self.starts += 1
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the process)
        self.beacon = Beacon()
        path = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH", ""))))
        self.proc = subprocess.Popen(
            [self.python, "-m", "conformance.run.upgrade", "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env={**os.environ, "PYTHONPATH": path, **self.beacon.env()},
            cwd=ROOT,
        )
        configure = ("configure", asdict(self.options), f"{self.name}-{self.starts}")
        _send(self.proc.stdin, configure)
        try:
            _recv(self.proc.stdout.fileno(), START_LIMIT_S)  # type: ignore[union-attr]
        except (QueryTimeout, QueryCrash):
            tail = self._tail()
            self.close()
            raise RuntimeError(f"the replaying process did not start:\n{tail}") from None
        return self.proc

    def _tail(self) -> str:
        if self.stderr is None:
            return ""
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")[-2000:]

    def close(self) -> None:
        self._release()
        self.writer.close()

    def _release(self) -> None:
        """Kill the process, if any, and drop its stderr file and beacon."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
        if self.stderr is not None:
            self.stderr.close()
            self.stderr = None
        if self.beacon is not None:
            self.beacon.close()
            self.beacon = None

    def time(self, lane: str, index: int) -> float | None:
        """One timed all-on run of a case; None where it hung or the process died."""
        proc = self._start()
        _send(proc.stdin, ("time", lane, index))
        limit = self.options.timeout_s + WATCHDOG_MARGIN_S
        while True:
            try:
                message = _recv(proc.stdout.fileno(), limit)  # type: ignore[union-attr]
            except (QueryTimeout, QueryCrash):
                self.close()
                return None
            if message[0] == "timed":
                return message[1]
            if message[0] == "error":
                raise RuntimeError(f"timing on {lane} failed:\n{message[1]}")

    def run(self, lane: str, indices: list[int]) -> None:
        """Replay `indices` on `lane`; after a death, continue with the next case."""
        while indices:
            done_up_to = self._attempt(lane, indices)
            indices = indices[done_up_to + 1 :] if done_up_to is not None else []

    def _attempt(self, lane: str, indices: list[int]) -> int | None:
        """One child's run of the cases: None when all ran, else the position it stopped at."""
        proc = self._start()
        assert self.beacon is not None
        assert proc.stdout is not None
        watcher = StepWatch(
            self.beacon, proc.stdout.fileno(), ("starting the item", START_LIMIT_S), lane
        )
        _send(proc.stdin, ("item", lane, indices))
        position = 0
        while True:
            try:
                message = watcher.next_message()
            except QueryTimeout:
                detail = f"the replaying process {watcher.why_killed()}; killed"
                self._death("timeout", detail, lane, watcher.variant, indices[position])
                return position
            except QueryCrash:
                code = proc.wait()
                detail = f"the replaying process died (exit code {code}) during {watcher.label}\n"
                self._death(
                    "crash", detail + self._tail(), lane, watcher.variant, indices[position]
                )
                return position
            kind = message[0]
            if kind == "case":
                position = indices.index(message[1])
            elif kind == "retire":
                self.close()
                return indices.index(message[1])
            elif kind == "done":
                return None
            elif kind == "error":
                self.close()
                raise RuntimeError(f"replaying on {lane} failed:\n{message[1]}")

    def _death(self, outcome: str, detail: str, lane: str, variant: str | None, index: int) -> None:
        self.close()
        case = self.cases[index]
        self.writer.write(
            Record(
                operation=case["check"],
                lane=lane,
                variant=variant or BASELINE.name,
                outcome=outcome,
                polars_version=POLARS_VERSION_STRING,
                duration_s=0.0,
                test_id=case["id"],
                detail=detail[:4000],
                reproduce={"case": case["id"], "answer": {"kind": outcome, "message": detail}},
            )
        )


def _scripts(lanes: Sequence[Lane], variants: Sequence[Variant], cases: Sequence[dict]) -> dict:
    """Every (lane, variant, rules) script spec a reproducer may need, keyed as records cite them."""
    scripts: dict[str, Any] = {}
    rules_seen = {json.dumps(c["rules"], sort_keys=True): c for c in cases}
    for lane in lanes:
        for variant in lane_variants(lane, variants):
            for case in rules_seen.values():
                cell = Cell(lane.name, variant.name, Outcome.PASS, "", 0.0)
                spec = script_spec(lane, variant, Rules.from_dict(case["rules"]))
                if lane.probe is plans.STREAMING_PLAN:
                    spec["probe"] = _streaming_probe_code(variant)
                scripts[script_key(cell, case)] = spec
    return scripts


def _streaming_probe_code(variant: Variant) -> dict[str, str]:
    """How a reproducer reads the streaming fallback reasons: the suite's own parser, verbatim."""
    helpers = [
        "import re",
        f"_NODE = re.compile({plans._NODE.pattern!r})",
        f"_LEGEND = re.compile({plans._LEGEND.pattern!r})",
        inspect.getsource(plans._node_text),
        inspect.getsource(plans.parse_streaming_graph)
        .replace(" -> PlanFindings:", ":")
        .replace("return PlanFindings(", "return ("),
    ]
    kwargs = ", ".join(
        filter(
            None,
            [
                'engine="streaming", plan_stage="physical", raw_output=True, show=False',
                variant.code(),
            ],
        )
    )
    return {
        "helpers": "\n\n".join(h.strip("\n") for h in helpers),
        "fallbacks": f"parse_streaming_graph(plan().show_graph({kwargs}))[0]",
    }


def _cores() -> int:
    """The CPU cores this process may run on (a container's limit, not the host's count)."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def replay(options: Options, jobs: int) -> Path:
    """Replay every saved case on this release; write `results.json` and the run's reports."""
    data = load_cases(options.cases)
    cases: list[dict[str, Any]] = data["cases"]
    lanes = select_lanes(options.engines)
    variants, absent = variants_here(options.passes)
    available = {op.name: op.unavailable_reason() for op in OPERATIONS}
    skipped: list[list[str]] = []
    items: list[tuple[str, list[int]]] = []
    checks = list(dict.fromkeys(c["check"] for c in cases))
    for lane in lanes:
        if reason := lane.skip_reason():
            skipped.extend([name, lane.name, f"{lane.name}: {reason}"] for name in checks)
            continue
        for name in checks:
            if reason := available.get(name):
                skipped.append([name, lane.name, f"{name}: {reason}"])
                continue
            items.append((lane.name, [i for i, c in enumerate(cases) if c["check"] == name]))
    options.results_dir.mkdir(parents=True, exist_ok=True)
    clear_records(options.results_dir)
    _run_items(options, items, cases, max(1, jobs))
    records = read_records(options.results_dir)
    matched: dict[str, int] = {}
    for record in records:
        if record.get("known_issue"):
            matched[record["known_issue"]] = matched.get(record["known_issue"], 0) + 1
    meta = {
        "polars_version": POLARS_VERSION_STRING,
        "hypothesis_profile": f"upgrade replay of {options.cases.name}",
        "passes": list(discover_passes()),
        "variants": [v.name for v in variants],
        "lanes": {lane.name: lane.unavailable_reason() or "available" for lane in lanes},
        "plan_probes": {
            lane.name: {
                "probe": lane.probe.name,
                "status": lane.probe_reason() or "available",
                "caveat": lane.probe.caveat,
            }
            for lane in lanes
            if lane.probe is not None
        },
        "checks": checks,
        "skipped": skipped,
        "known_issues": [
            {
                **issue.describe(),
                "applicable": issue.applies_to_installed_polars(),
                "matched": matched.get(issue.id, 0),
                "reproducer_status": "not-run",
            }
            for issue in load_registry()
        ],
        "upgrade": {
            "answer_format": ANSWER_FORMAT,
            "drawn_on": data["drawn_on"],
            "seed": data["seed"],
            "examples": data["examples"],
            "excluded": data["excluded"],
            "variants_absent": absent,
            "cases": {
                c["id"]: {k: c[k] for k in ("check", "kind", "query", "rules", "inputs")}
                for c in cases
            },
            "scripts": _scripts(lanes, variants, cases),
        },
    }
    results = merge_results(options.results_dir, meta, records)
    write_reports(analyse(results, options.results_dir))
    return options.results_dir / RESULTS_FILENAME


def _run_items(
    options: Options, items: list[tuple[str, list[int]]], cases: list[dict], jobs: int
) -> None:
    """Run the items on `jobs` supervised children, each pulling the next item when free."""
    todo: queue.Queue[tuple[str, list[int]]] = queue.Queue()
    for item in items:
        todo.put(item)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        child = Child(options, f"replay{n}", cases)
        try:
            while True:
                try:
                    lane, indices = todo.get_nowait()
                except queue.Empty:
                    return
                child.run(lane, indices)
        except BaseException as exc:
            errors.append(exc)
        finally:
            child.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


# --- timing: both releases in one session, interleaved ------------------------------------------


def timing_pairs(old: Mapping[str, Any], new: Mapping[str, Any], lanes: Sequence[str]) -> list:
    """(case id, lane) of every all-on engine-lane cell that returned a frame on both releases."""

    def frames(results: Mapping[str, Any]) -> set[tuple[str, str]]:
        return {
            (r["reproduce"]["case"], r["lane"])
            for r in results["records"]
            if r["variant"] == BASELINE.name
            and r["lane"] in lanes
            and not r["reproduce"].get("probe")
            and (r["reproduce"].get("answer") or {}).get("kind") == "frame"
        }

    return sorted(frames(old) & frames(new))


def interleave(
    options: Options, old_python: str, new_python: str, old_path: Path, new_path: Path
) -> int:
    """Time each case's all-on query on both releases alternately, in one session, and store the
    run times in both results files (`reproduce.timing` of the all-on records).

    Each case runs once on one release, then once on the other, `repeats` times, the first release
    alternating, so that load changes during the session fall on both alike: the ratio of the two
    releases' times is measured in one run. Returns the number of cells timed.
    """
    old, new = (json.loads(p.read_text(encoding="utf-8")) for p in (old_path, new_path))
    cases = load_cases(options.cases)["cases"]
    index = {c["id"]: i for i, c in enumerate(cases)}
    engine_lanes = [lane.name for lane in select_lanes(options.engines) if not lane.output_mode]
    pairs = timing_pairs(old, new, engine_lanes)
    session = f"{time.time():.0f}"
    children = {
        "old": Child(options, "time-old", cases, old_python),
        "new": Child(options, "time-new", cases, new_python),
    }
    timed: dict[tuple[str, str], dict[str, list[float]]] = {}
    try:
        for case_id, lane in pairs:
            runs: dict[str, list[float]] = {"old": [], "new": []}
            for side in ("old", "new"):  # a first, untimed run: caches and threads warm up
                children[side].time(lane, index[case_id])
            for repeat in range(options.repeats):
                for side in ("old", "new") if repeat % 2 == 0 else ("new", "old"):
                    duration = children[side].time(lane, index[case_id])
                    if duration is not None:
                        runs[side].append(round(duration, 6))
            timed[case_id, lane] = runs
    finally:
        for child in children.values():
            child.close()
    for side, results, path in (("old", old, old_path), ("new", new, new_path)):
        other = (new if side == "old" else old)["polars_version"]
        for record in results["records"]:
            key = (record["reproduce"].get("case"), record["lane"])
            reproduce = record["reproduce"]
            if key in timed and record["variant"] == BASELINE.name and not reproduce.get("probe"):
                reproduce["timing"] = {
                    "repeats": timed[key][side],
                    "session": session,
                    "interleaved_with": other,
                }
        write_results(path, results)
    return len(timed)


# --- command line --------------------------------------------------------------------------------


def _split(value: str | None) -> list[str] | None:
    return [v for v in value.split(",") if v.strip()] if value else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conformance.run.upgrade", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    draw = commands.add_parser("draw", help="draw the cases (on the --from release)")
    draw.add_argument("--cases", type=Path, required=True, help="the cases file to write")
    draw.add_argument("--ops", help="operations and patterns, as for the suite (default: all)")
    draw.add_argument("--examples", type=int, help="cases per check (default: the profile's)")
    draw.add_argument("--seed", type=int, default=DEFAULT_SEED)
    run = commands.add_parser("replay", help="replay the cases on the installed release")
    run.add_argument("--cases", type=Path, required=True, help="the cases file `draw` wrote")
    run.add_argument("--results-dir", type=Path, required=True)
    run.add_argument("--engines", help="comma-separated lanes, as for the suite (default: all)")
    run.add_argument("--passes", help="comma-separated passes, as for the suite (default: all)")
    run.add_argument("--cell-timeout", type=float, default=DEFAULT_TIMEOUT_S)
    run.add_argument(
        "--jobs",
        type=int,
        default=_cores(),
        help="replaying processes at once (default: one per CPU core this process may use)",
    )
    timing = commands.add_parser(
        "time", help="time both releases' replays in one session, interleaved"
    )
    timing.add_argument("--cases", type=Path, required=True, help="the cases file `draw` wrote")
    timing.add_argument("--old-python", required=True, help="the older release's Python")
    timing.add_argument("--old-results", type=Path, required=True, help="its results.json")
    timing.add_argument("--new-python", required=True, help="the newer release's Python")
    timing.add_argument("--new-results", type=Path, required=True, help="its results.json")
    timing.add_argument("--engines", help="comma-separated lanes, as for the suite (default: all)")
    timing.add_argument("--cell-timeout", type=float, default=DEFAULT_TIMEOUT_S)
    timing.add_argument("--repeats", type=int, default=DEFAULT_REPEATS, help="runs per release")
    commands.add_parser("serve", help="(internal) the supervised replaying process")
    args = parser.parse_args(argv)
    if args.command == "serve":
        _serve()
        return 0
    try:
        profile = load_profile()
        if args.command == "draw":
            examples = args.examples or PROFILES[profile].round_examples
            content = draw_cases(_split(args.ops), examples, args.seed)
            args.cases.parent.mkdir(parents=True, exist_ok=True)
            args.cases.write_text(json.dumps(content), encoding="utf-8")
            print(f"{len(content['cases'])} cases drawn on Polars {POLARS_VERSION_STRING}")
            return 0
        start = time.perf_counter()
        if args.command == "time":
            with tempfile.TemporaryDirectory() as scratch:
                options = Options(
                    cases=args.cases.resolve(),
                    results_dir=Path(scratch),
                    engines=_split(args.engines),
                    passes=None,
                    timeout_s=args.cell_timeout,
                    repeats=args.repeats,
                )
                done = interleave(
                    options,
                    args.old_python,
                    args.new_python,
                    args.old_results,
                    args.new_results,
                )
            print(f"timed {done} cells on both releases in {time.perf_counter() - start:.0f}s")
            return 0
        options = Options(
            cases=args.cases.resolve(),
            results_dir=args.results_dir.resolve(),
            engines=_split(args.engines),
            passes=_split(args.passes),
            timeout_s=args.cell_timeout,
            repeats=0,
        )
        path = replay(options, args.jobs)
    except ConformanceUsageError as exc:
        parser.error(str(exc))
    print(
        f"replayed on Polars {POLARS_VERSION_STRING} in {time.perf_counter() - start:.0f}s: "
        f"{path} (reports beside it)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Where a conformance run's time goes: the share of wall time per kind of work, and throughput.

    python -m benchmarks.time_split [pytest options]      # in the nox venv: .nox/tests/bin/python -m ...
    python -m benchmarks.time_split --ops=head,join_full --engines=in-memory,streaming -n 2

runs `pytest conformance` with the given options (into a private results directory, unless they
name one with `--results-dir=DIR`, which is kept) and prints the
share of the workers' time (wall time x pytest workers) spent in each kind of work:

- input generation (Hypothesis drawing inputs, Polars building the frames),
- baseline execution and lane execution (Polars running queries and reading plans: every lane,
  variant, plan probe, planned schema, culprit search, property query),
- Polars twins (Polars running the query's eager twin and its plan's serialization round trips:
  cells of the in-memory lane, each with its own variant, judged as every cell is),
- references (the DuckDB twin, the plain reference and the verdicts it gives),
- comparison and checks (comparing results, sorted flags, known issues, fingerprints, plan shapes),
- shrinking (everything Hypothesis' shrinker runs),
- recording and reports (records, pending inputs, results.json, reports, corpus),
- reproducer subprocesses (the known-issue reproducers),
- framework (Hypothesis' engine, the driver, the watchdog's messages), start-up (imports, pytest
  collection, starting checking processes),
- held until killed (a checking process a hung query held until the watchdog killed it: the gap
  before its successor started, as a hang stops the sampler too), and idle (workers with nothing
  to do, unaccounted),

then the share of worker time any thread spent inside the polars package, whatever the work (the
oracles, shrinking and the query generator's typing probes run Polars too), how many of the
machine's cores were busy on average (a streaming query on a small input waits between its
threads, so one worker per core leaves cores idle), and examples per second, and per second per
core in use (the cores, where workers outnumber them): one example is one input checked on one
lane, counted from `results.json` (each lane's all-on cell that is not a plan probe's), so a run
that checks an input on two lanes counts two.

It measures by sampling, changing nothing in the suite: a `sitecustomize` module put first on the
path of every process of the run starts a thread that looks at the running thread's stack every
few milliseconds and files the time since its last look under the category of the outermost
function it knows on that stack (anything under Hypothesis' shrinker is shrinking). Time a process
spends waiting for another one (a pytest worker waiting for its checking process, the xdist
controller waiting for its workers) is not counted: the other process's samples count it. The
sampler costs about one per cent. It runs against any checkout of the suite whose functions carry
these names, so the same script measures a commit before and after a change.
"""

from __future__ import annotations

import itertools
import json
import os
import shlex
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ENV_VAR = "POLARS_CONFORMANCE_TIME_SPLIT"
INTERVAL_S = 0.004

# Categories, in the order they are printed; the last ones are not work of the suite's own.
CATEGORIES = {
    "generation": "input generation",
    "baseline": "baseline execution (Polars)",
    "lanes": "lane execution (Polars)",
    "twins": "Polars twins (eager, plan serialization round trips)",
    "oracles": "references (DuckDB twin, plain reference, verdicts)",
    "comparison": "comparison and checks",
    "shrinking": "shrinking",
    "recording": "recording and reports",
    "reproducers": "reproducer subprocesses",
    "framework": "framework (Hypothesis engine, driver, watchdog)",
    "startup": "start-up (imports, collection, checking processes)",
}
# Polars running the checked queries: every cell a lane records but DuckDB's
POLARS_EXECUTION = ("baseline", "lanes", "twins")
NOT_COUNTED = ("waiting", "child", "idle")  # another process's samples, or nothing to do
# Not a category: time any thread of a process spent inside the polars package, whatever its
# category (a lane, an oracle, shrinking, the query generator's typing probes, a child engine)
IN_POLARS = "inside Polars"
POLARS_FILES = "/site-packages/polars/"

# (file suffix, function) -> category; the outermost marked frame on a stack decides, but for a
# Polars twin's: a comparison or a reference inside it is that
MARKERS: dict[tuple[str, str], str] = {
    ("conformance/judge/harness.py", "run_baseline"): "baseline",
    ("conformance/judge/harness.py", "run_cell"): "lanes",
    ("conformance/judge/harness.py", "probe_plans"): "lanes",
    ("conformance/judge/harness.py", "planned_schema"): "lanes",
    ("conformance/judge/harness.py", "planned"): "lanes",
    ("conformance/judge/harness.py", "hidden_panic"): "lanes",
    ("conformance/judge/harness.py", "find_culprit"): "lanes",
    ("conformance/run/driver.py", "_culprits"): "lanes",
    ("conformance/properties/property.py", "run_property"): "lanes",
    ("conformance/judge/harness.py", "verdict"): "oracles",
    ("conformance/judge/harness.py", "_eager_cell"): "twins",
    ("conformance/judge/serde.py", "_serde_cell"): "twins",
    ("conformance/judge/harness.py", "_duckdb_cell"): "oracles",
    ("conformance/judge/harness.py", "plain"): "oracles",
    ("conformance/judge/harness.py", "duckdb"): "oracles",
    ("conformance/judge/harness.py", "classify"): "comparison",
    ("conformance/judge/harness.py", "plan_shape"): "comparison",
    ("conformance/judge/compare.py", "difference"): "comparison",
    ("conformance/judge/flags.py", "untruthful_flags"): "comparison",
    ("conformance/run/driver.py", "_known"): "comparison",
    ("conformance/run/driver.py", "fingerprints"): "comparison",
    ("conformance/run/driver.py", "_shape"): "comparison",
    ("conformance/run/recording.py", "write_cells"): "recording",
    ("conformance/run/recording.py", "pending_record"): "recording",
    ("conformance/run/driver.py", "_render"): "recording",
    ("conformance/run/budget.py", "write_coverage"): "recording",
    ("conftest.py", "pytest_sessionfinish"): "recording",
    ("conftest.py", "pytest_terminal_summary"): "recording",
    ("conformance/test_known_issues.py", "test_known_issue_still_reproduces"): "reproducers",
    ("conformance/run/driver.py", "draw"): "generation",
    ("conformance/run/checks.py", "draw"): "generation",
    ("conformance/run/checks.py", "_draw_pipeline"): "generation",
    ("conformance/run/corpus.py", "draw"): "generation",
    ("conformance/run/supervisor.py", "_attempt"): "waiting",
    ("conformance/run/supervisor.py", "_start"): "waiting",
    ("xdist/dsession.py", "loop_once"): "waiting",
}
SHRINKER = (
    "hypothesis/internal/conjecture/shrinker.py",
    "hypothesis/internal/conjecture/shrinking/",
)
DRIVER = ("conformance/run/driver.py", "drive")
CHECKER = ("conformance/run/worker.py", "_serve")

# The sampler, started in every process of the run by `sitecustomize` (it imports only the
# standard library and this module's tables).
SITECUSTOMIZE = textwrap.dedent(
    """
    import os
    if os.environ.get("{env}"):
        from benchmarks.time_split import start_sampler
        start_sampler(os.environ["{env}"])
    """
).format(env=ENV_VAR)


def classify(stack: Sequence[tuple[str, str]]) -> str:
    """The category of one sample: `stack` is (file, function) from the outermost frame in."""
    files = [f.replace(os.sep, "/") for f, _ in stack]
    if not any(
        f.endswith(DRIVER[0]) and fn == DRIVER[1] for f, (_, fn) in zip(files, stack, strict=True)
    ):
        in_checker = any(f.endswith(CHECKER[0]) for f in files)
        in_pytest = any("/_pytest/" in f or "/xdist/" in f or "/pluggy/" in f for f in files)
        if not in_checker and not in_pytest:
            return "child"  # a reproducer, a configuration lane's engine: its parent waits
        for file, (_, function) in zip(files, stack, strict=True):
            for (suffix, name), category in MARKERS.items():
                if function == name and file.endswith(suffix):
                    return category
        innermost = stack[-1][1] if stack else ""
        if in_checker:
            return (
                "idle" if innermost in {"_recv", "_read_exact", "readinto", "read"} else "startup"
            )
        if any("/execnet/" in f for f in files):
            return "idle"  # an xdist worker waiting for its next item
        return "startup"
    if any(any(s in f for s in SHRINKER) for f in files):
        return "shrinking"
    found = None
    for file, (_, function) in zip(files, stack, strict=True):
        if found is None and ("/strategies/" in file or "polars/testing/parametric" in file):
            return "generation"
        for (suffix, name), category in MARKERS.items():
            if function == name and file.endswith(suffix):
                if found is None and category != "twins":
                    return category
                if found is None:
                    found = category
                elif category not in POLARS_EXECUTION:
                    return category  # a twin's comparison is comparison, its reference a reference
    return found or "framework"


def _in_polars(frame: Any) -> bool:
    """Whether a thread's stack (innermost `frame` outwards) is inside the polars package."""
    while frame is not None:
        if POLARS_FILES in frame.f_code.co_filename.replace(os.sep, "/"):
            return True
        frame = frame.f_back
    return False


def start_sampler(out_dir: str) -> None:
    """Sample this process's threads every `INTERVAL_S` into `<out_dir>/<pid>.json`, written every
    two seconds (a killed checking process loses at most that) and at exit."""
    import atexit
    import threading

    totals: dict[str, float] = {}
    on_cpu: dict[str, float] = {}  # the process's CPU time (every thread) in each category
    path = Path(out_dir) / f"{os.getpid()}.json"
    started = time.time()

    def flush() -> None:
        counted = {k: round(v, 4) for k, v in totals.items()}
        if set(counted) - {"child"}:
            # the sampler's thread and the exit hook may both flush: each its own temporary file
            tmp = path.with_suffix(f".{threading.get_ident()}.tmp")
            span = {"start": started, "end": time.time(), "parent": os.getppid()}
            cpu = {k: round(v, 4) for k, v in on_cpu.items()}
            payload = {"argv": sys.orig_argv, "seconds": counted, "cpu": cpu, **span}
            tmp.write_text(json.dumps(payload))
            os.replace(tmp, path)

    def sample() -> None:
        me = threading.get_ident()
        last, last_cpu = time.perf_counter(), time.process_time()
        written = last
        while True:
            time.sleep(INTERVAL_S)
            now = time.perf_counter()
            best = "child"
            main = threading.main_thread().ident
            frames = sys._current_frames()
            for ident in sorted(frames, key=lambda i: i != main):
                if ident == me:
                    continue
                stack = []
                frame = frames[ident]
                while frame is not None:
                    stack.append((frame.f_code.co_filename, frame.f_code.co_name))
                    frame = frame.f_back
                category = classify(stack[::-1])
                if category not in ("child", "idle"):
                    best = category
                    break
                if category == "idle":
                    best = "idle"
            totals[best] = totals.get(best, 0.0) + (now - last)
            cpu_now = time.process_time()
            on_cpu[best] = on_cpu.get(best, 0.0) + (cpu_now - last_cpu)
            last_cpu = cpu_now
            if any(_in_polars(frames[i]) for i in frames if i != me):
                totals[IN_POLARS] = totals.get(IN_POLARS, 0.0) + (now - last)
            last = now
            if now - written > 2.0:
                flush()
                written = now

    threading.Thread(target=sample, name="time-split-sampler", daemon=True).start()
    atexit.register(flush)


def busy_seconds() -> float | None:
    """Seconds the machine's cores have been busy since boot (Linux' /proc/stat; None elsewhere).

    Machine-wide, as the processes of a run are: the CPU time of its descendants is lost where
    a parent exits without waiting for them (xdist's workers)."""
    try:
        ticks = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + ticks[4]  # idle and iowait, of user nice system idle iowait irq softirq steal
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK")


HELD = "held until killed (a hung query; not sampled)"


def held_seconds(processes: Sequence[dict]) -> float:
    """Time checking processes were held until the watchdog killed them: a query that holds the
    interpreter (a Polars hang in native code) stops the sampler too, so that time shows only as
    the gap between a checking process's last sample and its successor's start. A process that
    crashed or retired leaves a gap too, of its last unflushed samples (at most two seconds) and
    its successor's start: counted here alike."""
    checkers: dict[int, list[dict]] = {}
    for process in processes:
        if "conformance.run.worker" in " ".join(process["argv"]):
            checkers.setdefault(process["parent"], []).append(process)
    held = 0.0
    for line in checkers.values():
        line.sort(key=lambda p: p["start"])
        held += sum(max(b["start"] - a["end"], 0.0) for a, b in itertools.pairwise(line))
    return held


def _workers(args: Sequence[str]) -> int:
    """How many pytest processes run checks: `-n N` (or `auto`), else one."""
    for i, arg in enumerate(args):
        value = None
        if arg in ("-n", "--numprocesses") and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--numprocesses="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-n") and len(arg) > 2:
            value = arg[2:]
        if value is not None:
            if value in ("auto", "logical"):
                return os.cpu_count() or 1
            return max(int(value), 1)
    return 1


def waited_for_hangs(records: Sequence[dict]) -> dict[str, float]:
    """Seconds cells waited for a query that ran past its limit, by the category that waited: a
    Polars twin's cell (its variant says which) or a lane's. A hang that held the interpreter is
    `held_seconds`'; the DuckDB twin's is a reference's, not counted as Polars execution anyway;
    a baseline that hung is waited for once per input and stays in the baseline's row."""
    waited: dict[str, float] = {}
    for r in records:
        if r["outcome"] != "timeout" or not r.get("detail", "").startswith("no result within"):
            continue
        variant = r["variant"]
        if variant == "duckdb":
            continue
        category = "twins" if variant == "eager" or variant.startswith("serde-") else "lanes"
        waited[category] = waited.get(category, 0.0) + r["duration_s"]
    return waited


def lane_examples(records: Sequence[dict]) -> int:
    """Inputs checked on a lane: each lane's all-on cell of an example, plan probes aside."""
    return sum(
        1
        for r in records
        if r["variant"] == "all-on"
        and r["outcome"] not in ("native", "fallback")
        and not r.get("detail", "").startswith("plan probe raised")
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "-h" in args or "--help" in args:
        print(__doc__)
        return 0
    workers = _workers(args)
    with tempfile.TemporaryDirectory(prefix="time-split-") as tmp:
        samples, site = Path(tmp, "samples"), Path(tmp, "site")
        given = [a.split("=", 1)[1] for a in args if a.startswith("--results-dir=")]
        results = Path(given[-1]) if given else Path(tmp, "results")
        args = [a for a in args if not a.startswith("--results-dir=")]
        for d in (samples, site):
            d.mkdir()
        (site / "sitecustomize.py").write_text(SITECUSTOMIZE)
        path = [str(site), str(ROOT), os.environ.get("PYTHONPATH", "")]
        env = {
            **os.environ,
            ENV_VAR: str(samples),
            "PYTHONPATH": os.pathsep.join(filter(None, path)),
        }
        command = [
            sys.executable,
            "-m",
            "pytest",
            "conformance",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--results-dir={results}",
            *args,
        ]
        print("$", shlex.join(command[1:]), flush=True)
        start = time.perf_counter()
        before = busy_seconds()
        proc = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        wall = time.perf_counter() - start
        after = busy_seconds()
        time.sleep(0.1)
        totals: dict[str, float] = {}
        cpu_in: dict[str, float] = {}
        processes = [json.loads(file.read_text()) for file in samples.glob("*.json")]
        for process in processes:
            for category, seconds in process["seconds"].items():
                totals[category] = totals.get(category, 0.0) + seconds
            for category, seconds in process.get("cpu", {}).items():
                cpu_in[category] = cpu_in.get(category, 0.0) + seconds
        held = held_seconds(processes)
        payload = (
            json.loads((results / "results.json").read_text())
            if (results / "results.json").exists()
            else {}
        )
    tail = [line for line in proc.stdout.splitlines() if line.strip()][-1:] or [proc.stderr[-500:]]
    print(f"pytest exit code {proc.returncode}: {tail[0]}")
    # shares are of the workers' time (each worker a chain of processes, one step at a time);
    # throughput is per core: more workers than cores share the cores
    worker_s = wall * workers
    cores = min(workers, os.cpu_count() or workers)
    counted = sum(v for k, v in totals.items() if k not in (*NOT_COUNTED, IN_POLARS))
    print(f"wall {wall:.1f}s x {workers} worker(s) = {worker_s:.1f} worker-seconds")
    # on CPU: the process's CPU time while in the category (its Polars threads' too, a child
    # engine's not): far under the wall time, the category waits (on a child process, a sleep)
    print(f"  {'':<52} {'wall':>9}  {'share':>5}  {'on CPU':>6}")
    for key, label in CATEGORIES.items():
        seconds = totals.get(key, 0.0)
        cpu_s = cpu_in.get(key, 0.0)
        print(f"  {label:<52} {seconds:8.1f}s  {100 * seconds / worker_s:5.1f}%  {cpu_s:6.1f}s")
    print(f"  {HELD:<52} {held:8.1f}s  {100 * held / worker_s:5.1f}%")
    idle = max(worker_s - counted - held, 0.0)
    print(
        f"  {'idle (nothing to do, unaccounted)':<52} {idle:8.1f}s  {100 * idle / worker_s:5.1f}%"
    )
    # a Polars query runs on every core, so one worker may keep more than one core busy; and a
    # streaming query on a small input waits between its threads: what more workers can fill
    if before is not None and after is not None:
        print(
            f"the machine's cores were busy {after - before:.1f}s: {(after - before) / wall:.2f} "
            f"of {os.cpu_count()} cores on average (any process counts: run it on a quiet machine)"
        )
    # the goal's measure; the figure without the twins is kept comparable with earlier runs. A
    # query that hung without holding the interpreter was waited for until its limit as a lane:
    # that wait is no work, so it is not counted as Polars execution
    records = payload.get("records", [])
    hung = {k: min(v, totals.get(k, 0.0)) for k, v in waited_for_hangs(records).items()}
    label = "of these: waiting for hung queries to time out"
    print(f"  {label:<52} {sum(hung.values()):8.1f}s")
    polars = sum(totals.get(k, 0.0) - hung.get(k, 0.0) for k in POLARS_EXECUTION)
    alone = totals.get("baseline", 0.0) + totals.get("lanes", 0.0) - hung.get("lanes", 0.0)
    print(
        f"Polars execution (baseline + lanes + Polars twins): {100 * polars / worker_s:.1f}% of "
        f"worker time (baseline + lanes alone: {100 * alone / worker_s:.1f}%)"
    )
    inside = totals.get(IN_POLARS, 0.0)
    print(
        f"inside Polars (any work's calls into the polars package, child engines included): "
        f"{100 * inside / worker_s:.1f}% of worker time"
    )
    examples = lane_examples(records)
    print(
        f"examples (input x lane): {examples} in {wall:.1f}s = {examples / wall:.2f} per second, "
        f"{examples / (wall * cores):.2f} per second per core ({cores} in use); {len(records)} records"
    )
    coverage = payload.get("coverage")
    if coverage:
        inputs = sum(entry["examples"] for entry in coverage.values())
        print(f"inputs drawn (each checked on every lane of its check): {inputs}")
    return 0 if proc.returncode in (0, 1) else proc.returncode


if __name__ == "__main__":
    raise SystemExit(main())

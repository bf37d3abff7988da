"""Bug-finding power: which registered discrepancies each run met, judged by one registry.

    python -m benchmarks.registered_reach RESULTS_DIR [RESULTS_DIR ...]
    python -m benchmarks.registered_reach /tmp/before/results results      # before vs after

reads each run's `results.json`, matches every failing record again against the registry in use
(the shipped one, or `$POLARS_CONFORMANCE_KNOWN_ISSUES`), and prints per run the distinct
registry entries its records met, its minutes, and a table of the entries each run met. A run
made by an older checkout (with a smaller registry of its own) is judged by the same registry as
a new one, so the counts compare what the runs found, not what their registries knew.

A failing record that was shrunk carries its query's code, and an entry's `query` pattern (the
construct a generated query must contain) is checked against it; one recorded without it (an
example whose symptom was already shrunk) is judged without the pattern, so a generic entry may
explain such a record where the run's own judgement, which had the code, did not. Every run is
judged the same way. Run it with the Python whose Polars made the results: an entry's release
range is read against the installed Polars.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from conformance.errors import ConformanceUsageError
from conformance.judge.known_issues import KnownIssue, load_registry, match
from conformance.version import POLARS_VERSION_STRING
from reports.outcomes import is_failure


@dataclass(frozen=True)
class Reach:
    """What one run met: registry ids with their failing cells, and the run's length."""

    name: str
    minutes: float
    failing: int
    unexplained: int
    met: Counter[str]


def _minutes(data: dict) -> float:
    """From the run's start (its budget's, else its first record) to its last record."""
    stamps = [
        float(r["timestamp"]) for r in data["records"] if r.get("timestamp") not in (None, "None")
    ]
    if not stamps:
        return 0.0
    budget = data.get("budget") or {}
    start = float(budget.get("start") or min(stamps))
    return (max(stamps) - start) / 60


def reach(results: Path, issues: list[KnownIssue]) -> Reach:
    """Match every failing record of one `results.json` against `issues` (with their query
    patterns where the record has its query's code, without them where it has none)."""
    without_query = [replace(i, query=None) for i in issues]
    data = json.loads(results.read_text(encoding="utf-8"))
    version = data.get("polars_version")
    if version != POLARS_VERSION_STRING:
        raise ConformanceUsageError(
            f"{results} was made with Polars {version}; this Python has {POLARS_VERSION_STRING}: "
            "run this with the Python of that release"
        )
    met: Counter[str] = Counter()
    failing = unexplained = 0
    for record in data["records"]:
        if not is_failure(record["outcome"]):
            continue
        failing += 1
        reproduce = record.get("reproduce")
        source = reproduce.get("query") if isinstance(reproduce, dict) else None
        found = match(
            issues if source else without_query,
            record["operation"],
            record["lane"],
            record["variant"],
            record["outcome"],
            record.get("detail") or "",
            source or "",
        )
        if found:
            met[found] += 1
        else:
            unexplained += 1
    return Reach(str(results.parent), _minutes(data), failing, unexplained, met)


def render(runs: list[Reach]) -> str:
    lines = []
    for i, run in enumerate(runs, 1):
        per_minute = len(run.met) / run.minutes if run.minutes else 0.0
        lines.append(
            f"[{i}] {run.name}: {len(run.met)} distinct registered discrepancies met in "
            f"{run.minutes:.1f} min ({per_minute:.2f} per minute); {run.failing} failing cells, "
            f"{run.unexplained} explained by no entry"
        )
    ids = sorted(set().union(*(r.met for r in runs)))
    lines.append("")
    lines.append("entry".ljust(60) + "".join(f"[{i}]".rjust(8) for i in range(1, len(runs) + 1)))
    for issue_id in ids:
        cells = "".join(str(r.met.get(issue_id, "-")).rjust(8) for r in runs)
        lines.append(issue_id.ljust(60) + cells)
    if len(runs) > 1:
        for i, run in enumerate(runs, 1):
            others = set().union(*(r.met for r in runs if r is not run))
            only = sorted(set(run.met) - others)
            lines.append(f"only [{i}]: {len(only)}" + (f" ({', '.join(only)})" if only else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "results", nargs="+", type=Path, help="a results directory (or its results.json)"
    )
    args = parser.parse_args(argv)
    try:
        issues = load_registry()
        runs = [reach(p / "results.json" if p.is_dir() else p, issues) for p in args.results]
    except (ConformanceUsageError, OSError, ValueError, KeyError) as exc:  # not a results file
        print(f"registered_reach: {exc}", file=sys.stderr)
        return 2
    print(render(runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How much of Polars the generated queries reach, and how varied their plans are.

    python -m benchmarks.query_space --n 2000 --seed 0            # the typed generator
    python -m benchmarks.query_space --n 1000 --compare           # beside today's pipelines
    python -m benchmarks.query_space --records results/           # reproducer sizes of a run

- API reach: the share of the installed Polars' public `Expr` methods, namespace methods, `pl.`
  expression functions and `LazyFrame` methods that appear in the drawn queries; the APIs left
  out on purpose are listed with their reason, and the ones neither reached nor excluded by name.
- Plan diversity: distinct optimized-plan shapes (`explain()` with names and literals
  normalised), and the share of plans each optimizer pass changes when turned off alone.
- Reproducer size: the median number of query lines in the reproducers of a run's generated
  discrepancies (`--records`).
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, Phase, given, seed, settings
from polars.exceptions import PanicException

from conformance.engines.passes import BASELINE, all_variants
from reports.outcomes import is_failure
from strategies.queries.generate import GeneratedQuery, queries
from strategies.queries.plans import LAZYFRAME_EXCLUDED
from strategies.queries.table import EXCLUDED

NAMESPACES = ("str", "dt", "list", "arr", "struct", "cat", "bin", "name")
_ENGINE = (
    {"engine": "in-memory"}
    if "engine" in inspect.signature(pl.LazyFrame.explain).parameters
    else {}
)
_RUN_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_NUMBER = re.compile(r"(?<![A-Za-z_])-?\d+(?:\.\d+)?(?:e-?\d+)?")
_NAME = re.compile(r'col\("[^"]*"\)')


def surface() -> dict[str, set[str]]:
    """The installed Polars' public query-building API, by group, as the grammar names it."""
    expr = {f"Expr.{n}" for n in dir(pl.Expr) if not n.startswith("_")} - {
        f"Expr.{ns}" for ns in (*NAMESPACES, "meta", "map", "ext")
    }
    groups = {"Expr": expr}
    for ns in (*NAMESPACES, "map"):
        owner = getattr(pl.col("_"), ns, None)
        if owner is not None:
            groups[ns] = {f"{ns}.{n}" for n in dir(type(owner)) if not n.startswith("_")}
    groups["pl"] = {f"pl.{n}" for n in pl.functions.__all__}
    groups["LazyFrame"] = {f"LazyFrame.{n}" for n in dir(pl.LazyFrame) if not n.startswith("_")}
    return groups


def draw(n: int, seed_value: int, strategy: Callable[[], object] = queries) -> list:
    drawn: list = []

    @seed(seed_value)
    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy())
    def collect(query: object) -> None:
        drawn.append(query)

    collect()
    return drawn


def reach(drawn: Sequence[GeneratedQuery]) -> str:
    used = set().union(*(q.used for q in drawn))
    excluded = {**EXCLUDED, **LAZYFRAME_EXCLUDED}
    lines = [f"{'group':<10} {'public':>6} {'excluded':>8} {'reached':>7} {'reach':>6}"]
    total_public = total_excluded = total_reached = 0
    missing: list[str] = []
    for group, names in surface().items():
        out = {n for n in names if n in excluded}
        reached = {n for n in names if n in used}
        share = len(reached) / max(1, len(names) - len(out))
        lines.append(f"{group:<10} {len(names):>6} {len(out):>8} {len(reached):>7} {share:>6.1%}")
        total_public += len(names)
        total_excluded += len(out)
        total_reached += len(reached)
        missing += sorted(names - out - reached)
    share = total_reached / max(1, total_public - total_excluded)
    lines.append(
        f"{'all':<10} {total_public:>6} {total_excluded:>8} {total_reached:>7} {share:>6.1%}"
    )
    lines.append(f"\nneither reached nor excluded ({len(missing)}): {', '.join(missing) or '-'}")
    lines.append(f"\nexcluded on purpose ({len(excluded)}):")
    lines += [f"  {name}: {why}" for name, why in sorted(excluded.items())]
    return "\n".join(lines)


def _plan(query: object, schemas: Sequence[dict], **kwargs: object) -> str:
    frames = [pl.LazyFrame(schema=s) for s in schemas]
    text = query(*frames).explain(**_ENGINE, **kwargs)  # type: ignore[operator]
    return _RUN_ID.sub("<id>", text)


def shape(plan: str) -> str:
    """A plan with column names and literals masked: what kind of plan it is, not its values."""
    return _NUMBER.sub("0", _STRING.sub('"_"', _NAME.sub("col(_)", plan)))


def diversity(drawn: Sequence, label: str) -> str:
    shapes: set[str] = set()
    changed: Counter[str] = Counter()
    failed = rewritten = 0
    passes = [v for v in all_variants() if len(v.disabled) == 1]
    for q in drawn:
        try:
            optimized = _plan(q.query, q.schemas, **BASELINE.collect_kwargs())
            shapes.add(shape(optimized))
            rewritten += optimized != _plan(q.query, q.schemas, optimized=False)
            for variant in passes:
                if _plan(q.query, q.schemas, **variant.collect_kwargs()) != optimized:
                    changed[variant.disabled[0]] += 1
        except (Exception, PanicException):  # a plan Polars cannot explain counts as no shape
            failed += 1
    n = len(drawn)
    lines = [
        f"{label}: {n} queries, {len(shapes)} distinct optimized-plan shapes "
        f"({len(shapes) / max(1, n) * 1000:.0f} per 1,000), {rewritten / max(1, n):.1%} rewritten"
        + (f", {failed} not explainable" if failed else "")
    ]
    lines += [f"  {name:<28} {count / max(1, n):>6.1%}" for name, count in changed.most_common()]
    return "\n".join(lines)


def reproducer_sizes(results: Path) -> str:
    """Query lines per distinct failing query of a run's generated checks (`query`, `pipeline`),
    registered or not: what a reader of its reproducer has to read."""
    data = json.loads((results / "results.json").read_text())
    sizes: dict[str, dict[str, int]] = {}
    for record in data.get("records", []):
        query = (record.get("reproduce") or {}).get("query")
        if record.get("operation") not in ("query", "pipeline") or not query:
            continue
        if not is_failure(record.get("outcome", "")):
            continue
        lines = [ln for ln in query.splitlines() if ln.strip()]
        sizes.setdefault(record["operation"], {})[query] = len(lines)
    if not sizes:
        return "no generated discrepancies in these records"
    return "\n".join(
        f"{check}: {len(v)} failing queries, median {statistics.median(v.values())} query lines "
        f"(max {max(v.values())})"
        for check, v in sizes.items()
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="queries to draw (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0)")
    parser.add_argument("--compare", action="store_true", help="also measure today's pipelines")
    parser.add_argument("--records", type=Path, help="a run's results directory")
    args = parser.parse_args(argv)
    if args.records is not None:
        print(reproducer_sizes(args.records))
        return 0
    start = time.perf_counter()
    drawn = draw(args.n, args.seed)
    print(
        f"Polars {pl.__version__}, seed {args.seed}: drew {len(drawn)} queries in {time.perf_counter() - start:.1f}s"
    )
    print(reach(drawn))
    print()
    print(diversity(drawn, "typed generator"))
    if args.compare:
        from strategies.pipelines import pipelines

        print(diversity(draw(args.n, args.seed, pipelines), "pipelines"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

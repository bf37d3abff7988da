"""How often a generated pipeline gives the optimizer work: plans rewritten, by step kind and pass.

A pipeline counts as rewritten when its optimized plan (`explain()`) differs from its unoptimized
plan (`explain(optimized=False)`); a pass counts for a pipeline when turning it off alone changes
the optimized plan. Pipelines whose plans the optimizer leaves alone test nothing but the engines,
so the strategy is tuned until most of them are rewritten.

    python -m benchmarks.plan_rewrites --n 500
"""

from __future__ import annotations

import argparse
import inspect
import re
import time
from collections import Counter
from collections.abc import Sequence

import polars as pl
from hypothesis import HealthCheck, Phase, given, seed, settings

from conformance.engines.passes import BASELINE, all_variants
from strategies.pipelines import STEP_KINDS, Pipeline, pipelines

# On Polars 2.x `engine="auto"` means streaming: plans are read for the in-memory engine, the
# baseline of every comparison, wherever `explain` lets the engine be named.
_ENGINE = (
    {"engine": "in-memory"}
    if "engine" in inspect.signature(pl.LazyFrame.explain).parameters
    else {}
)


# Cache and dynamic-predicate ids are fresh on every `explain`: they are not a rewrite.
_RUN_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def draw_pipelines(n: int, seed_value: int) -> list[Pipeline]:
    """`n` pipelines as the conformance run draws them (Hypothesis' generation phase)."""
    drawn: list[Pipeline] = []

    @seed(seed_value)
    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(pipelines())
    def collect(pipeline: Pipeline) -> None:
        drawn.append(pipeline)

    collect()
    return drawn


def _plan(pipeline: Pipeline, **kwargs: object) -> str:
    frames = [pl.DataFrame(schema=schema).lazy() for schema in pipeline.schemas]
    plan = pipeline.query(*frames).explain(**_ENGINE, **kwargs)  # type: ignore[arg-type]
    return _RUN_ID.sub("<id>", plan)


def measure(drawn: Sequence[Pipeline]) -> tuple[Counter[str], Counter[str], Counter[str], int]:
    """Per step kind: pipelines holding it and how many were rewritten; per pass: plans it changed."""
    holding: Counter[str] = Counter()
    rewritten: Counter[str] = Counter()
    by_pass: Counter[str] = Counter()
    failed = 0
    passes = [v for v in all_variants() if len(v.disabled) == 1]
    for pipeline in drawn:
        try:
            optimized = _plan(pipeline, **BASELINE.collect_kwargs())
            changed = optimized != _plan(pipeline, optimized=False)
            for variant in passes:
                if _plan(pipeline, **variant.collect_kwargs()) != optimized:
                    by_pass[variant.disabled[0]] += 1
        except Exception:  # a plan Polars refuses to build is not rewritten
            failed += 1
            changed = False
        for kind in {*pipeline.steps, "(any)"}:
            holding[kind] += 1
            rewritten[kind] += changed
    return holding, rewritten, by_pass, failed


def render(
    holding: Counter[str], rewritten: Counter[str], by_pass: Counter[str], failed: int, n: int
) -> str:
    lines = [f"{'step kind':<14} {'pipelines':>9} {'rewritten':>9} {'fraction':>8}"]
    for kind in (*STEP_KINDS, "(any)"):
        if holding[kind]:
            share = rewritten[kind] / holding[kind]
            lines.append(f"{kind:<14} {holding[kind]:>9} {rewritten[kind]:>9} {share:>8.1%}")
    lines.append(f"\n{'pass off alone':<22} {'plans changed':>13} {'fraction':>8}")
    for name, count in by_pass.most_common():
        lines.append(f"{name:<22} {count:>13} {count / n:>8.1%}")
    if failed:
        lines.append(f"\n{failed} pipeline(s) whose plan could not be built")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="pipelines to draw (default 500)")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    drawn = draw_pipelines(args.n, args.seed)
    holding, rewritten, by_pass, failed = measure(drawn)
    steps = Counter(len(p.steps) for p in drawn)
    print(
        f"Polars {pl.__version__}: {len(drawn)} pipelines (seed {args.seed}), "
        f"{sum(p.ordered for p in drawn)} ordered, steps per pipeline "
        + ", ".join(f"{k}: {steps[k]}" for k in sorted(steps))
    )
    print(render(holding, rewritten, by_pass, failed, len(drawn)))
    print(f"\n{time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

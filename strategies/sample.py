"""Print generated queries as Python source, so a person can read what the generator draws.

    python -m strategies.sample --n 500 --seed 0

Queries are separated by blank lines; each ends with a comment naming its steps and whether its
row order is defined. The same seed prints the same queries on the same Polars release.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from hypothesis import HealthCheck, Phase, given, seed, settings

from strategies.queries.generate import GeneratedQuery, queries


def sample(n: int, seed_value: int) -> Iterator[GeneratedQuery]:
    """`n` queries drawn by Hypothesis from `seed_value` (generation only: no shrinking)."""
    drawn: list[GeneratedQuery] = []

    @seed(seed_value)
    @settings(
        max_examples=n,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(queries())
    def collect(query: GeneratedQuery) -> None:
        drawn.append(query)

    collect()
    return iter(drawn[:n])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m strategies.sample", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--n", type=int, default=20, help="how many queries (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    for query in sample(args.n, args.seed):
        sys.stdout.write(
            f"{query.source}\n# steps: {', '.join(query.steps)}; ordered: {query.ordered}\n\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""cumulative_eval of a literal in an aggregation is planned as a scalar but gives a list.

`group_by("k").agg(pl.lit(0).cumulative_eval(pl.element().sum()))` is planned as Int32
(`collect_schema()`), and the streaming engine answers Int32; the in-memory engine answers
List(Int32) (`[0]` per group), and under `group_by_dynamic` both engines do. `pl.lit(0).cum_sum()`
or `.reverse()` in the same place answer Int32 everywhere (1.30 planned and answered List(Int32)).
Found by the generated-query check. Exits 1 while a result's dtype is not the planned one, 0 once
they agree. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

frame = pl.LazyFrame({"k": [1, 1, 2]})
evaluated = pl.lit(0).cumulative_eval(pl.element().sum()).alias("a")
queries = {
    "group_by": frame.group_by("k", maintain_order=True).agg(evaluated),
    "group_by_dynamic": frame.sort("k").group_by_dynamic("k", every="1i").agg(evaluated),
    # an aggregation's cumulative_eval in a window alike
    "over": frame.select(
        pl.col("k").kurtosis().cumulative_eval(pl.element().sum()).over("k").alias("a")
    ),
}
wrong = False
for name, query in queries.items():
    planned = query.collect_schema()["a"]
    results = {engine: query.collect(engine=engine) for engine in ("in-memory", "streaming")}
    for engine, got in results.items():
        print(
            f"Polars {pl.__version__} {name} {engine}: column 'a' is {got['a'].dtype}, "
            f"planned {planned}: {got['a'].to_list()}"
        )
        wrong |= got["a"].dtype != planned
    try:
        assert_frame_equal(results["in-memory"], results["streaming"])
    except AssertionError as exc:
        print(f"in-memory vs streaming: {exc}")
sys.exit(1 if wrong else 0)

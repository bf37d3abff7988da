"""product, cum_sum and cum_prod of UInt128 are planned as Int64 but computed as UInt128: panics.

The planner gives `product`, `cum_sum` and `cum_prod` of a UInt128 column the dtype Int64 while
the kernels return UInt128. Whatever is built from the planned dtype then panics on the UInt128
values: a group_by `product()` (every engine: SchemaMismatch unwrap), the streaming reduction
after `cum_sum()` (`values.dtype() == &self.in_dtype`), the streaming window with
mapping_strategy="join" (`cannot build list with different dtypes`). Exits 1 while any of them
panics or the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame({"k": [1, 1, 2], "a": pl.Series([1, 2, 3], dtype=pl.UInt128)})
queries = {
    "group_by product": frame.group_by("k").agg(pl.col("a").product()).sort("k"),
    "cum_sum().last()": frame.select(pl.col("a").cum_sum().last()),
    "cum_sum().over(join)": frame.select(pl.col("a").cum_sum().over("k", mapping_strategy="join")),
}
broken = False
for label, query in queries.items():
    outcomes = {}
    for engine in ("in-memory", "streaming"):
        try:
            outcomes[engine] = query.collect(engine=engine).to_dicts()
        except PanicException as exc:  # the symptom; anything else means the reproducer broke
            outcomes[engine] = f"panicked: {str(exc).splitlines()[0]}"
    broken |= outcomes["in-memory"] != outcomes["streaming"] or any(
        "panicked" in str(o) for o in outcomes.values()
    )
    print(f"Polars {pl.__version__}: {label}: planned {query.collect_schema()}")
    for engine, outcome in outcomes.items():
        print(f"  {engine}: {outcome}")
sys.exit(1 if broken else 0)

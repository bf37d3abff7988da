"""A query with list.eval (list.unique, list.n_unique, list.reverse) changes how its input serializes.

Running `list.eval`, `list.unique`, `list.n_unique` or `list.reverse` caches a statistics flag
(HAS_TRIMMED_LISTS_TO_NORMALIZED_OFFSETS) on the input column in place, and DataFrame/LazyFrame
serialization writes those flags (the `_PL_FLAGS` field metadata), so serializing the same,
unchanged input gives other bytes after the query has run.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

queries = {
    "list_eval": pl.col("l").list.eval(pl.element() * 2),
    "list_unique": pl.col("l").list.unique(),
    "list_n_unique": pl.col("l").list.n_unique(),
    # the catalog's list_sort_reverse and list_concat run list.reverse()
    "list_sort_reverse": pl.col("l").list.reverse(),
    "list_concat": pl.col("l").list.concat(pl.col("l").list.reverse()),
}
changed = False
for name, expr in queries.items():
    df = pl.DataFrame({"l": [[1, None], None, [], [2, 2]]}, schema={"l": pl.List(pl.Int64)})
    plan = df.lazy().select(pl.col("l"))
    frame_before, plan_before = df.serialize(), plan.serialize()
    df.lazy().select(expr).collect(engine="in-memory")
    frame_same, plan_same = df.serialize() == frame_before, plan.serialize() == plan_before
    print(f"Polars {pl.__version__}: after a {name} query on it, the input DataFrame serializes")
    print(f"  to the same bytes: {frame_same}; a plan over it: {plan_same}")
    if not plan_same:
        print(
            f"{name}: the plan serializes (binary) to other bytes after collecting it on the lane"
        )
    changed = changed or not (frame_same and plan_same)
sys.exit(1 if changed else 0)

"""A left join drops the outer validity of a null struct column when the left frame has several
chunks, on the in-memory engine only: null structs come back as structs of nulls.

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

part = pl.DataFrame(
    {"k": [None, None, 0], "a": [None, None, None]},
    schema={"k": pl.Int8, "a": pl.Struct({"f0": pl.Int8})},
)
left = pl.concat([part, part], rechunk=False)  # two chunks
right = pl.DataFrame({"k": [0, 0], "b": [1, 2]}, schema={"k": pl.Int8, "b": pl.Int8})
query = left.lazy().join(right.lazy(), on="k", how="left")
nulls = {e: query.collect(engine=e)["a"].null_count() for e in ("in-memory", "streaming")}
print(f"Polars {pl.__version__}: input has {left['a'].null_count()} null structs; output {nulls}")
# what the catalog's sql_context_left_join_count sees: in memory the structs of nulls are counted
count = pl.SQLContext(l=right.lazy(), r=left.lazy()).execute(
    "SELECT l.k, COUNT(r.a) AS matches FROM l LEFT JOIN r ON l.k = r.k GROUP BY l.k"
)
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(count.collect(engine="in-memory"), count.collect(engine="streaming"))
except AssertionError as exc:
    print(exc)
sys.exit(0 if nulls["in-memory"] == nulls["streaming"] else 1)

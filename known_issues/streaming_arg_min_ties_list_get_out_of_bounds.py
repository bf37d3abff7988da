"""A streaming arg_min of tied minima used as a list.get index runs past the list's end.

The streaming engine's arg_min answers a later index when the minimum is tied (for
["b", "a", "c", "a"]: 3, where the in-memory engine answers 1, the first "a"); the
`streaming-arg-min-ties` cause. Used as the index of `list.get` on a three-element list and windowed
with `over`, the in-memory engine answers 20 and the streaming engine raises OutOfBoundsError
(gather indices are out of bounds). Seen in generated queries (`.with_columns(c("k").arg_min()...)`
then `.list.get(c("e2")).over(...)`) on Polars 2.1.0 on the streaming lanes as an error-divergence;
1.44.2 has it too. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = (
    pl.LazyFrame({"k": ["b", "a", "c", "a"]})
    .with_columns(i=pl.col("k").arg_min())
    .select(x=pl.lit([10, 20, 30]).list.get(pl.col("i")).over("k"))
)
in_memory = query.collect(engine="in-memory")
print(f"Polars {pl.__version__}: in-memory answers {in_memory['x'].to_list()}")
print(
    "arg_min of ['b', 'a', 'c', 'a']: in-memory",
    pl.LazyFrame({"k": ["b", "a", "c", "a"]})
    .select(pl.col("k").arg_min())
    .collect(engine="in-memory")
    .item(),
    "streaming",
    pl.LazyFrame({"k": ["b", "a", "c", "a"]})
    .select(pl.col("k").arg_min())
    .collect(engine="streaming")
    .item(),
)
try:
    streaming = query.collect(engine="streaming")
except pl.exceptions.PolarsError as exc:
    print(f"streaming raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
    sys.exit(1)
if not streaming.equals(in_memory):
    print(f"streaming answers {streaming['x'].to_list()}")
    sys.exit(1)
print("streaming agrees: fixed")
sys.exit(0)

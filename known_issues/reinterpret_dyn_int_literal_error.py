"""reinterpret() of an untyped integer literal raises ComputeError, except on zero rows in streaming.

`pl.lit(-1).reinterpret(signed=False)` raises "cannot reinterpret from Int32 to Unknown(Int(-1))"
(its target dtype is the literal's unresolved dynamic-int type; collect_schema() plans Int32, not
UInt32), while `pl.lit(-1, dtype=pl.Int32).reinterpret(signed=False)` answers 4294967295. Beside an
empty column, with a non-elementwise step before it (cum_max), the streaming engine never runs the
reinterpret and returns an empty Int32 column, so the engines disagree on whether the query raises.
Seen on 1.44.2 and 2.1.0.
Exits 1 while the error is raised, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import ComputeError

frame = pl.LazyFrame({"k": []}, schema={"k": pl.Date})
query = frame.select(pl.col("k"), pl.lit(-1).cum_max().reinterpret(signed=False).alias("e"))
print(f"Polars {pl.__version__}; planned schema: {query.collect_schema()}")
try:
    query.collect(engine="in-memory")
    print("in-memory: answers")
except ComputeError as exc:
    if "Unknown(" not in str(exc):
        raise
    try:
        got = f"returned a frame {query.collect(engine='streaming').schema}"
    except Exception as other:  # the streaming engine raising the same bogus error
        got = f"raised {type(other).__name__}: {str(other).splitlines()[0]}"
    print(f"baseline raised ComputeError: {str(exc).splitlines()[0]}; this cell (streaming) {got}")
    sys.exit(1)
sys.exit(0)

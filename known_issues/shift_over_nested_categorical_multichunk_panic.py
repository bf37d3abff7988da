"""shift().over() of a List(List(Categorical)) column of two null chunks panics in memory.

`It is not possible to concatenate arrays of different data types` (an unwrap in the anonymous
list builder). One chunk, or List(Categorical), or List(List(String)) work.
Exits 1 while the panic exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

one = pl.DataFrame(
    {"k": [None], "x": [None]}, schema={"k": pl.String, "x": pl.List(pl.List(pl.Categorical))}
)
df = pl.concat([one, one], rechunk=False)
print(f"Polars {pl.__version__}: {df.n_chunks()} chunks")
try:
    out = df.lazy().select(pl.col("x").shift(1).over("k")).collect(engine="in-memory")
except PanicException as exc:
    print(f"shift(1).over('k') panicked: {exc}")
    sys.exit(1)
print(out)
sys.exit(0)

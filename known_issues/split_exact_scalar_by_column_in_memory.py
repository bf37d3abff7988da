"""str.split_exact() of a literal string by a column of patterns is one row in memory; the
streaming engine splits it by every pattern.

`pl.lit("").str.split_exact(pl.col("k"), n=2)` over a two-row k should broadcast the literal:
one struct per pattern, as the streaming engine returns. The in-memory engine splits by the first
pattern only and returns a single row (str.splitn does the same), so its count() is 1 where the
streaming engine's is 2. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but
Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

query = pl.LazyFrame({"k": ["", "a"]}).select(
    pl.col("k"), pl.lit("").str.split_exact(pl.col("k"), n=2).count().alias("e0")
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(
    f"Polars {pl.__version__}: count in memory {in_memory['e0'].to_list()}, "
    f"streaming {streaming['e0'].to_list()}"
)
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)

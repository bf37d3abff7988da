"""A streaming full join with maintain_order="right_left" emits the unmatched left rows grouped by
key instead of in the left frame's order (the in-memory engine keeps that order).

Upstream: https://github.com/pola-rs/polars/issues/29362 (fixed by pull request 29371).
Exits 1 while the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

left = pl.LazyFrame({"k": [2, 1] * 20, "a": list(range(40))})
right = pl.LazyFrame(schema={"k": pl.Int64, "b": pl.Int64})
query = left.join(right, on="k", how="full", maintain_order="right_left")
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: left.join(right, on='k', how='full', maintain_order='right_left')")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)

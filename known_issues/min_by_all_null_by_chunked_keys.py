"""group_by min_by/max_by with all-null `by` values returns a value in memory when keys are chunked.

A group whose `by` values are all null has no minimum: min_by/max_by give null, except in the
in-memory engine when the key column has several chunks, where they return the group's value
(the streaming engine gives null). Related upstream report: pola-rs/polars#26918. Exits 1 while
the engines disagree, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

keys = pl.concat([pl.Series("k", [0]), pl.Series("k", [1])], rechunk=False)  # two chunks
frame = pl.DataFrame([keys, pl.Series("x", [1.5, 2.5]), pl.Series("v", [None, None], pl.Int8)])
query = (
    frame.lazy()
    .group_by("k")
    .agg(min_by=pl.col("x").min_by("v"), max_by=pl.col("x").max_by("v"))
    .sort("k")
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(f"Polars {pl.__version__}: in-memory {in_memory.rows()}, streaming {streaming.rows()}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    sys.exit(1)
sys.exit(0)

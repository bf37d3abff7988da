"""entropy() of negative values is NaN on the streaming engine; in memory it is computed.

entropy normalizes by the sum (`x / x.sum()`), so [-1, -2] gives the probabilities 1/3 and 2/3:
the in-memory engine (and Series.entropy) answer 0.6365..., the streaming engine NaN. A broadcast
literal (`pl.lit(-100).entropy()` beside a column) is 0.0 in memory and NaN streaming.
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

failed = False
for label, query in (
    ("select(entropy)", pl.LazyFrame({"x": [-1, -2]}).select(pl.col("x").entropy())),
    (
        "with_columns(lit(-100).entropy())",
        pl.LazyFrame({"x": [1, 2]}).with_columns(e=pl.lit(-100).entropy()),
    ),
):
    in_memory = query.collect(engine="in-memory")
    streaming = query.collect(engine="streaming")
    print(
        f"Polars {pl.__version__}: {label}: in-memory {in_memory.rows()}, streaming {streaming.rows()}"
    )
    try:  # the suite's comparison: the in-memory baseline on the left
        assert_frame_equal(in_memory, streaming)
    except AssertionError as exc:
        print(exc)
        failed = True
sys.exit(1 if failed else 0)

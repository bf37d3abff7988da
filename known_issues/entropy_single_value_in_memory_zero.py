"""entropy(normalize=False) of a single value is 0.0 in memory; the streaming engine computes it.

entropy is `-sum(pk * log(pk))`; with normalize=False a one-value input [3] gives -3*ln(3) =
-3.2958..., as the streaming engine answers. The in-memory engine (and Series.entropy) return 0.0
for every one-value input (a shortcut meant to avoid -0.0 after normalizing), though [3, 3] gives
-6.59... there. A scalar such as `n_unique().entropy(normalize=False)` broadcast beside a column,
or a group of one row in group_by().agg(), shows it alike. Seen in generated queries on the
streaming lanes (streaming, collect_batches, sink_*, collect_all/collect_async on 2.x), Polars
1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run here. Needs nothing but
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

failed = False
for label, query in (
    (
        "select(entropy) of [3]",
        pl.LazyFrame({"x": [3]}).select(pl.col("x").entropy(normalize=False)),
    ),
    (
        "with_columns(n_unique().entropy())",
        pl.LazyFrame({"x": [1, 2, 3]}).with_columns(
            e=pl.col("x").n_unique().entropy(normalize=False)
        ),
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

"""A boolean or/and (or ==) between a reduction of a literal (pl.lit(True).any()) and a column
that holds one broadcast value (with_columns(e0=pl.lit(True)), or of an aggregate) gives ONE row
in memory instead of one per row of the frame; the streaming engine broadcasts it to every row.

With pl.len() beside it (as here) both 1.44.2 and 2.1.0 show it with every pass on; eager
DataFrame.select shows it too. Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

c = pl.col
query = (
    pl.LazyFrame({"k": [1, 2, 3]})
    .with_columns(e0=pl.lit(True))
    .select(pl.len(), pl.lit(True).any().or_(c("e0")).alias("e2"))
)
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(
    f"Polars {pl.__version__}: in-memory {in_memory.height} rows, streaming {streaming.height} rows"
)
if in_memory.height != 3:
    print(
        f"in memory lit(True).any() | <broadcast column> gave {in_memory.height} row(s) for 3 rows"
    )
    try:
        assert_frame_equal(in_memory, streaming)
    except AssertionError as exc:
        print(exc)  # DataFrames are different (height (row count) mismatch) [left]: 1 [right]: 3
    sys.exit(1)
sys.exit(0)

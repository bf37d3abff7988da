"""list.gather of an all-null list column in one-row chunks: List(Int8) before serde, List(Null) after.

On 1.30 to 2.0, list.gather of an all-null list column is typed List(Null) in memory
(list-gather-all-null-planned-list-null), except where the column comes in chunks of one row,
where it keeps List(Int8). A serialization round trip (binary or JSON) carries the frame as one
chunk, so the deserialized plan's result is List(Null): the round trip changes the result's
dtype. Exits 1 while it does, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import io
import warnings

import polars as pl
from polars.testing import assert_frame_equal

row = pl.Series("l", [None], dtype=pl.List(pl.Int8))
frame = pl.DataFrame([pl.concat([row] * 3, rechunk=False)])  # three chunks of one null row
query = frame.lazy().with_columns(ends=pl.col("l").list.gather([0, -1], null_on_oob=True))
baseline = query.collect(engine="in-memory")
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
failed = False
for fmt in ("binary", "json"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # JSON serialization is deprecated on some releases
        data = query.serialize(format=fmt)
        source = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
        got = pl.LazyFrame.deserialize(source, format=fmt).collect(engine="in-memory")
    try:  # the suite's comparison: the baseline on the left
        assert_frame_equal(baseline, got)
    except AssertionError as exc:
        print(f"the plan deserialized from {fmt} gives another result\n{exc}")
        failed = True
sys.exit(1 if failed else 0)

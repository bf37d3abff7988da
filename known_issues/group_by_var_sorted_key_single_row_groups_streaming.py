"""group_by var/std(ddof=0) of a one-row group is 0.0 on a sorted key, whatever the row holds.

On a group key flagged sorted, group_by takes its sorted fast path, and there var/std with ddof=0
answers 0.0 for every group of exactly one row without looking at that row: a null value (no
variance: null) and a non-finite value (-inf, inf, NaN: NaN, as `pl.Series([-inf]).var(ddof=0)`
and the hash path say) both come back 0.0. The streaming engine takes this path for any sorted
key (a Boolean one, a one-row frame); the in-memory engine, the baseline, not for a Boolean key.
A key built by concatenating one-row chunks is flagged sorted, as the suite's chunked inputs are.
Seen on Polars 1.44.2 and 2.1.0 (conformance operation group_by_median_std_var: streaming,
collect_batches, sink_*, collect_all/collect_async on 2.x, sink_batches early stop).
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

from math import inf

import polars as pl
from polars.testing import assert_frame_equal

# two one-row chunks: the Boolean key [True, False] comes out flagged sorted (descending)
frame = pl.concat(
    [
        pl.DataFrame({"k": [True], "v": pl.Series([None], dtype=pl.Float64)}),
        pl.DataFrame({"k": [False], "v": [-inf]}),
    ],
    rechunk=False,
)
query = frame.lazy().group_by("k").agg(std0=pl.col("v").std(ddof=0), var0=pl.col("v").var(ddof=0))
in_memory = query.collect(engine="in-memory").sort("k")
streaming = query.collect(engine="streaming").sort("k")
print(f"Polars {pl.__version__}, key flags {frame['k'].flags}")
print(f"in-memory {in_memory.rows()}, streaming {streaming.rows()}")
failed = False
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    print(exc)
    failed = True
if hasattr(query, "sink_batches"):  # an early stop: its rows must be rows of the full result
    batches = []
    query.sink_batches(lambda batch: batches.append(batch) or True, chunk_size=7)
    full = {repr(r) for r in in_memory.rows()}
    extra = [str(list(r)) for r in pl.concat(batches).rows() if repr(r) not in full]
    if extra:
        print(f"sink_batches, stopped after one batch: rows not in the full result: {extra}")
        failed = True
sys.exit(1 if failed else 0)

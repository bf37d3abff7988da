"""The in-memory left join of a right frame whose Struct column has several chunks drops the outer
validity of the null structs it takes from them (struct-validity-multichunk-left-join): the
result's `null_count()` is 0 where the streaming engine (and the input) has a null struct. Where
the struct's field has a logical dtype (Duration, Datetime, Date, Time, Decimal, Categorical),
assert_frame_equal sees it too: the in-memory baseline and the streaming lane differ in the
struct column ("value mismatch for column "b""), where a struct of Int64 compares equal.

Found by the join_left_maintain_order check (streaming, sink_*, collect_batches, collect_all and
collect_async lanes on 2.1, every variant: the in-memory baseline is the wrong side).
Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl
from polars.testing import assert_frame_equal

left = pl.DataFrame({"k": [0]})
right = pl.DataFrame(
    {"k": [0, 0, 0], "b": [{"f0": datetime.timedelta(1)}, None, {"f0": datetime.timedelta(1)}]},
    schema={"k": pl.Int64, "b": pl.Struct({"f0": pl.Duration("ms")})},
)
right = pl.concat([right.slice(0, 1), right.slice(1)], rechunk=False)  # two chunks
query = left.lazy().join(right.lazy(), on="k", how="left", maintain_order="left_right")
expected = query.collect(engine="in-memory")
got = query.collect(engine="streaming")
nulls = {"in-memory": expected["b"].null_count(), "streaming": got["b"].null_count()}
print(f"Polars {pl.__version__}: input has {right['b'].null_count()} null struct; output {nulls}")
failed = nulls["in-memory"] != nulls["streaming"]
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(expected, got)
except AssertionError as exc:
    print(exc)
    failed = True
sys.exit(1 if failed else 0)

"""A serialization round trip changes the result of a left join whose right frame has a Struct
column in several chunks, because the in-memory engine drops the outer validity of the null
structs it takes from such a frame (struct-validity-multichunk-left-join) and the round trip does
not keep chunks.

In memory the left join's null struct comes back as a struct of nulls (`null_count()` 0); a plan
serialized (binary or JSON) and deserialized carries the right frame in one chunk and keeps the
null struct. Where the struct's field has a logical dtype (here Duration), assert_frame_equal
sees the difference, so the suite's round-trip check on the in-memory lane reports "the plan
deserialized from binary gives another result" (value mismatch for the struct column). Found by
the join_left_maintain_order check. Seen on 1.44.2 and 2.1.0.
Exits 1 while the round trip changes the result, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime
import io
import warnings

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
print(f"Polars {pl.__version__}: in memory the join's null_count is {expected['b'].null_count()}")
failed = False
for fmt in ("binary", "json"):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # some releases deprecate the json format
        data = query.serialize(format=fmt)
        source = io.BytesIO(data) if isinstance(data, bytes) else io.StringIO(data)
        back = pl.LazyFrame.deserialize(source, format=fmt)
    got = back.collect(engine="in-memory")
    try:
        assert_frame_equal(expected, got)
        print(f"the plan deserialized from {fmt} gives the same result")
    except AssertionError as exc:  # the suite's words for the cell
        print(f"the plan deserialized from {fmt} gives another result\n{exc}")
        print(f"(its null_count is {got['b'].null_count()})")
        failed = True
sys.exit(1 if failed else 0)

"""A serialization round trip changes SQL's COUNT over a left join, because the in-memory engine
counts the missing side's null structs when that frame has several chunks, and the round trip
does not keep chunks.

The right frame of `SELECT l.k, COUNT(r.b) AS matches FROM l LEFT JOIN r ON l.k = r.k GROUP BY
l.k` has a Struct column `b` and two chunks (slices of one frame). Null keys match nothing, so
`matches` is 0; the in-memory engine answers 2 (one per left row): its left join turns the null
structs it fills in into structs of nulls, which COUNT counts (struct_validity_multichunk_join.py,
struct-validity-multichunk-left-join). A plan serialized (binary or JSON) and deserialized carries
the frame in one chunk and answers 0, so the suite's round-trip check on the in-memory lane
reports "the plan deserialized from binary gives another result". Found by the
sql_context_left_join_count check. Seen on 1.44.2 and 2.1.0.
Exits 1 while the round trip changes the result, 0 once fixed. Needs nothing but Polars.
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


def two_chunks(s: pl.Series) -> pl.Series:
    return pl.concat([s.slice(0, 1), s.slice(1)], rechunk=False)


left = pl.DataFrame({"k": [None, None]}, schema={"k": pl.Int8})
right = pl.DataFrame(
    {"k": [None, None], "b": [None, None]}, schema={"k": pl.Int8, "b": pl.Struct({"f0": pl.Int8})}
)
right = pl.DataFrame([two_chunks(s) for s in right.get_columns()])
text = "SELECT l.k, COUNT(r.b) AS matches FROM l LEFT JOIN r ON l.k = r.k GROUP BY l.k"
query = pl.SQLContext(l=left.lazy(), r=right.lazy()).execute(text)
expected = query.collect(engine="in-memory")
rechunked = pl.SQLContext(l=left.lazy(), r=right.rechunk().lazy()).execute(text)
print(
    f"Polars {pl.__version__}: in memory matches = {expected['matches'].to_list()}, "
    f"on rechunked inputs {rechunked.collect(engine='in-memory')['matches'].to_list()}"
)
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
        failed = True
sys.exit(1 if failed else 0)

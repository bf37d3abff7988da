"""reverse() of null structs whose list field still holds values: List(Int8) before serde, List(Null) after.

`pl.when(False).then(struct)` makes null struct rows that keep their field's list values behind
the null. reverse() of that column keeps the field's List(Int8) in memory, but the same plan
serialized (binary or JSON) and deserialized carries the frame without the hidden values, and
reverse() of those all-null rows is typed List(Null) (reverse-all-null-list-planned-list-null),
so the round trip changes the result's dtype. Exits 1 while the deserialized plan's result
differs, 0 once fixed. Needs nothing but Polars.
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

frame = pl.DataFrame(
    {"x": [{"f0": [1, 2]}, {"f0": [3]}], "v": [1, 2]},
    schema={"x": pl.Struct({"f0": pl.List(pl.Int8)}), "v": pl.Int8},
).select(x=pl.when(pl.col("v") > 5).then(pl.col("x")))  # two null rows, values behind them
query = frame.lazy().select(reversed=pl.col("x").reverse())
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

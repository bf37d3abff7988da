"""On 1.44 the JSON writer reads a sliced list column's elements from the start of its child array.

A list column that is a slice of a longer one (what tail() returns, a morsel of the streaming
engine, one of several chunks in memory) is serialized as if its first list began at the child
array's first element: struct.json_encode() and write_ndjson/sink_ndjson print the elements of
other rows (a row [{"f0": 1}] comes out as [null] where an earlier row's element is null; a row
[[false, false], null] of arrays as [null, [null, null]]), and a List(Categorical) panics: "called `Option::unwrap()` on a `None` value" (in JoinError::Panic from
the ndjson writer). Fixed in 2.x. Exits 1 while any of these shows, 0 once fixed. Needs nothing but
Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import os
import tempfile

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

structs = pl.DataFrame(
    {"x": [[None], [{"f0": 1}], [{"f0": 2}]]}, schema={"x": pl.List(pl.Struct({"f0": pl.Int8}))}
)
categories = pl.DataFrame({"l": [["c0"], ["c1"], ["c0"]]}, schema={"l": pl.List(pl.Categorical)})
# a null Array element reads back as an Array of nulls, and the next row's [false, false]'s
# neighbour as null: the validity is read from the child's start too
array_lists = pl.DataFrame(
    {"l": [[None], [[False, False], None], [None]]},
    schema={"l": pl.List(pl.Array(pl.Boolean, 2))},
)
arrays = pl.DataFrame(
    {"s": [{"f2": [None]}, {"f2": [["x"]]}]},
    schema={"s": pl.Struct({"f2": pl.List(pl.Array(pl.String, 1))})},
)
print(f"Polars {pl.__version__}")
failed = False


def shown(what, run):
    """Run `run`, printing a panic as the suite words it; its result, or None after a panic."""
    global failed
    try:
        return run()
    except PanicException as exc:
        print(f"{what}: panicked: {str(exc).splitlines()[0]}")
        failed = True
        return None


def differs(expected, got, what):
    """The suite's comparison, the correct side on the left."""
    global failed
    try:
        assert_frame_equal(expected, got)
    except AssertionError as exc:
        print(f"{what}:\n{exc}")
        failed = True


# struct.json_encode: the streaming engine's morsels are slices (in memory the column is whole)
encoded = arrays.lazy().select(json=pl.col("s").struct.json_encode())
streaming = shown("json_encode on streaming", lambda: encoded.collect(engine="streaming"))
if streaming is not None:
    differs(encoded.collect(engine="in-memory"), streaming, "json_encode, in-memory vs streaming")
shown(
    "json_encode of the tail of a List(Categorical) in memory",
    lambda: (
        categories.lazy()
        .tail(2)
        .select(json=pl.struct("l").struct.json_encode())
        .collect(engine="in-memory")
    ),
)

# sink_ndjson of the tail of a frame, read back with its schema
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    for name, frame in (
        ("List(Struct)", structs),
        ("List(Categorical)", categories),
        ("List(Array(Boolean, 2))", array_lists),
    ):
        path = os.path.join(tmp, "out.ndjson")
        written = shown(
            f"sink_ndjson of the tail of a {name}",
            lambda frame=frame, path=path: frame.lazy().tail(2).sink_ndjson(path) or True,
        )
        if written:
            back = pl.read_ndjson(path, schema=frame.schema)
            differs(frame.tail(2), back, f"sink_ndjson of the tail of a {name}, read back")
sys.exit(1 if failed else 0)

"""read_ndjson/scan_ndjson with a schema holding a Struct whose field is an Array of Arrays (or of
Lists) of Enum or Categorical panics when a null row (a null struct or a null field) comes before
a row whose field has a value: "The children DataTypes of a StructArray must equal the children
data types", the rebuilt field lacks the inner categorical's metadata (_PL_ENUM_VALUES2) that the
values carry. Without the leading null, with Array(Enum) or List(List(Enum)), or with a numeric
inner dtype it reads back. Building such a Series from Python values ([None, {"f0": [["a"]]}])
panics the same way (the same AnyValue-to-Struct path). The sink_ndjson lane reads back what it sank, so a left join whose
unmatched rows put nulls before such a struct panics there.

Seen on 1.44.2 and 2.1.0 (sink_ndjson lane; join_left).
Exits 1 while reading it back panics, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import io
import os
import tempfile

import polars as pl
from polars.exceptions import PanicException

dtype = pl.Struct({"f0": pl.Array(pl.Array(pl.Enum(["a", "b"]), 1), 1)})
valued = pl.DataFrame({"b": [{"f0": [["a"]]}]}, schema={"b": dtype})
frame = pl.concat([valued.clear(1), valued])  # a null row, then a valued one
print(f"Polars {pl.__version__}")
failed = False
try:  # the same rows built from Python values meet the same check (not what the lane does)
    pl.Series("b", [None, {"f0": [["a"]]}], dtype=dtype)
    print("pl.Series of these rows: built")
except PanicException as exc:
    print(f"pl.Series of these rows: panicked too: {str(exc).splitlines()[0]}")
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    path = os.path.join(tmp, "result.ndjson")
    frame.lazy().sink_ndjson(path)
    text = frame.write_ndjson()
    reads = {
        "sink_ndjson, then read_ndjson": lambda: pl.read_ndjson(path, schema=frame.schema),
        "write_ndjson, then read_ndjson": lambda: pl.read_ndjson(
            io.StringIO(text), schema=frame.schema
        ),
        "write_ndjson, then scan_ndjson": lambda: pl.scan_ndjson(
            io.BytesIO(text.encode()), schema=frame.schema
        ).collect(),
    }
    for label, read in reads.items():
        try:
            back = read()
            print(f"{label}: read back, {'equal' if back.equals(frame) else 'DIFFERENT'}")
            failed |= not back.equals(frame)
        except PanicException as exc:  # the suite's wording for a panic of the cell
            print(f"{label}: panicked: {exc!s}")
            failed = True
sys.exit(1 if failed else 0)

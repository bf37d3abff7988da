"""sink_ipc panics (sink_parquet raises) writing a List(Null) chunk of a column planned List(Int8).

Two bugs make such chunks from an all-null column: list.gather of all-null chunks
(list_gather_all_null_chunks_streaming_list_null.py) and reverse() of an all-null
Struct({"f0": List(Int8)}) column (reverse_all_null_struct_list_dtype.py), or of an all-null list
column in several chunks (still on 2.x, where the one-chunk cases are fixed). sink_ipc writes the
planned schema and panics converting them: "to_arrow() conversion failed: cannot convert (Null) to
(Field { name: "item", ... })"; sink_parquet raises that error as an InvalidOperationError.
Exits 1 while either sink fails on either query, 0 once fixed. Needs nothing but Polars.
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

row = pl.DataFrame({"l": [None]}, schema={"l": pl.List(pl.Int8)})
gathered = (
    pl.concat([row] * 20, rechunk=False)  # 20 chunks of one null row
    .lazy()
    .with_columns(ends=pl.col("l").list.gather([0, -1], null_on_oob=True))
)
structs = pl.DataFrame({"x": [None, None]}, schema={"x": pl.Struct({"f0": pl.List(pl.Int8)})})
reversed_ = structs.lazy().select(r=pl.col("x").reverse())
# 2.x keeps the planned dtype for the two rows above, but not for 100 null rows in two chunks
halves = [pl.Series("l", [None] * 50, dtype=pl.List(pl.Int8))] * 2
reversed_chunks = pl.DataFrame([pl.concat(halves, rechunk=False)]).lazy().reverse()
print(f"Polars {pl.__version__}")
failed = False
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    queries = (
        ("list.gather", gathered),
        ("reverse", reversed_),
        ("reverse of two chunks", reversed_chunks),
    )
    for name, query in queries:
        for sink in ("ipc", "parquet"):
            try:
                getattr(query, f"sink_{sink}")(os.path.join(tmp, f"{name}.{sink}"))
                print(f"{name}: sink_{sink} wrote the file")
                continue
            except PanicException as exc:  # the suite's wording for a panic of the cell
                print(f"{name}: sink_{sink} panicked: {str(exc).splitlines()[0]}")
            except pl.exceptions.InvalidOperationError as exc:  # as the suite words the cell
                message = str(exc).splitlines()[0]
                print(f"{name}: sink_{sink}: this cell raised InvalidOperationError: {message}")
            failed = True
sys.exit(1 if failed else 0)

"""reverse() of a list column whose rows are all null (or of a struct column holding such a list
field) is typed List(Null) (reverse-all-null-list-planned-list-null), while collect_schema() plans
the input's list dtype (List(Int8)). sink_parquet and sink_ipc write the planned schema and fail
converting that List(Null) column: sink_parquet raises InvalidOperationError, sink_ipc panics
("to_arrow() conversion failed: cannot convert (Null) to (Field { name: "item", dtype: Int8,
... })").
collect() on either engine returns the List(Null) frame.

Seen on 1.44.2 (sink_ipc, sink_parquet lanes; a generated query: a join_asof of a frame with an
all-null Struct({"f0": List(Int8), ...}) column, then .reverse()); 2.1.0 fails alike.
Exits 1 while either sink fails, 0 once fixed. Needs nothing but Polars.
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

frame = pl.LazyFrame(
    # four rows: on 2.1 a frame reverse() of fewer keeps the list dtype
    {"l": [None] * 4, "m": [None] * 4},
    schema={"l": pl.List(pl.Int8), "m": pl.Struct({"f0": pl.List(pl.Int8)})},
)
failed = False
print(f"Polars {pl.__version__}")
for column in ("l", "m"):
    query = frame.select(column).reverse()
    print(f"{column}: planned {query.collect_schema()}, computed {query.collect().schema}")
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        for sink in ("parquet", "ipc"):
            try:
                getattr(query, f"sink_{sink}")(os.path.join(tmp, f"result.{sink}"))
                print(f"sink_{sink} wrote the file")
                continue
            except PanicException as exc:  # the suite's wording for a panic of the cell
                print(f"sink_{sink} panicked: {str(exc).splitlines()[0]}")
            except pl.exceptions.InvalidOperationError as exc:  # as the suite words the cell
                print(
                    f"sink_{sink}: this cell raised InvalidOperationError: "
                    f"{str(exc).splitlines()[0]}"
                )
            failed = True
sys.exit(1 if failed else 0)

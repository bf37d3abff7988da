"""On 1.44 list.head/tail/slice with a column as the length (or offset) whose every row comes out
null (a null length, or a null list) is typed List(Null), while collect_schema() plans the input's
list dtype (List(Struct(...)), List(Int64)). sink_parquet and sink_ipc write the planned schema and
fail converting that List(Null) column: sink_parquet raises InvalidOperationError, sink_ipc panics
("to_arrow() conversion failed: cannot convert (Null) to (Field { name: "item", ... })").
collect() on either engine returns the List(Null) frame. (Two rows sink fine; three panic with
"should not fail: SchemaMismatch", morsels of both dtypes.)

Seen on 1.44.2 (sink_parquet, sink_ipc lanes; a generated query); 2.1.0 keeps the list dtype (a
null length there means "to the end") and sinks the frame.
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

c = pl.col
frame = pl.LazyFrame(
    # four rows: with two the sinks' one-row morsels keep the list dtype
    {"p": [[{"key": "a", "value": 1}], None] * 2, "v": [None, 1] * 2},
    schema={"p": pl.List(pl.Struct({"key": pl.String, "value": pl.Int64})), "v": pl.Int16},
)
query = frame.select(c("p").list.head(c("v")))
print(f"Polars {pl.__version__}")
print(f"planned {query.collect_schema()}, computed {query.collect().schema}")
failed = False
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
                f"sink_{sink}: this cell raised InvalidOperationError: {str(exc).splitlines()[0]}"
            )
        failed = True
sys.exit(1 if failed else 0)

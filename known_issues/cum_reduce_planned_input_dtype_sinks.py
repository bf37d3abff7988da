"""pl.cum_reduce(lambda acc, x: acc + x, [a, b]) is planned with each struct field of its input's
own dtype (Struct({v: Int64, a1: Int8})), but the callback's sums come out as the supertype
(Int64; Int128 where one input is UInt128) and nothing casts them (cum-reduce-planned-input-dtype-
streaming-panic). sink_parquet and sink_ipc write the planned schema and fail converting the
computed field: sink_parquet raises InvalidOperationError, sink_ipc panics ("to_arrow() conversion
failed: cannot convert (Int64) to (Field { name: "a1", dtype: Int8, ... })"), where collect()
returns the frame on either engine.

Seen on 1.44.2 and 2.1.0 (sink_parquet, sink_ipc lanes; a generated query).
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
frame = pl.LazyFrame({"v": [1, 2], "a1": [3, 4]}, schema={"v": pl.Int64, "a1": pl.Int8})
query = frame.select(pl.cum_reduce(lambda acc, x: acc + x, [c("v"), c("a1")]).alias("e"))
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

"""pl.reduce(lambda acc, x: acc + x, [<UInt32 column>, pl.lit(65536)]) is planned as UInt32 (the
supertype of the column and the dynamic integer literal) but computed as Int64 (the Python callback
adds the literal's Int32 Series; reduce-literal-planned-supertype-schema). sink_parquet and
sink_ipc write the planned schema and fail converting the computed column: sink_parquet raises
InvalidOperationError, sink_ipc panics ("to_arrow() conversion failed: cannot convert (Int64) to
(Field { name: "e", dtype: UInt32, ... })"), where collect() returns the frame on either engine.

Seen on 2.1.0 (sink_parquet, sink_ipc lanes; a generated query selecting
pl.reduce([c("l").list.last().to_physical().list.arg_max(), pl.lit(65536)])); 1.44.2 fails alike.
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
frame = pl.LazyFrame({"l": [[1, 3], [2, 0]]}, schema={"l": pl.List(pl.Int64)})
# list.arg_max() is UInt32; pl.lit(65536) a dynamic integer literal
query = frame.select(
    pl.reduce(lambda acc, x: acc + x, [c("l").list.arg_max(), pl.lit(65536)]).alias("e")
)
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

"""sink_parquet and sink_ipc of a Struct column cast to a non-struct dtype fail on the plan.

`pl.col("a").cast(pl.Float64)` of a Struct column is planned (collect_schema()) as Float64, but
casts each field and computes Struct({'x': Float64, 'y': Float64})
(struct-cast-non-struct-planned-dtype-schema). sink_parquet and sink_ipc write the planned schema
and fail converting the computed Struct: sink_parquet raises InvalidOperationError, sink_ipc panics
("to_arrow() conversion failed: cannot convert (Struct({...})) to (Field { ..., dtype: Float64,
... })"), where collect() returns the frame on either engine.

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

query = pl.LazyFrame({"a": [{"x": 1, "y": 2}, {"x": 3, "y": None}]}).select(
    pl.col("a").cast(pl.Float64, strict=False)
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

"""interpolate(method="nearest") of an Int8 column panics (called `Option::unwrap()` on a `None`
value) once a run of nulls between two values spans more rows than an Int8 holds.

A run of 126 nulls (a gap of 127 rows) interpolates; 127 nulls and more panic. Int64 and Float64
columns interpolate any run. Found by the scale tier's long null runs. Seen on 1.44.2 and 2.1.0.
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

failed = False
print(f"Polars {pl.__version__}")
for run in (126, 127, 200):
    for dtype in (pl.Int8, pl.Int64):
        frame = pl.DataFrame({"v": [1] + [None] * run + [2]}, schema={"v": dtype})
        query = frame.lazy().select(pl.col("v").interpolate(method="nearest"))
        try:
            query.collect(engine="in-memory")
            print(f"{dtype}, a run of {run} nulls: interpolates")
        except PanicException as exc:
            print(f"{dtype}, a run of {run} nulls: panicked: {str(exc).splitlines()[0]}")
            failed = True
sys.exit(1 if failed else 0)

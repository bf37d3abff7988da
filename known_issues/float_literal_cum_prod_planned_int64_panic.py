"""cum_prod() of an untyped float literal is planned as Int64 but computed as Float64: a group
aggregation of it panics in memory.

`pl.lit(1.5).cum_prod()` has the planned dtype Int64 (`collect_schema()`), while its value is
Float64; a typed literal (`pl.lit(1.5, dtype=pl.Float64)`) and `cum_sum`, `cum_max` of the same
literal are planned as Float64. In a group_by or rolling aggregation the in-memory engine builds
the list column of the planned dtype and panics on the Float64 values (`cannot build list with
different dtypes`, Expected list[i64], got f64); the streaming engine answers Float64.

Seen on 1.44.2 and 2.1.0 (a generated rolling().agg(); every lane, as the in-memory baseline
panics). Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame({"g": [1, 1, 2]})
query = frame.group_by("g").agg(pl.lit(1.5).cum_prod().alias("a")).sort("g")
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
failed = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"  {engine}: {query.collect(engine=engine).to_dicts()}")
    except PanicException as exc:  # the symptom; anything else means the reproducer broke
        print(f"  {engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

"""Casting a Struct column to a non-struct dtype is planned as that dtype, but computes a Struct.

`pl.col("a").cast(pl.Float64)` of a Struct({'x': Int64, 'y': Int64}) column casts each field
(every engine, and Series.cast, returns Struct({'x': Float64, 'y': Float64})), while
collect_schema() plans Float64, strict or not. Seen on 1.44.2 and 2.1.0 (a generated query,
pl.struct(c("m.f1").struct.unnest()).cast(dtype=pl.Float64, strict=False); every lane, as the
in-memory baseline breaks its own plan). Exits 1 while the discrepancy exists, 0 once fixed, 2
when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"a": [{"x": 1, "y": 2}, {"x": 3, "y": None}]}).select(
    pl.col("a").cast(pl.Float64, strict=False)
)
planned = query.collect_schema()["a"]
found = False
for engine in ("in-memory", "streaming"):
    got = query.collect(engine=engine).schema["a"]
    print(f"Polars {pl.__version__}, {engine}: planned {planned}, computed {got}")
    if got != planned:  # the suite's planned-schema check
        found = True
        print(
            "the result's schema is not the planned one (collect_schema()): column 'a' is "
            f"{got.base_type().__name__}, planned {planned.base_type().__name__}\n"
            f"column 'a': {got}, planned {planned}"
        )
sys.exit(1 if found else 0)

"""product() of a UInt128 column is planned as Int64 (collect_schema()) but computed as UInt128.

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame(schema={"v": pl.UInt128}).select(product=pl.col("v").product())
planned = query.collect_schema()["product"]
found = False
for engine in ("in-memory", "streaming"):
    got = query.collect(engine=engine).schema["product"]
    print(f"Polars {pl.__version__} {engine}: column 'product' is {got}, planned {planned}")
    found = found or got != planned
sys.exit(1 if found else 0)

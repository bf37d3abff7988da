"""cum_sum and product of UInt128 are planned as Int64 but computed as UInt128, on every engine.

`collect_schema()` says Int64; the result's column is UInt128. A planned schema that lies breaks
every consumer that trusts it (sinks, joins on the column, `cast` decisions). Exits 1 while the
discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

query = pl.LazyFrame({"v": [1, 2]}, schema={"v": pl.UInt128}).select(
    cum_sum=pl.col("v").cum_sum(), product=pl.col("v").product()
)
planned = query.collect_schema()
print(f"Polars {pl.__version__}")
lies = []
for engine in ("in-memory", "streaming"):
    got = query.collect(engine=engine).schema
    lies += [
        f"column '{name}' is {dtype}, planned {planned[name]} ({engine})"
        for name, dtype in got.items()
        if dtype != planned[name]
    ]
if lies:  # the suite's wording for a schema-mismatch
    print("the result's schema is not the planned one (collect_schema()): " + "\n".join(lies))
    sys.exit(1)
print("the planned schema holds: the discrepancy is fixed")
sys.exit(0)

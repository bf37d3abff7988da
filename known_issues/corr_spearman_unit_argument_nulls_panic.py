"""pl.corr(method="spearman") of a column holding nulls with a unit-length argument panics.

`pl.corr(pl.col("a"), pl.col("a").max(), method="spearman")` on an all-null Float64 column (or
`pl.lit(None, dtype=pl.Float64)` as the argument, on any column holding a null) raises
PanicException ("assertion `left == right` failed", left: 4, right: 1, in
polars_arrow::bitmap::bitmap_ops::and) on both engines: the null masks of the full-length column
and of the one-row argument are combined without broadcasting it. A literal argument panics
("validity must be equal to the array's length") as rolling_cov does; method="pearson" and pl.cov
answer. Seen on 1.44.2 and 2.1.0 in a generated with_columns(pl.corr(..., e0.approx_quantile(),
method='spearman')) over an all-null column (every lane, as the in-memory baseline panics).
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

frame = pl.LazyFrame({"a": [None, None, None, None]}, schema={"a": pl.Float64})
query = frame.select(pl.corr(pl.col("a"), pl.col("a").max(), method="spearman").alias("c"))
print(f"Polars {pl.__version__}")
failed = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"  {engine}: {query.collect(engine=engine).to_dicts()}")
    except PanicException as exc:  # the symptom; anything else means the reproducer broke
        print(f"  {engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

"""collect_all of one plan twice panics where the plan filters after a cache(): "expected filter".

`pl.collect_all([query, query])` with `query = frame.cache().filter(...)` panics on Polars 1.44
("expected filter; this is an optimizer bug"); collecting the query once, or twice where the
filter comes before the cache, answers. Found by the generated-query check on the collect_all
lane (which collects the same plan twice, so a shared subplan may be computed once). Exits 1
while it panics, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

query = pl.LazyFrame({"v": [1, 2, 3]}).cache().filter(pl.col("v") > 1)
print(f"Polars {pl.__version__}: collect() {query.collect().rows()}")
try:
    results = pl.collect_all([query, query])
except PanicException as exc:
    print(f"collect_all of the plan twice panicked: {exc}")
    sys.exit(1)
print(f"collect_all of the plan twice: {[r.rows() for r in results]}")
sys.exit(0)

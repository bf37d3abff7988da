"""A filter on `((v > 0) & (v <= 0)).is_null()` drops the rows where v is null.

The optimizer's expression simplification folds the contradiction `(v > 0) & (v <= 0)` to `false`
inside a filter, even under `.is_null()`, where null and false differ: for a null v the conjunction
is null, so the row must be kept (as `select` and the unoptimized plan show). Found by the TLP
oracle: filter(p), filter(~p) and filter(p.is_null()) no longer add up to the input.

Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
df = pl.DataFrame({"v": [None, 1]}, schema={"v": pl.Int8})
p = ((c("v") > 0) & (c("v") <= 0)).is_null()
selected = df.select(p.alias("p"))["p"].to_list()
optimized = df.lazy().filter(p).collect(engine="in-memory")
print(f"Polars {pl.__version__}: p per row {selected}; filter(p) keeps {optimized.height} row(s)")
print(df.lazy().filter(p).explain())
q = (c("v") > 0) & (c("v") <= 0)
sizes = ", ".join(str(df.lazy().filter(x).collect().height) for x in (q, ~q, q.is_null()))
if optimized.height != selected.count(True):  # as the TLP oracle words it
    print(
        f"filter(p), filter(~p) and filter(p.is_null()) ({sizes} rows) are not the input "
        f"({df.height} rows)\np = {q}"
    )
sys.exit(0 if optimized.height == selected.count(True) else 1)

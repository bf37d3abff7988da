"""list.gather_every() with an all-null column as `n` (or `offset`) is List(Null) in memory.

`c("l").list.gather_every(c("n"))` of a List(Float32) column, where `n` is null on every row (two
rows or more; one row is taken as a scalar), is computed as List(Null) by the in-memory engine
(every row null), while collect_schema() plans the input's List(Float32) and the streaming engine
returns it. An all-null column as `offset` does the same; a null literal keeps the list dtype.
Seen on Polars 1.44.2 by the planned-schema check (in-memory lane, `n` was
c("t").dt.total_seconds() of an all-null Duration column); 2.1.0 does the same. Exits 1 while the
discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame(
    {"l": [[1.0, 2.0], [3.0]], "n": [None, None]}, schema={"l": pl.List(pl.Float32), "n": pl.Int64}
)
failed = False
for arg, expr in (
    ("n", c("l").list.gather_every(c("n"))),
    ("offset", c("l").list.gather_every(2, c("n"))),
):
    query = frame.select(expr.alias("e0"))
    planned = query.collect_schema()["e0"]
    streaming = query.collect(engine="streaming").schema["e0"]
    got = query.collect(engine="in-memory")
    print(
        f"Polars {pl.__version__}, all-null column as {arg}: planned {planned}, streaming "
        f"{streaming}, in-memory {got.schema['e0']} {got['e0'].to_list()}"
    )
    if got.schema["e0"] != planned:  # the suite's planned-schema check
        print(f"column 'e0': {got.schema['e0']}, planned {planned}")
        failed = True
if not failed:
    print("the result has the planned dtype: fixed")
sys.exit(1 if failed else 0)

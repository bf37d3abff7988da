"""rolling_rank() of an empty column keeps the input's dtype (Int8) instead of the planned Float64
(UInt32 for method='min', 'max', 'dense', 'ordinal'): over no rows the in-memory engine returns
Int8 where collect_schema() says Float64, as over rows it returns Float64 (the cause of
rolling-rank-empty-group-list-panic). On 2.1 the streaming engine returns the planned dtype; on
1.44 it keeps the input's dtype too.

Seen on 2.1.0 (in-memory lane; a generated select(c("k").rolling_rank(window_size=2)) over an
empty Int8 column); 1.44.2 fails alike. Exits 1 while the result's schema is not the planned one,
0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"k": []}, schema={"k": pl.Int8})
failed = False
print(f"Polars {pl.__version__}")
for method in ("average", "min"):
    query = frame.select(c("k").rolling_rank(window_size=2, method=method).alias("e"))
    planned = query.collect_schema()["e"]
    for engine in ("in-memory", "streaming"):
        got = query.collect(engine=engine).schema["e"]
        print(f"rolling_rank(method={method!r}) on {engine}: planned {planned}, result {got}")
        if planned != got:
            print(
                f"the result's schema is not the planned one (collect_schema()): column 'e' is {got}, planned {planned}"
            )
            failed = True
sys.exit(1 if failed else 0)

"""A sort by several keys, one of them pl.rolling_corr() or pl.rolling_cov() of a literal and a
Float32 column, raises SchemaError on the 2.1 streaming engine; in memory it sorts.

pl.rolling_corr(pl.lit(1), c("k"), window_size=2) of a Float32 k is planned as Float32
(collect_schema) but computed as Float64, in memory and on the streaming engine alike; the
streaming engine's multi-key sort encodes the keys by the planned dtype and raises SchemaError
("type Float64 is incompatible with expected type Float32"). A sort by that key alone answers.

Seen on 2.1.0 (conformance query: sort('k', pl.rolling_corr(pl.lit(1), c("k"), window_size=2),
maintain_order=True).limit(1) ... merge_sorted, on collect_all, which runs on the streaming
engine); 1.44.2 sorts. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"k": [2.0, 1.0, 3.0]}, schema={"k": pl.Float32})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for name in ("rolling_corr", "rolling_cov"):
    key = getattr(pl, name)(pl.lit(1), c("k"), window_size=2)
    query = frame.sort("k", key)
    (expected, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"sort('k', pl.{name}(pl.lit(1), c('k'), window_size=2)), planned "
        f"{frame.select(key).collect_schema().dtypes()[0]}: in-memory "
        f"{expected_error or expected.rows()}; streaming {error or got.rows()}"
    )
    if error and not expected_error:
        print(f"baseline returned a frame; this cell raised {error}")
        failed = True
sys.exit(1 if failed else 0)

"""rolling().agg(approx_quantile()) over an empty frame panics on the in-memory engine
(incorrect dtype: SchemaMismatch: invalid series dtype: expected `Binary`, got `null`); the
streaming engine returns the empty frame. Over rows both engines answer.

Seen on 2.1.0 (approx_quantile is new in 2.x). Exits 1 while the discrepancy exists, 0 once
fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

c = pl.col
empty = pl.LazyFrame({"t": [1], "x": [1.0]}).clear()
query = empty.rolling(index_column="t", period="2i").agg(c("x").approx_quantile(0.5).alias("q"))


def run(engine):
    try:
        return query.collect(engine=engine), None
    except (pl.exceptions.PolarsError, PanicException) as exc:
        return None, exc


(_, expected_error), (got, error) = run("in-memory"), run("streaming")
print(
    f"Polars {pl.__version__}: in-memory {expected_error!r}; streaming {repr(error) if error else got.shape}"
)
if isinstance(expected_error, PanicException) and not isinstance(error, PanicException):
    print(f"the baseline panicked: {expected_error}")
    sys.exit(1)
sys.exit(0)

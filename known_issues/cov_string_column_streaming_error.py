"""pl.cov() with a String column answers null on the in-memory engine and raises
InvalidOperationError (`cov` operation not supported for dtype `str`) on the streaming engine.
One of them is wrong (the dtype is invalid for cov either way).

Seen on 1.44.2 and 2.1.0. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run.
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
query = pl.LazyFrame({"n": [1, 2], "s": ["x", "y"]}).select(pl.cov(c("n"), c("s")))


def run(engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


(expected, expected_error), (got, error) = run("in-memory"), run("streaming")
print(
    f"Polars {pl.__version__}: in-memory {expected_error or expected.rows()}; streaming {error or got.rows()}"
)
if (expected_error is None) != (error is None):
    print(
        f"baseline {'raised ' + expected_error if expected_error else 'returned a frame'}; "
        f"this cell {'raised ' + error if error else 'returned a frame'}"
    )
    sys.exit(1)
sys.exit(0)

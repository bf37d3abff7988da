"""drop_nans() over a Duration column after a with_columns() holding a non-row-wise expression
(reverse(), cum_sum(), sort(), shift(), rank(), sum()) over an empty frame: the in-memory engine
raises InvalidOperationError (`is_nan` operation not supported for dtype `duration[μs]`), the
streaming engine never evaluates the drop_nans and returns an empty frame.

With a row-wise expression (abs()) or none, or over rows, both engines raise. The mechanism of
is-nan-unsupported-dtype-empty-join-streaming (there the empty frame is a join's output) and
drop-nans-categorical-empty-udf-streaming (a Python UDF's). Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import datetime
import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"k": [1, 2], "y": [datetime.timedelta(days=1), None]})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, expr in (("reverse()", c("k").reverse()), ("cum_sum()", c("k").cum_sum())):
    query = frame.head(0).with_columns(expr.alias("e0")).drop_nans(subset=["y"])
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)

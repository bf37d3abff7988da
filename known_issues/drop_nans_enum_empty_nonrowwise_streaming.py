"""drop_nans() over an Enum column after a whole-frame step (reverse(), shift()) over an empty
frame: the in-memory engine raises InvalidOperationError (`is_nan` operation not supported for
dtype `enum`), the streaming engine never evaluates the drop_nans and returns an empty frame.

Directly on the (empty) source, or over rows, both engines raise. The mechanism of
drop-nans-duration-empty-nonrowwise-streaming (there a Duration column behind a non-row-wise
with_columns). Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

empty = pl.LazyFrame({"x": pl.Series(["a"], dtype=pl.Enum(["a", "b"]))}).clear()


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, frame in (("reverse()", empty.reverse()), ("shift(-1)", empty.shift(-1))):
    query = frame.drop_nans(subset=["x"])
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)

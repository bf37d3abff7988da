"""A join keyed on mean_horizontal() of a Float32 column and an integer literal: planned Float32,
computed Float64.

The in-memory engine raises ComputeError (datatypes of join keys don't match - f64 on left does
not match f32 on right); the streaming engine panics (called `Option::unwrap()` on a `None`
value), or returns a frame where the left side is empty. Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
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
left = pl.LazyFrame({"x": [1.0, 2.0]}, schema={"x": pl.Float32})
right = pl.LazyFrame({"t": [1.5, 3.0]}, schema={"t": pl.Float32})
key = pl.mean_horizontal(pl.lit(2), c("x"))
print(f"Polars {pl.__version__}: {left.select(key).collect_schema()} planned")


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except PanicException as exc:
        return None, f"panicked: {str(exc).splitlines()[0]}"
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, query in (
    ("semi join", left.join(right, left_on=key, right_on=c("t"), how="semi")),
    (
        "semi join of an empty left side",
        left.filter(pl.lit(False)).join(right, left_on=key, right_on=c("t"), how="semi"),
    ),
):
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(f"{label}: in-memory {expected_error or 'a frame'}; streaming {error or got.shape}")
    if error and error != expected_error:
        print(error)
        failed = True
    elif expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)

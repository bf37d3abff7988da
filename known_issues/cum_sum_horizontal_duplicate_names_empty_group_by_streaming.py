"""group_by().agg() over an empty frame of pl.cum_sum_horizontal() of two inputs of one name, then
struct.drop(): the in-memory engine raises DuplicateError (multiple fields with name 'a' found), as
both engines do with rows; the streaming engine returns an empty frame.

Seen on 1.44.2 and 2.1.0 (found under group_by_dynamic after clear()).
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
empty = pl.LazyFrame({"k": [1], "a": [1.0]}).clear()
query = empty.group_by("k").agg(
    pl.cum_sum_horizontal(c("a"), c("a")).struct.drop(["zz"], strict=False)
)
print(f"Polars {pl.__version__}: empty.group_by(k).agg(cum_sum_horizontal(a, a).struct.drop(...))")


def run(engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


(_, expected_error), (got, error) = run("in-memory"), run("streaming")
print(f"in-memory: {expected_error or 'a frame'}; streaming: {error or got.shape}")
if expected_error and not error:
    print(f"baseline raised {expected_error}; this cell returned a frame")
    sys.exit(1)
print("both engines agree: fixed")

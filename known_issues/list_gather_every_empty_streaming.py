"""list.gather_every() of a one-row literal list with a column as `n` over an empty frame, in a
with_columns or select beside a window (over) or a sort: the in-memory engine raises ComputeError
(The lengths of `n` and `offset` should be 1 or equal to the length of list.), the streaming engine
never evaluates it and returns an empty frame.

Over rows both engines raise alike, and so they do on the empty frame where the step holds only
row-wise expressions. Seen on 1.44.2 and 2.1.0.
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
empty = pl.LazyFrame({"n": [1], "w": [1.0]}).clear()
gathered = pl.lit([1, 2, 3]).list.gather_every(c("n"), 0).alias("g")


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for label, beside in (("a window", c("w").over("w")), ("a sort", c("w").sort())):
    query = empty.with_columns(beside.alias("e"), gathered)
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"beside {label}: in-memory {expected_error or 'a frame'}; streaming {error or got.shape}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)

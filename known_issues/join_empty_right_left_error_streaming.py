"""An inner join (join, join_where on an equality, or update(how="inner")) whose right side is
empty after a filter and whose left side raises (here rolling_min_by with a one-row literal
`by`): the in-memory engine raises InvalidOperationError (`by` column in `rolling_*_by` must be the same length as values
column), the 2.1 streaming engine never evaluates the left side and returns an empty frame.

The mirror of join-empty-left-right-key-error-streaming. Seen on 2.1.0; 1.44.2 raises on both
engines.
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
left = pl.LazyFrame({"x": [1, 2, 3]}).with_columns(
    y=c("x").rolling_min_by(pl.lit(5), window_size="1i")
)
right = pl.LazyFrame({"k": [1, 2], "z": [1, 2]}).filter(c("z") > 5)


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for label, query in (
    ("join(how='inner')", left.join(right, left_on="x", right_on="k")),
    ("join_where(x == k)", left.join_where(right, c("x") == c("k"))),
    ("update(how='inner')", left.update(right, left_on="x", right_on="k", how="inner")),
):
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(f"{label}: in-memory {expected_error or 'a frame'}; streaming {error or got.shape}")
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)

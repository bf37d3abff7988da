"""A pl.when().then() branch computed from a scalar aggregation (c("q").min(), c("l").first())
that raises (bin.get(100) / list.get(100) of a shorter value: ComputeError: get index is out of
bounds) raises in memory even where no row takes that branch; the streaming engine evaluates the
branch only for the rows that take it, so it raises nothing and returns nulls.

The in-memory engine already skips the error for a branch over a column (c("q").bin.get(100)
under a false condition answers on both engines); with a scalar aggregation inside the branch it
evaluates the branch over every row.

Seen on 2.1.0 (conformance query: with_columns of pl.when(...).when(pl.lit(False)).then(
pl.when(c("y")).then(...).otherwise(c("q").min()).bin.get(pl.lit(100))), then max(); streaming,
small morsels, collect_batches, sinks, collect_all, collect_async, every variant); 1.44.2 has it
too. Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but
Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"q": [b"\x01"], "l": [[1]], "y": [False]})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for name, branch in (
    ('c("q").min().bin.get(100)', c("q").min().bin.get(100)),
    ('c("l").first().list.get(100)', c("l").first().list.get(100)),
):
    # no row takes the branch: y is False
    query = frame.select(pl.when(c("y")).then(branch).alias("e"))
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"when(y).then({name}), y False: in-memory {expected_error or 'a frame'}; "
        f"streaming {error or got.rows()}"
    )
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)

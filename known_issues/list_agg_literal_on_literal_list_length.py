"""list.agg(pl.lit(0)) of a one-row literal list gives one row per list element (none for an empty
list) instead of one row; over() partitioned by it then raises ShapeError: on the streaming engine
(can't compute broadcast length, found incompatible lengths 0 (column '_POLARS_TMP_...') and 3
(...)) and in memory (can't broadcast Series 'literal' of length 0 to length 3).

Of a List column the same list.agg(pl.lit(0)) gives one value per row, and an aggregating body
(pl.element().sum()) gives one row for the literal list too. In generated queries a filter on it
raises only where no other filter has emptied the frame first (predicate pushdown off), so the
in-memory baseline with every pass on returns a frame. Seen on 1.44.2 and 2.1.0.
Exits 1 while the bug is there, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
print(f"Polars {pl.__version__}")
failed = False
for values in ([], [7, 8]):
    key = pl.lit(values, dtype=pl.List(pl.Int64)).list.agg(pl.lit(0))
    n = pl.select(key).height
    print(f"pl.lit({values}).list.agg(pl.lit(0)): {n} rows (one expected)")
    failed |= n != 1

frame = pl.LazyFrame({"k": ["a", "b", "a"]})
empty_key = pl.lit([], dtype=pl.List(pl.Int64)).list.agg(pl.lit(0))
query = frame.select(c("k").over(c("k"), empty_key))
for engine in ("in-memory", "streaming"):
    try:
        print(f"{engine}: over() keyed by it: {query.collect(engine=engine).shape}")
    except pl.exceptions.PolarsError as exc:
        print(
            f"{engine}: over() keyed by it: this cell raised {type(exc).__name__}: "
            f"{str(exc).splitlines()[0]}"
        )
        failed = True
sys.exit(1 if failed else 0)

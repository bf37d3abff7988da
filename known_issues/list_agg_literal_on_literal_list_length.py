"""list.agg(pl.lit(0)) gives one row per list element instead of one row per list; over() keyed
by it then raises ShapeError.

Of a one-row literal list it gives one row per element (none for an empty list); over() partitioned
by it then raises: on the streaming engine (can't compute broadcast length, found incompatible
lengths 0 (column '_POLARS_TMP_...') and 3 (...)) and in memory (can't broadcast Series 'literal'
of length 0 to length 3). Of a List column alike: [[1, 2, 3], [4], []] gives 4 rows, not 3. Where
a null row hides values (a when/then of a List column keeps them), the in-memory engine counts the
hidden ones too (5 rows of 5: over() by it answers), the streaming engine not (2.1: can't broadcast
Series '_POLARS_TMP_PLAN_1' of length 5 to length 3, or 0 to 2 as the rows fall into morsels). An
aggregating body (pl.lit(0).sum(), pl.element().sum()) gives one row per list.

Seen on 1.44.2 and 2.1.0 in generated filters and windows (predicate pushdown decides whether the
in-memory baseline ever evaluates it), and on 2.1.0 in over() keyed by
list.agg(pl.time_ranges(...).list.first().dt.second()) of a List column.
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


def attempt(label, query, engine):
    """Print what `query` gives on `engine`; True where it raised."""
    try:
        print(f"{label}, {engine}: {query.collect(engine=engine).shape}")
        return False
    except pl.exceptions.PolarsError as exc:
        print(
            f"{label}, {engine}: this cell raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
        )
        return True


for values in ([], [7, 8]):
    key = pl.lit(values, dtype=pl.List(pl.Int64)).list.agg(pl.lit(0))
    n = pl.select(key).height
    print(f"pl.lit({values}).list.agg(pl.lit(0)): {n} rows (one expected)")
    failed |= n != 1

lists = pl.LazyFrame({"l": [[1, 2, 3], [4], []], "w": [1.0, 2.0, 3.0]})
n = lists.select(c("l").list.agg(pl.lit(0))).collect().height
print(f"[[1, 2, 3], [4], []].list.agg(pl.lit(0)): {n} rows (3 expected)")
failed |= n != 3

frame = pl.LazyFrame({"k": ["a", "b", "a"]})
empty_key = pl.lit([], dtype=pl.List(pl.Int64)).list.agg(pl.lit(0))
query = frame.select(c("k").over(c("k"), empty_key))
for engine in ("in-memory", "streaming"):
    failed |= attempt("over() keyed by it", query, engine)

# a null row hiding values: in memory list.agg counts them, the streaming engine does not
hidden = pl.DataFrame(
    {"l": [[1, 2], [], [3, 4, 5], [], []], "m": [True, False, False, False, False]}
)
hidden = hidden.select(pl.when(~c("m")).then(c("l")).alias("l")).lazy()
query = hidden.select(pl.int_range(pl.len()).over(c("l").list.agg(pl.lit(0))))
for engine in ("in-memory", "streaming"):
    failed |= attempt("null row hiding values, over() keyed by it", query, engine)
sys.exit(1 if failed else 0)

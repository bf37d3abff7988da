"""list.get()/arr.get() of a scalar list (a literal, or an aggregation such as .last()) indexed by a
column of two or more rows, an index past the list's end: the in-memory engine raises
OutOfBoundsError (gather indices are out of bounds), the streaming engine raises ComputeError (get
index is out of bounds), as the in-memory engine does for a list column of the same values or a
one-row index.

The in-memory engine broadcasts the scalar list by gathering its values, and that gather's error
escapes with its own class. Seen on 2.1.0 (a generated query: group_by(pl.int_ranges(pl.lit(2),
c("k").clip(0, 8)).last().list.get(c("k"))).len() over k = [None, -1]); reproduces on 1.44.2.
Exits 1 while the two engines raise different error classes, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"k": [0, 5]})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, query in (
    ("pl.lit([1]).list.get(c('k'))", frame.select(pl.lit([1]).list.get(c("k")))),
    (
        "pl.lit([1], dtype=pl.Array(pl.Int64, 1)).arr.get(c('k'))",
        frame.select(pl.lit([1], dtype=pl.Array(pl.Int64, 1)).arr.get(c("k"))),
    ),
):
    (_, expected_error), (_, error) = run(query, "in-memory"), run(query, "streaming")
    print(f"Polars {pl.__version__}, {label}: in-memory {expected_error}; streaming {error}")
    if expected_error and error and expected_error.split(":")[0] != error.split(":")[0]:
        print(f"baseline raised {expected_error}; this cell raised {error}")
        failed = True
sys.exit(1 if failed else 0)

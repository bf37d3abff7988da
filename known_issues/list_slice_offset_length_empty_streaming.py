"""list.slice() of a one-row list (an implode(), a literal list) with a column as `offset` over an
empty frame, in a select or with_columns that is not row-wise (the implode itself, or a sort beside
it): the in-memory engine raises ComputeError (shape of the slice 'offset' argument: 0 does not
match that of the list column: 1), the streaming engine never evaluates it and returns an empty
frame.

Where the step holds only row-wise expressions (a literal list sliced by a column, nothing else)
both engines raise alike over the empty frame; over rows both broadcast the one-row list. The
cause of list-gather-every-empty-streaming, for list.slice's length check. Seen on 1.44.2 and
2.1.0.
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
empty = pl.LazyFrame({"t": [1], "x": [1]}).clear()
literal_slice = pl.lit([1, 2]).list.slice(c("t"), 1).alias("s")


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
print(f"Polars {pl.__version__}")
for label, query in (
    ("implode().list.slice(t)", empty.select(c("t").implode().list.slice(c("t"), 1))),
    ("lit(list).list.slice(t) beside a sort", empty.select(c("x").sort(), literal_slice)),
    ("lit(list).list.slice(t), row-wise only", empty.select(c("x"), literal_slice)),
    # the `length` argument alike
    (
        "lit(list).list.head(t) beside a sort",
        empty.select(c("x").sort(), pl.lit([1, 2]).list.head(c("t")).alias("s")),
    ),
):
    (_, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(f"{label}: in-memory {expected_error or 'a frame'}; streaming {error or got.shape}")
    if expected_error and not error:
        print(f"baseline raised {expected_error}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)

"""struct.with_fields(<an aggregate of a frame column>) of a struct that a filter() or head()
has made shorter than the frame: the in-memory engine broadcasts the one-row aggregate over the
filtered struct's rows; the streaming engine raises ShapeError (zip node received non-equal
length inputs).

With the struct unfiltered, or a field's own aggregate (pl.field(...).sum()), both engines answer.
Seen on 1.44.2 and 2.1.0.
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
frame = pl.LazyFrame({"m": [{"f0": 1}, {"f0": 2}, {"f0": 3}], "v": [1, 2, 3]})


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


failed = False
for label, struct in (("filter", c("m").filter(c("v") > 1)), ("head", c("m").head(2))):
    query = frame.select(struct.struct.with_fields(c("v").sum()))
    (expected, expected_error), (got, error) = run(query, "in-memory"), run(query, "streaming")
    print(
        f"Polars {pl.__version__}, {label}: in-memory {expected_error or expected.rows()}; "
        f"streaming {error or got.rows()}"
    )
    if error and not expected_error:
        print(f"baseline returned a frame; this cell raised {error}")
        failed = True
sys.exit(1 if failed else 0)

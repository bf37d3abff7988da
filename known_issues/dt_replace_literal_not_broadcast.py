"""dt.replace() of a literal Date/Datetime with a column as a component (day=pl.col("d")) is not
broadcast to the column's length: the in-memory engine returns one value (the first row's
replacement), the streaming engine one value per morsel. Used as over(order_by=...), the in-memory
engine then raises ShapeError (the order by expression evaluated to a length: 1 that doesn't match
the input DataFrame: 4) where 2.1's streaming engine answers, ordering by its per-morsel values.

The ShapeError is not a genuine error: pl.datetime(2000, 1, pl.col("d")), the same values
broadcast, orders the window on both engines (and 2.1 accepts a real one-value order_by such as
pl.lit(1)). In the generated query it hid the query's genuine later error, a strict
str.to_integer() that fails, which the streaming engine then raised (ComputeError: strict integer
parsing failed). On 1.44 the streaming engine raises the same ShapeError (no divergence), though
dt.replace() is unbroadcast there too. Seen on 1.44.2 and 2.1.0.
Exits 1 while dt.replace() of a literal is not broadcast in memory, 0 once fixed. Needs nothing
but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

c = pl.col
frame = pl.LazyFrame({"k": [1, 1, 2, 2], "d": [4, 3, 2, 1], "x": [1.0, 2.0, 3.0, 4.0]})
replaced = pl.lit(datetime.datetime(2000, 1, 1)).dt.replace(day=c("d"))
built = pl.datetime(2000, 1, c("d"))  # the values dt.replace() should give, one per row


def run(query, engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


print(f"Polars {pl.__version__}")
failed = False
for engine in ("in-memory", "streaming"):
    got, error = run(frame.select(replaced), engine)
    print(
        f"{engine}: select(lit(2000-01-01).dt.replace(day=d)) of 4 rows: {error or got.height} rows"
    )
    if engine == "in-memory" and got is not None and got.height != 4:
        failed = True
control, control_error = run(frame.select(c("x").cum_sum().over("k", order_by=built)), "in-memory")
print(f"in-memory, over(order_by=pl.datetime(2000, 1, d)): {control_error or 'answers'}")
window = frame.select(c("x").cum_sum().over("k", order_by=replaced))
(_, expected_error), (got, error) = run(window, "in-memory"), run(window, "streaming")
print(
    f"over(order_by=lit(...).dt.replace(day=d)): in-memory {expected_error or 'answers'}; "
    f"streaming {error or 'answers'}"
)
if expected_error and "order by expression evaluated to a length" in expected_error:
    failed = True
    if error is None:  # the suite's words for the streaming cell
        print(f"baseline raised {expected_error}; this cell returned a frame")
sys.exit(1 if failed else 0)

"""max_by/min_by where one side has one value raise ShapeError in memory only (1.39 to 2.0).

The in-memory engine does not broadcast a one-value side of max_by/min_by:
- a one-value expression over a column, `pl.lit(1).max_by(pl.col("q"))`, raises
  ShapeError: 'by' column in max_by expression has incorrect length: expected 1, got 3;
- an expression of no values by a one-value `by`, `pl.time_range(<empty>).min_by(pl.lit(0))`
  beside a column, raises ShapeError: ... expected 0, got 1.
The streaming engine answers both (a value, a null), and so do 1.38 and, on both engines, 2.1.
The bogus error also hides a query's genuine later error (a non-Boolean filter predicate, a
rolling_*_by length error) that the streaming engine then raises. Found by the generated-query
check on 1.44.2. Exits 1 while the in-memory engine raises where the streaming engine answers,
0 once they agree. Needs nothing but Polars.
"""

import datetime
import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
frame = pl.LazyFrame({"b": [True, False, True], "q": [3, 1, 2]})
no_times = pl.time_range(datetime.time(23, 59), datetime.time(0, 0), interval="1h")
queries = {
    "lit(1).max_by(q)": frame.select(pl.lit(1).max_by(c("q"))),
    "b.all().max_by(q)": frame.select(c("b").all().max_by(c("q"))),
    "b.first().min_by(q)": frame.select(c("b").first().min_by(c("q"))),
    "time_range(<empty>).min_by(lit(0)), q": frame.select(no_times.min_by(pl.lit(0)), c("q")),
}
differs = False
print(f"Polars {pl.__version__}")
for name, query in queries.items():
    try:
        query.collect(engine="in-memory")
        baseline = None
    except pl.exceptions.PolarsError as exc:
        baseline = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    streaming = query.collect(engine="streaming").rows()
    if baseline:
        print(f"  {name}: baseline raised {baseline}; this cell returned a frame {streaming}")
        differs = True
    else:
        print(f"  {name}: both engines answer {streaming}")
sys.exit(1 if differs else 0)

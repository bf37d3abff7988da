"""A one-value expression's max_by/min_by over a column raises ShapeError in memory only.

`pl.lit(1).max_by(pl.col("q"))` (or `pl.col("b").all().max_by(...)`, `.first().min_by(...)`)
in a select raises ShapeError in memory: 'by' column in max_by expression has incorrect length:
expected 1, got 3. The streaming engine answers the value, and so does 1.38; 2.1 answers on
both engines. Found by the generated-query check on 1.44.2. Exits 1 while the in-memory engine
raises where the streaming engine answers, 0 once they agree. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.LazyFrame({"b": [True, False, True], "q": [3, 1, 2]})
queries = {
    "lit(1).max_by(q)": frame.select(pl.lit(1).max_by(pl.col("q"))),
    "b.all().max_by(q)": frame.select(pl.col("b").all().max_by(pl.col("q"))),
    "b.first().min_by(q)": frame.select(pl.col("b").first().min_by(pl.col("q"))),
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

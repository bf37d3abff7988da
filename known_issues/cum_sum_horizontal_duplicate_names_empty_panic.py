"""cum_sum_horizontal or cum_reduce of two columns of one name panics instead of raising.

Its struct result would hold two fields named 'k': a plain select raises DuplicateError, but in a
remove() predicate under over() the empty frame takes a path that builds the struct with unwrap()
and panics (in memory), and under map_batches() the planner's call of the function on an empty
Series of the struct dtype panics (in memory and streaming). Seen with pl.cum_sum_horizontal and
pl.cum_reduce in generated queries. Exits 1 while either panics, 0 once both raise an error or
answer. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

c = pl.col
lf = pl.LazyFrame(schema={"k": pl.Int8})
twice = {
    "cum_sum_horizontal": pl.cum_sum_horizontal(c("k"), c("k")),
    "cum_reduce": pl.cum_reduce(lambda acc, x: acc + x, [c("k"), c("k")]),
}
queries = {}
for func, expr in twice.items():
    queries[f"remove({func}(...).over('k'))"] = lf.remove(expr.over("k"))
    queries[f"remove({func}(...).map_batches(...))"] = lf.remove(
        expr.map_batches(lambda s: s.is_null())
    )
found = False
for name, query in queries.items():
    for engine in ("in-memory", "streaming"):
        try:
            query.collect(engine=engine)
            print(f"Polars {pl.__version__}: {name} on {engine}: a result")
        except PanicException as exc:
            found = True
            print(f"Polars {pl.__version__}: {name} on {engine}: panicked: {exc}")
        except pl.exceptions.PolarsError as exc:
            print(f"Polars {pl.__version__}: {name} on {engine}: {type(exc).__name__}")
sys.exit(1 if found else 0)

"""pl.collect_all([query, query]) of a plan that filters on a rolling_map() panics on 1.44 while
optimizing (internal error: entered unreachable code, in comm_subplan_elim's cse::cache_states).

Collecting the plan once, or two different plans, answers; so does a select of the rolling_map, or
a filter on map_batches or rolling_sum. Seen on 1.44.2 (in memory and on the streaming engine);
2.1.0 answers.
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
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
frame = pl.LazyFrame({"k": [1, 2, 3]})
query = frame.filter(c("k").rolling_map(lambda s: s.min(), window_size=2) > 0)
print(f"Polars {pl.__version__}: collected once {query.collect().shape}")
failed = False
for engine in ("in-memory", "streaming"):
    try:
        results = pl.collect_all([query, query], engine=engine)
        print(f"collect_all([query, query]), {engine}: answers {[r.shape for r in results]}")
    except PanicException as exc:  # the suite's wording for a panic of the cell
        print(f"collect_all([query, query]), {engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

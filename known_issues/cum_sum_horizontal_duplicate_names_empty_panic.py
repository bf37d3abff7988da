"""cum_sum_horizontal of two columns of one name panics on an empty frame instead of raising.

Its struct result would hold two fields named 'k': a plain select raises DuplicateError, but in a
remove() predicate under over() or map_batches() the empty frame takes a path that builds the
struct with unwrap() and panics (in memory; on the streaming engine too through map_batches).
Exits 1 while either panics, 0 once both raise an error or answer. Needs nothing but Polars.
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
twice = pl.cum_sum_horizontal(c("k"), c("k"))
queries = {
    "remove(... .over('k'))": lf.remove(twice.over("k")),
    "remove(... .map_batches(...))": lf.remove(twice.map_batches(lambda s: s.is_null())),
}
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

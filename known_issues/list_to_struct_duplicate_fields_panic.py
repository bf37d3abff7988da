"""list.to_struct(fields=["a", "a"]) under over() panics in memory on an empty frame.

A struct of two fields named 'a' is rejected with DuplicateError when the expression is evaluated
on data. On an empty frame, though, the in-memory window path (over()) does not evaluate its body:
it returns a null scalar of the planned dtype, and the next step that materialises it
(struct.field(), struct.unnest(), a remove() predicate) builds it with Series::full_null, which
unwraps the DuplicateError and panics. The streaming engine answers (an empty frame). The same
path as the registry's cum-sum-horizontal-duplicate-names-empty-panic (cum_sum_horizontal of one
name twice). Seen on 1.44.2 and 2.1.0 (on 2.1.0 list.to_struct also accepts the repeated name on
data, where 1.44.2 raises DuplicateError).
Exits 1 while the in-memory engine panics, 0 once it raises an error or answers. Needs nothing
but Polars.
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
empty = pl.LazyFrame(schema={"k": pl.Int64, "l": pl.List(pl.Int64)})
twice = c("l").list.to_struct(fields=["a", "a"]).over("k")
queries = {
    "select(to_struct.over('k').struct.field('a'))": empty.select(twice.struct.field("a")),
    "select(to_struct.over('k').struct.unnest())": empty.select(twice.struct.unnest()),
}
found = False
print(f"Polars {pl.__version__}, an empty frame")
for name, query in queries.items():
    for engine in ("in-memory", "streaming"):
        try:
            query.collect(engine=engine)
            print(f"{name} on {engine}: a result")
        except PanicException as exc:
            found = engine == "in-memory" or found
            print(f"{name} on {engine}: panicked: {str(exc).splitlines()[0]}")
        except pl.exceptions.PolarsError as exc:
            print(f"{name} on {engine}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
sys.exit(1 if found else 0)

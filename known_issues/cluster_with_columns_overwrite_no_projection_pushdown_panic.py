"""cluster_with_columns panics planning two with_columns() steps when projection pushdown is off.

`with_columns(c("b").alias("e0"), c("a").sum().alias("e1"))` followed by
`with_columns(c("e1").reverse().alias("e3"), pl.lit(1).alias("e0"))` (the second step overwrites
e0, which the first made, and holds a non-elementwise expression of the first's e1) panics in
polars_plan's cluster_with_columns optimizer with QueryOptFlags(projection_pushdown=False):
removal index (is 1) should be < len (is 1). Every engine alike (it is planning); with every pass
on, or cluster_with_columns off, the query answers.

Seen on 2.1.0 in a generated query (streaming lanes, variant -projection_pushdown); 1.44.2 answers.
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
query = (
    pl.LazyFrame({"a": [1], "b": [2]})
    .with_columns(c("b").alias("e0"), c("a").sum().alias("e1"))
    .with_columns(c("e1").reverse().alias("e3"), pl.lit(1).alias("e0"))
)
print(f"Polars {pl.__version__}: every pass on: {query.collect().columns}")
failed = False
for engine in ("in-memory", "streaming"):
    try:
        got = query.collect(
            engine=engine, optimizations=pl.QueryOptFlags(projection_pushdown=False)
        )
        print(f"  {engine}, projection_pushdown off: {got.columns}")
    except PanicException as exc:  # the symptom; anything else means the reproducer broke
        print(f"  {engine}, projection_pushdown off: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

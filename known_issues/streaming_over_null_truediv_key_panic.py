"""A window partitioned by a division of Null-dtype columns panics on the streaming engine.

`pl.col("z").sum().over(pl.col("q").truediv(pl.col("q")))` where `q` has the Null dtype answers
in memory (every row one partition) but panics on the streaming engine: internal error: entered
unreachable code (1.40 to 2.1; 1.40 to 2.0 also `pl.col("q").over(q / q, z)`: called
`Option::unwrap()` on a `None` value; 1.39 answers). A partition by `q + 1`, by `q` itself or by a Float64
column of nulls divided by itself answers. Found by the generated-query check. Exits 1 while the
streaming engine panics, 0 once it answers or raises a Polars error. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame(
    {"q": [None, None, None], "z": [1, 2, 1]}, schema={"q": pl.Null, "z": pl.Int64}
)
key = pl.col("q").truediv(pl.col("q"))
queries = {
    "z.sum().over(q / q)": frame.select(pl.col("z").sum().over(key)),
    "q.over(q / q, z)": frame.select(pl.col("q").over(key, pl.col("z"))),
}
panicked = False
print(f"Polars {pl.__version__}")
for name, query in queries.items():
    for engine in ("in-memory", "streaming"):
        try:
            print(f"  {name} on {engine}: {query.collect(engine=engine).rows()}")
        except PanicException as exc:
            print(f"  {name} on {engine}: panicked: {str(exc).splitlines()[0]}")
            panicked = True
        except pl.exceptions.PolarsError as exc:
            print(f"  {name} on {engine}: {type(exc).__name__}: {exc}")
sys.exit(1 if panicked else 0)

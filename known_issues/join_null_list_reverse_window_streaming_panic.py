"""A left/full join bringing in an all-null List column, reversed and then windowed, panics on the
streaming engine (called `Option::unwrap()` on a `None` value, in polars-arrow array/builder.rs,
from the equi-join probe's DataFrameBuilder::gather_extend).

`b.join(a, on="k", how="left").reverse().select(pl.col("p").over("k"))`, where `a.p` is a List
column of nulls only (List(Int64) or List(Struct)) and a row of `b` has no match: the streaming
engine panics; the in-memory engine answers. Without the reverse() or the window it answers, and
so does a List column holding a value. Seen on 1.44.2 (streaming and sink lanes, first met through
DataFrame.update(how='full')); 2.1.0 answers.
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
left = pl.LazyFrame({"k": [1, None]}, schema={"k": pl.Int8})
right = pl.LazyFrame(
    {"k": [1, 2], "p": [None, None]}, schema={"k": pl.Int8, "p": pl.List(pl.Int64)}
)
query = left.join(right, on="k", how="left").reverse().select(c("p").over("k"))
failed = False
print(f"Polars {pl.__version__}")
for engine in ("in-memory", "streaming"):
    try:
        result = query.collect(engine=engine)
        print(f"{engine}: answers {result.shape}")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

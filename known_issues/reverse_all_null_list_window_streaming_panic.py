"""reverse() of a frame whose List column holds only nulls, then a window (over) of that column,
panics on the streaming engine on 1.44 (called `Option::unwrap()` on a `None` value, in
polars-arrow array/builder.rs, from the equi-join probe's DataFrameBuilder::gather_extend that
joins the window's groups back).

`lf.reverse().select(pl.col("p").over("k"))` with `p` a List(Int64) or List(Struct) of nulls only:
the reversed column is List(Null) (reverse-all-null-list-planned-list-null), and the window's
join gathers it into a builder of the planned list dtype. No join in the query is needed (a left
join's unmatched rows are one way to get such a column). The in-memory engine answers; without reverse() it answers. Seen on 1.44.2; 2.1.0 answers.
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
failed = False
print(f"Polars {pl.__version__}")
for dtype in (pl.List(pl.Int64), pl.List(pl.Struct({"key": pl.String, "value": pl.Int64}))):
    lf = pl.LazyFrame({"k": [True, True], "p": [None, None]}, schema={"k": pl.Boolean, "p": dtype})
    query = lf.reverse().select(c("k"), c("p").over(c("k")))
    for engine in ("in-memory", "streaming"):
        try:
            result = query.collect(engine=engine)
            print(f"{dtype}, {engine}: answers {result.schema}")
        except PanicException as exc:
            print(f"{dtype}, {engine}: panicked: {str(exc).splitlines()[0]}")
            failed = True
sys.exit(1 if failed else 0)

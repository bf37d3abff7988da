"""On 1.44 list.head/tail/slice with an all-null column argument is List(Null) in memory.

`c("p").list.head(c("v"))` of a List(Int64) column, where `v` is null on every row (two rows or
more; one row is taken as a scalar), is computed as List(Null) by the in-memory engine (every row
null), while collect_schema() plans the input's List(Int64). `list.tail` and `list.slice` with
an all-null column as offset or length do the same; a list of structs is typed List(Null) too.
It is the kernel of list-slice-expr-empty-null-dtype (over no rows the argument is all null as
well). Seen on Polars 1.44.2 by the planned-schema check (in-memory, streaming lanes where the
step runs in memory); 2.1.0 keeps the planned type. Exits 1 while the discrepancy exists, 0 once
fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
query = pl.LazyFrame(
    {"p": [[1], [2, 3]], "v": [None, None]}, schema={"p": pl.List(pl.Int64), "v": pl.Int16}
).select(c("p").list.head(c("v")).alias("e0"))
planned = query.collect_schema()["e0"]
got = query.collect(engine="in-memory")
print(
    f"Polars {pl.__version__}: planned {planned}, in-memory {got.schema['e0']} {got['e0'].to_list()}"
)
if got.schema["e0"] != planned:  # the suite's planned-schema check
    print(f"column 'e0': {got.schema['e0']}, planned {planned}")
    sys.exit(1)
print("the result has the planned dtype: fixed")
sys.exit(0)

"""with_columns(list.gather) panics on a List column whose first chunk holds only nulls (1.44).

A List(Int8) column in two chunks, [null, null] and [null, []]: with_columns of
list.gather([1, 1, 0], null_on_oob=True) beside the column panics "type Int8 is incompatible with
expected type Null"; select() of the same expression, and Series.list.gather, work. Exits 1 while the discrepancy exists, 0 once fixed.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

first = pl.DataFrame({"l": [None, None]}, schema={"l": pl.List(pl.Int8)})
second = pl.DataFrame({"l": [None, []]}, schema={"l": pl.List(pl.Int8)})
df = pl.concat([first, second], rechunk=False)
query = df.lazy().with_columns(g=pl.col("l").list.gather([1, 1, 0], null_on_oob=True))
print(f"Polars {pl.__version__}: {df.n_chunks()} chunks")
try:
    out = query.collect(engine="in-memory")
except PanicException as exc:
    print(f"list.gather panicked: {str(exc).splitlines()[0]}")
    sys.exit(1)
print(f"list.gather gave {out.schema}")
sys.exit(0 if out.schema["g"] == df.schema["l"] else 1)

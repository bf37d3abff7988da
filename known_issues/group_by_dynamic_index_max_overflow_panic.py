"""group_by_dynamic on an integer index whose value lies within a window of i64::MAX panics on
every engine: boundary start must be smaller than stop; is your time column sorted in ascending
order?

The index here is a single row, so it is sorted: the message's guess is wrong. The window that
holds the value, [i64::MAX - 1, i64::MAX + 1) for every='2i', ends past i64::MAX; its stop
overflows (wraps below its start) and the window check panics instead of raising an error. An
index value ten below i64::MAX answers. Seen on 1.44.2 and 2.1.0 (generated query: the index was
`pl.lit(<datetime>).upper_bound()`, which is an Int64 i64::MAX).
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

frame = pl.LazyFrame({"t": [2**63 - 1]}, schema={"t": pl.Int64})
failed = False
print(f"Polars {pl.__version__}")
for engine in ("in-memory", "streaming"):
    try:
        frame.group_by_dynamic("t", every="2i").agg(pl.len()).collect(engine=engine)
        print(f"{engine}: answers")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

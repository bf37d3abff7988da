"""list.get() (and arr.get()) with the scalar index i64::MIN (-9223372036854775808) panics on
every engine: called `Option::unwrap()` on a `None` value.

null_on_oob=True or not, on a non-empty list; an index of i64::MIN + 1 returns null (out of
bounds), and an empty or null list answers. Negating i64::MIN to count from the end overflows.
Seen on 1.44.2 and 2.1.0.
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
frame = pl.LazyFrame({"l": [[1, 2]]}, schema={"l": pl.List(pl.Int64)})
failed = False
print(f"Polars {pl.__version__}")
for engine in ("in-memory", "streaming"):
    try:
        frame.select(c("l").list.get(-(2**63), null_on_oob=True)).collect(engine=engine)
        print(f"{engine}: answers")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

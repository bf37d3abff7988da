"""list.item() (and list.agg()/arr.agg() of a one-value body: first(), last(), get(), min(),
max(), item()) of a List or Array of Struct column holding a null row panics (set_outer_validity
should be used for struct types) on every engine.

Without the null row it answers; list.get(0) and list.eval(element().first()) of the same column
answer; list.item() of a List(Int64) with a null row gives null. Seen on 1.44.2 and 2.1.0.
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
frame = pl.LazyFrame({"p": [None, [{"a": 1}]]}, schema={"p": pl.List(pl.Struct({"a": pl.Int64}))})
failed = False
print(f"Polars {pl.__version__}")
for label, expr in (
    ("list.item()", c("p").list.item()),
    ("list.agg(element().first())", c("p").list.agg(pl.element().first())),
):
    for engine in ("in-memory", "streaming"):
        try:
            got = frame.select(expr).collect(engine=engine)
            print(f"{label}, {engine}: {got.to_series().to_list()}")
        except PanicException as exc:
            print(f"{label}, {engine}: panicked: {str(exc).splitlines()[0]}")
            failed = True
sys.exit(1 if failed else 0)

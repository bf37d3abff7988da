"""pl.arg_sort_by() whose first key is pl.element() panics (unable to find root column name for
expr 'element()' when calling 'output_name') while the expression is built.

The panic comes from naming the result after its first key (polars-plan dsl/functions/index.rs),
before any engine runs, so every engine and output mode of a query holding it panics. The same sort
with `pl.element() + 0` or `pl.element().alias("x")` as the key, or `pl.element().arg_sort()`,
answers inside list.eval()/list.agg(); a selector such as pl.all() as the first key panics alike.
Seen on 1.44.2 and 2.1.0 (a generated query's `.list.agg(pl.arg_sort_by(pl.element(), ...))`).
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
frame = pl.LazyFrame({"l": [[3, 1, 2]]})
print(f"Polars {pl.__version__}")
print(
    "with element() + 0 as the key:",
    frame.select(c("l").list.eval(pl.arg_sort_by(pl.element() + 0))).collect().to_dicts(),
)
failed = False
for engine in ("in-memory", "streaming"):
    try:
        frame.select(c("l").list.eval(pl.arg_sort_by(pl.element()))).collect(engine=engine)
        print(f"{engine}: answers")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

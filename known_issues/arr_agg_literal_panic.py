"""arr.agg() with a literal body panics (assertion failed: !self.evaluation_is_scalar) on every
engine.

list.agg() of the same literal answers, and arr.eval() of it raises an InvalidOperationError (the
body does not preserve length). Seen on 1.44.2 and 2.1.0.
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
frame = pl.LazyFrame({"r": [[1, 2], [3, 4]]}, schema={"r": pl.Array(pl.Int64, 2)})
failed = False
print(f"Polars {pl.__version__}")
for engine in ("in-memory", "streaming"):
    try:
        frame.select(c("r").arr.agg(pl.lit(1))).collect(engine=engine)
        print(f"{engine}: answers")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

"""pl.mean_horizontal() of an integer column followed by a Decimal column panics on every engine:
internal error: entered unreachable code (the Series addition inside sum_horizontal).

With the Decimal first, mean_horizontal(d, v) answers (Float64); so do a Float column followed by
the Decimal, sum_horizontal(v, d) and v + d. Seen on 1.44.2 and 2.1.0.
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

from decimal import Decimal

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame(
    {"v": [1], "d": [Decimal("1.5")]}, schema={"v": pl.Int32, "d": pl.Decimal(10, 1)}
)
failed = False
print(f"Polars {pl.__version__}")
for label, expr in (
    ("mean_horizontal(v, d)", pl.mean_horizontal("v", "d")),
    ("mean_horizontal(d, v)", pl.mean_horizontal("d", "v")),
):
    for engine in ("in-memory", "streaming"):
        try:
            got = frame.select(expr).collect(engine=engine)
            print(f"{label}, {engine}: answers {got.to_series().to_list()}")
        except PanicException as exc:  # the suite's wording for a panic of the cell
            print(f"{label}, {engine}: panicked: {str(exc).splitlines()[0]}")
            failed = True
sys.exit(1 if failed else 0)

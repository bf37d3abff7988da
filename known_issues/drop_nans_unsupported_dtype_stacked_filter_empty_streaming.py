"""drop_nans() of a Binary or Decimal column after a filter that keeps no row: an error in memory,
the empty frame streaming with predicate pushdown off.

`remove(pl.col("b")).drop_nans(subset=["q"])` where the remove() keeps no row and `q` is Binary
(or Decimal): `is_nan` does not support the dtype, and the in-memory engine raises
InvalidOperationError (`is_nan` operation not supported for dtype `binary`, `decimal[3,0]`) over
the empty frame, with any passes. The streaming engine, with predicate pushdown off (the two
filters not merged into one), never evaluates the second filter over the first one's empty output
and returns the empty frame; with pushdown on (one merged predicate) it raises too, as it does for
drop_nans straight over an empty source. Seen on the streaming lanes under -predicate_pushdown,
-collapse_joins (1.44) and none, in a generated clear(0).remove(b, b).drop_nans(subset=[q]), on
1.44.2; 2.1.0 alike. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

from decimal import Decimal

import polars as pl

lf = pl.LazyFrame(
    {"b": [True], "q": [b"a"], "d": [Decimal(1)]},
    schema={"b": pl.Boolean, "q": pl.Binary, "d": pl.Decimal(3, 0)},
)
failed = False
for column in ("q", "d"):
    query = lf.remove(pl.col("b")).drop_nans(subset=[column])
    outcomes = {}
    for label, engine, flags in (
        ("in-memory", "in-memory", pl.QueryOptFlags()),
        ("streaming, -predicate_pushdown", "streaming", pl.QueryOptFlags(predicate_pushdown=False)),
    ):
        try:
            outcomes[label] = f"frame {query.collect(engine=engine, optimizations=flags).rows()}"
        except pl.exceptions.PolarsError as exc:
            outcomes[label] = f"raised {type(exc).__name__}: {str(exc).splitlines()[0]}"
    print(f"Polars {pl.__version__}: remove(b).drop_nans(subset=[{column!r}]): {outcomes}")
    baseline, cell = outcomes["in-memory"], outcomes["streaming, -predicate_pushdown"]
    if baseline.startswith("raised") and cell.startswith("frame"):
        print(f"baseline {baseline}; this cell returned a frame")
        failed = True
sys.exit(1 if failed else 0)

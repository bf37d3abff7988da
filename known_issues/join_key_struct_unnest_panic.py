"""On 1.44 a join key holding struct.unnest() (or struct.field("*")) panics.

`lf.join(lf, left_on=pl.concat_str(pl.col("m").struct.unnest()), right_on="k")` raises
PanicException ("internal error: entered unreachable code: handled by expression expansion") on
both engines of 1.44.2, as does `left_on=pl.col("m").struct.unnest()`; the same expression in a
select runs, and 2.1.0 expands it in the join key too.
Exits 1 while the panic exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

lf = pl.LazyFrame({"k": ["a"], "m": [{"f0": "a"}]})
query = lf.join(lf, left_on=pl.concat_str(pl.col("m").struct.unnest()), right_on=pl.col("k"))
try:
    got = query.collect(engine="in-memory")
except PanicException as exc:
    print(
        f"Polars {pl.__version__}: a join on struct.unnest() panicked: {str(exc).splitlines()[0]}"
    )
    sys.exit(1)
print(f"Polars {pl.__version__}: a join on struct.unnest() returned {got.rows()}")
sys.exit(0)

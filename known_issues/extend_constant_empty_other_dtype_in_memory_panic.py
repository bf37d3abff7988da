"""extend_constant() of an empty column with a value of another dtype panics in memory.

On an empty Float64 column, `extend_constant(pl.lit(0), n=2)` (an Int32 literal) returns, in the
in-memory engine, a scalar column typed Float64 that still holds the Int32 value; materializing it
panics with SchemaMismatch "unexpected value while building Series of type Float64; found value of
type Int32: 0". The streaming engine answers [0.0, 0.0], as does in memory on a non-empty column.
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

frame = pl.LazyFrame({"k": []}, schema={"k": pl.Float64})
query = frame.select(pl.col("k").extend_constant(pl.lit(0), n=2))
print(f"Polars {pl.__version__}")
failed = False
for engine in ("in-memory", "streaming"):
    try:
        result = query.collect(engine=engine).to_dict(as_series=False)
        print(f"{engine}: {result}")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

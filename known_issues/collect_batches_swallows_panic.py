"""collect_batches() hands out no batch, and no error, when the query panics.

collect() of the same query raises PanicException; iterating collect_batches() simply ends after
zero batches, so a caller silently gets an empty result. Exits 1 while the discrepancy exists, 0
once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

# struct.json_encode of a Binary field panics on every engine (struct_json_encode_binary_panic.py)
query = pl.LazyFrame({"s": [{"b": b"x"}] * 3}).select(pl.col("s").struct.json_encode())
try:
    batches = list(query.collect_batches(chunk_size=7))
except PanicException as exc:  # the fix: the panic reaches the caller
    print(f"Polars {pl.__version__}: collect_batches() raised {type(exc).__name__}")
    sys.exit(0)
rows = sum(b.height for b in batches)
print(f"Polars {pl.__version__}: collect_batches() gave {len(batches)} batches, {rows} rows")
try:  # as the suite words it
    query.collect()
except PanicException as exc:
    print(
        f"a result without the error; collect() of the same query panics: {str(exc).splitlines()[0]}"
    )
sys.exit(1)

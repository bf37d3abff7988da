"""collect_batches() hands out no batch, and no error, when the query panics.

collect() of the same query raises PanicException; iterating collect_batches() simply ends after
zero batches, so a caller silently gets an empty result. Exits 1 while the discrepancy exists, 0
once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl

# struct.json_encode of a Binary field panics on every engine (struct_json_encode_binary_panic.py)
query = pl.LazyFrame({"s": [{"b": b"x"}] * 3}).select(pl.col("s").struct.json_encode())
try:
    batches = list(query.collect_batches(chunk_size=7))
except BaseException as exc:  # PanicException is a BaseException
    print(f"Polars {pl.__version__}: collect_batches() raised {type(exc).__name__}")
    sys.exit(0)
rows = sum(b.height for b in batches)
print(f"Polars {pl.__version__}: collect_batches() gave {len(batches)} batches, {rows} rows")
sys.exit(1)

"""cast(..., wrap_numerical=True) keeps the input's sorted flag although wrapping reorders values.

A truly sorted Int16 column [0, 128] cast to Int8 with wrapping is [0, -128], still flagged
SORTED_ASC; the flag then misleads fast paths: max() is -128. Exits 1 while the discrepancy
exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

df = pl.DataFrame({"a": [128, 0]}, schema={"a": pl.Int16}).sort("a")  # honestly flagged ascending
out = df.lazy().select(pl.col("a").cast(pl.Int8, wrap_numerical=True)).collect(engine="in-memory")
s = out["a"]
print(f"Polars {pl.__version__}")
print(f"values: {s.to_list()}  flags: {s.flags}  max(): {s.max()} (true max: {max(s.to_list())})")
lie = s.flags["SORTED_ASC"] and s.to_list() != sorted(s.to_list())
if lie:  # as the suite words a lie in the baseline's result
    print(
        f"baseline: column 'a' ({s.dtype}) is flagged SORTED_ASC, but its non-null values are "
        f"not sorted: {s.to_list()}"
    )
sys.exit(1 if lie or s.max() != max(s.to_list()) else 0)

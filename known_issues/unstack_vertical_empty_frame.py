"""DataFrame.unstack(how="vertical") of an empty frame raises ValueError: math domain error.

The horizontal direction gives an empty frame of `step` columns; the vertical one computes the
zero-fill width as log10 of zero columns. Exits 1 while the discrepancy exists, 0 once fixed.
Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

df = pl.DataFrame({"x": []}, schema={"x": pl.Int64})
print(f"Polars {pl.__version__}: horizontal {df.unstack(step=2, how='horizontal').shape}")
try:
    print(f"vertical {df.unstack(step=2, how='vertical').shape}")
except ValueError as exc:
    print(f"vertical raised ValueError: {exc}")
    sys.exit(1)
sys.exit(0)

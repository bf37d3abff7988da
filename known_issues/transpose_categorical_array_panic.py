"""DataFrame.transpose panics on an Array column of Categorical (or Enum).

"cannot cast Array inner type: 'UInt32' to dtype: Categorical": the transposed values are built from
the categories' physical codes and cannot be cast back. Exits 1 while the discrepancy exists, 0 once
fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

df = pl.DataFrame({"a": [["x"], None]}, schema={"a": pl.Array(pl.Categorical, 1)})
print(f"Polars {pl.__version__}")
try:
    twice = df.transpose().transpose(column_names=df.columns)
except PanicException as exc:
    print(f"transpose panicked: {exc}")
    sys.exit(1)
print(f"transposed twice:\n{twice}")
sys.exit(0 if df.equals(twice) else 1)

"""Sinking list.sort() of a List(List(Categorical)) column to IPC or Parquet panics.

The sorted column's inner list loses its categorical metadata, and the writer panics: "ListArray's
child's DataType must match". The same frame collects fine and write_ipc writes it; sinking the
unsorted column works. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import tempfile
from pathlib import Path

import polars as pl
from polars.exceptions import PanicException

df = pl.DataFrame({"l": [None, [None]]}, schema={"l": pl.List(pl.List(pl.Categorical))})
query = df.lazy().select(pl.col("l").list.sort())
print(f"Polars {pl.__version__}")
failed = False
with tempfile.TemporaryDirectory() as tmp:
    for fmt in ("ipc", "parquet"):
        path = Path(tmp) / f"out.{fmt}"
        try:
            getattr(query, f"sink_{fmt}")(path)
            back = getattr(pl, f"read_{fmt}")(path)
            print(f"sink_{fmt}: ok, read back equal: {back.equals(query.collect())}")
            failed |= not back.equals(query.collect())
        except PanicException as exc:
            print(f"sink_{fmt} panicked: {str(exc)[:200]}")
            failed = True
sys.exit(1 if failed else 0)

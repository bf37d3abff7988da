"""Sorting an empty frame by a list reduction of a dtype-changing window with
mapping_strategy='join' panics in memory (dtype is unknown; consider supplying data-types for all
operations, polars-core series/from.rs).

`lf.sort(pl.col("a").log10().over("a", mapping_strategy="join").list.arg_max())` on a frame with no
rows: the in-memory engine panics, the streaming engine answers (the empty frame). Without the
dtype change (no log10) or with rows it answers. Seen on 1.44.2 (every lane: the in-memory baseline
panics); 2.1.0 answers.
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

c = pl.col
frame = pl.LazyFrame({"a": []}, schema={"a": pl.Int8})
query = frame.sort(c("a").log10().over("a", mapping_strategy="join").list.arg_max())
failed = False
print(f"Polars {pl.__version__}")
for engine in ("in-memory", "streaming"):
    try:
        result = query.collect(engine=engine)
        print(f"{engine}: answers {result.schema}")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

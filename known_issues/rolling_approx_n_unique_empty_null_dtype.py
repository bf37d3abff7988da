"""rolling().agg(x.approx_n_unique()) over no rows: the in-memory engine returns a Null column where
collect_schema() and the streaming engine have UInt32.

group_by(), group_by_dynamic() and select() of it keep UInt32 over no rows, and n_unique() in the
same rolling() does too. Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.testing import assert_frame_equal

c = pl.col
empty = pl.LazyFrame(schema={"k": pl.Date, "x": pl.Int64})
query = empty.rolling(index_column="k", period="1mo").agg(c("x").approx_n_unique().alias("a"))
planned = query.collect_schema()["a"]
in_memory, streaming = query.collect(engine="in-memory"), query.collect(engine="streaming")
got = in_memory.schema["a"]
print(f"Polars {pl.__version__}")
kinds = f"{got.base_type().__name__}, planned {planned.base_type().__name__}"
print(f"in-memory: column 'a' is {kinds}\ncolumn 'a': {got}, planned {planned}")
failed = got != planned
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
    print("in-memory and streaming agree")
except AssertionError as exc:
    print(f"in-memory vs streaming:\n{exc}")
    failed = True
# a numeric step after it raises on the Null column in memory; the streaming engine answers
clipped = query.select(c("a").clip(0, 8))
outcomes = {}
for engine in ("in-memory", "streaming"):
    try:
        outcomes[engine] = f"a frame {clipped.collect(engine=engine).shape}"
    except pl.exceptions.PolarsError as exc:
        outcomes[engine] = f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
print(f"clip(0, 8) after it: in-memory {outcomes['in-memory']}; streaming {outcomes['streaming']}")
if not outcomes["in-memory"].startswith("a frame") and outcomes["streaming"].startswith("a frame"):
    print(f"baseline raised {outcomes['in-memory']}; this cell returned a frame")
    failed = True
sys.exit(1 if failed else 0)

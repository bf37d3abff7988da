"""sum_horizontal of a Decimal column is planned at the input's precision, computed at 38.

collect_schema() plans sum_horizontal(q, k) of a Decimal(24, 0) and an Int8 column as
Decimal(24, 0); every engine computes Decimal(38, 0). Where the result is empty the streaming
engine can return the planned dtype instead (here after a reverse()), so the engines differ too.
Exits 1 while either symptom shows, 0 once both are fixed. Needs nothing but Polars.
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
lf = pl.LazyFrame(schema={"k": pl.Int8, "q": pl.Decimal(24, 0)})
query = lf.with_columns(e0=pl.sum_horizontal(c("q"), c("k"))).reverse()
planned = query.collect_schema()["e0"]
in_memory = query.collect(engine="in-memory")
streaming = query.collect(engine="streaming")
print(
    f"Polars {pl.__version__}: planned {planned}, in-memory {in_memory.schema['e0']}, "
    f"streaming {streaming.schema['e0']}"
)
found = False
if in_memory.schema["e0"] != planned:  # the suite's planned-schema check
    found = True
    print(f"column 'e0': {in_memory.schema['e0']}, planned {planned}")
try:  # the suite's comparison: the in-memory baseline on the left
    assert_frame_equal(in_memory, streaming)
except AssertionError as exc:
    found = True
    print(exc)
sys.exit(1 if found else 0)

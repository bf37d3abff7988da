"""On 1.44 list.gather of an all-null list column is List(Null), not the planned List(Int8).

collect_schema() plans the gathered column as the input's list dtype; the in-memory engine, given
one chunk of null rows, returns List(Null) (with several such chunks it returns the planned dtype,
and the streaming engine List(Null) again: list_gather_all_null_chunks_streaming_list_null.py).
Fixed in 2.x. Exits 1 while the dtype differs from the plan, 0 once fixed. Needs nothing but
Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.DataFrame({"l": [None, None, None]}, schema={"l": pl.List(pl.Int8)})
query = frame.lazy().with_columns(ends=pl.col("l").list.gather([0, -1], null_on_oob=True))
planned = query.collect_schema()
got = query.collect(engine="in-memory").schema
print(f"Polars {pl.__version__}: planned {planned}\nin-memory {got}")
differing = [name for name in planned if planned[name] != got[name]]
for name in differing:  # the suite's wording for this cell
    print(f"column '{name}': {got[name]}, planned {planned[name]}")
sys.exit(1 if differing else 0)

"""pl.concat of a frame whose all-null list column was reversed and a frame holding that column
with its planned dtype (here an empty filter of it) raises SchemaError in memory: type Int8 is
incompatible with expected type Null (failed to vstack column 'm'); the streaming engine returns
the rows. reverse() of an all-null list column gives List(Null) in memory (a struct's all-null
list field alike: reverse-all-null-list-planned-list-null, reverse-all-null-struct-list-dtype), and
vertical concatenation refuses to stack the planned List(Int8) onto it.

Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

lf = pl.LazyFrame({"m": [None, None]}, schema={"m": pl.List(pl.Int8)})
query = pl.concat([lf.reverse(), lf.filter(pl.lit(False))])
print(
    f"Polars {pl.__version__}: pl.concat([lf.reverse(), lf.filter(False)]), m all-null List(Int8)"
)


def run(engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


streaming, streaming_error = run("streaming")
in_memory, in_memory_error = run("in-memory")
print(f"streaming: {streaming_error or streaming.schema}")
print(f"in-memory: {in_memory_error or in_memory.schema}")
if in_memory_error and not streaming_error:
    print(f"the streaming engine returned a frame; in memory this cell raised {in_memory_error}")
    sys.exit(1)
if in_memory_error or streaming_error:
    sys.exit(1)
print("both engines return the rows: fixed")

"""merge_sorted of a frame whose all-null list column was reversed (typed List(Null) in memory:
reverse-all-null-list-planned-list-null) with a frame holding that column with its planned dtype,
then group_by().n_unique(), raises SchemaError in memory: type Boolean is incompatible with expected
type Null (failed to vstack column 'm'); the streaming engine returns the rows.

Seen on 1.44.2 and 2.1.0 (found in a struct.with_fields(pl.field(...).reverse()) of an all-null list field).
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

c = pl.col
lf = pl.LazyFrame(
    {"k": [1, 2], "m": [None, None]}, schema={"k": pl.Int64, "m": pl.List(pl.Boolean)}
)
reversed_ = lf.with_columns(c("m").reverse())
query = reversed_.merge_sorted(lf.filter(pl.lit(False)), key="k").group_by("k").n_unique()
print(
    f"Polars {pl.__version__}: lf.with_columns(m.reverse()).merge_sorted(lf.filter(False)).group_by(k).n_unique()"
)


def run(engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, f"{type(exc).__name__}: {str(exc).splitlines()[0]}"


in_memory, in_memory_error = run("in-memory")
streaming, streaming_error = run("streaming")
print(f"in-memory: {in_memory_error or in_memory.schema}")
print(f"streaming: {streaming_error or streaming.schema}")
if in_memory_error and not streaming_error:
    print(f"baseline raised {in_memory_error}; this cell returned a frame")
    sys.exit(1)
if in_memory_error or streaming_error:
    sys.exit(1)
print("both engines return the rows: fixed")

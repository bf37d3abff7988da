"""list.head/tail/slice of a one-row (scalar) temporal list, pl.datetime_ranges/date_ranges of
literals, with a column as the length: the kernel returns the physical inner dtype
(List(Datetime) -> List(Int64), List(Date) -> List(Int32)) when it broadcasts the list over two or
more rows and the logical one for a one-row input (list-slice-scalar-list-column-arg-physical-dtype).
The streaming engine runs the expression per morsel, so a frame split into a one-row morsel and
longer ones yields both dtypes, and combining them panics: should not fail:
SchemaMismatch("type Datetime('μs') is incompatible with expected type Int64"); collect_batches
raises SchemaError with the same words. In memory the query returns a frame (List(Int64)).

Which heights split that way depends on the thread pool (3 rows with 2 threads, 17 with 16), so
the script tries heights 2..4*threads+8. With one thread no morsel split happens: it then reports
the streaming result's physical dtype against the plan, the same kernel's defect.
Seen on 1.44.2 and 2.1.0.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl
from polars.exceptions import PanicException

c = pl.col
head = (
    pl.datetime_ranges(datetime.datetime(2000, 1, 1), datetime.datetime(2000, 1, 3))
    .list.head(c("n"))
    .alias("e")
)
threads = pl.thread_pool_size()
print(
    f"Polars {pl.__version__}, {threads} threads: pl.datetime_ranges(<literals>).list.head(c('n'))"
)
planned = pl.LazyFrame({"n": [1]}).select(head).collect_schema()["e"]
wrong_dtype = None
for height in range(2, 4 * threads + 9):
    query = pl.LazyFrame({"n": [1] * height}).select(head)
    in_memory = query.collect(engine="in-memory").schema["e"]
    try:
        got = query.collect(engine="streaming").schema["e"]
    except PanicException as exc:
        print(f"{height} rows: in memory a frame ({in_memory}); streaming panicked: {exc}")
        try:
            list(query.collect_batches())
        except pl.exceptions.PolarsError as err:
            print(f"  collect_batches: {type(err).__name__}: {str(err).splitlines()[0]}")
        sys.exit(1)
    if got != planned and wrong_dtype is None:
        wrong_dtype = f"{height} rows: streaming {got}, in memory {in_memory}, planned {planned}"
if wrong_dtype:
    print(f"no height panicked; {wrong_dtype}")
    sys.exit(1)
print("no panic, and the planned dtype on the streaming engine: fixed")

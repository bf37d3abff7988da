"""rolling_rank() of an empty input keeps the input's dtype; in a group_by().agg() it panics.

rolling_rank() is planned UInt32 (Float64 for method='average'), but over no rows it returns the
input's dtype (Int64 here). A group_by().agg() where one group's input is empty (a filter, head(0),
an empty int_range broadcast) then panics building the list column, on every engine:
called `Result::unwrap()` on an `Err` value: SchemaMismatch(ErrString("cannot build list with
different dtypes \\n\\nExpected list[u32], got i64.")).

Seen on 1.44.2 and 2.1.0 (the conformance `query` check).
Exits 1 while the panic exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
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
lf = pl.LazyFrame({"z": [1, 1, 2], "v": [1, 2, 3]})
# group z=1 keeps no row after the filter
query = lf.group_by("z").agg(c("v").filter(c("v") > 2).rolling_rank(window_size=2, method="max"))
print(f"Polars {pl.__version__}: planned {query.collect_schema()['v']}")
failed = False
for engine in ("in-memory", "streaming"):
    try:
        got = query.collect(engine=engine)
        print(f"{engine}: returned {got.schema['v']}")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

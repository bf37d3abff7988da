"""interpolate(method='nearest') of arr.len() of an Array column with a null row between two rows
panics: called `Result::unwrap()` on an `Err` value: ComputeError("validity mask length must match
the number of values").

arr.len() flags its result SORTED_ASC although the null sits between values (the untruthful flag of
array-len-sorted-flag-with-nulls); interpolate(method='nearest') trusts the flag and panics. The
same lengths without the flag (arr.len() + 0) interpolate to [1, 1, 1]; a UInt32 column given the
same lie by set_sorted() panics alike. The in-memory engine panics here; the streaming engine
panicked in the query seen (here it answers [1, 1, 1]). Seen on 2.1.0
(the generated-query check: `c("r").arr.len().interpolate(method='nearest').erf().median()` over
an Array(Struct) column with null rows); reproduces on 1.44.2.
Exits 1 while the discrepancy exists, 0 once fixed, 2 when it cannot run. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame({"r": [[0], None, [0]]}, schema={"r": pl.Array(pl.Int64, 1)})
query = frame.select(pl.col("r").arr.len().interpolate(method="nearest"))

failed = False
print(f"Polars {pl.__version__}")
for engine in ("in-memory", "streaming"):
    try:
        print(f"{engine}: {query.collect(engine=engine).to_series().to_list()}")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

"""A group_by key pl.when().then(<int literal>).otherwise(<Time column>), which the plan types as
Unknown (see when-then-int-literal-temporal-planned-unknown), panics on the streaming engine.

Alone as the key it panics with "internal error: entered unreachable code" (hot_groups/
row_encoded.rs); next to another key column, with "Unsupported in row encoding" on 1.44.2 (2.1.0:
entered unreachable code again). The in-memory engine groups by the computed Int64; with a typed
literal (pl.lit(1, pl.Int32)) the streaming engine answers too. Seen on 1.44.2 and 2.1.0. A
window partitioned by such a key (pl.lit(1).over(<it>): the streaming engine's group_by sink,
RowEncodedHashHotGrouper::insert_keys) panics alike (entered unreachable code); seen on 2.1.0 with
a Date column (when(...).then(c("k")).otherwise(pl.lit(65536)), later .over(c("e0"))).
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime as dt

import polars as pl
from polars.exceptions import PanicException

c = pl.col
frame = pl.LazyFrame(
    {"z": [None, None], "k": [True, False], "t": [dt.time(1), None]},
    schema={"z": pl.Int64, "k": pl.Boolean, "t": pl.Time},
)
key = pl.when(c("k")).then(pl.lit(1)).otherwise(c("t")).alias("g")
failed = False
print(f"Polars {pl.__version__}")
queries = (
    ("the key alone", frame.group_by(key).len()),
    ("after a column key", frame.group_by("z", key).len()),
    ("a window over it", frame.select(pl.lit(1).over(key).alias("w"))),
)
for label, query in queries:
    print(f"{label}, in-memory: {query.collect(engine='in-memory').height} rows")
    try:
        print(f"{label}, streaming: {query.collect(engine='streaming').height} rows")
    except PanicException as exc:
        print(f"{label}, streaming: panicked: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

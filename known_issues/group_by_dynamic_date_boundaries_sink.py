"""group_by_dynamic on a Date index plans Date boundaries but computes Datetime ones (1.44).

collect_schema() says _lower_boundary/_upper_boundary are Date, collect() returns Datetime("us"),
and sink_parquet, which writes the planned schema, fails converting them (sink_ipc panics). The text
sinks write the datetimes, which do not read back as the planned Date: sink_csv's come back null,
sink_ndjson's raise "cannot parse '2000-01-01 00:00:00' (string) as Date". 2.x plans Datetime.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime as dt
import os
import tempfile

import polars as pl
from polars.exceptions import PanicException
from polars.testing import assert_frame_equal

lf = pl.LazyFrame(
    {"t": [dt.date(2000, 1, 1), dt.date(2001, 1, 1)], "k": [1, 1]},
    schema={"t": pl.Date, "k": pl.Int32},  # read_ndjson panics on Int8,
)
query = lf.group_by_dynamic("t", every="10y", group_by="k", include_boundaries=True).agg(n=pl.len())
schema = query.collect_schema()
collected = query.collect()
planned, got = schema["_lower_boundary"], collected.schema["_lower_boundary"]
print(f"Polars {pl.__version__}: _lower_boundary planned {planned}, collected {got}")
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    for fmt in ("parquet", "ipc", "csv", "ndjson"):
        path = os.path.join(tmp, f"out.{fmt}")
        try:
            getattr(query, f"sink_{fmt}")(path)
        except (pl.exceptions.PolarsError, PanicException) as exc:  # parquet raises, IPC panics
            print(f"sink_{fmt} raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
            continue
        if fmt in ("parquet", "ipc"):
            print(f"sink_{fmt}: written")
            continue
        try:  # as the suite reads a text sink back: with the result's planned schema
            back = getattr(pl, f"read_{fmt}")(path, schema=schema)
        except pl.exceptions.PolarsError as exc:
            print(f"sink_{fmt} read back: baseline returned a frame; this cell raised ", end="")
            print(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
            continue
        try:
            assert_frame_equal(collected, back)
            print(f"sink_{fmt}: reads back as collected")
        except AssertionError as exc:
            print(f"sink_{fmt} read back:\n{exc}")
sys.exit(0 if planned == got else 1)

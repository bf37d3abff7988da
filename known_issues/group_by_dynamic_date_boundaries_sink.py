"""group_by_dynamic on a Date index plans Date boundaries but computes Datetime ones (1.44).

collect_schema() says _lower_boundary/_upper_boundary are Date, collect() returns Datetime("us"),
and sink_parquet, which writes the planned schema, fails converting them. 2.x plans Datetime.
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

lf = pl.LazyFrame(
    {"t": [dt.date(2000, 1, 1), dt.date(2001, 1, 1)], "k": [1, 1]},
    schema={"t": pl.Date, "k": pl.Int8},
)
query = lf.group_by_dynamic("t", every="10y", group_by="k", include_boundaries=True).agg(n=pl.len())
planned = query.collect_schema()["_lower_boundary"]
got = query.collect().schema["_lower_boundary"]
print(f"Polars {pl.__version__}: _lower_boundary planned {planned}, collected {got}")
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    for fmt in ("parquet", "ipc", "csv", "ndjson"):
        try:
            getattr(query, f"sink_{fmt}")(os.path.join(tmp, f"out.{fmt}"))
            print(f"sink_{fmt}: written")
        except (pl.exceptions.PolarsError, PanicException) as exc:  # parquet raises, IPC panics
            print(f"sink_{fmt} raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
sys.exit(0 if planned == got else 1)

"""sink_parquet/sink_ipc/sink_ndjson of a UInt128 cum_sum fail: the plan says Int64, the data is UInt128.

collect_schema() of cum_sum over a UInt128 column is Int64 while collect() returns UInt128, so the
sinks, which write the planned schema, cannot convert the column (parquet raises, IPC panics), and
NDJSON read back as planned cannot parse a value past Int64's range ((u64) as Int64). Exits 1
while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import tempfile
from pathlib import Path

import polars as pl
from polars.exceptions import PanicException

# 2**63 fits UInt128 (and u64) but not the planned Int64
query = pl.LazyFrame({"v": [2**63, 1]}, schema={"v": pl.UInt128}).select(pl.col("v").cum_sum())
planned = query.collect_schema()
print(f"Polars {pl.__version__}: planned {planned}, got {query.collect().schema}")
failed = False
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    try:
        query.sink_parquet(Path(tmp) / "out.parquet")
    except (pl.exceptions.PolarsError, PanicException) as exc:  # parquet raises, IPC panics
        print(f"sink_parquet raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
        failed = True
    try:  # ndjson writes the numbers; reading them back as planned fails
        query.sink_ndjson(Path(tmp) / "out.ndjson")
        pl.read_ndjson(Path(tmp) / "out.ndjson", schema=planned)
    except (pl.exceptions.PolarsError, PanicException) as exc:
        print(f"sink_ndjson read back raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
        failed = True
sys.exit(1 if failed else 0)

"""sink_ndjson and sink_csv (write_ndjson, write_csv) panic on a Datetime beyond what Polars can
format: JoinError::Panic(Id(..), "invalid or out-of-range datetime", ...).

A Datetime("ms") of 8236339200000000 (year 262969; Int64 holds it, chrono's calendar does not)
is a valid value: collect() returns it, sink_ipc and sink_parquet write it, but the text writers
panic in their writer task instead of raising an error. The conformance run met it on 1.44.2,
where a Struct with a List(Array(Datetime("ms"))) field built from Python values stores the
microseconds of 2231-01-01 under the millisecond dtype (struct_list_array_datetime_ms_as_us.py),
so a semi join that kept such a row panicked on the sink_ndjson lane. Seen on 1.44.2 and 2.1.0.
Exits 1 while a text sink panics, 0 once it writes or raises. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import os
import tempfile

import polars as pl
from polars.exceptions import PanicException

frame = pl.LazyFrame({"t": [8236339200000000]}).select(pl.col("t").cast(pl.Datetime("ms")))
print(
    f"Polars {pl.__version__}: collect() returns {frame.collect().height} row(s) of {frame.collect_schema()}"
)
failed = False
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    for sink in ("ndjson", "csv", "ipc"):
        try:
            getattr(frame, f"sink_{sink}")(os.path.join(tmp, f"t.{sink}"))
            print(f"sink_{sink} wrote the file")
        except PanicException as exc:  # the suite's wording for a panic of the cell
            print(f"sink_{sink} panicked: {str(exc).splitlines()[0]}")
            failed = True
        except pl.exceptions.PolarsError as exc:  # an error is an answer
            print(f"sink_{sink} raised {type(exc).__name__}: {str(exc).splitlines()[0]}")
sys.exit(1 if failed else 0)

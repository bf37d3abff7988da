"""group_by().agg() over no rows of a column-free pl.datetime_range(...).dt.to_string("%z")
(a naive Datetime formatted with a time-zone specifier): the in-memory engine never evaluates the
aggregation and returns an empty frame, the streaming engine evaluates it and raises ComputeError
(cannot format timezone-naive Datetime with format '%z'). The engines disagree on whether the query
raises. A plain literal (pl.lit(datetime).dt.to_string("%z")) raises on both engines.

Seen on Polars 1.44.2 and 2.1.0 (streaming, collect_batches, sink_*, collect_all/collect_async).
Exits 1 while the bug is there, 0 once fixed, 2 when it cannot run here.
"""

import sys


def _cannot_run(kind, exc, tb):
    import os
    import traceback

    traceback.print_exception(kind, exc, tb)
    print(f"cannot run this reproducer here: {kind.__name__}: {exc}", flush=True)
    sys.stderr.flush()
    os._exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl

start = pl.lit(datetime.datetime(2000, 1, 1))
query = (
    pl.LazyFrame({"k": ["a", "b"]})
    .filter(pl.col("k").is_null())  # no row reaches the group_by
    .group_by("k")
    .agg(pl.datetime_range(start, start, interval="1d").dt.to_string("%z").alias("a"))
)


def run(engine):
    try:
        return query.collect(engine=engine), None
    except pl.exceptions.PolarsError as exc:
        return None, exc


results = {engine: run(engine) for engine in ("in-memory", "streaming")}
for engine, (frame, error) in results.items():
    print(
        f"{engine}: {f'raised {type(error).__name__}: {error}' if error else f'returned {frame.shape}'}"
    )
(_, memory_error), (_, streaming_error) = results["in-memory"], results["streaming"]
if (memory_error is None) != (streaming_error is None):
    print("BUG: the engines disagree on whether the query raises")
    if memory_error is None:
        message = str(streaming_error).splitlines()[0]
        print(
            f"baseline returned a frame; this cell raised {type(streaming_error).__name__}: {message}"
        )
    sys.exit(1)
print("the engines agree: fixed")

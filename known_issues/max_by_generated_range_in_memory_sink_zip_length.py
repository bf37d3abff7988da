"""pl.ones(2).max_by(pl.ones(2)) (also min_by, and pl.zeros/pl.repeat/pl.int_range of two values)
is one value, which with_columns broadcasts over the frame: collect() on either engine answers.
A sink run by the in-memory engine (the default engine of sinks on 1.44; engine="in-memory" on
2.1) keeps it as two rows: over a frame of three rows it raises ShapeError (zip node received
non-equal length inputs), over a frame of one row it writes two rows. The max_by of an empty
generated range (pl.time_range(time(23, 59), time(0, 0)), pl.int_range(0, 0)), one null, is kept
as no row alike: ShapeError over three rows, no row written for one.

Seen on 1.44.2 (sink_parquet, sink_ipc lanes; a generated query; the empty time_range's
max_by on sink_ipc, in a query whose baseline raised another step's DuplicateError). 2.1.0's sinks run on the
streaming engine by default and answer, but sink_*(engine="in-memory") still fails.
Exits 1 while a sink fails or writes other rows than collect(), 0 once fixed. Needs nothing but
Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime
import os
import tempfile

import polars as pl

print(f"Polars {pl.__version__}")
failed = False
with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
    empty = pl.time_range(datetime.time(23, 59), datetime.time(0, 0), interval="1h")
    for name, value in (
        ("pl.ones(2).max_by(pl.ones(2))", pl.ones(2).max_by(pl.ones(2))),
        ("empty time_range's max_by", empty.max_by(empty)),
    ):
        for rows in (3, 1):
            query = pl.LazyFrame({"x": list(range(rows))}).with_columns(e=value)
            expected = query.collect()
            for engine in ("the default engine", "in-memory"):
                for sink in ("parquet", "ipc", "csv", "ndjson"):
                    path = os.path.join(tmp, f"result.{sink}")
                    label = f"{name}, {rows} row(s), sink_{sink} on {engine}"
                    kwargs = {} if engine == "the default engine" else {"engine": engine}
                    try:
                        getattr(query, f"sink_{sink}")(path, **kwargs)
                    except pl.exceptions.ShapeError as exc:  # as the suite words the cell
                        message = str(exc).splitlines()[0]
                        print(f"{label}, collect() answers:")
                        print(f"baseline returned a frame; this cell raised ShapeError: {message}")
                        failed = True
                        continue
                    typed = {"schema": expected.schema} if sink in ("csv", "ndjson") else {}
                    got = getattr(pl, f"read_{sink}")(path, **typed)
                    same = got.equals(expected)
                    print(
                        f"{label}: {got.height} rows, {'as' if same else 'NOT as'} collect() ({expected.height})"
                    )
                    failed |= not same
sys.exit(1 if failed else 0)

"""The streaming engine's group_by().agg(min) of an Enum column leaves an all-null group's key at the
physical maximum (255 for an Enum of UInt8), and the IPC file written from it cannot be read back.

`group_by("g").agg(pl.col("q").min())` on the streaming engine, where a group's Enum values are all
null, returns that null (its validity is unset) over the physical key 255 (u8::MAX, the minimum's
starting value; 65535 for an Enum of more than 255 categories). The frame looks right, but
sink_ipc() of the query, or write_ipc() of the collected frame, writes the key 255 and read_ipc()
rejects the file: ComputeError: one of the dictionary keys is 255 but it must be < than the length
of the dictionary values. The in-memory engine's result (and max(), and a Categorical column)
round-trips. group_by(maintain_order=True) does not show it.

Seen on 2.1.0 (a group_by().min() of an Enum column after another group_by; sink_ipc and
streaming-small-morsels, whose result comes back through IPC); 1.44.2 has it too.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import io
import os
import sys
import tempfile


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl

frame = pl.LazyFrame(
    {"g": [1, 2], "q": [None, "a"]}, schema={"g": pl.Int64, "q": pl.Enum(["a", "b"])}
)
query = frame.group_by("g").agg(pl.col("q").min())


def round_trip(result):
    """read_ipc() of the frame's write_ipc(): the error, or None."""
    buffer = io.BytesIO()
    result.write_ipc(buffer)
    buffer.seek(0)
    try:
        pl.read_ipc(buffer)
    except pl.exceptions.ComputeError as exc:
        return f"ComputeError: {str(exc).splitlines()[0]}"
    return None


print(f"Polars {pl.__version__}")
failed = False
for engine in ("in-memory", "streaming"):
    result = query.collect(engine=engine)
    error = round_trip(result)
    print(f"  {engine}: {sorted(result.rows())}; write_ipc + read_ipc: {error or 'the same frame'}")
    failed |= error is not None
with tempfile.TemporaryDirectory() as folder:
    path = os.path.join(folder, "result.ipc")
    query.sink_ipc(path)
    try:
        pl.read_ipc(path)
    except pl.exceptions.ComputeError as exc:
        error = f"ComputeError: {str(exc).splitlines()[0]}"
        print(f"  sink_ipc + read_ipc: {error}")
        print(f"baseline returned a frame; this cell raised {error}")
        failed = True
sys.exit(1 if failed else 0)

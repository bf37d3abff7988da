"""rle().first() panics on the streaming engine: assertion failed: values.dtype() == &self.in_dtype.

`pl.col("k").rle()` is planned (and answered alone) as Struct({'len': UInt32, 'value': ...}), but
inside the streaming engine the runs reach the next step as Struct({'value', 'len'}) in the
other order: a first() or last() of it panics (assertion failed: values.dtype() ==
&self.in_dtype), and unique() or mode() of it return Struct({'value', 'len'}) of garbage values
(printed below, for information); in memory all of them answer. Seen on 1.44.2 and 2.1.0, on a
single-chunk column (rle_three_chunks_streaming_panic.py is the panic of three chunks). Over no
rows a reduction of the runs answers on both engines, each in its own field order. sink_ipc() of
rle() itself panics on a chunk in the other order than the schema it writes (to_arrow()
conversion failed: struct field names mismatch; sink_parquet raises it as SchemaError).
Exits 1 while the panic happens, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import io

import polars as pl
from polars.exceptions import PanicException

c = pl.col
frame = pl.LazyFrame({"k": [1, 1, None]})
query = frame.select(c("k").rle().first())
print(f"Polars {pl.__version__}: planned {query.collect_schema()}")
failed = False
for engine in ("in-memory", "streaming"):
    try:
        print(f"{engine}: {query.collect(engine=engine).rows()}")
    except PanicException as exc:
        print(f"{engine}: panicked: {str(exc).splitlines()[0]}")
        failed = True
    try:  # for information: the other order of the fields, and what is read through it
        unique = frame.select(c("k").rle().unique()).collect(engine=engine)
        print(
            f"  rle().unique() on {engine}: {unique.schema['k']} {sorted(unique.rows(), key=repr)}"
        )
    except (pl.exceptions.PolarsError, PanicException) as exc:
        print(f"  rle().unique() on {engine}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
# over no rows the reduction answers, in the engine's own field order: the frames' dtypes differ
empty = pl.LazyFrame({"r": [1, 1, 2], "b": [3, 1, 2]}).head(0).select(c("r").rle().min_by(c("b")))
dtypes = {e: empty.collect(engine=e).schema["r"] for e in ("in-memory", "streaming")}
if dtypes["in-memory"] != dtypes["streaming"]:
    print(
        "rle().min_by() over no rows: dtypes do not match\n"
        f"[left]: [('r', {dtypes['in-memory']!r})]\n[right]: [('r', {dtypes['streaming']!r})]"
    )
    failed = True
buffer = io.BytesIO()
try:  # the sink writes the planned field order and gets the streaming engine's
    frame.select(c("k").rle()).sink_ipc(buffer)
    print(f"sink_ipc of rle(): {pl.read_ipc(buffer.getvalue()).rows()}")
except PanicException as exc:
    print(f"sink_ipc of rle(): panicked: {str(exc).splitlines()[0]}")
    failed = True
sys.exit(1 if failed else 0)

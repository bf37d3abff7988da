"""On 2.x the streaming engine panics reversing a list column whose morsels mix all-null ones.

reverse() of an all-null list chunk of two or more rows is typed List(Null). With morsels of two
rows, the column [[], None, None, None] gives one morsel that keeps List(String) and one that
becomes List(Null), and combining them panics: "should not fail: SchemaMismatch(... type String is
incompatible with expected type Null)". collect_batches() (and sink_batches) raise SchemaError
instead: type String is incompatible with expected type Null (failed to vstack column 'x'). The
in-memory engine returns List(String). Exits 1 while the discrepancy exists, 0 once fixed. Needs
nothing but Polars.
"""

import os
import sys

# read once when Polars starts: morsels of two rows
os.environ["POLARS_IDEAL_MORSEL_SIZE"] = "2"
os.environ["POLARS_STREAMING_CHUNK_SIZE"] = "2"


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import polars as pl
from polars.exceptions import PanicException

query = pl.LazyFrame({"x": [[], None, None, None]}, schema={"x": pl.List(pl.String)}).reverse()
print(f"Polars {pl.__version__}: in-memory {query.collect(engine='in-memory').schema}")
failed = False
try:
    got = query.collect(engine="streaming")
    print(f"streaming returned {got.schema}")
except PanicException as exc:  # the suite's wording for a panic of the cell
    print(f"streaming: panicked: {str(exc).splitlines()[0]}")
    failed = True
try:
    batches = [batch.schema["x"] for batch in query.collect_batches(chunk_size=7)]
    print(f"collect_batches returned batches of {batches}")
except pl.exceptions.SchemaError as exc:  # the suite's wording for the lane's error
    error = f"SchemaError: {str(exc).splitlines()[0]}"
    print(f"collect_batches: {error}\nbaseline returned a frame; this cell raised {error}")
    failed = True
sys.exit(1 if failed else 0)

"""read_ndjson panics when the schema has a top-level Int8, Int16, UInt8, UInt16, Time or Duration
column, even on what write_ndjson wrote ("unexpected dtype when deserializing ndjson").

Exits 1 while the panic exists, 0 once fixed. Needs nothing but Polars.
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

df = pl.DataFrame({"a": [1, None]}, schema={"a": pl.Int8})
text = df.write_ndjson()
print(f"Polars {pl.__version__}: written {text!r}")
try:
    back = pl.read_ndjson(io.StringIO(text), schema=df.schema)
except PanicException as exc:
    print(f"read_ndjson(schema={{'a': pl.Int8}}) panicked: {exc}")
    sys.exit(1)
print(back)
sys.exit(0 if back.equals(df) else 1)

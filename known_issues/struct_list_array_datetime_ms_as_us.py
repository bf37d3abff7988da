"""On 1.44 a Struct with a List(Array(Datetime("ms"))) field built from Python values holds
microseconds, so struct.json_encode() panics: "invalid or out-of-range datetime".

pl.Series([{"f2": [[datetime(2231, 1, 1)]]}], dtype=Struct({"f2": List(Array(Datetime("ms"), 1))}))
stores 8236339200000000, the instant in microseconds, under the millisecond dtype: year 262969,
beyond what Polars can format, so printing the value panics (json_encode does so on every engine,
the in-memory baseline included). The same List(Array(...)) outside a Struct holds milliseconds;
2.x builds both right. Exits 1 while the value is wrong, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import datetime

import polars as pl
from polars.exceptions import PanicException

when = datetime.datetime(2231, 1, 1)
inner = pl.List(pl.Array(pl.Datetime("ms"), 1))
nested = pl.Series("s", [{"f2": [[when]]}], dtype=pl.Struct({"f2": inner})).to_frame()
plain = pl.Series("f2", [[[when]]], dtype=inner).to_frame()
stored = nested.select(pl.col("s").struct.field("f2").to_physical()).item().to_list()
expected = plain.select(pl.col("f2").to_physical()).item().to_list()
print(f"Polars {pl.__version__}: {when} as milliseconds is {expected}; in the Struct {stored}")
try:
    encoded = nested.lazy().select(json=pl.col("s").struct.json_encode()).collect()
    print(f"json_encode: {encoded.item()}")
except PanicException as exc:  # the suite's wording for a panic of the baseline
    print(f"json_encode in memory: panicked: {str(exc).splitlines()[0]}")
sys.exit(0 if stored == expected else 1)

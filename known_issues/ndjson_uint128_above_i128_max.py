"""read_ndjson cannot read back a UInt128 above the Int128 maximum that write_ndjson wrote.

write_ndjson writes 2**127 as a plain JSON number; reading it with its own UInt128 schema raises
"cannot parse '...' (u128) as u128" (the number is parsed as an i128 first). Values up to 2**127 - 1
read back. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import io

import polars as pl

df = pl.DataFrame({"u": [2**127, 2**128 - 1]}, schema={"u": pl.UInt128})
text = df.write_ndjson()
print(f"Polars {pl.__version__}\nwritten:\n{text}")
try:
    back = pl.read_ndjson(io.StringIO(text), schema=df.schema)
except pl.exceptions.ComputeError as exc:
    print(f"read_ndjson raised: {exc}")
    sys.exit(1)
sys.exit(0 if back.equals(df) else 1)

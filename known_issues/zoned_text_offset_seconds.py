"""write_csv / write_ndjson drop the seconds of a time zone's UTC offset (local mean time).

Before 1919 Asia/Kathmandu was UTC+05:41:16. The writers print the offset as +0541 / +05:41, so the
text denotes an instant 16 seconds later and reading it back with the original schema changes the
value. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import sys


def _cannot_run(kind, exc, tb):
    """Exit 2 (the reproducer cannot run), not Python's 1, which means the bug is still there."""
    sys.__excepthook__(kind, exc, tb)
    sys.exit(2)


sys.excepthook = _cannot_run

import io

import polars as pl
from polars.testing import assert_frame_equal

df = pl.DataFrame({"t": ["1900-01-01 00:00:00"]}, schema={"t": pl.String}).select(
    pl.col("t").str.to_datetime(time_unit="ms").dt.replace_time_zone("Asia/Kathmandu")
)
csv = df.write_csv()
ndjson = df.write_ndjson()
from_csv = pl.read_csv(io.StringIO(csv), schema=df.schema)
from_ndjson = pl.read_ndjson(io.StringIO(ndjson), schema=df.schema)
print(f"Polars {pl.__version__}")
print(f"written:   {df['t'][0]}\ncsv text:  {csv.splitlines()[1]}\njson text: {ndjson.strip()}")
print(f"csv back:  {from_csv['t'][0]}\njson back: {from_ndjson['t'][0]}")
failed = False
for fmt, back in (("csv", from_csv), ("ndjson", from_ndjson)):
    try:  # the suite's comparison: what was written on the left
        assert_frame_equal(df, back, check_exact=True)
    except AssertionError as exc:
        print(f"write_{fmt} then read_{fmt}\n{exc}")
        failed = True
sys.exit(1 if failed else 0)

"""write_csv / write_ndjson drop the seconds of a time zone's UTC offset (local mean time).

Before 1919 Asia/Kathmandu was UTC+05:41:16. The writers print the offset as +0541 / +05:41, so the
text denotes an instant 16 seconds later and reading it back with the original schema changes the
value. Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import io
import sys

import polars as pl

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
sys.exit(0 if df.equals(from_csv) and df.equals(from_ndjson) else 1)

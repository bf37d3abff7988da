"""group_by_dynamic on a Date index plans Date boundaries but computes Datetime ones (1.44).

collect_schema() says _lower_boundary/_upper_boundary are Date, collect() returns Datetime("us"),
and sink_parquet, which writes the planned schema, fails converting them. 2.x plans Datetime.
Exits 1 while the discrepancy exists, 0 once fixed. Needs nothing but Polars.
"""

import datetime as dt
import sys

import polars as pl

lf = pl.LazyFrame(
    {"t": [dt.date(2000, 1, 1), dt.date(2001, 1, 1)], "k": [1, 1]},
    schema={"t": pl.Date, "k": pl.Int8},
)
query = lf.group_by_dynamic("t", every="10y", group_by="k", include_boundaries=True).agg(n=pl.len())
planned = query.collect_schema()["_lower_boundary"]
got = query.collect().schema["_lower_boundary"]
print(f"Polars {pl.__version__}: _lower_boundary planned {planned}, collected {got}")
sys.exit(0 if planned == got else 1)

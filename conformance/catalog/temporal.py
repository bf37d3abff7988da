"""`dt.*` expressions."""

from __future__ import annotations

import polars as pl

from conformance.catalog.operation import Operation
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

OPERATIONS = (
    Operation(
        "with_columns_temporal",
        lambda lf: lf.with_columns(
            year=c("t").dt.year(),
            month=c("t").dt.month(),
            weekday=c("t").dt.weekday(),
            truncated=c("t").dt.truncate("1mo"),
            shifted=c("t").dt.offset_by("1d"),
            date=c("t").dt.date(),
        ),
        ({"t": Col(D.dates | D.datetimes)},),
    ),
)

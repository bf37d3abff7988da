"""`str.*` expressions."""

from __future__ import annotations

import polars as pl

from conformance.catalog.operation import Operation
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

OPERATIONS = (
    Operation(
        "with_columns_string",
        lambda lf: lf.with_columns(
            len_chars=c("s").str.len_chars(),
            len_bytes=c("s").str.len_bytes(),
            upper=c("s").str.to_uppercase(),
            contains=c("s").str.contains("a", literal=True),
            starts=c("s").str.starts_with("a"),
            replaced=c("s").str.replace_all("a", "-", literal=True),
            sliced=c("s").str.slice(1, 2),
            concat=c("s") + pl.lit("|"),
            stripped=c("s").str.strip_chars(),
        ),
        ({"s": Col(D.strings)},),
    ),
)

"""Order-dependent expressions and window functions."""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import KEYED
from conformance.catalog.operation import Operation
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

OPERATIONS = (
    Operation(
        "shift_diff_cum_sum",
        lambda lf: lf.with_columns(
            shifted=c("v").shift(1),
            shifted_back=c("v").shift(-2),
            diff=c("v").diff(),
            cum_sum=c("v").cum_sum(),
        ),
        ({"v": Col(D.numeric)},),
    ),
    Operation(
        "window_over",
        lambda lf: lf.with_columns(
            group_sum=c("v").sum().over("k"),
            group_max=c("v").max().over("k"),
            group_cum_sum=c("v").cum_sum().over("k"),
            group_len=pl.len().over("k"),
        ),
        (KEYED,),
    ),
)

"""Row-level operations: filters, sorts, unique, slices and row indices."""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import KEYED
from conformance.catalog.operation import Operation
from conformance.compare import UNORDERED
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

OPERATIONS = (
    Operation("filter", lambda lf: lf.filter(c("v") > 0), (KEYED,)),
    Operation(
        "filter_compound",
        lambda lf: lf.filter(c("k").is_null() | (c("k").is_first_distinct() & c("v").is_not_nan())),
        ({"k": Col(D.keys, key=True), "v": Col(D.floats), "x": Col()},),
    ),
    Operation(
        "sort_multi_key",
        lambda lf: lf.sort(
            ["k", "v"], descending=[True, False], nulls_last=True, maintain_order=True
        ),
        (KEYED,),
    ),
    Operation(
        "sort_descending_nulls_last",
        lambda lf: lf.select("x").sort("x", descending=True, nulls_last=True),
        ({"x": Col(D.scalars)},),
    ),
    Operation(
        "sort_any_dtype_stable",
        lambda lf: lf.sort("x", maintain_order=True),
        ({"x": Col(), "i": Col(D.integers)},),
    ),
    Operation("unique_any", lambda lf: lf.unique(), (KEYED,), UNORDERED),
    Operation(
        "unique_first",
        lambda lf: lf.unique(subset="k", keep="first", maintain_order=True),
        (KEYED,),
    ),
    Operation(
        "unique_last",
        lambda lf: lf.unique(subset="k", keep="last", maintain_order=True),
        (KEYED,),
    ),
    Operation("unique_none", lambda lf: lf.unique(subset="k", keep="none"), (KEYED,), UNORDERED),
    Operation("head", lambda lf: lf.head(3), (KEYED,)),
    Operation("tail", lambda lf: lf.tail(3), (KEYED,)),
    Operation("slice_negative_offset", lambda lf: lf.slice(-4, 2), (KEYED,)),
    Operation(
        "sort_then_slice",
        lambda lf: lf.sort("v", nulls_last=True, maintain_order=True).slice(1, 3),
        (KEYED,),
    ),
    Operation("with_row_index", lambda lf: lf.with_row_index("index", offset=1), (KEYED,)),
)

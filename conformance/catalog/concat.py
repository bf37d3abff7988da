"""Vertical, diagonal and horizontal concatenation."""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import SAME_SCHEMA
from conformance.catalog.operation import Operation
from strategies import dtypes as D
from strategies.frames import Col

OPERATIONS = (
    Operation("concat_vertical", lambda a, b: pl.concat([a, b]), SAME_SCHEMA),
    Operation(
        "concat_diagonal",
        lambda a, b: pl.concat([a, b], how="diagonal"),
        ({"a": Col(D.numeric), "x": Col()}, {"a": Col(D.numeric), "y": Col()}),
    ),
    Operation(
        "concat_horizontal",
        lambda a, b: pl.concat([a, b], how="horizontal"),
        ({"a": Col(D.numeric), "x": Col()}, {"y": Col()}),
    ),
)

"""Metamorphic oracles: relations between queries on one engine, needing no second engine.

TLP (ternary logic partitioning), NoREC (non-optimizing reference engine construction), PQS (pivoted
query synthesis) and plain equivalences, after the SQLancer family of DBMS testing oracles.
"""

from __future__ import annotations

import polars as pl

from conformance.compare import UNORDERED
from conformance.properties.property import Context, Property, frames
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col


def _tlp_filter(ctx: Context) -> None:
    """`filter(p)`, `filter(~p)` and `filter(p.is_null())` partition the input."""
    (df,) = ctx.frames
    p = c("v") > 0
    parts = [ctx.collect(df.lazy().filter(q)) for q in (p, ~p, p.is_null())]
    ctx.expect_equal(
        df, pl.concat(parts), "filter(p) + filter(~p) + filter(p.is_null()) != input", UNORDERED
    )


PROPERTIES = (
    Property(
        "oracle.tlp_filter",
        "metamorphic",
        frames({"v": Col(D.numeric), "x": Col()}),
        _tlp_filter,
    ),
)

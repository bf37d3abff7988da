"""Casting an Array(List) column with a null row to List(List) panics.

`when/then` leaves the list under a null Array row in place (legal: a null row's children are not
looked at), and the cast then fails an internal validity assertion instead of casting.
Exits 1 while the panic exists, 0 once fixed. Needs nothing but Polars.
"""

import sys

import polars as pl
from polars.exceptions import PanicException

full = pl.Series("a", [[[1]], [[2]], [[3]]], dtype=pl.Array(pl.List(pl.Int8), 1))
with_null = pl.select(pl.when(pl.Series([True, False, True])).then(full)).to_series()
print(f"Polars {pl.__version__}: {with_null.to_list()}")
try:
    cast = with_null.cast(pl.List(pl.List(pl.Int8)))
except PanicException as exc:
    print(f"cast to List(List(Int8)) panicked: {exc}")
    sys.exit(1)
print(f"cast: {cast.to_list()}")
sys.exit(0 if cast.to_list() == with_null.to_list() else 1)

"""Asks Polars what an expression returns: the type authority for the composer.

A panic is no rejection: it is a bug, and the probe answers `Panicked`, so the composer keeps
the expression (and grows it no further) and the check meets the panic on every lane.

An expression is probed with its inputs as placeholder columns (`_0`, `_1`, ...) of their dtypes,
on a frame of one null row: planning (`collect_schema`) and running it must both succeed. Running
matters, because some builders pass planning on a dtype their kernel rejects (`str` methods on an
integer column plan fine). Results are cached per expression code and input dtypes, so each
combination costs one small query per process.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import polars as pl
from polars.exceptions import PanicException

from strategies.queries.families import CODE_GLOBALS

_cache: dict[tuple[str, tuple[str, ...]], pl.DataType | None] = {}


class Panicked(pl.DataType):
    """The dtype of an expression Polars panicked on: a bug, kept so the check reports it."""


def placeholder(i: int) -> str:
    return f'c("_{i}")'


def output_dtype(code: str, dtypes: Sequence[pl.DataType]) -> pl.DataType | None:
    """The dtype `code` (over placeholders of `dtypes`) returns, or None where Polars rejects it."""
    key = (code, tuple(repr(d) for d in dtypes))
    if key not in _cache:
        _cache[key] = _probe(code, dtypes)
    return _cache[key]


def _probe(code: str, dtypes: Sequence[pl.DataType]) -> pl.DataType | None:
    if any(isinstance(d, Panicked) for d in dtypes):
        return None  # an input already panicked: nothing is built on it
    frame = pl.DataFrame([pl.Series(f"_{i}", [None], dtype=d) for i, d in enumerate(dtypes)]).lazy()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expr = eval(code, dict(CODE_GLOBALS))  # code the composer wrote itself
            expr = expr if isinstance(expr, pl.Expr) else pl.lit(expr)
            query = frame.select(expr.alias("out"))
            planned = query.collect_schema()["out"]
            query.collect(engine="in-memory")
    except PanicException:
        return Panicked()
    except Exception:  # Polars rejects this use: the builder does not apply here
        return None
    return planned


def literal_dtype(code: str) -> pl.DataType | None:
    """The dtype of a literal's code (`3` is a dynamic integer, typed Int32 alone)."""
    return output_dtype(code, ())

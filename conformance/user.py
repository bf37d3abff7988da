"""What a user's own query module imports: `@conformance_query` and `column`.

A query is a function from input LazyFrames to a LazyFrame. The decorator says where its inputs come
from: a `schema` (one mapping of column name to dtype or `column(...)` per input, drawn by the suite's
strategies) or `data` (a function returning the frames, or parquet/ipc/csv file paths). It returns
the function unchanged, so the module stays plain Polars code; `--queries=path/to/module.py` runs
every decorated function as the check `user.<function>` (see `conformance.run.user_queries`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import hypothesis.strategies as st
import polars as pl

from conformance.errors import ConformanceUsageError
from conformance.judge.compare import Rules, Tolerance
from strategies.frames import Col, Frame

__all__ = ["Tolerance", "column", "conformance_query"]

DType = pl.DataType | type[pl.DataType]
Schema = Mapping[str, DType | Col]
Frames = pl.DataFrame | Sequence[pl.DataFrame]
DataSource = str | Path | Sequence[str | Path] | Callable[[], Frames]
ATTRIBUTE = "__conformance_query__"
Query = TypeVar("Query", bound=Callable[..., pl.LazyFrame])


def column(dtype: DType, *, key: bool = False, nulls: bool = True, sorted: bool = False) -> Col:
    """A column drawn as `dtype`; `key=True` draws from a small pool of values, so that joins
    match and groups repeat; `sorted=True` sorts the frame by it; `nulls=False` keeps nulls out."""
    return Col(st.just(_dtype(dtype, "column()")), key=key, allow_null=nulls, sorted=sorted)


@dataclass(frozen=True)
class Declaration:
    """What `@conformance_query` recorded about one function."""

    specs: tuple[Frame, ...] | None  # one column spec per input, or None with `data`
    data: DataSource | None
    rules: Rules


def conformance_query(
    *,
    schema: Schema | Sequence[Schema] | None = None,
    data: DataSource | None = None,
    ordered: bool = True,
    tolerance: Tolerance | None = None,
) -> Callable[[Query], Query]:
    """Declare a function as a conformance query with its inputs: exactly one of `schema`, `data`.

    `ordered=False` where the result's row order is undefined (a group_by, most joins);
    `tolerance` (with its reason) where the query's own arithmetic is inexact.
    """
    if (schema is None) == (data is None):
        raise ConformanceUsageError("@conformance_query takes exactly one of schema= or data=")
    specs = None
    if schema is not None:
        frames = [schema] if isinstance(schema, Mapping) else list(schema)
        specs = tuple({name: _spec(name, v) for name, v in f.items()} for f in frames)
    declaration = Declaration(specs, data, Rules(ordered=ordered, tolerance=tolerance))

    def declare(fn: Query) -> Query:
        setattr(fn, ATTRIBUTE, declaration)
        return fn

    return declare


def _spec(name: str, value: DType | Col) -> Col:
    return value if isinstance(value, Col) else column(_dtype(value, f"schema column {name!r}"))


def _dtype(value: object, where: str) -> DType:
    if isinstance(value, pl.DataType) or (
        isinstance(value, type) and issubclass(value, pl.DataType)
    ):
        return value
    raise ConformanceUsageError(
        f"{where}: {value!r} is not a Polars dtype; use e.g. pl.Int64, "
        "pl.Datetime('us'), or column(pl.String, key=True)"
    )

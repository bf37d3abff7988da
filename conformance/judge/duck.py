"""DuckDB as an independent reference: a query's SQL twin run on the same input, Arrow in and out.

Frames reach DuckDB through the Arrow PyCapsule stream interface and come back the same way, so
neither side needs pyarrow. `run_duckdb` and `to_polars_schema` need nothing but Polars and DuckDB:
reproducers embed their source verbatim. What the two systems do differently by design is in
`conformance.judge.semantics`, applied here to every query alike.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import polars as pl
from polars.exceptions import PanicException

from conformance.judge import semantics
from conformance.judge.compare import UNORDERED, difference


@dataclass(frozen=True)
class Sql:
    """A query as SQL over its input frames, named `tables` in input order."""

    text: str
    tables: tuple[str, ...] = ("self",)


class Refused(Exception):
    """DuckDB cannot answer this query on this input by design: a row of the semantics table."""


@cache
def duckdb_missing() -> str | None:
    """None when DuckDB can be imported here, else why not."""
    if importlib.util.find_spec("duckdb") is None:
        return "duckdb is not installed"
    return None


def run_duckdb(
    text: str, tables: dict[str, pl.DataFrame], settings: list[tuple[str, str]], con: object = None
) -> pl.DataFrame:
    """`text` on a fresh DuckDB connection with `settings`, each frame registered under its name
    (or on `con`, a connection already set so, the frames unregistered after)."""
    import duckdb

    class ArrowStream:  # only the PyCapsule interface: DuckDB then needs no pyarrow
        def __init__(self, frame: pl.DataFrame) -> None:
            self.frame = frame

        def __arrow_c_stream__(self, requested_schema: object = None) -> object:
            return self.frame.__arrow_c_stream__(requested_schema)

    fresh = con is None
    if fresh:
        con = duckdb.connect()
        for name, value in settings:
            con.execute(f"SET {name} = '{value}'")
    try:
        for name, frame in tables.items():
            con.register(name, ArrowStream(frame))
        return pl.DataFrame(con.sql(text))
    finally:
        if fresh:
            con.close()
        else:
            for name in tables:
                con.unregister(name)


_THREAD = threading.local()


def _connection() -> object:
    """This thread's DuckDB connection with the semantics table's settings: opening one costs
    about 50 ms, more than the queries of an input together (a thread that abandoned a query
    leaves its connection behind with it)."""
    settings = semantics.settings()
    if getattr(_THREAD, "settings", None) != settings:
        import duckdb

        con = duckdb.connect()
        for name, value in settings:
            con.execute(f"SET {name} = '{value}'")
        _THREAD.con, _THREAD.settings = con, settings
    return _THREAD.con


def to_polars_schema(got: pl.DataFrame, expected: pl.DataFrame) -> pl.DataFrame:
    """DuckDB's result in Polars' dtypes (Polars is the authority on types): names must match."""
    if got.columns != expected.columns:
        raise AssertionError(f"DuckDB returned columns {got.columns}, Polars {expected.columns}")
    return got.cast(dict(expected.schema), strict=True)


def _cast_dtype(dtype: pl.DataType) -> pl.DataType:
    """`dtype` with every part the semantics table casts on the way in replaced."""
    for test, to in semantics.input_casts():
        if test(dtype):
            return to
    if isinstance(dtype, pl.List):
        return pl.List(_cast_dtype(dtype.inner))
    if isinstance(dtype, pl.Array):
        return pl.Array(_cast_dtype(dtype.inner), dtype.size)
    if isinstance(dtype, pl.Struct):
        return pl.Struct({f.name: _cast_dtype(f.dtype) for f in dtype.fields})
    return dtype


def duckdb_casts(frames: Sequence[pl.DataFrame]) -> list[dict[str, pl.DataType]]:
    """Per frame, the columns cast before DuckDB sees them (name -> dtype); raises `Refused`."""
    casts = []
    for frame in frames:
        cast: dict[str, pl.DataType] = {}
        for name, dtype in frame.schema.items():
            if row := semantics.refused_dtype(dtype):
                raise Refused(f"column {name!r} ({dtype}): {row.topic}: {row.reason}")
            if (to := _cast_dtype(dtype)) != dtype:
                cast[name] = to
        casts.append(cast)
    return casts


def used_columns(sql: Sql, frames: Sequence[pl.DataFrame]) -> list[pl.DataFrame]:
    """Each frame with only the columns `sql` names (all of them under `*`): a column the query
    never reads cannot make it unsupported."""
    if "*" in sql.text:
        return list(frames)
    words = set(re.findall(r"\w+", sql.text))
    return [f.select([c for c in f.columns if c in words]) for f in frames]


def prepare(sql: Sql, frames: Sequence[pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The tables DuckDB gets for `sql`, each checked to arrive unchanged; raises `Refused`."""
    frames = used_columns(sql, frames)
    if row := semantics.refused_aggregate(sql.text, frames):
        raise Refused(f"{row.topic}: {row.reason}")
    casts = duckdb_casts(frames)
    try:
        tables = {
            name: frame.cast(cast) if cast else frame
            for name, frame, cast in zip(sql.tables, frames, casts, strict=True)
        }
    except (Exception, PanicException) as exc:  # Polars' own cast, not the query, failed
        raise Refused(
            f"Polars cannot cast the input for DuckDB: {type(exc).__name__}: {exc}"
        ) from exc
    for name, frame in tables.items():
        # values DuckDB cannot hold exactly (TIME holds microseconds, say), or nested dtypes that
        # do not come back (a multi-dimensional Array), would change the query
        try:
            query = f'SELECT * FROM "{name}"'
            back = run_duckdb(query, {name: frame}, semantics.settings(), _connection())
            diff = difference(frame, to_polars_schema(back, frame), UNORDERED)
        except (Exception, PanicException) as exc:
            diff = f"{type(exc).__name__}: {exc}"
        if diff is not None:
            headline = diff.strip().splitlines()[0]
            raise Refused(f"DuckDB does not hold table {name!r} as it is: {headline}")
    return tables


def reference_frame(sql: Sql, frames: Sequence[pl.DataFrame]) -> pl.DataFrame:
    """DuckDB's answer to `sql`, in DuckDB's dtypes (`to_polars_schema` casts it for comparing).

    Raises `Refused` where the semantics table says the two differ by design; DuckDB's own errors
    propagate.
    """
    tables = prepare(sql, frames)
    try:
        return run_duckdb(sql.text, tables, semantics.settings(), _connection())
    except Exception as exc:
        _refuse_if_declared(exc)
        raise


def _refuse_if_declared(exc: BaseException) -> None:
    if row := semantics.refused_error(str(exc)):
        raise Refused(f"{row.topic}: {row.reason} ({type(exc).__name__}: {exc})") from exc

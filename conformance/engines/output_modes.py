"""Output modes: the other ways a user gets a query's result out, each run as a lane.

Each mode is a plain function `(lf) -> DataFrame` that needs nothing but Polars and the standard
library: reproducers embed its source verbatim. Every mode is compared with the in-memory baseline;
the modes run with every optimizer pass on (they test the way out, not the optimizer).
"""

from __future__ import annotations

import inspect
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import polars as pl
from polars.exceptions import PanicException

from conformance.engines.isolated import QueryTimeout
from conformance.judge.compare import (
    Rules,
    Tolerance,
    difference,
    of_expected,
    row_hashes,
    row_key,
    same_schema,
)
from conformance.version import POLARS_VERSION_STRING


class FormatCannotHold(Exception):
    """The result has a dtype this file format cannot hold: a limit of the format, not a finding."""


def collect_batches(lf: pl.LazyFrame, batch_rows: int = 7) -> pl.DataFrame:
    """Small batches, so even the generated frames come back in several pieces."""
    batches = list(lf.collect_batches(chunk_size=batch_rows))
    return pl.concat(batches) if batches else lf.clear().collect()


def sink_batches(lf: pl.LazyFrame, batch_rows: int = 7) -> pl.DataFrame:
    batches: list[pl.DataFrame] = []
    lf.sink_batches(batches.append, chunk_size=batch_rows)
    return pl.concat(batches) if batches else lf.clear().collect()


def sink_batches_early_stop(lf: pl.LazyFrame, batch_rows: int = 7) -> pl.DataFrame:
    """Stop after the first batch: what came back must be a prefix of the full result."""
    batches: list[pl.DataFrame] = []

    def first_only(batch: pl.DataFrame) -> bool:
        batches.append(batch)
        return True  # True asks the sink to stop

    lf.sink_batches(first_only, chunk_size=batch_rows)
    return pl.concat(batches) if batches else lf.clear().collect()


def collect_all_shared(lf: pl.LazyFrame) -> pl.DataFrame:
    """The same plan twice in one `collect_all`: the shared subplan may be computed once.

    Each result comes back stacked under a first column `collect_all_result` (0, 1) that says
    which it is, so that each is compared with the baseline on its own, row order free or not.
    """
    results = pl.collect_all([lf, lf])
    return pl.concat(
        [
            pl.DataFrame([pl.Series("collect_all_result", [i] * r.height, pl.UInt8)]).hstack(r)
            for i, r in enumerate(results)
        ]
    )


def collect_background(lf: pl.LazyFrame) -> pl.DataFrame:
    return lf.collect(background=True).fetch_blocking()


def collect_async(lf: pl.LazyFrame) -> pl.DataFrame:
    import asyncio

    async def main() -> pl.DataFrame:
        return await lf.collect_async()

    return asyncio.run(main())


# collect_async() never resolves when its query panics (known_issues/collect_async_hangs_on_panic.py).
# When it has not answered after this long, the lane runs a plain collect() of the query (a query
# this slow then runs twice): if that panics, the cell ends as a hang at once (the harness then
# reports the panic behind it) instead of spending its whole time limit waiting.
ASYNC_PANIC_PROBE_S = 2.0


class NoAnswer(QueryTimeout):
    """collect_async() has not answered, and a plain collect() of the same query panics."""


def collect_async_probed(lf: pl.LazyFrame) -> pl.DataFrame:
    """`collect_async` as the lane runs it (reproducers embed the plain one)."""
    import asyncio

    async def main() -> pl.DataFrame:
        task = asyncio.ensure_future(lf.collect_async())
        done, _ = await asyncio.wait({task}, timeout=ASYNC_PANIC_PROBE_S)
        if not done:
            try:
                lf.collect()  # blocks the loop; the async query goes on in Polars' threads
            except PanicException as exc:
                task.cancel()
                raise NoAnswer(f"no answer; collect() of the same query panics: {exc}") from None
            except Exception:  # not this lane's answer: it is still the async one's to give
                pass
        return await task

    return asyncio.run(main())


def _sink_and_read(fmt: str) -> Callable[[pl.LazyFrame], pl.DataFrame]:
    def sink_and_read(lf: pl.LazyFrame) -> pl.DataFrame:
        import os
        import tempfile

        schema = lf.collect_schema()
        # a failing sink may still be finishing its file: cleanup must not turn that into an error
        with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
            path = os.path.join(tmp, f"result.{fmt}")
            getattr(lf, f"sink_{fmt}")(path)
            # text formats carry no dtypes: read back with the result's own schema
            typed = {"schema": schema} if fmt in ("csv", "ndjson") else {}
            return getattr(pl, f"read_{fmt}")(path, **typed)

    sink_and_read.__name__ = sink_and_read.__qualname__ = f"sink_{fmt}"
    return sink_and_read


SINK_FORMATS = ("parquet", "ipc", "csv", "ndjson")
SINKS = {fmt: _sink_and_read(fmt) for fmt in SINK_FORMATS}


@cache
def _holds(fmt: str, dtype: pl.DataType) -> bool:
    """Whether `fmt` gives back a column of `dtype` unchanged, probed once per dtype on this Polars.

    The probe writes a value and a null and reads them back with the format's own writer and
    reader; JSON also cannot represent NaN or infinity, so ndjson never holds floats (at any depth).
    """
    if fmt == "ndjson" and any(leaf.is_float() for leaf in _leaves(dtype)):
        return False
    try:
        probe = pl.DataFrame({"x": [_sample(dtype), None]}, schema={"x": dtype})
    except (Exception, PanicException):
        return False
    try:
        back = SINKS[fmt](probe.lazy())
    except (Exception, PanicException):
        return False
    return back.schema == probe.schema and back.equals(probe)


def _sample(dtype: pl.DataType) -> object:
    """One ordinary non-null value of `dtype`, for the format probe."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(dtype, pl.List):
        return [_sample(dtype.inner)]
    if isinstance(dtype, pl.Array):
        return [_sample(dtype.inner)] * dtype.size
    if isinstance(dtype, pl.Struct):
        return {f.name: _sample(f.dtype) for f in dtype.fields}
    if isinstance(dtype, pl.Enum):
        return dtype.categories[0]
    by_kind: dict[type[pl.DataType], object] = {
        pl.String: "a",
        pl.Categorical: "a",
        pl.Binary: b"a",
        pl.Boolean: True,
        pl.Date: dt.date(2000, 1, 2),
        pl.Datetime: dt.datetime(2000, 1, 2, 3, 4, 5),
        pl.Duration: dt.timedelta(seconds=1),
        pl.Time: dt.time(1, 2, 3),
        pl.Decimal: Decimal(0),  # fits every precision and scale
    }
    return by_kind.get(dtype.base_type(), 1)  # 1: integers and floats


def _leaves(dtype: pl.DataType) -> list[pl.DataType]:
    if isinstance(dtype, pl.List | pl.Array):
        return _leaves(dtype.inner)
    if isinstance(dtype, pl.Struct):
        return [leaf for f in dtype.fields for leaf in _leaves(f.dtype)]
    return [dtype]


def needs_method(owner: object, name: str, *params: str) -> Callable[[], str | None]:
    """The mode needs `owner.name` (with `params`) on the installed Polars."""

    @cache
    def check() -> str | None:
        method = getattr(owner, name, None)
        label = f"{getattr(owner, '__name__', owner)}.{name}"
        if method is None:
            return f"Polars {POLARS_VERSION_STRING} has no {label}"
        missing = [p for p in params if p not in inspect.signature(method).parameters]
        if missing:
            return f"Polars {POLARS_VERSION_STRING}: {label} has no {', '.join(missing)}"
        return None

    return check


# --- how a mode's result is compared with the baseline ---------------------------------------


def each_result(expected: pl.DataFrame, got: pl.DataFrame, rules: Rules) -> str | None:
    """collect_all of the same plan twice: each result, on its own, is the baseline.

    Compared one by one, so that rows cannot move between the two results unseen where row order
    is free, and a difference in either is reported with which one it is.
    """
    tag = "collect_all_result"
    if got.columns[:1] != [tag]:
        return f"collect_all came back without its `{tag}` column: {got.columns}"
    # stacked in order by `collect_all_shared`: result 0's rows, then result 1's (a slice is a
    # view, where a filter runs a query: every variant's cell is compared so)
    tags = got.get_column(tag)
    first = tags.len() - int(tags.sum())
    results = (got.slice(0, first).drop(tag), got.slice(first).drop(tag))
    diffs = [
        f"collect_all result {i} differs from the baseline:\n{diff}"
        for i, result in enumerate(results)
        if (diff := difference(expected, result, rules))
    ]
    return "\n".join(diffs) or None


def prefix(expected: pl.DataFrame, got: pl.DataFrame, rules: Rules) -> str | None:
    """An early stop returns a prefix where order is defined, else a sub-multiset of the rows."""
    if got.height > expected.height:
        return (
            f"stopped early yet returned {got.height} rows; the full result has {expected.height}"
        )
    if rules.ordered:
        return difference(expected.head(got.height), got, rules)
    if not same_schema(got, expected):
        return difference(expected.head(got.height), got, rules)  # explains the schema change
    if _natively_contained(expected, got):
        return None
    got_rows, expected_rows = python_rows(got, expected)
    missing = Counter(row_key(r) for r in got_rows) - Counter(row_key(r) for r in expected_rows)
    if missing and rules.tolerance is not None:
        missing = Counter(_beyond_tolerance(expected, expected_rows, got_rows, rules.tolerance))
    if missing:
        return f"rows not in the full result: {list(missing)[:5]}"
    return None


def _natively_contained(expected: pl.DataFrame, got: pl.DataFrame) -> bool:
    """Whether every row of `got` is in `expected` at least as often, by the rows' hashes (Polars
    counts a million rows in milliseconds, where Python reads them one by one). Rows that compare
    equal but hash apart make it say no, and the comparison in Python decides; only two
    different rows of one 64-bit hash could make it say yes wrongly."""
    try:
        have = of_expected(expected, "row hash counts", lambda: _hash_counts(expected))
        if not isinstance(have, pl.DataFrame) or (want := _hash_counts(got)) is None:
            return False
        joined = want.join(have, on="h", how="left", suffix="_expected")
        return bool((joined["len"] <= joined["len_expected"].fill_null(0)).all())
    except (Exception, PanicException):
        return False


def _hash_counts(frame: pl.DataFrame) -> pl.DataFrame | None:
    """How many rows of `frame` have each row hash (None where its rows cannot be hashed)."""
    hashes = row_hashes(frame)
    return None if hashes is None else hashes.rename("h").to_frame().group_by("h").len()


def python_rows(*frames: pl.DataFrame) -> list[list[tuple]]:
    """Each frame's rows as Python values; all as physical values where one does not convert (a
    datetime past Python's range panics converting), so that the frames compare alike."""
    try:
        return [list(f.iter_rows()) for f in frames]
    except BaseException:  # a PanicException
        return [
            list(pl.DataFrame([s.to_physical() for s in f.get_columns()]).iter_rows())
            for f in frames
        ]


def _beyond_tolerance(
    expected: pl.DataFrame, expected_rows: list[tuple], got_rows: list[tuple], tolerance: Tolerance
) -> list[str]:
    """The rows of `got` with no row of `expected` that equals them, floats within `tolerance`.

    Rows are matched on their other columns exactly; each expected row is used once.
    """
    floats = [i for i, dtype in enumerate(expected.dtypes) if dtype.is_float()]

    def split(row: tuple[object, ...]) -> tuple[str, list[object]]:
        rest = tuple(v for i, v in enumerate(row) if i not in floats)
        return row_key(rest), [row[i] for i in floats]

    def close(a: object, b: object) -> bool:
        if a is None or b is None:
            return a is b
        x, y = float(a), float(b)  # type: ignore[arg-type]
        if math.isnan(x) or math.isnan(y):
            return math.isnan(x) and math.isnan(y)
        return math.isclose(x, y, rel_tol=tolerance.rel, abs_tol=tolerance.abs)

    pool: dict[str, list[list[object]]] = {}
    for row in expected_rows:
        key, values = split(row)
        pool.setdefault(key, []).append(values)
    unmatched = []
    for row in got_rows:
        key, values = split(row)
        candidates = pool.get(key, [])
        found = next(
            (c for c in candidates if all(close(a, b) for a, b in zip(c, values, strict=True))),
            None,
        )
        if found is None:
            unmatched.append(row_key(row))
        else:
            candidates.remove(found)
    return unmatched


@dataclass(frozen=True)
class OutputMode:
    """One output mode: how it runs, whether this Polars has it, how its result is compared."""

    name: str
    function: Callable[[pl.LazyFrame], pl.DataFrame]  # standalone: reproducers embed its source
    available: Callable[[], str | None]
    compare: Callable[[pl.DataFrame, pl.DataFrame, Rules], str | None] = difference
    fmt: str | None = None  # a file format: results it cannot hold are refused, not compared
    # returns part of the result: an error the rest of the query would raise may never come
    partial: bool = False
    # how the lane runs it, where that differs from `function` (which reproducers embed)
    runner: Callable[[pl.LazyFrame], pl.DataFrame] | None = None
    # the largest input it takes (None: any)
    max_rows: int | None = None

    def run(self, lf: pl.LazyFrame) -> pl.DataFrame:
        if self.fmt is not None:
            schema = lf.collect_schema()
            lost = [f"{n} ({dt})" for n, dt in schema.items() if not _holds(self.fmt, dt)]
            if lost:
                raise FormatCannotHold(f"{self.fmt} cannot hold column(s) {', '.join(lost)}")
        return (self.runner or self.function)(lf)


_batches = needs_method(pl.LazyFrame, "sink_batches", "chunk_size")
# 7-row batches are for small inputs crossing batch boundaries: each batch is a round trip through
# Python, so a scale frame (a 430,000-row input: 61,000 batches) held its lane for over 45 s and
# was taken for a hang; past 20,000 input rows the other lanes run it (as the small-morsel lane
# does), and past 20,000 result rows (the baseline's: a self-join's millions) likewise
BATCH_MAX_ROWS = 20_000
OUTPUT_MODES = (
    OutputMode(
        "collect_batches",
        collect_batches,
        needs_method(pl.LazyFrame, "collect_batches", "chunk_size"),
        max_rows=BATCH_MAX_ROWS,
    ),
    OutputMode("sink_batches", sink_batches, _batches, max_rows=BATCH_MAX_ROWS),
    # the early stop takes one batch: it runs at any size
    OutputMode("sink_batches-early-stop", sink_batches_early_stop, _batches, prefix, partial=True),
    *(
        OutputMode(f"sink_{fmt}", SINKS[fmt], needs_method(pl.LazyFrame, f"sink_{fmt}"), fmt=fmt)
        for fmt in SINK_FORMATS
    ),
    OutputMode("collect_all", collect_all_shared, needs_method(pl, "collect_all"), each_result),
    OutputMode(
        "collect-background",
        collect_background,
        needs_method(pl.LazyFrame, "collect", "background"),
    ),
    OutputMode(
        "collect_async",
        collect_async,
        needs_method(pl.LazyFrame, "collect_async"),
        runner=collect_async_probed,
    ),
)


def adjustment_code(mode: OutputMode, rules: Rules) -> str:
    """Reproducer code that turns the baseline `expected` into what `mode` must return.

    Mirrors `mode.compare` for a standalone script (which has `got`, `expected` and, for
    order-free rules, the suite's `_canonical` and `row_key`).
    """
    if mode.compare is each_result:  # the tag column leads each row: no row moves between parts
        return (
            "expected = pl.concat([\n"
            '    pl.DataFrame([pl.Series("collect_all_result", [i] * expected.height, pl.UInt8)])\n'
            "    .hstack(expected)\n"
            "    for i in (0, 1)\n"
            "])\n"
        )
    if mode.compare is not prefix:
        return ""
    if rules.ordered:
        return "expected = expected.head(got.height)\n"
    return (
        "from collections import Counter\n"
        f"{inspect.getsource(python_rows)}\n"
        "got_rows, expected_rows = python_rows(got, expected)\n"
        "extra = Counter(row_key(r) for r in got_rows) - Counter(row_key(r) for r in expected_rows)\n"
        "if extra:\n"
        '    print(f"rows not in the full result: {list(extra)[:5]}")\n'
        "    sys.exit(1)\n"
        "expected = got  # order is undefined: every row being in the full result is the contract\n"
    )

"""The operation catalog: the one place where operations are declared.

Adding an operation is one `Operation(...)` entry below: its name, the query (a function from input
LazyFrames to a LazyFrame), the input columns it needs, and its comparison rules. Entries whose API is
missing on the installed Polars say why and are skipped.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

import polars as pl

from conformance.compare import ORDERED, UNORDERED, Rules
from conformance.errors import unknown_choice
from conformance.source import query_source
from conformance.version import POLARS_VERSION_STRING
from strategies import dtypes as D
from strategies.frames import Col, Frame

Query = Callable[..., pl.LazyFrame]
c = pl.col


@dataclass(frozen=True)
class Operation:
    """One catalog entry."""

    name: str
    query: Query = field(repr=False)
    inputs: tuple[Frame, ...] = field(repr=False)
    rules: Rules = ORDERED
    requires: tuple[Callable[[], str | None], ...] = ()

    def unavailable_reason(self) -> str | None:
        for check in self.requires:
            if reason := check():
                return reason
        return None

    def source(self) -> str:
        """The query's code, for records and reproducers."""
        return query_source(self.query)


def has_param(func: Callable[..., object], param: str) -> Callable[[], str | None]:
    """Gate an entry on a keyword that only some Polars releases accept."""

    def check() -> str | None:
        if param in inspect.signature(func).parameters:
            return None
        return f"Polars {POLARS_VERSION_STRING}: {func.__qualname__} has no {param!r} parameter"

    return check


KEYED = {"k": Col(D.keys, key=True), "v": Col(D.numeric), "x": Col()}
JOIN_LEFT = {"k": Col(D.keys, key=True), "a": Col()}
JOIN_RIGHT = {"k": Col(D.keys, key=True), "b": Col()}
NUMERIC_PAIR = {"a": Col(D.numeric), "b": Col(D.numeric)}
SAME_SCHEMA = ({"a": Col(D.numeric), "x": Col()}, {"a": Col(D.numeric), "x": Col()})


def _join(how: str, **kwargs: object) -> Query:
    return lambda left, right: left.join(right, on="k", how=how, **kwargs)  # type: ignore[arg-type]


OPERATIONS: tuple[Operation, ...] = (
    # --- projections with expressions ------------------------------------------------------------
    Operation(
        "select_arithmetic",
        lambda lf: lf.select(
            add=c("a") + c("b"),
            sub=c("a") - c("b"),
            mul=c("a") * c("b"),
            neg=-c("a"),
            abs=c("a").abs(),
        ),
        (NUMERIC_PAIR,),
    ),
    Operation(
        "select_division",
        lambda lf: lf.select(div=c("a") / c("b"), floordiv=c("a") // c("b"), mod=c("a") % c("b")),
        (NUMERIC_PAIR,),
    ),
    Operation(
        "select_comparison",
        lambda lf: lf.select(
            lt=c("x") < c("x").reverse(),
            ge=c("x") >= c("x").reverse(),
            eq=c("x") == c("x").reverse(),
            eq_missing=c("x").eq_missing(c("x").reverse()),
            ne_missing=c("x").ne_missing(c("x").shift(1)),
        ),
        ({"x": Col(D.scalars)},),
    ),
    Operation(
        "select_boolean",
        lambda lf: lf.select(
            and_=c("p") & c("q"),
            or_=c("p") | c("q"),
            xor=c("p") ^ c("q"),
            not_=~c("p"),
            any_h=pl.any_horizontal("p", "q"),
            all_h=pl.all_horizontal("p", "q"),
        ),
        ({"p": Col(D.booleans), "q": Col(D.booleans)},),
    ),
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
    Operation(
        "with_columns_temporal",
        lambda lf: lf.with_columns(
            year=c("t").dt.year(),
            month=c("t").dt.month(),
            weekday=c("t").dt.weekday(),
            truncated=c("t").dt.truncate("1mo"),
            shifted=c("t").dt.offset_by("1d"),
            date=c("t").dt.date(),
        ),
        ({"t": Col(D.dates | D.datetimes)},),
    ),
    Operation(
        "with_columns_null_handling",
        lambda lf: lf.with_columns(
            is_null=c("x").is_null(),
            null_count=c("x").null_count(),
            filled=c("v").fill_null(0),
            filled_forward=c("v").fill_null(strategy="forward"),
            coalesced=pl.coalesce("v", pl.lit(0)),
        ),
        ({"x": Col(), "v": Col(D.numeric)},),
    ),
    Operation(
        "select_after_with_columns",
        lambda lf: lf.with_columns(w=c("a") * 2, y=c("b") + 1).select("w", "b"),
        (NUMERIC_PAIR,),
    ),
    # --- filters ---------------------------------------------------------------------------------
    Operation("filter", lambda lf: lf.filter(c("v") > 0), (KEYED,)),
    Operation(
        "filter_compound",
        lambda lf: lf.filter(c("k").is_null() | (c("k").is_first_distinct() & c("v").is_not_nan())),
        ({"k": Col(D.keys, key=True), "v": Col(D.floats), "x": Col()},),
    ),
    # --- sorts -----------------------------------------------------------------------------------
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
    # --- group_by --------------------------------------------------------------------------------
    Operation(
        "group_by_numeric_aggs",
        lambda lf: lf.group_by("k").agg(
            sum=c("v").sum(),
            min=c("v").min(),
            max=c("v").max(),
            mean=c("v").mean(),
            len=pl.len(),
            n_unique=c("v").n_unique(),
        ),
        (KEYED,),
        UNORDERED,
    ),
    Operation(
        "group_by_first_last",
        lambda lf: lf.group_by("k").agg(
            first=c("x").first(), last=c("x").last(), nulls=c("x").null_count(), len=pl.len()
        ),
        (KEYED,),
        UNORDERED,
    ),
    Operation(
        "group_by_maintain_order",
        lambda lf: lf.group_by("k", maintain_order=True).agg(
            c("v").sum().alias("sum"), c("x").first().alias("first"), pl.len()
        ),
        (KEYED,),
    ),
    Operation(
        "group_by_then_filter",
        lambda lf: lf.group_by("k").agg(total=c("v").sum(), n=pl.len()).filter(c("n") > 1),
        (KEYED,),
        UNORDERED,
    ),
    # --- joins -----------------------------------------------------------------------------------
    Operation("join_inner", _join("inner"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation("join_left", _join("left"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation("join_full", _join("full"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation(
        "join_full_coalesce", _join("full", coalesce=True), (JOIN_LEFT, JOIN_RIGHT), UNORDERED
    ),
    Operation("join_semi", _join("semi"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation("join_anti", _join("anti"), (JOIN_LEFT, JOIN_RIGHT), UNORDERED),
    Operation(
        "join_cross",
        lambda left, right: left.join(right, how="cross"),
        (JOIN_LEFT, JOIN_RIGHT),
        UNORDERED,
    ),
    Operation(
        "join_left_maintain_order",
        # "left_right": "left" alone leaves the order of a left row's matches undefined
        _join("left", maintain_order="left_right"),
        (JOIN_LEFT, JOIN_RIGHT),
        requires=(has_param(pl.LazyFrame.join, "maintain_order"),),
    ),
    Operation(
        "join_then_filter",
        lambda left, right: left.join(right, on="k", how="left").filter(c("b").is_not_null()),
        (JOIN_LEFT, JOIN_RIGHT),
        UNORDERED,
    ),
    # --- unique ----------------------------------------------------------------------------------
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
    # --- slices ----------------------------------------------------------------------------------
    Operation("head", lambda lf: lf.head(3), (KEYED,)),
    Operation("tail", lambda lf: lf.tail(3), (KEYED,)),
    Operation("slice_negative_offset", lambda lf: lf.slice(-4, 2), (KEYED,)),
    Operation(
        "sort_then_slice",
        lambda lf: lf.sort("v", nulls_last=True, maintain_order=True).slice(1, 3),
        (KEYED,),
    ),
    # --- order-dependent expressions -------------------------------------------------------------
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
    Operation("with_row_index", lambda lf: lf.with_row_index("index", offset=1), (KEYED,)),
    Operation("explode", lambda lf: lf.explode("l"), ({"l": Col(D.lists), "i": Col(D.integers)},)),
    # --- concatenation ---------------------------------------------------------------------------
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


def operation_names() -> list[str]:
    return [op.name for op in OPERATIONS]


def select_operations(spec: Sequence[str] | None) -> list[Operation]:
    """Operations for `--ops`: names or shell-style patterns (`join_*`), validated."""
    if not spec:
        return list(OPERATIONS)
    chosen: list[Operation] = []
    for token in spec:
        pattern = token.strip()
        matched = [op for op in OPERATIONS if fnmatchcase(op.name, pattern)]
        if not matched:
            raise unknown_choice("operation", pattern, operation_names())
        chosen.extend(op for op in matched if op not in chosen)
    return chosen

"""Sortedness contracts: a sorted flag may make a query faster, never change its result.

Polars takes fast paths on data flagged sorted (`set_sorted`, or the flag its own `sort` leaves),
and some operations require sorted input. Every input here is truly sorted in Polars' own order
(`strategies.sorted`), so each query must return the same on the data as it is, on the same data
flagged sorted, and on the same data explicitly sorted again (a stable sort of sorted data changes
nothing, but leaves Polars' own flag). The flag is set one of three ways, drawn per example: the
plan hint `LazyFrame.set_sorted`, `Expr.set_sorted` inside the query, or a flagged column in the
source DataFrame. Further contracts: sort rewrites keep results, sorted-input operations agree with
the in-memory engine, and sorted flags that results carry are truthful (`conformance.flags`).

Every query runs through `ctx.collect`, on the lane's engine with every optimizer pass on. A query
that raises the same error class on every variant does not apply to that input (its dtype, say);
a query that raises on one variant only is a violation like a differing result.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import hypothesis.strategies as st
import polars as pl
from polars.exceptions import PolarsError
from polars.testing.parametric import series

from conformance.catalog.operation import Requirement, has_attr, has_param
from conformance.compare import ORDERED, UNORDERED, Rules
from conformance.flags import untruthful_flags
from conformance.harness import ErrorInfo, error_info
from conformance.isolated import RemoteQueryError
from conformance.lanes import BASELINE_LANE
from conformance.outcomes import Outcome
from conformance.properties.property import Context, Property, Violation
from strategies import dtypes as D
from strategies.frames import Col, float_values
from strategies.sorted import (
    Key,
    SortOrder,
    Spec,
    asof_keys,
    orderable_frames,
    sort_orders,
    sorted_frames,
    window_index,
    window_values,
)

c = pl.col
Query = Callable[..., pl.LazyFrame]

# Routes by which the sorted flag is set: a plan hint, an expression, or the source data itself.
ROUTES = ("hint", "expr", "data")
# LazyFrame.set_sorted takes several columns (a lexicographic hint) and `nulls_last` from 1.35.
_MULTI_COLUMN_HINT = has_param(pl.LazyFrame.set_sorted, "nulls_last")() is None
_EXPR_NULLS_LAST = has_param(pl.Expr.set_sorted, "nulls_last")() is None
_JOIN_ORDER = has_param(pl.LazyFrame.join, "maintain_order")() is None
_SEARCH_DESCENDING = has_param(pl.Expr.search_sorted, "descending")() is None
_MERGE_ORDER = has_param(pl.LazyFrame.merge_sorted, "maintain_order")
_MERGE_MULTI_KEY = "Sequence" in str(inspect.signature(pl.LazyFrame.merge_sorted).parameters["key"])


# --- truly sorted inputs and the three ways of running a query on them ----------------------------


@dataclass(frozen=True)
class Sorted:
    """Inputs truly sorted in `order`, and the flag route drawn for them."""

    frames: tuple[pl.DataFrame, ...]
    order: SortOrder
    route: str

    def plain(self) -> tuple[pl.LazyFrame, ...]:
        return tuple(f.lazy() for f in self.frames)

    def flagged(self) -> tuple[pl.LazyFrame, ...]:
        first, descending = self.order.by[0], self.order.descending[0]
        nulls_last = self.order.nulls_last[0]
        if self.route == "data":
            return tuple(
                f.with_columns(f[first].set_sorted(descending=descending)).lazy()
                for f in self.frames
            )
        if self.route == "expr":
            kwargs = {"nulls_last": nulls_last} if _EXPR_NULLS_LAST else {}
            flag = c(first).set_sorted(descending=descending, **kwargs)
            return tuple(f.lazy().with_columns(flag) for f in self.frames)
        if _MULTI_COLUMN_HINT:
            return tuple(
                f.lazy().set_sorted(
                    *self.order.by,
                    descending=list(self.order.descending),
                    nulls_last=list(self.order.nulls_last),
                )
                for f in self.frames
            )
        return tuple(f.lazy().set_sorted(first, descending=descending) for f in self.frames)

    def resorted(self) -> tuple[pl.LazyFrame, ...]:
        return tuple(self.order.sort(f.lazy()) for f in self.frames)

    def variants(self) -> dict[str, tuple[pl.LazyFrame, ...]]:
        return {
            "unflagged": self.plain(),
            f"set_sorted via {self.route}": self.flagged(),
            "sorted again": self.resorted(),
        }

    def __str__(self) -> str:
        frames = "\n".join(str(f) for f in self.frames)
        return f"inputs sorted by {self.order}; flag set via {self.route}\n{frames}"


def _draw_sorted(
    ctx: Context,
    orders: Sequence[Sequence[str]],
    descending: bool | None = None,
    nulls_last: bool | None = None,
) -> Sorted:
    """The input frames sorted in a drawn order over one of `orders`, with a drawn flag route."""
    by = ctx.draw(st.sampled_from([tuple(o) for o in orders]), "sort columns")
    order = ctx.draw(sort_orders(by, descending=descending, nulls_last=nulls_last), "sort order")
    frames = ctx.draw(sorted_frames(ctx.frames, order), "sorted chunks")
    return Sorted(frames, order, ctx.draw(st.sampled_from(ROUTES), "flag route"))


def _attempt(ctx: Context, lf: pl.LazyFrame) -> pl.DataFrame | ErrorInfo:
    """The lane's result, or the error Polars raised (a panic, timeout or crash propagates)."""
    try:
        return ctx.collect(lf)
    except RemoteQueryError as exc:
        if exc.type_name == "PanicException":
            raise
        return error_info(exc)
    except PolarsError as exc:
        return error_info(exc)


def _shown(result: pl.DataFrame | ErrorInfo) -> str:
    return f"raised {result}" if isinstance(result, ErrorInfo) else f"returned\n{result}"


def _agree(
    ctx: Context,
    results: dict[str, pl.DataFrame | ErrorInfo],
    what: str,
    rules: Rules,
    outcome: Outcome | None = None,
) -> bool:
    """Whether the results agree with the first; False when every one raised alike (N/A)."""
    (base_name, base), *others = results.items()
    errors = {r.type_name for r in results.values() if isinstance(r, ErrorInfo)}
    if len(errors) == 1 and all(isinstance(r, ErrorInfo) for r in results.values()):
        return False
    for name, got in others:
        if isinstance(base, ErrorInfo) or isinstance(got, ErrorInfo):
            raise Violation(f"{what}\n{base_name} {_shown(base)}\n{name} {_shown(got)}", outcome)
        ctx.expect_equal(base, got, f"{what}\n{name} != {base_name}", rules, outcome)
    return True


def _same_when_flagged(
    ctx: Context, inputs: Sorted, query: Query, what: str, rules: Rules = ORDERED
) -> bool:
    """`query` on the unflagged, flagged and re-sorted inputs returns the same on this lane."""
    results = {name: _attempt(ctx, query(*lfs)) for name, lfs in inputs.variants().items()}
    return _agree(ctx, results, f"{what}\n{inputs}", rules)


def _same_as_in_memory(
    ctx: Context, inputs: Sorted, query: Query, what: str, rules: Rules = ORDERED
) -> bool:
    """`query` on the flagged inputs returns on this lane what it returns on the in-memory engine.

    The differential check for operations that require sorted input, on flagged sorted inputs the
    catalog's frames do not cover; a difference is a `mismatch`, as in the catalog.
    """
    if ctx.lane.name == BASELINE_LANE.name:
        return True
    memory = Context(ctx.frames, BASELINE_LANE, ctx.data, ctx.timeout_s)
    results = {
        "in-memory": _attempt(memory, query(*inputs.flagged())),
        ctx.lane.name: _attempt(ctx, query(*inputs.flagged())),
    }
    return _agree(ctx, results, f"{what}\n{inputs}", rules, Outcome.MISMATCH)


def _run_all(checks: Sequence[bool], ctx: Context) -> None:
    """Checks that ran return True; if none applied to this input, say so."""
    if not any(checks):
        ctx.not_applicable(
            "every query raised the same error on every variant", Outcome.CONSISTENT_ERROR
        )


def _lit(value: object, dtype: pl.DataType) -> pl.Expr:
    return pl.lit(value, dtype=dtype)


def _probe_values(ctx: Context, column: pl.Series, label: str, n: int = 2) -> list[Any]:
    """Values to compare or search with: some from `column` (hits, ties), some fresh (misses)."""
    dtype = column.dtype
    present = column.drop_nulls()
    fresh = st.lists(float_values(dtype), min_size=1, max_size=1) if dtype.is_float() else None
    out = []
    for i in range(n):
        if present.len() and ctx.draw(st.booleans(), f"{label} {i} from the column"):
            out.append(present[ctx.draw(st.integers(0, present.len() - 1), f"{label} {i} row")])
        elif fresh is not None:
            out.append(ctx.draw(fresh, f"{label} {i}")[0])
        else:
            drawn = series(dtype=dtype, min_size=1, max_size=1, allow_null=False)
            out.append(ctx.draw(drawn, f"{label} {i}")[0])
    return out


def _is_numeric(dtype: pl.DataType) -> bool:
    return dtype.is_numeric() and not isinstance(dtype, pl.Decimal)


def _sortedness(
    name: str,
    specs: Sequence[Spec],
    check: Callable[[Context], None],
    requires: tuple[Requirement, ...] = (),
) -> Property:
    return Property(f"sorted.{name}", "sortedness", orderable_frames(specs), check, requires)


# --- set_sorted must not change results -----------------------------------------------------------

KEYED = {"s": Key(), "g": Col(D.keys, key=True), "v": Col(D.numeric)}
KEYED_ORDERS = (("s",), ("s", "g"), ("g", "s"))


def _aggregations(ctx: Context) -> None:
    """group_by on a sorted key, and min/max/first/last of a sorted column, overall and per group."""
    inputs = _draw_sorted(ctx, KEYED_ORDERS)
    v_aggs = [
        c("v").min().alias("min"),
        c("v").max().alias("max"),
        c("v").first().alias("first"),
        c("v").last().alias("last"),
        pl.len().alias("len"),
    ]
    s_aggs = [
        c("s").min().alias("min"),
        c("s").max().alias("max"),
        c("s").first().alias("first"),
        c("s").last().alias("last"),
        c("s").null_count().alias("nulls"),
    ]
    # arg_min/arg_max may return any index among ties: the value there is what is defined
    extremes = [
        c("s").gather(c("s").arg_min()).alias("at_arg_min"),
        c("s").gather(c("s").arg_max()).alias("at_arg_max"),
    ]
    queries: list[tuple[str, Query, Rules]] = [
        (
            "group_by('s', maintain_order=True).agg(min/max/first/last of v, len)",
            lambda lf: lf.group_by("s", maintain_order=True).agg(v_aggs),
            ORDERED,
        ),
        (
            "group_by('s').agg(min/max/first/last of v, len)",
            lambda lf: lf.group_by("s").agg(v_aggs),
            UNORDERED,
        ),
        (
            "group_by('g', maintain_order=True).agg(min/max/first/last/null_count of s)",
            lambda lf: lf.group_by("g", maintain_order=True).agg(s_aggs),
            ORDERED,
        ),
        (
            "group_by(['s', 'g'], maintain_order=True).agg(first/last of v, len)",
            lambda lf: lf.group_by("s", "g", maintain_order=True).agg(v_aggs[2:]),
            ORDERED,
        ),
        (
            "group_by('s', maintain_order=True).agg(v, last g)",
            lambda lf: lf.group_by("s", maintain_order=True).agg(c("v"), c("g").last()),
            ORDERED,
        ),
        ("select(min/max/first/last/null_count of s)", lambda lf: lf.select(s_aggs), ORDERED),
        ("select(s at arg_min, s at arg_max)", lambda lf: lf.select(extremes), ORDERED),
        (
            "with_columns(min of v over s, max of s over g, first of v over s)",
            lambda lf: lf.with_columns(
                vmin=c("v").min().over("s"),
                smax=c("s").max().over("g"),
                vfirst=c("v").first().over("s"),
            ),
            ORDERED,
        ),
    ]
    _run_all([_same_when_flagged(ctx, inputs, q, what, rules) for what, q, rules in queries], ctx)


def _unique(ctx: Context) -> None:
    """unique, n_unique, distinct markers, value counts and mode of a sorted column."""
    inputs = _draw_sorted(ctx, KEYED_ORDERS)
    queries: list[tuple[str, Query, Rules]] = [
        *(
            (
                f"unique(subset='s', keep={keep!r}, maintain_order=True)",
                lambda lf, keep=keep: lf.unique(subset="s", keep=keep, maintain_order=True),
                ORDERED,
            )
            for keep in ("first", "last", "none")
        ),
        (
            # keep="any" leaves which row survives open: only the keys are defined
            "unique(subset='s', keep='any', maintain_order=True).select('s')",
            lambda lf: lf.unique(subset="s", keep="any", maintain_order=True).select("s"),
            ORDERED,
        ),
        (
            "unique(subset=['s', 'g'], keep='last', maintain_order=True)",
            lambda lf: lf.unique(subset=["s", "g"], keep="last", maintain_order=True),
            ORDERED,
        ),
        (
            "select(s.unique(maintain_order=True))",
            lambda lf: lf.select(c("s").unique(maintain_order=True)),
            ORDERED,
        ),
        ("select(s.unique())", lambda lf: lf.select(c("s").unique()), UNORDERED),
        (
            "select(s.n_unique(), s.arg_unique().len())",
            lambda lf: lf.select(
                c("s").n_unique().alias("n"), c("s").arg_unique().len().alias("a")
            ),
            ORDERED,
        ),
        (
            "with_columns(is_first_distinct/is_last_distinct/is_unique/is_duplicated/rle_id of s)",
            lambda lf: lf.with_columns(
                first=c("s").is_first_distinct(),
                last=c("s").is_last_distinct(),
                unique=c("s").is_unique(),
                duplicated=c("s").is_duplicated(),
                rle=c("s").rle_id(),
            ),
            ORDERED,
        ),
        ("select(s.unique_counts())", lambda lf: lf.select(c("s").unique_counts()), ORDERED),
        (
            "select(s.value_counts()).unnest('s')",
            lambda lf: lf.select(c("s").value_counts()).unnest("s"),
            UNORDERED,
        ),
        ("select(s.mode())", lambda lf: lf.select(c("s").mode()), UNORDERED),
    ]
    _run_all([_same_when_flagged(ctx, inputs, q, what, rules) for what, q, rules in queries], ctx)


def _search_sorted(ctx: Context) -> None:
    """search_sorted (left and right) and index_of find the same positions, flagged or not."""
    descending = None if _SEARCH_DESCENDING else False
    inputs = _draw_sorted(ctx, [("s",)], descending=descending)
    column = inputs.frames[0]["s"]
    dtype, order_descending = column.dtype, inputs.order.descending[0]
    elements = pl.Series("e", _probe_values(ctx, column, "element", 3), dtype=dtype)
    kwargs = {"descending": order_descending} if _SEARCH_DESCENDING else {}
    checks = [
        _same_when_flagged(
            ctx,
            inputs,
            lambda lf, side=side: lf.select(c("s").search_sorted(elements, side=side, **kwargs)),
            f"select(s.search_sorted({elements.to_list()}, side={side!r}, {kwargs}))",
        )
        for side in ("left", "right")
    ]
    checks += [
        _same_when_flagged(
            ctx,
            inputs,
            lambda lf, e=e: lf.select(c("s").index_of(_lit(e, dtype))),
            f"select(s.index_of({e!r}))",
        )
        for e in elements.to_list()
    ]
    _run_all(checks, ctx)


JOIN_LEFT = {"s": Key(), "a": Col(D.integers)}
JOIN_RIGHT = {"s": Key(), "b": Col(D.integers)}


def _joins(ctx: Context) -> None:
    """Equi-joins on a key sorted on both sides (where a sorted merge join may be taken)."""
    inputs = _draw_sorted(ctx, [("s",)])
    queries: list[tuple[str, Query, Rules]] = [
        (
            f"left.join(right, on='s', how={how!r})",
            lambda left, right, how=how: left.join(right, on="s", how=how),
            UNORDERED,
        )
        for how in ("inner", "left", "full", "semi", "anti")
    ]
    queries.append(
        (
            "left.join(right, on='s', how='inner', nulls_equal=True)",
            lambda left, right: left.join(right, on="s", how="inner", nulls_equal=True),
            UNORDERED,
        )
    )
    if _JOIN_ORDER:
        queries += [
            (
                f"left.join(right, on='s', how={how!r}, maintain_order={order!r})",
                lambda left, right, how=how, order=order: left.join(
                    right, on="s", how=how, maintain_order=order
                ),
                ORDERED,
            )
            for how, order in (
                ("inner", "left_right"),
                ("left", "left_right"),
                ("full", "left_right"),
                ("semi", "left"),
                ("anti", "left"),
            )
        ]
    _run_all([_same_when_flagged(ctx, inputs, q, what, rules) for what, q, rules in queries], ctx)


ASOF_LEFT = {
    "s": Key(asof_keys, allow_null=False),
    "g": Col(D.keys, key=True),
    "a": Col(D.integers),
}
ASOF_RIGHT = {
    "s": Key(asof_keys, allow_null=False),
    "g": Col(D.keys, key=True),
    "b": Col(D.integers),
}


def _join_asof(ctx: Context) -> None:
    """join_asof on keys sorted ascending (globally, or within `by` groups); also vs in-memory."""
    inputs = _draw_sorted(ctx, [("s",), ("s", "g"), ("g", "s")], descending=False)
    strategy = ctx.draw(st.sampled_from(["backward", "forward", "nearest"]), "asof strategy")
    kwargs: dict[str, Any] = {"strategy": strategy}
    if inputs.order.by[0] == "g" or ctx.draw(st.booleans(), "by groups"):
        kwargs["by"] = "g"  # sorted by (g, s): s is sorted within each group only
    if has_param(pl.LazyFrame.join_asof, "allow_exact_matches")() is None:
        kwargs["allow_exact_matches"] = ctx.draw(st.booleans(), "allow_exact_matches")

    def query(left: pl.LazyFrame, right: pl.LazyFrame) -> pl.LazyFrame:
        return left.join_asof(right, on="s", **kwargs)

    what = f"left.join_asof(right, on='s', {kwargs})"
    _run_all(
        [
            _same_when_flagged(ctx, inputs, query, what),
            _same_as_in_memory(ctx, inputs, query, what),
        ],
        ctx,
    )


MERGE_INPUT = {"s": Key(), "t": Key(), "x": Col(D.integers)}


def _merge_sorted(ctx: Context) -> None:
    """merge_sorted of two inputs sorted ascending: == a stable sort of their concatenation.

    Nulls first: merge_sorted takes null for the smallest key. (The 1.44-2.1 docstrings ask for
    null keys at the end; upstream corrected that to nulls first, pola-rs/polars#28177.)
    """
    orders = [("s",), ("s", "t")] if _MERGE_MULTI_KEY else [("s",)]
    inputs = _draw_sorted(ctx, orders, descending=False, nulls_last=False)
    by = list(inputs.order.by)
    key: str | list[str] = by if len(by) > 1 else by[0]
    checks = [
        _same_when_flagged(
            ctx,
            inputs,
            lambda left, right: left.merge_sorted(right, key=key).select(by),
            f"left.merge_sorted(right, key={key!r}).select({by})",
        ),
        _same_when_flagged(
            ctx,
            inputs,
            lambda left, right: left.merge_sorted(right, key=key),
            f"left.merge_sorted(right, key={key!r})",
            UNORDERED,
        ),
        _same_as_in_memory(
            ctx,
            inputs,
            lambda left, right: left.merge_sorted(right, key=key).select(by),
            f"left.merge_sorted(right, key={key!r}).select({by})",
        ),
    ]
    if _MERGE_ORDER() is None:

        def merged(left: pl.LazyFrame, right: pl.LazyFrame) -> pl.LazyFrame:
            return left.merge_sorted(right, key=key, maintain_order=True)

        what = f"left.merge_sorted(right, key={key!r}, maintain_order=True)"
        checks.append(_same_when_flagged(ctx, inputs, merged, what))
        left, right = inputs.flagged()
        results = {
            "pl.concat([left, right]) sorted stably": _attempt(
                ctx, inputs.order.sort(pl.concat([left, right]))
            ),
            what: _attempt(ctx, merged(left, right)),
        }
        checks.append(_agree(ctx, results, f"{what}\n{inputs}", ORDERED))
    _run_all(checks, ctx)


TOP_K = {"s": Key(), "v": Col(D.integers)}


def _top_k(ctx: Context) -> None:
    """top_k/bottom_k by a sorted column keep the same values (which tied rows: undefined)."""
    inputs = _draw_sorted(ctx, [("s",), ("s", "v")])
    k = ctx.draw(st.integers(0, inputs.frames[0].height + 2), "k")
    queries: list[tuple[str, Query, Rules]] = [
        (f"top_k({k}, by='s').select('s')", lambda lf: lf.top_k(k, by="s").select("s"), UNORDERED),
        (
            f"bottom_k({k}, by='s').select('s')",
            lambda lf: lf.bottom_k(k, by="s").select("s"),
            UNORDERED,
        ),
        (f"top_k({k}, by=['s', 'v'])", lambda lf: lf.top_k(k, by=["s", "v"]), UNORDERED),
        (
            # each column sorted on its own: an order-free comparison would pair rows up
            f"select(s.top_k({k}).sort(), s.bottom_k({k}).sort())",
            lambda lf: lf.select(
                c("s").top_k(k).sort().alias("top"), c("s").bottom_k(k).sort().alias("bottom")
            ),
            ORDERED,
        ),
    ]
    _run_all([_same_when_flagged(ctx, inputs, q, what, rules) for what, q, rules in queries], ctx)


def _is_sorted(ctx: Context) -> None:
    """is_sorted says True for the order the data is in, flagged or not, and agrees otherwise."""
    inputs = _draw_sorted(ctx, [("s",)])
    descending, nulls_last = inputs.order.descending[0], inputs.order.nulls_last[0]
    checks = []
    for d in (False, True):
        for n in (False, True):
            query = lambda lf, d=d, n=n: lf.select(c("s").is_sorted(descending=d, nulls_last=n))  # noqa: E731
            what = f"select(s.is_sorted(descending={d}, nulls_last={n}))"
            checks.append(_same_when_flagged(ctx, inputs, query, what))
            if (d, n) == (descending, nulls_last):
                got = _attempt(ctx, query(*inputs.plain()))
                if isinstance(got, ErrorInfo) or got.item() is not True:
                    raise Violation(f"{what} on data sorted that way {_shown(got)}\n{inputs}")
    _run_all(checks, ctx)


RANGED = {"s": Key(), "v": Col(D.integers)}


def _range_filters(ctx: Context) -> None:
    """Comparisons, ranges and membership on a sorted column (where a binary search may be used)."""
    inputs = _draw_sorted(ctx, [("s",), ("s", "v")])
    column = inputs.frames[0]["s"]
    dtype = column.dtype
    lo, hi = (_lit(x, dtype) for x in _probe_values(ctx, column, "bound"))
    closed = ctx.draw(st.sampled_from(["both", "left", "right", "none"]), "closed")
    members = pl.Series("m", _probe_values(ctx, column, "member", 3), dtype=dtype)
    n = ctx.draw(st.integers(0, 3), "rows kept")
    predicates = {
        "s > lo": c("s") > lo,
        "s >= lo": c("s") >= lo,
        "s < lo": c("s") < lo,
        "s <= lo": c("s") <= lo,
        "s == lo": c("s") == lo,
        "s != lo": c("s") != lo,
        "(s >= lo) & (s < hi)": (c("s") >= lo) & (c("s") < hi),
        f"s.is_between(lo, hi, closed={closed!r})": c("s").is_between(lo, hi, closed=closed),  # type: ignore[arg-type]
        "s.is_in(members)": c("s").is_in(members),
        "s.is_null()": c("s").is_null(),
        "s.is_not_null()": c("s").is_not_null(),
    }
    where = f"\nlo = {lo}, hi = {hi}, members = {members.to_list()}"
    checks = []
    for text, p in predicates.items():
        checks.append(
            _same_when_flagged(ctx, inputs, lambda lf, p=p: lf.filter(p), f"filter({text}){where}")
        )
        checks.append(
            _same_when_flagged(
                ctx,
                inputs,
                lambda lf, p=p: lf.filter(p).head(n),
                f"filter({text}).head({n}){where}",
            )
        )
    checks.append(
        _same_when_flagged(
            ctx,
            inputs,
            lambda lf: lf.select(
                c("s").filter(c("s") >= lo).min(), c("v").filter(c("s") < hi).sum()
            ),
            f"select(s.filter(s >= lo).min(), v.filter(s < hi).sum()){where}",
        )
    )
    _run_all(checks, ctx)


WINDOWED = {
    "s": Key(window_index, allow_null=False, pool=window_values),
    "g": Col(D.keys, key=True),
    "v": Col(D.integers),
}
_PERIODS = {
    "int": ("1i", "2i", "3i"),
    "date": ("1d", "2d", "1w", "1mo"),
    "time": ("1h", "2d", "1mo"),
}


def _windows(ctx: Context) -> None:
    """rolling, group_by_dynamic and rolling_*_by on a sorted index; also vs in-memory."""
    inputs = _draw_sorted(ctx, [("s",), ("g", "s")], descending=False)
    dtype = inputs.frames[0]["s"].dtype
    kind = "int" if dtype.is_integer() else "date" if dtype == pl.Date else "time"
    period, every = (
        ctx.draw(st.sampled_from(_PERIODS[kind]), label) for label in ("period", "every")
    )
    closed = ctx.draw(st.sampled_from(["left", "right", "both", "none"]), "closed")
    grouped = inputs.order.by[0] == "g" or ctx.draw(st.booleans(), "group_by g")
    group: dict[str, Any] = {"group_by": "g"} if grouped else {}
    rules = UNORDERED if grouped else ORDERED
    aggs = [
        c("v").sum().alias("sum"),
        c("v").min().alias("min"),
        c("v").max().alias("max"),
        pl.len(),
    ]
    by_exprs = [
        c("v").rolling_sum_by("s", period, closed=closed).alias("sum"),  # type: ignore[arg-type]
        c("v").rolling_min_by("s", period, closed=closed).alias("min"),  # type: ignore[arg-type]
        c("v").rolling_max_by("s", period, closed=closed).alias("max"),  # type: ignore[arg-type]
    ]
    queries: list[tuple[str, Query, Rules]] = [
        (
            f"rolling('s', period={period!r}, closed={closed!r}, {group}).agg(sum/min/max of v, len)",
            lambda lf: lf.rolling("s", period=period, closed=closed, **group).agg(aggs),  # type: ignore[arg-type]
            rules,
        ),
        (
            f"group_by_dynamic('s', every={every!r}, period={period!r}, closed={closed!r}, {group})"
            ".agg(sum/min/max of v, len)",
            lambda lf: lf.group_by_dynamic(
                "s",
                every=every,
                period=period,
                closed=closed,
                **group,  # type: ignore[arg-type]
            ).agg(aggs),
            rules,
        ),
        (
            f"with_columns(v.rolling_sum/min/max_by('s', {period!r}, closed={closed!r})"
            f"{'.over(g)' if grouped else ''})",
            lambda lf: lf.with_columns([e.over("g") for e in by_exprs] if grouped else by_exprs),
            ORDERED,
        ),
    ]
    checks = []
    for what, query, query_rules in queries:
        checks.append(_same_when_flagged(ctx, inputs, query, what, query_rules))
        checks.append(_same_as_in_memory(ctx, inputs, query, what, query_rules))
    _run_all(checks, ctx)


def _cumulative(ctx: Context) -> None:
    """Cumulative, rank, run-length and re-sorting expressions over a sorted column."""
    inputs = _draw_sorted(ctx, KEYED_ORDERS)
    d, n = inputs.order.descending[0], inputs.order.nulls_last[0]
    first = inputs.order.by[0]
    queries: list[tuple[str, Query]] = [
        (
            "with_columns(rank of s by every method but 'random')",
            lambda lf: lf.with_columns(
                c("s").rank(method).alias(method)  # type: ignore[arg-type]
                for method in ("average", "min", "max", "dense", "ordinal")
            ),
        ),
        (
            "with_columns(s.cum_count(), s.rle_id(), s.shift(1), s.forward_fill(), s.backward_fill())",
            lambda lf: lf.with_columns(
                count=c("s").cum_count(),
                rle=c("s").rle_id(),
                shifted=c("s").shift(1),
                ffill=c("s").forward_fill(),
                bfill=c("s").backward_fill(),
            ),
        ),
        (
            f"select(s.sort(descending={d}, nulls_last={n}), "
            f"s.gather(s.arg_sort(descending={d}, nulls_last={n})))",
            lambda lf: lf.select(
                c("s").sort(descending=d, nulls_last=n).alias("sorted"),
                c("s").gather(c("s").arg_sort(descending=d, nulls_last=n)).alias("gathered"),
            ),
        ),
        (
            f"select(v.sort_by({first!r}, descending={d}, nulls_last={n}, maintain_order=True))",
            lambda lf: lf.select(
                c("v").sort_by(first, descending=d, nulls_last=n, maintain_order=True)
            ),
        ),
        (
            "with_columns(rank of s over g, cum_count of s over g)",
            lambda lf: lf.with_columns(
                rank=c("s").rank("ordinal").over("g"), count=c("s").cum_count().over("g")
            ),
        ),
    ]
    if _is_numeric(inputs.frames[0]["s"].dtype):
        queries += [
            (
                "with_columns(s.cum_max(), s.cum_min(), s.cum_sum(), s.diff())",
                lambda lf: lf.with_columns(
                    cmax=c("s").cum_max(),
                    cmin=c("s").cum_min(),
                    csum=c("s").cum_sum(),
                    diff=c("s").diff(),
                ),
            ),
            (
                "with_columns(s.cum_max().over('g'), v.cum_sum().over('s'))",
                lambda lf: lf.with_columns(
                    cmax=c("s").cum_max().over("g"), csum=c("v").cum_sum().over("s")
                ),
            ),
        ]
    _run_all([_same_when_flagged(ctx, inputs, q, what) for what, q in queries], ctx)


# --- sort rewrites keep results -------------------------------------------------------------------

REWRITE = {
    "s": Key(),
    "t": Key(),
    "g": Col(D.keys, key=True, allow_null=False),
    "v": Col(D.integers),
}


def _sort_rewrites(ctx: Context) -> None:
    """Equivalent spellings of a sort: reversed, sliced, deduplicated, within groups.

    Every sort is stable (`maintain_order=True`), so ties keep their input order and each side is
    fully defined; the reference side is built from the lane's own full sort.
    """
    (df,) = ctx.frames
    by = ctx.draw(st.sampled_from([("s",), ("s", "t"), ("t", "s")]), "sort columns")
    order = ctx.draw(sort_orders(by), "sort order")
    flipped = SortOrder(
        order.by,
        tuple(not d for d in order.descending),
        tuple(not n for n in order.nulls_last),
    )
    lf = df.lazy()
    full = ctx.collect(order.sort(lf))
    n = ctx.draw(st.integers(0, df.height + 2), "rows")
    offset = ctx.draw(st.integers(-df.height - 2, df.height + 2), "offset")
    where = f"\nsort = sort({list(order.by)}) in order {order}, stable"

    def check(
        expected: pl.DataFrame, rewritten: pl.LazyFrame, what: str, rules: Rules = ORDERED
    ) -> None:
        ctx.expect_equal(expected, ctx.collect(rewritten), what + where, rules)

    check(
        ctx.collect(flipped.sort(lf.reverse())),
        order.sort(lf).reverse(),
        f"sort.reverse() != reverse().sort() in the opposite order ({flipped})",
    )
    check(full.head(n), order.sort(lf).head(n), f"sort.head({n}) != head({n}) of the sorted rows")
    check(full.tail(n), order.sort(lf).tail(n), f"sort.tail({n}) != tail({n}) of the sorted rows")
    check(
        full.slice(offset, n),
        order.sort(lf).slice(offset, n),
        f"sort.slice({offset}, {n}) != slice({offset}, {n}) of the sorted rows",
    )
    unstable = lf.sort(
        list(order.by), descending=list(order.descending), nulls_last=list(order.nulls_last)
    )
    check(
        full.head(n).select(order.by),
        unstable.head(n).select(order.by),
        f"sort(maintain_order=False).head({n}) keeps other sort keys than the stable sort",
    )
    for keep, marker in (("last", "is_last_distinct"), ("first", "is_first_distinct")):
        key = pl.struct(list(order.by))
        check(
            ctx.collect(order.sort(lf).filter(getattr(key, marker)())),
            order.sort(lf).unique(subset=list(order.by), keep=keep, maintain_order=True),  # type: ignore[arg-type]
            f"sort.unique(subset={list(order.by)}, keep={keep!r}, maintain_order=True) != "
            f"sort.filter(struct({list(order.by)}).{marker}())",
        )
    d, nl = order.descending[0], order.nulls_last[0]
    presorted = lf.sort("v", descending=d, nulls_last=nl, maintain_order=True)
    check(
        ctx.collect(presorted.group_by("g").agg(c("v"), c("s"))),
        lf.group_by("g").agg(
            c("v").sort(descending=d, nulls_last=nl),
            c("s").sort_by("v", descending=d, nulls_last=nl, maintain_order=True),
        ),
        f"group_by('g').agg(v.sort(descending={d}, nulls_last={nl}), s.sort_by('v', ...)) != "
        "group_by('g').agg(v, s) after a stable sort by v",
        UNORDERED,
    )
    # Within each group the k-th row (in row order) gets the group's k-th value in sorted order.
    position = pl.int_range(pl.len()).over("g").alias("_k")
    ranked = presorted.select("g", c("v"), position)
    expected = (
        lf.with_row_index("_i")
        .with_columns(position)
        .drop("v")
        .join(ranked, on=["g", "_k"], how="left")
        .sort("_i")
        .select(df.columns)
    )
    check(
        ctx.collect(expected),
        lf.with_columns(c("v").sort(descending=d, nulls_last=nl).over("g")),
        f"with_columns(v.sort(descending={d}, nulls_last={nl}).over('g')) puts other values in "
        "the groups' rows than a stable sort by v",
    )


# --- flags must be truthful -----------------------------------------------------------------------

FLAGGED = {"s": Key(), "t": Key(), "v": Col(D.integers)}


def _flag_queries(
    inputs: Sorted, dtype: pl.DataType
) -> list[tuple[str, Callable[[pl.LazyFrame], pl.LazyFrame]]]:
    """Queries that keep, flip, derive or must drop the sorted flag of `s`, for `dtype`."""
    s = c("s")
    d = inputs.order.descending[0]
    queries: list[tuple[str, Callable[[pl.LazyFrame], pl.LazyFrame]]] = [
        ("the flagged input", lambda lf: lf),
        ("reverse()", lambda lf: lf.reverse()),
        ("head(3)", lambda lf: lf.head(3)),
        ("tail(3)", lambda lf: lf.tail(3)),
        ("slice(-3, 2)", lambda lf: lf.slice(-3, 2)),
        ("filter(v > 0)", lambda lf: lf.filter(c("v") > 0)),
        ("gather_every(2, offset=1)", lambda lf: lf.gather_every(2, offset=1)),
        ("drop_nulls()", lambda lf: lf.drop_nulls()),
        (
            "unique(subset='s', maintain_order=True)",
            lambda lf: lf.unique(subset="s", maintain_order=True),
        ),
        ("with_row_index()", lambda lf: lf.with_row_index()),
        ("pl.concat([lf, lf])", lambda lf: pl.concat([lf, lf])),
        ("pl.concat([lf.tail(2), lf.head(2)])", lambda lf: pl.concat([lf.tail(2), lf.head(2)])),
        (
            "group_by('s', maintain_order=True).agg(v.sum())",
            lambda lf: lf.group_by("s", maintain_order=True).agg(c("v").sum()),
        ),
        ("group_by('s').agg(v.sum())", lambda lf: lf.group_by("s").agg(c("v").sum())),
        (
            "join(unique keys, on='s', how='left', maintain_order='left')",
            lambda lf: lf.join(lf.select("s").unique(maintain_order=True), on="s", how="left"),
        ),
        (f"sort('s', descending={not d})", lambda lf: lf.sort("s", descending=not d)),
        ("sort('v')", lambda lf: lf.sort("v")),
        ("top_k(3, by='s')", lambda lf: lf.top_k(3, by="s")),
        (
            "select(s.shift(1), s.shift(-1), s.reverse())",
            lambda lf: lf.select(
                s.shift(1).alias("shift"),
                s.shift(-1).alias("back"),
                s.reverse().alias("reversed"),
            ),
        ),
        (
            "select(s.fill_null(strategy='forward'/'backward'), s.fill_null(s.max()/s.min()))",
            lambda lf: lf.select(
                s.fill_null(strategy="forward").alias("ffill"),
                s.fill_null(strategy="backward").alias("bfill"),
                s.fill_null(s.max()).alias("max"),
                s.fill_null(s.min()).alias("min"),
            ),
        ),
        ("select(s.drop_nulls())", lambda lf: lf.select(s.drop_nulls())),
        ("select(s.unique())", lambda lf: lf.select(s.unique())),
        (
            "select(s.unique(maintain_order=True))",
            lambda lf: lf.select(s.unique(maintain_order=True)),
        ),
        ("select(s.append(s))", lambda lf: lf.select(s.append(s))),
        ("select(s.filter(v > 0))", lambda lf: lf.select(s.filter(c("v") > 0))),
        ("select(s.gather_every(2))", lambda lf: lf.select(s.gather_every(2))),
        (
            "select(s.sort(descending=True, nulls_last=True))",
            lambda lf: lf.select(s.sort(descending=True, nulls_last=True)),
        ),
        (
            "select(s.rank(), s.rle_id(), s.cum_count(), s.arg_sort())",
            lambda lf: lf.select(
                s.rank().alias("rank"),
                s.rle_id().alias("rle"),
                s.cum_count().alias("count"),
                s.arg_sort().alias("arg"),
            ),
        ),
        (
            "select(s.to_physical(), s.is_null(), s.cast(pl.String))",
            lambda lf: lf.select(
                s.to_physical().alias("physical"),
                s.is_null().alias("null"),
                s.cast(pl.String).alias("string"),
            ),
        ),
        (
            "select(s.top_k(3), s.bottom_k(3))",
            lambda lf: lf.select(s.top_k(3).alias("top"), s.bottom_k(3).alias("bottom")),
        ),
        ("select(s.mode())", lambda lf: lf.select(s.mode())),
    ]
    if not inputs.order.descending[0] and not inputs.order.nulls_last[0]:
        queries.append(("merge_sorted(lf, key='s')", lambda lf: lf.merge_sorted(lf, key="s")))
    if _is_numeric(dtype):
        queries += [
            (
                "select(s + 1, s - 1, s * 2, s * -1, -s, s.abs())",
                lambda lf: lf.select(
                    (s + 1).alias("plus"),
                    (s - 1).alias("minus"),
                    (s * 2).alias("times"),
                    (s * -1).alias("negated"),
                    (-s).alias("neg"),
                    s.abs().alias("abs"),
                ),
            ),
            (
                "select(s.cum_max(), s.cum_min(), s.cum_sum(), s.diff(), s.clip(0, 10))",
                lambda lf: lf.select(
                    s.cum_max().alias("cmax"),
                    s.cum_min().alias("cmin"),
                    s.cum_sum().alias("csum"),
                    s.diff().alias("diff"),
                    s.clip(0, 10).alias("clip"),
                ),
            ),
            (
                "select(s.cast(pl.Int8, strict=False), s.cast(pl.UInt8, strict=False), s.cast(pl.Float32))",
                lambda lf: lf.select(
                    s.cast(pl.Int8, strict=False).alias("i8"),
                    s.cast(pl.UInt8, strict=False).alias("u8"),
                    s.cast(pl.Float32).alias("f32"),
                    s.cast(pl.Int64, strict=False).alias("i64"),
                ),
            ),
            ("select(s.interpolate())", lambda lf: lf.select(s.interpolate())),
        ]
    if dtype.is_float():
        queries += [
            (
                "select(s.fill_nan(0), s.fill_nan(None), s.round(0), s.floor(), s.is_nan())",
                lambda lf: lf.select(
                    s.fill_nan(0).alias("nan0"),
                    s.fill_nan(None).alias("nan_null"),
                    s.round(0).alias("round"),
                    s.floor().alias("floor"),
                    s.ceil().alias("ceil"),
                ),
            ),
        ]
    if isinstance(dtype, pl.Duration):
        queries.append(("select(s.dt.total_seconds())", lambda lf: lf.select(s.dt.total_seconds())))
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        queries += [
            (
                "select(s.dt.year(), s.dt.month(), s.dt.epoch('s'))",
                lambda lf: lf.select(
                    s.dt.year().alias("year"),
                    s.dt.month().alias("month"),
                    s.dt.epoch("s").alias("epoch"),
                ),
            ),
            (
                "select(s.dt.truncate('1mo'), s.dt.offset_by('1mo'), s.dt.date(), s.dt.month_start())",
                lambda lf: lf.select(
                    s.dt.truncate("1mo").alias("truncated"),
                    s.dt.offset_by("1mo").alias("offset"),
                    s.dt.date().alias("date"),
                    s.dt.month_start().alias("month_start"),
                ),
            ),
        ]
    if isinstance(dtype, pl.Datetime):
        queries += [
            (
                "select(s.dt.cast_time_unit('ms'), s.dt.convert_time_zone('Asia/Kathmandu'), "
                "s.dt.replace_time_zone(None))",
                lambda lf: lf.select(
                    s.dt.cast_time_unit("ms").alias("ms"),
                    s.dt.convert_time_zone("Asia/Kathmandu").alias("converted"),
                    s.dt.replace_time_zone(None).alias("naive"),
                    s.dt.replace_time_zone(
                        "America/New_York", ambiguous="earliest", non_existent="null"
                    ).alias("replaced"),
                ),
            ),
        ]
    if dtype == pl.String:
        queries += [
            (
                "select(s.str.slice(0, 1), s.str.to_uppercase(), s.str.len_bytes(), s + 'x')",
                lambda lf: lf.select(
                    s.str.slice(0, 1).alias("prefix"),
                    s.str.to_uppercase().alias("upper"),
                    s.str.len_bytes().alias("len"),
                    (s + "x").alias("suffixed"),
                    ("x" + s).alias("prefixed"),
                ),
            ),
        ]
    return queries


def _flags_truthful(ctx: Context) -> None:
    """After sorts, set_sorted and queries on sorted data, every sorted flag of the result is true.

    Only lanes that hand back Polars' own frames can carry flags: frames from the small-morsel
    child process come back through IPC, which carries no flags, so there this checks nothing.
    """
    inputs = _draw_sorted(ctx, [("s",), ("s", "t")])
    (df,) = inputs.frames
    ran = False
    for name, lfs in {
        **inputs.variants(),
        "sorted from unsorted": (inputs.order.sort(ctx.frames[0].lazy()),),
    }.items():
        for what, query in _flag_queries(inputs, df["s"].dtype):
            got = _attempt(ctx, query(lfs[0]))
            if isinstance(got, ErrorInfo):
                continue  # a query that does not apply to this dtype returns no flags to check
            ran = True
            if lies := untruthful_flags(got):
                raise Violation(
                    f"{what} on the {name} input returns untruthful sorted flags:\n"
                    + "\n".join(lies)
                    + f"\n--- result ---\n{got}\n{inputs}",
                    Outcome.UNTRUTHFUL_FLAG,
                )
    if not ran:
        ctx.not_applicable("every query raised on this input", Outcome.CONSISTENT_ERROR)


PROPERTIES = (
    _sortedness("aggregations", [KEYED], _aggregations),
    _sortedness("unique", [KEYED], _unique),
    _sortedness(
        "search_sorted", [{"s": Key()}], _search_sorted, requires=(has_attr(pl.Expr, "index_of"),)
    ),
    _sortedness("joins", [JOIN_LEFT, JOIN_RIGHT], _joins),
    _sortedness("join_asof", [ASOF_LEFT, ASOF_RIGHT], _join_asof),
    _sortedness(
        "merge_sorted",
        [MERGE_INPUT, MERGE_INPUT],
        _merge_sorted,
        requires=(has_attr(pl.LazyFrame, "merge_sorted"),),
    ),
    _sortedness("top_k", [TOP_K], _top_k),
    _sortedness(
        "is_sorted", [{"s": Key()}], _is_sorted, requires=(has_attr(pl.Expr, "is_sorted"),)
    ),
    _sortedness("range_filters", [RANGED], _range_filters),
    _sortedness("windows", [WINDOWED], _windows),
    _sortedness(
        "cumulative",
        [KEYED],
        _cumulative,
        requires=(has_param(pl.Expr.sort_by, "maintain_order"),),
    ),
    _sortedness(
        "sort_rewrites",
        [REWRITE],
        _sort_rewrites,
        requires=(has_param(pl.Expr.sort_by, "maintain_order"),),
    ),
    _sortedness("flags_truthful", [FLAGGED], _flags_truthful),
)

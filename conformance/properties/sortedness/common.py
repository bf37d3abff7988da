"""What every sortedness contract shares: truly sorted inputs, the three ways of flagging them, and
the comparisons, each labelled with the query's own source (`conformance.source.query_source`).

A query that raises the same error class on every variant does not apply to that input (its dtype,
say); a query that raises on one variant only is a violation like a differing result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import hypothesis.strategies as st
import polars as pl
from polars.exceptions import PolarsError
from polars.testing.parametric import series

from conformance.catalog.operation import Requirement, has_param
from conformance.engines.isolated import RemoteQueryError
from conformance.engines.lanes import BASELINE_LANE
from conformance.judge.compare import ORDERED, Rules
from conformance.judge.harness import ErrorInfo, error_info
from conformance.properties.property import Context, Property, Violation
from conformance.source import query_source
from reports.outcomes import Outcome
from strategies.frames import float_values
from strategies.sorted import SortOrder, Spec, orderable_frames, sort_orders, sorted_frames

c = pl.col
Query = Callable[..., pl.LazyFrame]
Result = pl.DataFrame | ErrorInfo

# Routes by which the sorted flag is set: a plan hint, an expression, or the source data itself.
ROUTES = ("hint", "expr", "data")
# LazyFrame.set_sorted takes several columns (a lexicographic hint) and `nulls_last` from 1.35.
MULTI_COLUMN_HINT = has_param(pl.LazyFrame.set_sorted, "nulls_last")() is None
EXPR_NULLS_LAST = has_param(pl.Expr.set_sorted, "nulls_last")() is None


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
            kwargs = {"nulls_last": nulls_last} if EXPR_NULLS_LAST else {}
            flag = c(first).set_sorted(descending=descending, **kwargs)
            return tuple(f.lazy().with_columns(flag) for f in self.frames)
        if MULTI_COLUMN_HINT:
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


def draw_sorted(
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


def label(query: Callable[..., object], using: Sequence[Callable[..., object]] = ()) -> str:
    """What a check ran: the source of `query` and of the functions it calls (`using`)."""
    return "\n".join(query_source(f) for f in (*using, query))


def attempt(ctx: Context, lf: pl.LazyFrame) -> Result:
    """The lane's result, or the error Polars raised (a panic, timeout or crash propagates)."""
    try:
        return ctx.collect(lf)
    except RemoteQueryError as exc:
        if exc.type_name == "PanicException":
            raise
        return error_info(exc)
    except PolarsError as exc:
        return error_info(exc)


def shown(result: Result) -> str:
    return f"raised {result}" if isinstance(result, ErrorInfo) else f"returned\n{result}"


def agree(
    ctx: Context,
    results: dict[str, Result],
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
            raise Violation(f"{what}\n{base_name} {shown(base)}\n{name} {shown(got)}", outcome)
        ctx.expect_equal(base, got, f"{what}\n{name} != {base_name}", rules, outcome)
    return True


def same_when_flagged(
    ctx: Context,
    inputs: Sorted,
    query: Query,
    rules: Rules = ORDERED,
    using: Sequence[Callable[..., object]] = (),
) -> bool:
    """`query` on the unflagged, flagged and re-sorted inputs returns the same on this lane."""
    results = {name: attempt(ctx, query(*lfs)) for name, lfs in inputs.variants().items()}
    return agree(ctx, results, f"{label(query, using)}\n{inputs}", rules)


def same_as_in_memory(ctx: Context, inputs: Sorted, query: Query, rules: Rules = ORDERED) -> bool:
    """`query` on the flagged inputs returns on this lane what it returns on the in-memory engine.

    The differential check for operations that require sorted input, on flagged sorted inputs the
    catalog's frames do not cover; a difference is a `mismatch`, as in the catalog.
    """
    if ctx.lane.name == BASELINE_LANE.name:
        return True
    memory = Context(ctx.frames, BASELINE_LANE, ctx.data, ctx.timeout_s)
    results = {
        "in-memory": attempt(memory, query(*inputs.flagged())),
        ctx.lane.name: attempt(ctx, query(*inputs.flagged())),
    }
    return agree(ctx, results, f"{label(query)}\n{inputs}", rules, Outcome.MISMATCH)


def run_all(checks: Sequence[bool], ctx: Context) -> None:
    """Checks that ran return True; if none applied to this input, say so."""
    if not any(checks):
        ctx.not_applicable(
            "every query raised the same error on every variant", Outcome.CONSISTENT_ERROR
        )


def probe_values(ctx: Context, column: pl.Series, name: str, n: int = 2) -> list[Any]:
    """Values to compare or search with: some from `column` (hits, ties), some fresh (misses)."""
    dtype = column.dtype
    present = column.drop_nulls()
    fresh = st.lists(float_values(dtype), min_size=1, max_size=1) if dtype.is_float() else None
    out = []
    for i in range(n):
        if present.len() and ctx.draw(st.booleans(), f"{name} {i} from the column"):
            out.append(present[ctx.draw(st.integers(0, present.len() - 1), f"{name} {i} row")])
        elif fresh is not None:
            out.append(ctx.draw(fresh, f"{name} {i}")[0])
        else:
            drawn = series(dtype=dtype, min_size=1, max_size=1, allow_null=False)
            out.append(ctx.draw(drawn, f"{name} {i}")[0])
    return out


def is_numeric(dtype: pl.DataType) -> bool:
    return dtype.is_numeric() and not isinstance(dtype, pl.Decimal)


def sortedness(
    name: str,
    specs: Sequence[Spec],
    check: Callable[[Context], None],
    requires: tuple[Requirement, ...] = (),
) -> Property:
    return Property(f"sorted.{name}", "sortedness", orderable_frames(specs), check, requires)

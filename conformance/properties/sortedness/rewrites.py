"""Sort rewrites keep results: equivalent spellings of a sort (reversed, sliced, deduplicated,
within groups) give what the lane's own full sort implies."""

from __future__ import annotations

from collections.abc import Callable

import hypothesis.strategies as st
import polars as pl

from conformance.catalog.operation import has_param
from conformance.judge.compare import ORDERED, UNORDERED, Rules
from conformance.properties.property import Context
from conformance.properties.sortedness.common import Query, label, sortedness
from strategies import dtypes as D
from strategies.frames import Col
from strategies.sorted import Key, SortOrder, sort_orders

c = pl.col

REWRITE = {
    "s": Key(),
    "t": Key(),
    "g": Col(D.keys, key=True, allow_null=False),
    "v": Col(D.integers),
}


def _sort_rewrites(ctx: Context) -> None:
    """Each rewritten query == its reference: a lazy query, or the lane's full sort cut eagerly.

    Every sort is stable (`maintain_order=True`), so ties keep their input order and each side is
    fully defined.
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
    d, nl = order.descending[0], order.nulls_last[0]

    def check(
        reference: Callable[[pl.LazyFrame], pl.LazyFrame] | Callable[[pl.DataFrame], pl.DataFrame],
        rewritten: Query,
        rules: Rules = ORDERED,
        eager: bool = False,
    ) -> None:
        """`reference` on the lane (on the full sort it collected, where `eager`) == `rewritten`."""
        expected = reference(full) if eager else ctx.collect(reference(lf))  # type: ignore[arg-type]
        what = f"reference:\n{label(reference)}\nrewritten:\n{label(rewritten)}"
        ctx.expect_equal(expected, ctx.collect(rewritten(lf)), what, rules)

    check(
        lambda lf: flipped.sort(lf.reverse()),
        lambda lf: order.sort(lf).reverse(),
    )
    check(
        lambda full: full.head(n),
        lambda lf: order.sort(lf).head(n),
        eager=True,
    )
    check(
        lambda full: full.tail(n),
        lambda lf: order.sort(lf).tail(n),
        eager=True,
    )
    check(
        lambda full: full.slice(offset, n),
        lambda lf: order.sort(lf).slice(offset, n),
        eager=True,
    )
    check(
        # an unstable sort keeps the same sort keys in its first rows
        lambda full: full.head(n).select(order.by),
        lambda lf: (
            lf.sort(
                list(order.by), descending=list(order.descending), nulls_last=list(order.nulls_last)
            )
            .head(n)
            .select(order.by)
        ),
        eager=True,
    )
    check(
        lambda lf: order.sort(lf).filter(pl.struct(list(order.by)).is_last_distinct()),
        lambda lf: order.sort(lf).unique(subset=list(order.by), keep="last", maintain_order=True),
    )
    check(
        lambda lf: order.sort(lf).filter(pl.struct(list(order.by)).is_first_distinct()),
        lambda lf: order.sort(lf).unique(subset=list(order.by), keep="first", maintain_order=True),
    )
    check(
        lambda lf: (
            lf.sort("v", descending=d, nulls_last=nl, maintain_order=True)
            .group_by("g")
            .agg(c("v"), c("s"))
        ),
        lambda lf: lf.group_by("g").agg(
            c("v").sort(descending=d, nulls_last=nl),
            c("s").sort_by("v", descending=d, nulls_last=nl, maintain_order=True),
        ),
        UNORDERED,
    )

    def kth_sorted_value_per_group(lf: pl.LazyFrame) -> pl.LazyFrame:
        """Within each group the k-th row (in row order) gets the group's k-th value in sorted
        order (a stable sort by v)."""
        position = pl.int_range(pl.len()).over("g").alias("_k")
        ranked = lf.sort("v", descending=d, nulls_last=nl, maintain_order=True).select(
            "g", c("v"), position
        )
        return (
            lf.with_row_index("_i")
            .with_columns(position)
            .drop("v")
            .join(ranked, on=["g", "_k"], how="left")
            .sort("_i")
            .select(lf.collect_schema().names())
        )

    check(
        kth_sorted_value_per_group,
        lambda lf: lf.with_columns(c("v").sort(descending=d, nulls_last=nl).over("g")),
    )


PROPERTIES = (
    sortedness(
        "sort_rewrites",
        [REWRITE],
        _sort_rewrites,
        requires=(has_param(pl.Expr.sort_by, "maintain_order"),),
    ),
)

"""Metamorphic oracles: relations between queries on one engine, needing no second engine.

TLP (ternary logic partitioning), NoREC (non-optimizing reference engine construction), PQS (pivoted
query synthesis) and plain equivalences, after the SQLancer family of DBMS testing oracles. Every
query runs through `ctx.collect`, so each relation is checked on the lane's own engine with every
optimizer pass on. Predicates are drawn from the input frame (`strategies.predicates`) and named by
their Python source in every violation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import hypothesis.strategies as st
import polars as pl

from conformance.catalog.operation import Requirement, has_attr, has_param
from conformance.judge.compare import ORDERED, UNORDERED, row_key
from conformance.properties.property import Context, Property, Violation, frames
from strategies import dtypes as D
from strategies.frames import Col
from strategies.predicates import Predicate, predicates, row_predicate, sql_predicates

c = pl.col

# Keys and two numbers give selective comparisons and number-to-number ones, `s` the string
# matches, and `a` (any scalar) and `x` (any dtype, nested included) every dtype the catalog
# generates.
PREDICATE_FRAME = {
    "k": Col(D.keys, key=True),
    "v": Col(D.numeric),
    "w": Col(D.numeric),
    "s": Col(D.strings),
    "a": Col(D.scalars),
    "x": Col(),
}
# Group keys from the key pool, numbers to aggregate or sort by, and more columns to read.
KEYED_FRAME = {"k": Col(D.keys, key=True), "v": Col(D.numeric), "a": Col(D.scalars), "x": Col()}
SORTABLE = ("k", "v", "a")  # the scalar columns of KEYED_FRAME
# Every column's dtype has SQL literals (`strategies.predicates.sql_dtype_supported`).
SQL_FRAME = {"k": Col(D.keys, key=True), "v": Col(D.numeric), "s": Col(D.strings)}
SQL_COLUMNS = tuple(SQL_FRAME)


def _predicate(ctx: Context, df: pl.DataFrame) -> Predicate:
    return ctx.draw(predicates(df), "predicate")


def _partitions(p: Predicate) -> tuple[pl.Expr, pl.Expr, pl.Expr]:
    """p, ~p and p.is_null(): under three-valued logic every row is in exactly one of them."""
    return p.expr, ~p.expr, p.expr.is_null()


# --- TLP -----------------------------------------------------------------------------------------


def _tlp_filter(ctx: Context) -> None:
    """`filter(p)`, `filter(~p)` and `filter(p.is_null())` together are the input."""
    (df,) = ctx.frames
    p = _predicate(ctx, df)
    parts = [ctx.collect(df.lazy().filter(q)) for q in _partitions(p)]
    sizes = ", ".join(str(part.height) for part in parts)
    ctx.expect_equal(
        df,
        pl.concat(parts),
        f"filter(p), filter(~p) and filter(p.is_null()) ({sizes} rows) are not the input "
        f"({df.height} rows)\np = {p}",
        UNORDERED,
    )


def _aggregates() -> list[pl.Expr]:
    return [
        c("v").sum().alias("sum"),
        c("v").min().alias("min"),
        c("v").max().alias("max"),
        pl.len().alias("len"),
        c("v").count().alias("count"),
    ]


# How per-partition aggregates recombine into the whole's: sums and counts add up, min of mins,
# max of maxes. Sums are exact (integers wrap alike in any order; generated floats are quarters).
_RECOMBINE = (
    c("sum").sum(),
    c("min").min(),
    c("max").max(),
    c("len").sum(),
    c("count").sum(),
)
_COUNTS = {"len": pl.Int64, "count": pl.Int64}


def _tlp_group_by(ctx: Context) -> None:
    """Aggregates per key over the three partitions of `p`, recombined, equal the whole's.

    A key missing from a partition has no row there, a group of nulls has sum 0 and min/max null,
    and min/max skip NaN unless a group holds nothing else, all of which recombine exactly.
    """
    (df,) = ctx.frames
    p = _predicate(ctx, df)
    whole = ctx.collect(df.lazy().group_by("k").agg(_aggregates()))
    parts = [
        ctx.collect(df.lazy().filter(q).group_by("k").agg(_aggregates())) for q in _partitions(p)
    ]
    recombined = ctx.collect(pl.concat(parts).lazy().group_by("k").agg(_RECOMBINE))
    ctx.expect_equal(
        whole.cast(_COUNTS),  # type: ignore[arg-type]
        recombined.cast(_COUNTS),  # type: ignore[arg-type]
        "group_by('k') sum/min/max/len/count of the input != the same recombined from "
        f"filter(p), filter(~p), filter(p.is_null())\np = {p}",
        UNORDERED,
    )


# --- NoREC ---------------------------------------------------------------------------------------


def _norec(ctx: Context) -> None:
    """`filter(p).select(pl.len())` counts the rows where `p` is true (null: not selected)."""
    (df,) = ctx.frames
    p = _predicate(ctx, df)
    counted = ctx.collect(df.lazy().filter(p.expr).select(pl.len().cast(pl.Int64).alias("rows")))
    summed = ctx.collect(
        df.lazy().select(p.expr.fill_null(False).sum().cast(pl.Int64).alias("rows"))
    )
    ctx.expect_equal(summed, counted, f"filter(p).select(pl.len()) != select(p.sum())\np = {p}")


# --- PQS -----------------------------------------------------------------------------------------


def _rectified(ctx: Context, pivot: pl.DataFrame, q: Predicate) -> Predicate:
    """`q` turned true for the pivot row: itself, its negation, or its null test."""
    value = ctx.collect(pivot.lazy().select(q.expr.alias("q")))["q"][0]
    if value is None:
        return Predicate(q.expr.is_null(), f"({q.source}).is_null()")
    return q if value else ~q


def _pqs(ctx: Context) -> None:
    """A row comes back from a filter whose predicate holds for it.

    The predicate pins the pivot row's values (equality, `is_null`, `is_nan`) and adds a random
    predicate rectified to be true on that row alone.
    """
    (df,) = ctx.frames
    index = ctx.draw(st.integers(0, df.height - 1), "pivot row")
    pivot = df.slice(index, 1)
    p = row_predicate(df, index) & _rectified(ctx, pivot, _predicate(ctx, df))
    got = ctx.collect(df.lazy().filter(p.expr))
    if row_key(pivot.row(0)) not in {row_key(row) for row in got.iter_rows()}:
        raise Violation(
            f"row {index} is missing from filter(p), though p holds for it\np = {p}\n"
            f"--- pivot row ---\n{pivot}\n--- filter(p) ---\n{got}"
        )


# --- equivalences --------------------------------------------------------------------------------


def _filter_select(ctx: Context) -> None:
    """Filtering before or after selecting the predicate's columns (and others) is the same."""
    (df,) = ctx.frames
    p = _predicate(ctx, df)
    extra = ctx.draw(st.lists(st.sampled_from(df.columns), unique=True), "more columns")
    columns = ctx.draw(
        st.permutations(list(dict.fromkeys([*p.expr.meta.root_names(), *extra]))), "column order"
    )
    filter_first = ctx.collect(df.lazy().filter(p.expr).select(columns))
    select_first = ctx.collect(df.lazy().select(columns).filter(p.expr))
    ctx.expect_equal(
        filter_first,
        select_first,
        f"filter(p).select({columns}) != select({columns}).filter(p)\np = {p}",
    )


def _sort_keys(ctx: Context) -> tuple[list[str], list[bool]]:
    by = ctx.draw(st.lists(st.sampled_from(SORTABLE), min_size=1, max_size=3, unique=True), "by")
    flags = ctx.draw(st.lists(st.booleans(), min_size=len(by), max_size=len(by)), "directions")
    return by, flags


def _sort_idempotent(ctx: Context) -> None:
    """A stable sort of sorted rows changes nothing: `sort(by).sort(by) == sort(by)`."""
    (df,) = ctx.frames
    by, descending = _sort_keys(ctx)
    nulls_last = ctx.draw(st.booleans(), "nulls_last")

    def sort(lf: pl.LazyFrame) -> pl.LazyFrame:
        return lf.sort(by, descending=descending, nulls_last=nulls_last, maintain_order=True)

    once = ctx.collect(sort(df.lazy()))
    twice = ctx.collect(sort(sort(df.lazy())))
    ctx.expect_equal(
        once,
        twice,
        f"sort({by}, descending={descending}, nulls_last={nulls_last}, maintain_order=True) "
        "twice != once",
    )


def _top_k(ctx: Context) -> None:
    """`top_k`/`bottom_k` keep the `by` values a sort then `head(k)` keeps (nulls last).

    Ties make the rows themselves ambiguous, so only the multiset of `by` values is compared.
    """
    (df,) = ctx.frames
    by, reverse = _sort_keys(ctx)
    k = ctx.draw(st.integers(0, df.height + 2), "k")
    if ctx.draw(st.booleans(), "bottom_k"):
        name, descending = "bottom_k", reverse
        got = df.lazy().bottom_k(k, by=by, reverse=reverse)
    else:
        name, descending = "top_k", [not r for r in reverse]
        got = df.lazy().top_k(k, by=by, reverse=reverse)
    expected = df.lazy().sort(by, descending=descending, nulls_last=True).head(k)
    ctx.expect_equal(
        ctx.collect(expected.select(by)),
        ctx.collect(got.select(by)),
        f"{name}({k}, by={by}, reverse={reverse}) keeps other {by} values than "
        f"sort({by}, descending={descending}, nulls_last=True).head({k})",
        UNORDERED,
    )


def _unique_idempotent(ctx: Context) -> None:
    """`unique(...).unique(...) == unique(...)`: deduplicated rows have nothing left to drop."""
    (df,) = ctx.frames
    subset: Sequence[str] | None = ctx.draw(
        st.none() | st.lists(st.sampled_from(df.columns), min_size=1, unique=True), "subset"
    )
    # keep="any" on a subset may pick other rows each time; on whole rows any pick is the same
    keep = ctx.draw(
        st.sampled_from(["first", "last", "none"] + (["any"] if subset is None else [])), "keep"
    )
    maintain_order = ctx.draw(st.booleans(), "maintain_order")

    def unique(lf: pl.LazyFrame) -> pl.LazyFrame:
        return lf.unique(subset, keep=keep, maintain_order=maintain_order)  # type: ignore[arg-type]

    once = ctx.collect(unique(df.lazy()))
    twice = ctx.collect(unique(unique(df.lazy())))
    ctx.expect_equal(
        once,
        twice,
        f"unique({subset}, keep={keep!r}, maintain_order={maintain_order}) twice != once",
        ORDERED if maintain_order else UNORDERED,
    )


def _group_head(ctx: Context) -> None:
    """`group_by(k).head(n)` keeps each group's first n rows (`tail(n)`: its last n): the rows a
    filter by each row's position in its group keeps (`int_range(len()).over(k)`), in any order."""
    (df,) = ctx.frames
    keys = ctx.draw(st.lists(st.sampled_from(["k", "a"]), min_size=1, unique=True), "keys")
    n = ctx.draw(st.integers(0, 3), "n")
    tail = ctx.draw(st.booleans(), "tail")
    maintain_order = ctx.draw(st.booleans(), "maintain_order")
    grouped = df.lazy().group_by(keys, maintain_order=maintain_order)
    got = ctx.collect(grouped.tail(n) if tail else grouped.head(n))
    position = pl.int_range(pl.len()).over(keys)
    # `position + n`, not `len() - n`: the length is unsigned, and a group shorter than n wraps
    keep = position + n >= pl.len().over(keys) if tail else position < n
    expected = ctx.collect(df.lazy().filter(keep).select(got.columns))
    ctx.expect_equal(
        expected,
        got,
        f"group_by({keys}, maintain_order={maintain_order}).{'tail' if tail else 'head'}({n}) "
        f"!= the rows filter({'last' if tail else 'first'} {n} of each group) keeps",
        UNORDERED,
    )


# --- SQL against expressions ---------------------------------------------------------------------


def _sql_select(ctx: Context) -> None:
    """`LazyFrame.sql` SELECT ... WHERE ... ORDER BY every column == filter, select, sort."""
    (df,) = ctx.frames
    where = ctx.draw(sql_predicates(df, SQL_COLUMNS), "WHERE")
    order = ctx.draw(st.permutations(list(SQL_COLUMNS)), "ORDER BY")
    n = len(order)
    descending = ctx.draw(st.lists(st.booleans(), min_size=n, max_size=n), "DESC")
    nulls_last = ctx.draw(st.lists(st.booleans(), min_size=n, max_size=n), "NULLS LAST")
    clauses = ", ".join(
        f"{name} {'DESC' if d else 'ASC'} NULLS {'LAST' if last else 'FIRST'}"
        for name, d, last in zip(order, descending, nulls_last, strict=True)
    )
    query = f"SELECT {', '.join(SQL_COLUMNS)} FROM self WHERE {where.sql} ORDER BY {clauses}"
    expected = (
        df.lazy()
        .filter(where.predicate.expr)
        .select(SQL_COLUMNS)
        .sort(order, descending=descending, nulls_last=nulls_last)
    )
    ctx.expect_equal(
        ctx.collect(expected),
        ctx.collect(df.lazy().sql(query)),
        f"LazyFrame.sql({query!r}) != filter(p).select({list(SQL_COLUMNS)}).sort({order}, "
        f"descending={descending}, nulls_last={nulls_last})\np = {where.predicate}",
    )


# SQL's SUM of nothing is NULL on newer releases and 0 on older ones, and COUNT's dtype changed:
# COALESCE and CAST pin one meaning that matches the expression side on every release.
_SQL_AGGREGATES = (
    "COALESCE(SUM(v), 0) AS sum_v, MIN(v) AS min_v, MAX(v) AS max_v, "
    "CAST(COUNT(*) AS BIGINT) AS n, CAST(COUNT(v) AS BIGINT) AS n_v"
)


def _sql_group_by(ctx: Context) -> None:
    """A `pl.SQLContext` GROUP BY == the same `group_by().agg()` in expressions."""
    (df,) = ctx.frames
    where = ctx.draw(sql_predicates(df, SQL_COLUMNS), "WHERE")
    query = f"SELECT k, {_SQL_AGGREGATES} FROM t WHERE {where.sql} GROUP BY k"
    got = pl.SQLContext(frames={"t": df.lazy()}).execute(query, eager=False)
    expected = (
        df.lazy()
        .filter(where.predicate.expr)
        .group_by("k")
        .agg(
            c("v").sum().alias("sum_v"),
            c("v").min().alias("min_v"),
            c("v").max().alias("max_v"),
            pl.len().cast(pl.Int64).alias("n"),
            c("v").count().cast(pl.Int64).alias("n_v"),
        )
    )
    ctx.expect_equal(
        ctx.collect(expected),
        ctx.collect(got),  # type: ignore[arg-type]
        f"SQLContext {query!r} != filter(p).group_by('k').agg(sum, min, max, len, count)"
        f"\np = {where.predicate}",
        UNORDERED,
    )


def _sql_expr(ctx: Context) -> None:
    """`pl.sql_expr(condition)` has the values of the equivalent expression, and filters alike."""
    (df,) = ctx.frames
    where = ctx.draw(sql_predicates(df, SQL_COLUMNS), "condition")
    lf, p = df.lazy(), where.predicate.expr
    what = f"pl.sql_expr({where.sql!r}) != {where.predicate}"
    ctx.expect_equal(
        ctx.collect(lf.select(p.alias("p"))),
        ctx.collect(lf.select(pl.sql_expr(where.sql).alias("p"))),
        f"select: {what}",
    )
    ctx.expect_equal(
        ctx.collect(lf.filter(p)), ctx.collect(lf.filter(pl.sql_expr(where.sql))), f"filter: {what}"
    )


def _oracle(
    name: str,
    spec: dict[str, Col],
    check: Callable[[Context], None],
    *,
    non_empty: bool = False,
    requires: tuple[Requirement, ...] = (),
) -> Property:
    """One metamorphic property on frames drawn from `spec` (never empty where a row is picked)."""
    inputs = frames(spec)
    if non_empty:
        inputs = inputs.filter(lambda dfs: dfs[0].height > 0)
    return Property(f"oracle.{name}", "metamorphic", inputs, check, requires)


PROPERTIES = (
    _oracle("tlp_filter", PREDICATE_FRAME, _tlp_filter),
    _oracle("tlp_group_by", KEYED_FRAME, _tlp_group_by),
    _oracle("norec", PREDICATE_FRAME, _norec),
    _oracle("pqs", PREDICATE_FRAME, _pqs, non_empty=True),
    _oracle("filter_select", PREDICATE_FRAME, _filter_select),
    _oracle("sort_idempotent", KEYED_FRAME, _sort_idempotent),
    _oracle("top_k", KEYED_FRAME, _top_k, requires=(has_param(pl.LazyFrame.top_k, "reverse"),)),
    _oracle("unique_idempotent", KEYED_FRAME, _unique_idempotent),
    _oracle("group_head", KEYED_FRAME, _group_head),
    _oracle("sql_select", SQL_FRAME, _sql_select, requires=(has_attr(pl.LazyFrame, "sql"),)),
    _oracle("sql_group_by", SQL_FRAME, _sql_group_by, requires=(has_attr(pl, "SQLContext"),)),
    _oracle("sql_expr", SQL_FRAME, _sql_expr, requires=(has_attr(pl, "sql_expr"),)),
)

"""Reshape invariants: round trips and partitions between the shapes a frame can take.

unpivot/pivot, explode/implode, struct/unnest, partition_by/concat, transpose, unstack and the
three concat modes each promise that data is neither lost nor invented. The lazy part of each
check runs on the lane (`ctx.collect`); eager-only APIs (pivot before 1.36, unstack, transpose,
partition_by) are applied to frames the lane produced, and compared with a lazy equivalent run on
the lane where one exists. Each check states the documented contract; a release that breaks it is
reported. A check follows a release only where Polars changed the contract on purpose, and the
change's announcement is cited at the switch.
"""

from __future__ import annotations

import inspect
import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import hypothesis.strategies as st
import polars as pl
import polars._typing
import polars.selectors as cs
from polars.exceptions import PolarsError

from conformance.catalog.operation import has_attr, has_param, literal_choices
from conformance.catalog.tolerances import MEAN
from conformance.engines.isolated import RemoteQueryError
from conformance.judge.compare import ORDERED, UNORDERED, Rules, dtype_contains
from conformance.judge.harness import ErrorInfo, error_info
from conformance.properties.property import Context, Property, Violation
from conformance.version import at_least
from strategies import dtypes as D
from strategies import reshape as R

c = pl.col

# explode's `empty_as_null` when omitted: 2.0 changed the default to False on purpose, announced
# as breaking (pola-rs/polars#17664, "breaking" label; 2.0: pola-rs/polars#28070 "feat(python!):
# Set explode() empty_as_null=False by default"); 1.x keeps [] -> one null row and says so in a
# DeprecationWarning (pola-rs/polars#28040). Its default there is a sentinel, not a bool.
_EXPLODE_EMPTY_DEFAULT_1X = True


def _params(func: Callable[..., object]) -> dict[str, inspect.Parameter]:
    return dict(inspect.signature(func).parameters)


PIVOT_AGGS = literal_choices(pl.DataFrame.pivot, "aggregate_function")
UNSTACK_DIRECTIONS = literal_choices(pl.DataFrame.unstack, "how")
HAS_ON_COLUMNS = "on_columns" in _params(pl.DataFrame.pivot)
HORIZONTAL_METHODS = tuple(
    m for m in literal_choices(pl.concat, "how") if m.startswith("horizontal")
)
# concat(how="horizontal") requires equal heights from 2.0; 1.x pads shorter parts with nulls. A
# deliberate, announced change: pola-rs/polars#27927 (accepted plan, 1.x vs 2.0 table), 1.x
# deprecation pola-rs/polars#27965, 2.0 "chore!: Set concat(how='horizontal') to strict=True by
# default" pola-rs/polars#27995. `horizontal_extend` (1.42.1+) keeps the padding.
HORIZONTAL_NEEDS_EQUAL_HEIGHTS = at_least(2)


# --- shared helpers ----------------------------------------------------------------------------


Attempt = pl.DataFrame | ErrorInfo


def _attempt(run: Callable[[], pl.DataFrame]) -> Attempt:
    """`run()`'s frame, or the Polars error it raised (a panic is never an answer: it propagates)."""
    try:
        return run()
    except RemoteQueryError as exc:
        if error_info(exc).is_panic:
            raise
        return error_info(exc)
    except PolarsError as exc:
        return error_info(exc)


def _agg_rules(agg: str | None) -> Rules:
    """A mean sums in an order the engine picks (per morsel, per partition): the catalog's mean
    tolerance, with its reason; every other aggregate is exact."""
    return Rules(tolerance=MEAN) if agg == "mean" else ORDERED


def _expect_same(
    ctx: Context, expected: Attempt, got: Attempt, what: str, rules: Rules = ORDERED
) -> None:
    """Equal frames, or the same error class on both sides."""
    if isinstance(expected, pl.DataFrame) and isinstance(got, pl.DataFrame):
        ctx.expect_equal(expected, got, what, rules)
        return
    both_raised = isinstance(expected, ErrorInfo) and isinstance(got, ErrorInfo)
    if both_raised and expected.type_name == got.type_name:  # type: ignore[union-attr]
        return
    shown = [x if isinstance(x, ErrorInfo) else f"a frame\n{x}" for x in (expected, got)]
    raise Violation(f"{what}\nexpected: {shown[0]}\ngot: {shown[1]}")


def _key_names(keys: pl.Series) -> list[str]:
    """The column names pivot gives `on` values: their string form, and "null" for a null."""
    return keys.cast(pl.String).fill_null("null").to_list()


def _bucket(key: object) -> pl.Expr:
    """The rows of one pivot column: `k` equal to `key`, the null key's rows for None."""
    return c("k").is_null() if key is None else c("k") == pl.lit(key)


def _wide(ctx: Context, lf: pl.LazyFrame, agg: pl.Expr, keys: pl.Series) -> Attempt:
    """What pivot(on="k", index="i", values="v") must give, built from group_by and joins.

    One row per distinct `i` (discovery order), one column per key: the aggregate of that
    (i, k) group, or for a combination without rows the aggregate of an empty group (sum 0,
    len 0, item raises). Releases before 1.32 gave a null there: a bug (pola-rs/polars#23408,
    fixed by pola-rs/polars#23586), reported.
    """
    query = lf.select("i").unique(maintain_order=True)
    groups = lf.group_by("i", "k").agg(agg.alias("__agg"), pl.len().alias("__rows"))
    for j, key in enumerate(keys.to_list()):
        cell = groups.filter(_bucket(key)).select(
            "i", c("__agg").alias(f"__{j}"), c("__rows").alias(f"__rows{j}")
        )
        query = query.join(cell, on="i", how="left", nulls_equal=True, maintain_order="left")
    wide = _attempt(lambda: ctx.collect(query))
    if isinstance(wide, ErrorInfo):
        return wide
    columns: list[pl.Expr | str] = ["i"]
    for j, name in enumerate(_key_names(keys)):
        value = c(f"__{j}")
        if wide[f"__rows{j}"].null_count():
            empty = _attempt(lambda: ctx.collect(lf.head(0).select(agg)))
            if isinstance(empty, ErrorInfo):
                return empty
            filler = pl.lit(empty.to_series()[0], dtype=wide[f"__{j}"].dtype)
            value = pl.when(c(f"__rows{j}").is_null()).then(filler).otherwise(value)
        columns.append(value.alias(name))
    return wide.select(columns)


def _agg_expr(agg: str) -> pl.Expr:
    """The group_by expression pivot's `aggregate_function=agg` stands for."""
    return c("v").len() if agg == "len" else getattr(c("v"), agg)()


# --- unpivot / pivot ---------------------------------------------------------------------------


def _unpivot_names(ctx: Context, columns: Sequence[str]) -> dict[str, str]:
    """unpivot's defaults where no value column has their names, else (or when drawn) our own."""
    custom = {"variable_name": "__variable", "value_name": "__value"}
    if {"variable", "value"} & set(columns) or ctx.draw(st.booleans(), "custom unpivot names"):
        return custom
    return {}


def _unpivot_pivot(ctx: Context) -> None:
    """pivot(unpivot(df)) == df for a unique index: every cell goes out and comes back.

    unpivot runs on the lane; pivot is applied to the long frame the lane produced, and (1.36+)
    LazyFrame.pivot runs the whole round trip on the lane. Before 1.36 pivot has no
    `on_columns`, so an empty frame (no values to name columns after) comes back as its index.
    """
    (df,) = ctx.frames
    index = [n for n in df.columns if n.startswith(R.INDEX_PREFIX)]
    on = [n for n in df.columns if n not in index]
    names = _unpivot_names(ctx, on)
    var, val = names.get("variable_name", "variable"), names.get("value_name", "value")
    long_lf = df.lazy().unpivot(on, index=index, **names)
    long = ctx.collect(long_lf)
    on_columns = {"on_columns": on} if HAS_ON_COLUMNS else {}
    wide = long.pivot(on=var, index=index, values=val, **on_columns)
    expected = df if df.height or HAS_ON_COLUMNS else df.select(index)
    ctx.expect_equal(expected, wide, "DataFrame.pivot of the lane's unpivot != the input")
    if hasattr(pl.LazyFrame, "pivot"):
        lazy = long_lf.pivot(on=var, on_columns=on, index=index, values=val, maintain_order=True)
        ctx.expect_equal(df, ctx.collect(lazy), "LazyFrame unpivot then pivot != the input")


def _pivot_agg(ctx: Context) -> None:
    """pivot with each aggregate function this release offers == the same aggregate by group_by.

    The expected table is built on the lane from group_by("i", "k") and one left join per key;
    pivot (eager, discovery order of index and keys) must match it, or raise the same error
    (`item` raises for a combination with no rows or several).
    """
    (df,) = ctx.frames
    lf = df.lazy()
    keys = ctx.collect(lf.select(c("k").unique(maintain_order=True))).to_series()
    for agg in PIVOT_AGGS:
        expected = _wide(ctx, lf, _agg_expr(agg), keys)
        got = _attempt(lambda a=agg: df.pivot(on="k", index="i", values="v", aggregate_function=a))
        _expect_same(
            ctx, expected, got, f"pivot(aggregate_function={agg!r}) != group_by", _agg_rules(agg)
        )


def _pivot_lazy(ctx: Context) -> None:
    """LazyFrame.pivot on the lane == DataFrame.pivot, for drawn `on_columns` and aggregates.

    `on_columns` is a drawn subset of the keys in a drawn order (empty, partial or all; the null
    key included), so columns the data lacks and keys the data has but the caller left out are
    both exercised.
    """
    (df,) = ctx.frames
    agg = ctx.draw(st.sampled_from((None, *PIVOT_AGGS)), "aggregate_function")
    keys = df["k"].unique(maintain_order=True)
    order = ctx.draw(st.permutations(range(keys.len())), "on_columns order")
    size = ctx.draw(st.integers(0, keys.len()), "on_columns size")
    on_columns = keys.gather(order[:size])
    kwargs: dict[str, Any] = {"index": "i", "values": "v", "aggregate_function": agg}
    expected = _attempt(lambda: df.pivot(on="k", on_columns=on_columns, **kwargs))
    lazy = df.lazy().pivot(on="k", on_columns=on_columns, maintain_order=True, **kwargs)
    got = _attempt(lambda: ctx.collect(lazy))
    _expect_same(
        ctx, expected, got, f"LazyFrame.pivot(aggregate_function={agg!r}) != eager", _agg_rules(agg)
    )


def _pivot_null_on(ctx: Context) -> None:
    """A null in `on` is a key like any other: pivot gives it a column named "null".

    That column must hold, per index value, the aggregate of the rows whose key is null (found
    on the lane with `is_null`, not equality); with LazyFrame.pivot (1.36+) `on_columns=[None]`
    must give the same column.
    """
    (df,) = ctx.frames
    agg = ctx.draw(st.sampled_from([a for a in PIVOT_AGGS if a != "item"]), "aggregate_function")
    lf = df.lazy()
    null_key = pl.Series("k", [None], dtype=df["k"].dtype)
    expected = _wide(ctx, lf, _agg_expr(agg), null_key)
    got = _attempt(lambda: df.pivot(on="k", index="i", values="v", aggregate_function=agg))
    if isinstance(got, pl.DataFrame):
        if "null" not in got.columns:
            raise Violation(f"pivot dropped the null key's column: {got.columns}\n{got}")
        got = got.select("i", "null")
    _expect_same(
        ctx,
        expected,
        got,
        f"pivot(aggregate_function={agg!r}): the null key's column",
        _agg_rules(agg),
    )
    if hasattr(pl.LazyFrame, "pivot"):
        lazy = lf.pivot(
            on="k",
            on_columns=null_key,
            index="i",
            values="v",
            aggregate_function=agg,
            maintain_order=True,
        )
        lazy_got = _attempt(lambda: ctx.collect(lazy))
        _expect_same(
            ctx, expected, lazy_got, "LazyFrame.pivot(on_columns=[None]) != the null key's rows"
        )


def _unstack_pivot(ctx: Context) -> None:
    """unstack(step, how) == pivot on the (row, column) position each value moves to.

    vertical: value r goes to row r % step of column r // step; horizontal: row r // step,
    column r % step. The positions are computed on the lane; both eager reshapes are applied to
    the lane's frame. Short columns are padded with nulls by unstack and left null by pivot.
    """
    (df,) = ctx.frames
    columns = ctx.draw(st.sampled_from([["x"], ["y"], ["x", "y"]]), "columns")
    how = ctx.draw(st.sampled_from(UNSTACK_DIRECTIONS), "how")
    step = ctx.draw(st.integers(1, 4), "step")
    r = c("__r")
    row, col = (r % step, r // step) if how == "vertical" else (r // step, r % step)
    laned = ctx.collect(
        df.lazy()
        .select(columns)
        .with_row_index("__r")
        .with_columns(row.alias("__row"), col.alias("__col"))
    )
    n_cols = math.ceil(laned.height / step) if how == "vertical" else step
    n_rows = step if how == "vertical" else math.ceil(laned.height / step)
    unstacked = laned.select(columns).unstack(step=step, how=how)
    # every row unstack gives, those no value moves to included (vertical: fewer values than step)
    rows = pl.DataFrame({"__row": range(n_rows)}, schema={"__row": laned["__row"].dtype})
    wide = rows.join(
        laned.pivot(
            on="__col",
            on_columns=pl.Series(range(n_cols), dtype=laned["__col"].dtype),
            index="__row",
            values=columns,
            column_naming="combine",
        ),
        on="__row",
        how="left",
        maintain_order="left",
    ).drop("__row")
    digits = len(str(n_cols))
    names = [f"{name}_{str(j).zfill(digits)}" for name in columns for j in range(n_cols)]
    expected = wide.rename(dict(zip(wide.columns, names, strict=True)))
    ctx.expect_equal(expected, unstacked, f"unstack(step={step}, how={how!r}) != pivot")


def _unpivot_empty_on(ctx: Context) -> None:
    """unpivot with `on=[]` or a selector matching nothing selects no columns.

    No rows: the index, `variable` (String) and `value` (Null); the lane agrees with the eager
    call. Releases before 1.36 unpivoted every non-index column instead: a bug
    (pola-rs/polars#25474, fixed by pola-rs/polars#25597), reported.
    """
    (df,) = ctx.frames
    index = [n for n in df.columns if n.startswith(R.INDEX_PREFIX)]
    empty = ctx.draw(st.sampled_from(["list", "selector"]), "empty on")
    on: object = [] if empty == "list" else cs.starts_with("__no_such_")
    names = _unpivot_names(ctx, [n for n in df.columns if n not in index])
    got = ctx.collect(df.lazy().unpivot(on, index=index, **names))
    eager = df.unpivot(on, index=index, **names)
    ctx.expect_equal(eager, got, f"lazy unpivot(on={empty} matching nothing) != eager", UNORDERED)
    var, val = names.get("variable_name", "variable"), names.get("value_name", "value")
    expected = pl.DataFrame(schema={**df.select(index).schema, var: pl.String, val: pl.Null})
    ctx.expect_equal(expected, got, f"unpivot(on={empty} matching nothing)", UNORDERED)


# --- explode / implode, struct / unnest --------------------------------------------------------

_EXPLODE_FLAGS = ("empty_as_null", "keep_nulls")


def _explode_implode(ctx: Context) -> None:
    """Explode `l`, implode it back per source row: every list returns, except as documented.

    `[]` explodes to no row (empty_as_null=False: the row is gone) or one null (True: it returns
    as [null]); a null list to one null (keep_nulls=True: returns as [null]) or no row (False:
    gone). Each flag is passed, or omitted to get this release's default.
    """
    (df,) = ctx.frames
    kwargs = {
        flag: value
        for flag in _EXPLODE_FLAGS
        if (value := ctx.draw(st.sampled_from([None, True, False]), flag)) is not None
    }
    default = _params(pl.LazyFrame.explode)["empty_as_null"].default
    empty_as_null = kwargs.get(
        "empty_as_null", default if isinstance(default, bool) else _EXPLODE_EMPTY_DEFAULT_1X
    )
    keep_nulls = kwargs.get("keep_nulls", True)
    lf = df.lazy().with_row_index("__row")
    with warnings.catch_warnings():  # 1.x warns when empty_as_null is omitted: documented
        warnings.simplefilter("ignore", DeprecationWarning)
        exploded = lf.explode("l", **kwargs)
    got = ctx.collect(
        exploded.group_by("__row", maintain_order=True)
        .agg(c("l").implode(maintain_order=True), c("x").first())
        .drop("__row")
    )
    empty, null = c("l").list.len() == 0, c("l").is_null()
    kept = df.filter(
        ~empty.fill_null(False) | empty_as_null, null.not_() | keep_nulls
    ).with_columns(
        pl.when(empty.fill_null(True))
        .then(pl.lit([None], dtype=df.schema["l"]))
        .otherwise(c("l"))
        .alias("l")
    )
    ctx.expect_equal(kept, got, f"explode({kwargs}) then implode per row")


def _struct_unnest(ctx: Context) -> None:
    """select(struct(all)).unnest() is the identity, for any columns and for empty frames."""
    (df,) = ctx.frames
    got = ctx.collect(df.lazy().select(pl.struct(pl.all()).alias("__s")).unnest("__s"))
    ctx.expect_equal(df, got, "struct of every column, then unnest")


def _unnest_struct(ctx: Context) -> None:
    """unnest then struct gives the struct back, a null struct as a struct of nulls.

    unnest has no place for a struct's own validity, so a null struct comes back as fields of
    nulls. A zero-field struct `z` unnests to no columns, and the frame keeps its height.
    """
    (df,) = ctx.frames
    fields = [f.name for f in df.schema["s"].fields]  # type: ignore[union-attr]
    unnest = ["s", "z"] if "z" in df.columns else ["s"]
    got = ctx.collect(df.lazy().unnest(unnest).select("i", pl.struct(fields).alias("s")))
    nulls = pl.struct([pl.lit(None, dtype=f.dtype).alias(f.name) for f in df.schema["s"].fields])  # type: ignore[union-attr]
    expected = df.select("i", pl.when(c("s").is_null()).then(nulls).otherwise(c("s")).alias("s"))
    ctx.expect_equal(expected, got, "unnest then struct")
    if "z" in df.columns:
        alone = ctx.collect(df.lazy().select("z").unnest("z"))
        if alone.shape != (df.height, 0):
            raise Violation(
                f"unnest of a lone zero-field struct of height {df.height}: shape {alone.shape}"
            )


# --- partition_by / concat, transpose ----------------------------------------------------------


def _partition_concat(ctx: Context) -> None:
    """concat(partition_by(by)) is the input regrouped: each key's rows, in their order.

    partition_by is applied to the lane's frame. Every part holds one key, no key is in two
    parts, and their concatenation is the input as a multiset; with maintain_order=True it is
    the input stably sorted by each key's first row, which the lane computes lazily.
    include_key=False drops exactly the key columns.
    """
    (df,) = ctx.frames
    by = ctx.draw(st.sampled_from([["k"], ["k", "k2"]]), "by")
    maintain_order = ctx.draw(st.booleans(), "maintain_order")
    lf = df.lazy().with_row_index("__i")
    laned = ctx.collect(lf)
    parts = laned.partition_by(by, maintain_order=maintain_order)
    n_keys = ctx.collect(lf.select(pl.struct(by).n_unique())).item()
    if len(parts) != n_keys:
        raise Violation(f"partition_by({by}) gave {len(parts)} parts for {n_keys} distinct keys")
    seen: set[str] = set()
    for part in parts:
        keys = part.select(by).unique()
        if part.height == 0 or keys.height != 1 or repr(keys.row(0)) in seen:
            raise Violation(f"partition_by({by}): a part is empty or mixes or repeats keys\n{part}")
        seen.add(repr(keys.row(0)))
    stacked = pl.concat(parts) if parts else laned.clear()
    ctx.expect_equal(laned, stacked, f"concat(partition_by({by})) != input", UNORDERED)
    if maintain_order:
        first = c("__i").min().over(by)
        regrouped = ctx.collect(lf.sort(first, "__i"))
        ctx.expect_equal(regrouped, stacked, f"partition_by({by}, maintain_order=True) order")
    # Without maintain_order the parts of two calls may come in different orders.
    bare = laned.partition_by(by, maintain_order=maintain_order, include_key=False)
    ctx.expect_equal(
        pl.concat([p.drop(by) for p in parts]) if parts else laned.drop(by).clear(),
        pl.concat(bare) if bare else laned.drop(by).clear(),
        "partition_by(include_key=False) != the parts without their keys",
        ORDERED if maintain_order else UNORDERED,
    )


def _transpose_twice(ctx: Context) -> None:
    """transpose, then transpose back by the header, gives the lane's frame (one dtype).

    With LazyFrame.pivot (1.36+) the first transpose is also built lazily on the lane, as an
    unpivot by row number pivoted on that row number.
    """
    (df,) = ctx.frames
    lf = df.lazy()
    laned = ctx.collect(lf)
    once = laned.transpose(include_header=True, header_name="column")
    ctx.expect_equal(laned, once.transpose(column_names="column"), "transpose twice")
    if hasattr(pl.LazyFrame, "pivot"):
        rows = laned.with_row_index("__row")["__row"]
        lazy = (
            lf.with_row_index("__row")
            .unpivot(index="__row", variable_name="column", value_name="__value")
            .pivot(
                on="__row",
                on_columns=rows,
                index="column",
                values="__value",
                maintain_order=True,
            )
        )
        got = ctx.collect(lazy)
        got = got.rename({str(i): f"column_{i}" for i in range(df.height)})
        ctx.expect_equal(once, got, "transpose != unpivot by row number, pivoted on it")


def _concat_vertical(ctx: Context) -> None:
    """Vertical concat on the lane: heights add up and each part is its slice, in order."""
    got = ctx.collect(pl.concat([f.lazy() for f in ctx.frames]))
    offset = 0
    for i, part in enumerate(ctx.frames):
        ctx.expect_equal(part, got.slice(offset, part.height), f"part {i} of a vertical concat")
        offset += part.height
    if got.height != offset:
        raise Violation(
            f"vertical concat of heights {[f.height for f in ctx.frames]}: {got.height}"
        )


def _concat_horizontal(ctx: Context) -> None:
    """Horizontal concat on the lane: widths add up, the height is the tallest part's, and each
    part is its columns' head, padded with nulls below.

    `horizontal_extend` (1.42.1+) always pads; `horizontal` pads on 1.x (deprecated in 1.42.1)
    and from 2.0 raises a ShapeError for parts of different heights.
    """
    how = ctx.draw(st.sampled_from(HORIZONTAL_METHODS), "how")
    with warnings.catch_warnings():  # 1.42.1+ warns that `horizontal` will stop padding
        warnings.simplefilter("ignore", DeprecationWarning)
        query = pl.concat([f.lazy() for f in ctx.frames], how=how)  # type: ignore[arg-type]
    got = _attempt(lambda: ctx.collect(query))
    shapes = [f.shape for f in ctx.frames]
    if (
        how == "horizontal"
        and HORIZONTAL_NEEDS_EQUAL_HEIGHTS
        and len(set(h for h, _ in shapes)) > 1
    ):
        if not (isinstance(got, ErrorInfo) and got.type_name == "ShapeError"):
            raise Violation(f"concat(how='horizontal') of shapes {shapes}: expected a ShapeError")
        return
    if isinstance(got, ErrorInfo):
        raise Violation(f"concat(how={how!r}) of shapes {shapes} raised {got}")
    height = max(h for h, _ in shapes)
    if got.shape != (height, sum(w for _, w in shapes)):
        raise Violation(f"concat(how={how!r}) of shapes {shapes}: {got.shape}")
    for i, part in enumerate(ctx.frames):
        mine = got.select(part.columns)
        ctx.expect_equal(part, mine.head(part.height), f"part {i} of a horizontal concat")
        pad = part.clear(height - part.height)
        ctx.expect_equal(pad, mine.slice(part.height), f"null padding below part {i}")


def _concat_diagonal(ctx: Context) -> None:
    """Diagonal concat on the lane: the union of columns in first-seen order; each part is its
    slice, with nulls in the columns it lacks."""
    got = ctx.collect(pl.concat([f.lazy() for f in ctx.frames], how="diagonal"))
    columns = list(dict.fromkeys(n for f in ctx.frames for n in f.columns))
    if got.columns != columns or got.height != sum(f.height for f in ctx.frames):
        raise Violation(f"diagonal concat of {[f.schema for f in ctx.frames]}: {got.schema}")
    offset = 0
    for i, part in enumerate(ctx.frames):
        mine = got.slice(offset, part.height)
        ctx.expect_equal(part, mine.select(part.columns), f"part {i} of a diagonal concat")
        others = mine.drop(part.columns)
        if (
            others.width
            and others.null_count().sum_horizontal().item() != others.width * part.height
        ):
            raise Violation(f"diagonal concat: part {i} has values in columns it lacks\n{mine}")
        offset += part.height


def _is_decimal(dtype: pl.DataType) -> bool:
    return isinstance(dtype, pl.Decimal)


def _is_categorical_array(dtype: pl.DataType) -> bool:
    """An Array holding a Categorical or Enum at any depth."""
    categorical = (pl.Categorical, pl.Enum)
    return isinstance(dtype, pl.Array) and dtype_contains(
        dtype.inner,  # type: ignore[arg-type]
        lambda d: isinstance(d, categorical) or d in categorical,
    )


def _transposable(dtype: pl.DataType) -> bool:
    """Dtypes transpose is not known to break (those that are have their own properties)."""
    return not dtype_contains(dtype, _is_decimal) and not dtype_contains(
        dtype, _is_categorical_array
    )


PROPERTIES = (
    Property("reshape.unpivot_pivot", "reshape", R.wide_frames(), _unpivot_pivot),
    Property("reshape.pivot_agg", "reshape", R.long_frames(), _pivot_agg),
    Property(
        "reshape.pivot_lazy",
        "reshape",
        R.long_frames(),
        _pivot_lazy,
        requires=(has_attr(pl.LazyFrame, "pivot"),),
    ),
    Property("reshape.pivot_null_on", "reshape", R.long_frames(null_key=True), _pivot_null_on),
    Property(
        "reshape.unstack_pivot",
        "reshape",
        R.unstack_frames(),
        _unstack_pivot,
        requires=(has_param(pl.DataFrame.pivot, "on_columns"),),
    ),
    Property("reshape.unpivot_empty_on", "reshape", R.wide_frames(), _unpivot_empty_on),
    Property(
        "reshape.explode_implode",
        "reshape",
        R.list_frames(),
        _explode_implode,
        requires=(
            has_param(pl.LazyFrame.explode, "keep_nulls"),
            has_param(pl.Expr.implode, "maintain_order"),
        ),
    ),
    Property("reshape.struct_unnest", "reshape", R.any_frames(), _struct_unnest),
    Property("reshape.unnest_struct", "reshape", R.struct_frames(), _unnest_struct),
    Property("reshape.partition_concat", "reshape", R.partition_frames(), _partition_concat),
    Property(
        "reshape.transpose_twice",
        "reshape",
        R.same_dtype_frames(D.any_dtype.filter(_transposable)),
        _transpose_twice,
    ),
    # The dtypes transpose breaks on 1.44 and 2.1 (known_issues/registry.toml), each alone so
    # their known outcome does not hide a new failure of the others.
    Property(
        "reshape.transpose_twice_decimal",
        "reshape",
        R.same_dtype_frames(D.decimals),
        _transpose_twice,
    ),
    Property(
        "reshape.transpose_twice_categorical_array",
        "reshape",
        R.same_dtype_frames(st.builds(pl.Array, D.categoricals, st.integers(1, 3))),
        _transpose_twice,
    ),
    Property("reshape.concat_vertical", "reshape", R.vertical_parts(), _concat_vertical),
    Property("reshape.concat_horizontal", "reshape", R.horizontal_parts(), _concat_horizontal),
    Property("reshape.concat_diagonal", "reshape", R.diagonal_parts(), _concat_diagonal),
)

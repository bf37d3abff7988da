"""Sorted flags must be truthful: after sorts, set_sorted and queries on sorted data, every column a
result flags sorted is sorted that way (`conformance.judge.flags`)."""

from __future__ import annotations

import polars as pl

from conformance.judge.flags import untruthful_flags
from conformance.judge.harness import ErrorInfo
from conformance.properties.property import Context, Violation
from conformance.properties.sortedness.common import (
    Query,
    Sorted,
    attempt,
    draw_sorted,
    is_numeric,
    label,
    sortedness,
)
from reports.outcomes import Outcome
from strategies import dtypes as D
from strategies.frames import Col
from strategies.sorted import Key

c = pl.col

FLAGGED = {"s": Key(), "t": Key(), "v": Col(D.integers)}


def _flag_queries(inputs: Sorted, dtype: pl.DataType) -> list[Query]:
    """Queries that keep, flip, derive or must drop the sorted flag of `s`, for `dtype`."""
    d = inputs.order.descending[0]
    queries: list[Query] = [
        lambda lf: lf,
        lambda lf: lf.reverse(),
        lambda lf: lf.head(3),
        lambda lf: lf.tail(3),
        lambda lf: lf.slice(-3, 2),
        lambda lf: lf.filter(c("v") > 0),
        lambda lf: lf.gather_every(2, offset=1),
        lambda lf: lf.drop_nulls(),
        lambda lf: lf.unique(subset="s", maintain_order=True),
        lambda lf: lf.with_row_index(),
        lambda lf: pl.concat([lf, lf]),
        lambda lf: pl.concat([lf.tail(2), lf.head(2)]),
        lambda lf: lf.group_by("s", maintain_order=True).agg(c("v").sum()),
        lambda lf: lf.group_by("s").agg(c("v").sum()),
        lambda lf: lf.join(lf.select("s").unique(maintain_order=True), on="s", how="left"),
        lambda lf: lf.sort("s", descending=not d),
        lambda lf: lf.sort("v"),
        lambda lf: lf.top_k(3, by="s"),
        lambda lf: lf.select(
            c("s").shift(1).alias("shift"),
            c("s").shift(-1).alias("back"),
            c("s").reverse().alias("reversed"),
        ),
        lambda lf: lf.select(
            c("s").fill_null(strategy="forward").alias("ffill"),
            c("s").fill_null(strategy="backward").alias("bfill"),
            c("s").fill_null(c("s").max()).alias("max"),
            c("s").fill_null(c("s").min()).alias("min"),
        ),
        lambda lf: lf.select(c("s").drop_nulls()),
        lambda lf: lf.select(c("s").unique()),
        lambda lf: lf.select(c("s").unique(maintain_order=True)),
        lambda lf: lf.select(c("s").append(c("s"))),
        lambda lf: lf.select(c("s").filter(c("v") > 0)),
        lambda lf: lf.select(c("s").gather_every(2)),
        lambda lf: lf.select(c("s").sort(descending=True, nulls_last=True)),
        lambda lf: lf.select(
            c("s").rank().alias("rank"),
            c("s").rle_id().alias("rle"),
            c("s").cum_count().alias("count"),
            c("s").arg_sort().alias("arg"),
        ),
        lambda lf: lf.select(
            c("s").to_physical().alias("physical"),
            c("s").is_null().alias("null"),
            c("s").cast(pl.String).alias("string"),
        ),
        lambda lf: lf.select(c("s").top_k(3).alias("top"), c("s").bottom_k(3).alias("bottom")),
        lambda lf: lf.select(c("s").mode()),
    ]
    if not inputs.order.descending[0] and not inputs.order.nulls_last[0]:
        queries.append(lambda lf: lf.merge_sorted(lf, key="s"))
    if is_numeric(dtype):
        queries += [
            lambda lf: lf.select(
                (c("s") + 1).alias("plus"),
                (c("s") - 1).alias("minus"),
                (c("s") * 2).alias("times"),
                (c("s") * -1).alias("negated"),
                (-c("s")).alias("neg"),
                c("s").abs().alias("abs"),
            ),
            lambda lf: lf.select(
                c("s").cum_max().alias("cmax"),
                c("s").cum_min().alias("cmin"),
                c("s").cum_sum().alias("csum"),
                c("s").diff().alias("diff"),
                c("s").clip(0, 10).alias("clip"),
            ),
            lambda lf: lf.select(
                c("s").cast(pl.Int8, strict=False).alias("i8"),
                c("s").cast(pl.UInt8, strict=False).alias("u8"),
                c("s").cast(pl.Float32).alias("f32"),
                c("s").cast(pl.Int64, strict=False).alias("i64"),
            ),
            lambda lf: lf.select(c("s").interpolate()),
        ]
    if dtype.is_float():
        queries.append(
            lambda lf: lf.select(
                c("s").fill_nan(0).alias("nan0"),
                c("s").fill_nan(None).alias("nan_null"),
                c("s").round(0).alias("round"),
                c("s").floor().alias("floor"),
                c("s").ceil().alias("ceil"),
            )
        )
    if isinstance(dtype, pl.Duration):
        queries.append(lambda lf: lf.select(c("s").dt.total_seconds()))
    if dtype == pl.Date or isinstance(dtype, pl.Datetime):
        queries += [
            lambda lf: lf.select(
                c("s").dt.year().alias("year"),
                c("s").dt.month().alias("month"),
                c("s").dt.epoch("s").alias("epoch"),
            ),
            lambda lf: lf.select(
                c("s").dt.truncate("1mo").alias("truncated"),
                c("s").dt.offset_by("1mo").alias("offset"),
                c("s").dt.date().alias("date"),
                c("s").dt.month_start().alias("month_start"),
            ),
        ]
    if isinstance(dtype, pl.Datetime):
        queries.append(
            lambda lf: lf.select(
                c("s").dt.cast_time_unit("ms").alias("ms"),
                c("s").dt.convert_time_zone("Asia/Kathmandu").alias("converted"),
                c("s").dt.replace_time_zone(None).alias("naive"),
                c("s")
                .dt.replace_time_zone("America/New_York", ambiguous="earliest", non_existent="null")
                .alias("replaced"),
            )
        )
    if dtype == pl.String:
        queries.append(
            lambda lf: lf.select(
                c("s").str.slice(0, 1).alias("prefix"),
                c("s").str.to_uppercase().alias("upper"),
                c("s").str.len_bytes().alias("len"),
                (c("s") + "x").alias("suffixed"),
                ("x" + c("s")).alias("prefixed"),
            )
        )
    return queries


def _flags_truthful(ctx: Context) -> None:
    """After sorts, set_sorted and queries on sorted data, every sorted flag of the result is true.

    Only lanes that hand back Polars' own frames can carry flags: frames from the small-morsel
    child process come back through IPC, which carries no flags, so there this checks nothing.
    """
    inputs = draw_sorted(ctx, [("s",), ("s", "t")])
    (df,) = inputs.frames
    ran = False
    for name, lfs in {
        **inputs.variants(),
        "sorted from unsorted": (inputs.order.sort(ctx.frames[0].lazy()),),
    }.items():
        for query in _flag_queries(inputs, df["s"].dtype):
            got = attempt(ctx, query(lfs[0]))
            if isinstance(got, ErrorInfo):
                continue  # a query that does not apply to this dtype returns no flags to check
            ran = True
            if lies := untruthful_flags(got):
                raise Violation(
                    f"{label(query)}\non the {name} input returns untruthful sorted flags:\n"
                    + "\n".join(lies)
                    + f"\n--- result ---\n{got}\n{inputs}",
                    Outcome.UNTRUTHFUL_FLAG,
                )
    if not ran:
        ctx.not_applicable("every query raised on this input", Outcome.CONSISTENT_ERROR)


PROPERTIES = (sortedness("flags_truthful", [FLAGGED], _flags_truthful),)

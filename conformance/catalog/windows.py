"""Order-dependent expressions and window functions."""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import KEYED
from conformance.catalog.operation import Operation, has_param, literal_choices
from conformance.catalog.tolerances import PRODUCT, RECURRENCE, WINDOW_STATISTICS
from conformance.judge.compare import UNORDERED, Rules
from conformance.judge.duck import Sql
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

NUMBERS = {"v": Col(D.numeric)}
# time-indexed inputs arrive sorted by `t` (and so sorted within every key as well)
TIMED = {"t": Col(D.dates | D.datetimes, sorted=True, allow_null=False), "v": Col(D.numeric)}
TIMED_KEYED = {**TIMED, "k": Col(D.keys, key=True)}
STATISTICS = Rules(tolerance=WINDOW_STATISTICS)
# cum_prod of floats; the other cumulative results (sums of the generated floats) are exact
CUMULATIVE = Rules(tolerance=PRODUCT)
# `random` ranks ties at random: no two runs agree, so there is nothing to compare
RANK_METHODS = tuple(m for m in literal_choices(pl.Expr.rank, "method") if m != "random")


def _over_mapping(strategy: str) -> Operation:
    """Group-length window expressions under one mapping strategy.

    `explode` lays the groups out one after another in an order Polars leaves undefined, so its
    rows are compared as a set; they stay comparable because the window columns share the groups.
    """
    return Operation(
        f"over_mapping_{strategy}",
        lambda lf: lf.select(
            k=c("k").over("k", mapping_strategy=strategy),
            sorted=c("v").sort(nulls_last=True).over("k", mapping_strategy=strategy),
            cum_sum=c("v").cum_sum().over("k", mapping_strategy=strategy),
            reversed=c("x").reverse().over("k", mapping_strategy=strategy),
        ),
        (KEYED,),
        Rules(ordered=strategy != "explode"),
        quadratic=strategy == "join",  # each row holds its group's values
    )


def _rank(method: str) -> Operation:
    return Operation(
        f"rank_{method}",
        lambda lf: lf.with_columns(
            asc=c("v").rank(method=method),
            desc=c("v").rank(method=method, descending=True),
            in_group=c("v").rank(method=method).over("k"),
        ),
        (KEYED,),
    )


OPERATIONS = (
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
        # a running sum over the rows in their order, null where `v` is (Polars' cum_sum)
        sql=Sql(
            "SELECT k, v, x, COALESCE(SUM(v) OVER w, 0) AS group_sum, MAX(v) OVER w AS group_max, "
            "CASE WHEN v IS NOT NULL THEN SUM(v) OVER (w ORDER BY i ROWS UNBOUNDED PRECEDING) "
            "END AS group_cum_sum, COUNT(*) OVER w AS group_len "
            "FROM (SELECT k, v, x, ROW_NUMBER() OVER () AS i FROM self) "
            "WINDOW w AS (PARTITION BY k) ORDER BY i"
        ),
    ),
    *(_over_mapping(strategy) for strategy in literal_choices(pl.Expr.over, "mapping_strategy")),
    Operation(
        # the order_by sort is not stable, so rows tied on `o` (or `v`) have no defined order:
        # the row index `i` breaks the ties
        "over_order_by",
        lambda lf: lf.with_row_index("i").with_columns(
            cum_sum=c("v").cum_sum().over("k", order_by=["o", "i"]),
            lag=c("x").shift(1).over("k", order_by=["o", "i"], descending=True, nulls_last=True),
            first=c("x").first().over("k", order_by=["v", "o", "i"]),
        ),
        ({**KEYED, "o": Col(D.integers)},),
        requires=(has_param(pl.Expr.over, "order_by"),),
    ),
    Operation(
        "rolling_fixed_windows",
        lambda lf: lf.with_columns(
            sum=c("v").rolling_sum(3),
            sum_partial=c("v").rolling_sum(3, min_samples=1),
            min=c("v").rolling_min(2, min_samples=1),
            max=c("v").rolling_max(4, min_samples=2),
            mean=c("v").rolling_mean(3, min_samples=1, center=True),
            std=c("v").rolling_std(3, min_samples=2),
        ),
        (NUMBERS,),
        STATISTICS,
        requires=(has_param(pl.Expr.rolling_sum, "min_samples"),),
    ),
    Operation(
        "rolling_by_time",
        lambda lf: lf.with_columns(
            sum=c("v").rolling_sum_by("t", "3d"),
            min=c("v").rolling_min_by("t", "2d", closed="both"),
            max=c("v").rolling_max_by("t", "1mo", closed="left"),
            mean=c("v").rolling_mean_by("t", "5d", min_samples=2),
            std=c("v").rolling_std_by("t", "1y"),
        ),
        (TIMED,),
        STATISTICS,
    ),
    Operation(
        "ewm_mean_std",
        lambda lf: lf.with_columns(
            mean=c("v").ewm_mean(alpha=0.5),
            mean_unadjusted=c("v").ewm_mean(com=2.0, adjust=False),
            mean_ignore_nulls=c("v").ewm_mean(span=3.0, ignore_nulls=True, min_samples=2),
            std=c("v").ewm_std(alpha=0.3),
            std_biased=c("v").ewm_std(half_life=2.0, bias=True),
        ),
        (NUMBERS,),
        Rules(tolerance=RECURRENCE),
    ),
    Operation(
        "cum_aggregations",
        lambda lf: lf.with_columns(
            sum=c("v").cum_sum(),
            prod=c("v").cum_prod(),
            min=c("v").cum_min(),
            max=c("v").cum_max(),
            count=c("v").cum_count(),
            sum_rev=c("v").cum_sum(reverse=True),
            prod_rev=c("v").cum_prod(reverse=True),
            min_rev=c("v").cum_min(reverse=True),
            max_rev=c("v").cum_max(reverse=True),
            count_rev=c("v").cum_count(reverse=True),
        ),
        (NUMBERS,),
        CUMULATIVE,
    ),
    Operation(
        "cum_aggregations_over",
        lambda lf: lf.with_columns(
            prod=c("v").cum_prod().over("k"),
            min=c("v").cum_min().over("k"),
            count_rev=c("v").cum_count(reverse=True).over("k"),
            max_rev=c("v").cum_max(reverse=True).over("k"),
        ),
        (KEYED,),
        CUMULATIVE,
    ),
    *(_rank(method) for method in RANK_METHODS),
    Operation(
        "shift_fill_value",
        lambda lf: lf.with_columns(
            lag=c("v").shift(2, fill_value=0),
            lead=c("v").shift(-1, fill_value=c("v").min()),
            by_expr=c("x").shift(pl.lit(1)),
            none=c("x").shift(0),
            past_end=c("x").shift(20),
        ),
        (KEYED,),
    ),
    Operation(
        "diff_n",
        lambda lf: lf.with_columns(
            d2=c("v").diff(2), back=c("v").diff(-1), d0=c("v").diff(0), past_end=c("v").diff(20)
        ),
        (NUMBERS,),
    ),
    Operation(
        "diff_drop_nulls",
        lambda lf: lf.select(c("v").diff(2, null_behavior="drop")),
        (NUMBERS,),
    ),
    Operation(
        "group_by_dynamic",
        lambda lf: lf.group_by_dynamic(
            "t", every="1y", period="2y", closed="both", label="right"
        ).agg(n=pl.len(), sum=c("v").sum(), first=c("v").first(), last=c("v").last()),
        (TIMED,),
    ),
    Operation(
        "group_by_dynamic_keyed",
        lambda lf: lf.group_by_dynamic(
            "t",
            every="10y",
            offset="3mo",
            group_by="k",
            include_boundaries=True,
            start_by="datapoint",
        ).agg(n=pl.len(), max=c("v").max()),
        (TIMED_KEYED,),
        UNORDERED,
    ),
    Operation(
        "rolling_group_by",
        lambda lf: lf.rolling("t", period="1y").agg(
            n=pl.len(), sum=c("v").sum(), max=c("v").max(), last=c("v").last()
        ),
        (TIMED,),
    ),
    Operation(
        "rolling_group_by_keyed",
        lambda lf: lf.rolling("t", period="3y", offset="-1y", closed="left", group_by="k").agg(
            n=pl.len(), min=c("v").min()
        ),
        (TIMED_KEYED,),
        UNORDERED,
    ),
)

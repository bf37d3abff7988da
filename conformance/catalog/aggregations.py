"""Aggregations, per group (`group_by().agg`) and over the whole frame (`select`).

Statistics computed with rounding arithmetic (mean, std, var, linearly interpolated quantiles,
float products) may differ in the last bits between engines that combine partial results in
another order, so their entries declare a tolerance (`conformance.catalog.tolerances`); selections
(min, median, quantiles that pick a value) and sums of the generated floats stay exact.
"""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import KEYED
from conformance.catalog.operation import Operation, has_attr, has_param, literal_choices
from conformance.catalog.tolerances import MEAN_AND_PRODUCT, PRODUCT, QUANTILE_LINEAR, STD_VAR
from conformance.judge.compare import UNORDERED, Rules
from conformance.judge.duck import Sql
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

STATISTICS = Rules(tolerance=STD_VAR)
GROUP_STATISTICS = Rules(ordered=False, tolerance=STD_VAR)
NUMBERS = {"v": Col(D.numeric)}
KEYED_BOOLEANS = {"k": Col(D.keys, key=True), "p": Col(D.booleans)}
QUANTILE_METHODS = literal_choices(pl.Expr.quantile, "interpolation")
# any/all of p in SQL: Polars' any of no (non-null) values is false and all is true; the Kleene
# forms are null where the non-null values do not decide
_ANY_ALL = (
    'COALESCE(BOOL_OR(p), false) AS "any", '
    "CASE WHEN BOOL_OR(p) THEN true WHEN COUNT(p) < COUNT(*) THEN NULL ELSE false END "
    'AS any_kleene, COALESCE(BOOL_AND(p), true) AS "all", '
    "CASE WHEN NOT BOOL_AND(p) THEN false WHEN COUNT(p) < COUNT(*) THEN NULL ELSE true END "
    "AS all_kleene"
)


def _group_by_quantile(method: str) -> Operation:
    """One entry per interpolation method, so the matrix shows which method a lane gets wrong."""
    return Operation(
        f"group_by_quantile_{method}",
        lambda lf: lf.group_by("k").agg(
            q0=c("v").quantile(0.0, interpolation=method),
            q25=c("v").quantile(0.25, interpolation=method),
            q50=c("v").quantile(0.5, interpolation=method),
            q90=c("v").quantile(0.9, interpolation=method),
            q100=c("v").quantile(1.0, interpolation=method),
        ),
        (KEYED,),
        # the other methods pick one of the values: exact
        Rules(ordered=False, tolerance=QUANTILE_LINEAR if method == "linear" else None),
    )


def _select_quantiles() -> Operation:
    methods = QUANTILE_METHODS
    return Operation(
        "select_quantile_methods",
        lambda lf: lf.select(**{m: c("v").quantile(0.3, interpolation=m) for m in methods}),
        (NUMBERS,),
        Rules(tolerance=QUANTILE_LINEAR),  # `linear` among the methods
    )


OPERATIONS = (
    Operation(
        "group_by_median_std_var",
        lambda lf: lf.group_by("k").agg(
            median=c("v").median(),
            std0=c("v").std(ddof=0),
            std1=c("v").std(ddof=1),
            var0=c("v").var(ddof=0),
            var1=c("v").var(ddof=1),
        ),
        (KEYED,),
        GROUP_STATISTICS,
        sql=Sql(
            "SELECT k, MEDIAN(v) AS median, STDDEV_POP(v) AS std0, STDDEV_SAMP(v) AS std1, "
            "VAR_POP(v) AS var0, VAR_SAMP(v) AS var1 FROM self GROUP BY k"
        ),
    ),
    Operation(
        "select_median_std_var",
        lambda lf: lf.select(
            median=c("v").median(),
            std0=c("v").std(ddof=0),
            std1=c("v").std(ddof=1),
            var0=c("v").var(ddof=0),
            var1=c("v").var(ddof=1),
        ),
        (NUMBERS,),
        STATISTICS,
    ),
    *(_group_by_quantile(method) for method in QUANTILE_METHODS),
    _select_quantiles(),
    Operation(
        # the modes of a group come in no defined order: sorted, the list is comparable
        "group_by_mode",
        lambda lf: lf.group_by("k").agg(mode=c("v").mode().sort(nulls_last=True)),
        (KEYED,),
        UNORDERED,
    ),
    Operation(
        "select_mode",
        lambda lf: lf.select(c("v").mode().sort(nulls_last=True)),
        (NUMBERS,),
    ),
    Operation(
        "group_by_counts",
        lambda lf: lf.group_by("k").agg(
            n_unique=c("x").n_unique(),
            null_count=c("x").null_count(),
            count=c("x").count(),
            len=c("x").len(),
            pl_len=pl.len(),
        ),
        (KEYED,),
        UNORDERED,
        sql=Sql(
            "SELECT k, COUNT(DISTINCT x) + MAX(CASE WHEN x IS NULL THEN 1 ELSE 0 END) AS n_unique, "
            "COUNT(*) - COUNT(x) AS null_count, COUNT(x) AS count, COUNT(*) AS len, "
            "COUNT(*) AS pl_len FROM self GROUP BY k"
        ),
    ),
    Operation(
        # count() skips nulls, len() does not
        "select_count_vs_len",
        lambda lf: lf.select(
            n_unique=c("x").n_unique(),
            null_count=c("x").null_count(),
            count=c("x").count(),
            len=c("x").len(),
            pl_len=pl.len(),
        ),
        ({"x": Col()},),
        sql=Sql(
            "SELECT COUNT(DISTINCT x) + COALESCE(MAX(CASE WHEN x IS NULL THEN 1 ELSE 0 END), 0) "
            "AS n_unique, COUNT(*) - COUNT(x) AS null_count, COUNT(x) AS count, COUNT(*) AS len, "
            "COUNT(*) AS pl_len FROM self"
        ),
    ),
    Operation(
        "group_by_any_all",
        lambda lf: lf.group_by("k").agg(
            any=c("p").any(),
            any_kleene=c("p").any(ignore_nulls=False),
            all=c("p").all(),
            all_kleene=c("p").all(ignore_nulls=False),
        ),
        (KEYED_BOOLEANS,),
        UNORDERED,
        sql=Sql(f"SELECT k, {_ANY_ALL} FROM self GROUP BY k"),
    ),
    Operation(
        "select_any_all",
        lambda lf: lf.select(
            any=c("p").any(),
            any_kleene=c("p").any(ignore_nulls=False),
            all=c("p").all(),
            all_kleene=c("p").all(ignore_nulls=False),
        ),
        ({"p": Col(D.booleans)},),
        sql=Sql(f"SELECT {_ANY_ALL} FROM self"),
    ),
    Operation(
        # which of several rows tied at the extreme min_by takes is undefined (its docstring): x is
        # taken by the values' ordinal rank, which breaks ties by row order (ranked before the
        # group_by, which the streaming engine runs natively); v by v is the same value whichever
        # tie is taken
        "group_by_min_by_max_by",
        lambda lf: (
            lf.with_columns(r=c("v").rank("ordinal"))
            .group_by("k")
            .agg(
                min_by=c("x").min_by("r"),
                max_by=c("x").max_by("r"),
                v_min_by=c("v").min_by("v"),
                v_max_by=c("v").max_by("v"),
            )
        ),
        (KEYED,),
        UNORDERED,
        requires=(has_attr(pl.Expr, "min_by"),),
    ),
    Operation(
        "select_min_by_max_by",
        # ties broken by row order, as in group_by_min_by_max_by
        lambda lf: lf.with_columns(r=c("v").rank("ordinal")).select(
            min_by=c("x").min_by("r"),
            max_by=c("x").max_by("r"),
            v_min_by=c("v").min_by("v"),
            v_max_by=c("v").max_by("v"),
        ),
        (KEYED,),
        requires=(has_attr(pl.Expr, "min_by"),),
    ),
    Operation(
        "group_by_implode",
        lambda lf: lf.group_by("k").agg(
            implode=c("x").implode(), sorted=c("v").sort(nulls_last=True).implode()
        ),
        (KEYED,),
        UNORDERED,
    ),
    Operation(
        "group_by_first_last_ignore_nulls",
        lambda lf: lf.group_by("k").agg(
            first=c("x").first(ignore_nulls=True), last=c("x").last(ignore_nulls=True)
        ),
        (KEYED,),
        UNORDERED,
        requires=(has_param(pl.Expr.first, "ignore_nulls"),),
    ),
    Operation(
        "select_first_last",
        lambda lf: lf.select(first=c("x").first(), last=c("x").last(), implode=c("x").implode()),
        ({"x": Col()},),
    ),
    Operation(
        # ties resolve to the first occurrence; NaN is the largest float
        "group_by_arg_min_arg_max",
        lambda lf: lf.group_by("k").agg(arg_min=c("v").arg_min(), arg_max=c("v").arg_max()),
        (KEYED,),
        UNORDERED,
    ),
    Operation(
        "select_arg_min_arg_max",
        lambda lf: lf.select(arg_min=c("v").arg_min(), arg_max=c("v").arg_max()),
        (NUMBERS,),
    ),
    Operation(
        # integer products wrap at the result dtype's bounds in any order
        "group_by_product",
        lambda lf: lf.group_by("k").agg(product=c("v").product()),
        (KEYED,),
        Rules(ordered=False, tolerance=PRODUCT),
    ),
    Operation(
        "select_numeric_aggregations",
        lambda lf: lf.select(
            sum=c("v").sum(),
            mean=c("v").mean(),
            min=c("v").min(),
            max=c("v").max(),
            nan_min=c("v").nan_min(),
            product=c("v").product(),
        ),
        (NUMBERS,),
        Rules(tolerance=MEAN_AND_PRODUCT),
    ),
    Operation(
        # the mean of two generated floats (or of one) is exact
        "horizontal_aggregations",
        lambda lf: lf.select(
            sum=pl.sum_horizontal("a", "b"),
            sum_nulls=pl.sum_horizontal("a", "b", ignore_nulls=False),
            mean=pl.mean_horizontal("a", "b"),
            mean_nulls=pl.mean_horizontal("a", "b", ignore_nulls=False),
            min=pl.min_horizontal("a", "b"),
            max=pl.max_horizontal("a", "b"),
        ),
        ({"a": Col(D.numeric), "b": Col(D.numeric)},),
        requires=(has_param(pl.mean_horizontal, "ignore_nulls"),),
    ),
)

"""Expressions that pick, fill or replace values: fills, interpolation, is_in, replace, when/then,
distinctness flags and gathers."""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import KEYED
from conformance.catalog.operation import Operation, has_attr, has_param
from conformance.catalog.tolerances import INTERPOLATION, MEAN
from conformance.judge.compare import Rules
from conformance.judge.duck import Sql
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

# `m` draws from the small key pool: the mean of wide integers is a float sum whose last bits
# depend on the summation order, which no engine promises.
_FILLABLE = {"v": Col(D.numeric), "w": Col(D.numeric), "x": Col(), "m": Col(D.numeric, key=True)}
_FLOAT_PAIR = {"f": Col(D.floats), "g": Col(D.floats)}
# integer and string columns drawn from the small key pools, so literals in the queries occur
_POOLED = {"n": Col(D.integers, key=True), "s": Col(D.strings, key=True)}
_BRANCHES = {
    "p": Col(D.booleans),
    "q": Col(D.booleans),
    "a": Col(D.numeric),
    "b": Col(D.numeric),
}
_INDEXED = {"x": Col(), "i": Col(D.integers)}

OPERATIONS = (
    Operation(
        "fill_null_strategies",
        lambda lf: lf.with_columns(
            forward_1=c("v").fill_null(strategy="forward", limit=1),
            backward_2=c("v").fill_null(strategy="backward", limit=2),
            min=c("v").fill_null(strategy="min"),
            max=c("v").fill_null(strategy="max"),
            mean=c("m").fill_null(strategy="mean"),
            zero=c("v").fill_null(strategy="zero"),
            one=c("v").fill_null(strategy="one"),
            from_column=c("v").fill_null(c("w")),
            any_dtype_forward=c("x").fill_null(strategy="forward"),
        ),
        (_FILLABLE,),
        Rules(tolerance=MEAN),  # strategy="mean"
    ),
    Operation(
        "fill_nan",
        lambda lf: lf.with_columns(
            zero=c("f").fill_nan(0),
            null=c("f").fill_nan(None),
            from_column=c("f").fill_nan(c("g")),
        ),
        (_FLOAT_PAIR,),
    ),
    Operation(
        "interpolate",
        lambda lf: lf.with_columns(
            linear=c("v").interpolate(),
            nearest=c("v").interpolate(method="nearest"),
        ),
        (_FILLABLE,),
        Rules(tolerance=INTERPOLATION),
    ),
    Operation(
        "is_in_literal_list",
        lambda lf: lf.with_columns(
            n_in=c("n").is_in([0, 2]),
            n_in_with_null=c("n").is_in([1, None]),
            s_in=c("s").is_in(["a", "ü"]),
        ),
        (_POOLED,),
    ),
    Operation(
        "is_in_nulls_equal",
        lambda lf: lf.with_columns(
            n_in=c("n").is_in([1, None], nulls_equal=True),
            s_in=c("s").is_in(["", None], nulls_equal=True),
        ),
        (_POOLED,),
        requires=(has_param(pl.Expr.is_in, "nulls_equal"),),
    ),
    Operation(
        "is_in_list_column",
        # one list per row, built from the column itself so its inner dtype matches
        lambda lf: lf.with_columns(
            options=pl.concat_list(c("k").shift(1), c("k").reverse())
        ).with_columns(
            in_row=c("k").is_in(c("options")),
            in_column=c("k").is_in(c("k").reverse().head(3).implode()),
        ),
        (KEYED,),
    ),
    Operation(
        "replace",
        lambda lf: lf.with_columns(
            n_replaced=c("n").replace([0, 1], [3, 2]),
            n_to_null=c("n").replace({2: None}),
            s_replaced=c("s").replace({"a": "b", "": "empty"}),
        ),
        (_POOLED,),
    ),
    Operation(
        "replace_strict_default",
        lambda lf: lf.with_columns(
            n_named=c("n").replace_strict(
                [0, 1, 2], ["zero", "one", "two"], default="other", return_dtype=pl.String
            ),
            s_code=c("s").replace_strict(
                {"": 0, "a": 1, "b": 2, "ü": 3}, default=None, return_dtype=pl.Int8
            ),
            n_default_column=c("n").replace_strict({1: 100}, default=c("n") * 2),
        ),
        (_POOLED,),
    ),
    Operation(
        "replace_strict_unmapped",
        # a value without a mapping and no default must be the same error on every lane
        lambda lf: lf.with_columns(c("n").replace_strict({0: 10, 1: 11, 2: 12})),
        (_POOLED,),
    ),
    Operation(
        "when_then_chain",
        lambda lf: lf.with_columns(
            chosen=pl.when(c("p"))
            .then(c("a"))
            .when(c("q"))
            .then(c("b"))
            .when(c("a") > c("b"))
            .then(pl.lit(0))
            .otherwise(None),
            null_branch=pl.when(c("p").is_null())
            .then(pl.lit("p null"))
            .when(c("q").is_null())
            .then(pl.lit("q null"))
            .when(c("p") & c("q"))
            .then(pl.lit("both")),
            nested=pl.when(c("p")).then(pl.when(c("q")).then(1).otherwise(2)).otherwise(3),
        ),
        (_BRANCHES,),
        sql=Sql(
            "SELECT p, q, a, b, "
            "CASE WHEN p THEN a WHEN q THEN b WHEN a > b THEN 0 ELSE NULL END AS chosen, "
            "CASE WHEN p IS NULL THEN 'p null' WHEN q IS NULL THEN 'q null' "
            "WHEN p AND q THEN 'both' END AS null_branch, "
            "CASE WHEN p THEN CASE WHEN q THEN 1 ELSE 2 END ELSE 3 END AS nested FROM self"
        ),
    ),
    Operation(
        "distinct_flags",
        lambda lf: lf.with_columns(
            is_unique=c("x").is_unique(),
            is_duplicated=c("x").is_duplicated(),
            is_first_distinct=c("k").is_first_distinct(),
            is_last_distinct=c("k").is_last_distinct(),
            unique_per_key=c("v").is_unique().over("k"),
        ),
        (KEYED,),
    ),
    Operation(
        "gather_reverse_and_ends",
        lambda lf: lf.select(
            gathered=c("x").gather(pl.int_range(pl.len()).reverse()),
            reversed=c("x").reverse(),
            i=c("i"),
        ),
        (_INDEXED,),
    ),
    Operation(
        "gather_out_of_bounds",
        # an empty input has no row -1: the same error on every lane
        lambda lf: lf.select(c("x").gather([0, -1]), c("i").gather([-1, 0])),
        (_INDEXED,),
    ),
    Operation(
        "gather_every_expr",
        # equal strides, so both columns have the same length
        lambda lf: lf.select(
            c("x").gather_every(2, offset=1), i_every=c("i").gather_every(2, offset=1)
        ),
        (_INDEXED,),
        requires=(has_attr(pl.Expr, "gather_every"),),
    ),
    Operation(
        "select_unit_length_not_broadcast",
        # only scalars broadcast: a one-row column beside a longer one is a ShapeError
        lambda lf: lf.select(c("x"), first=c("i").head(1)),
        (_INDEXED,),
    ),
)

"""Numeric expressions: rounding, math functions, integer division and overflow, casts, bitwise.

Integer inputs are drawn over each dtype's full range, so the bounds (and wrapping arithmetic at
them) are reached; every lane must wrap, or raise, exactly like the in-memory engine.
"""

from __future__ import annotations

import hypothesis.strategies as st
import polars as pl

from conformance.catalog.operation import Operation, has_attr, has_param, literal_choices
from conformance.catalog.tolerances import MATH_LIBRARY, WIDE_INTEGER_MEAN
from conformance.judge.compare import Rules
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

FLOATS = {"f": Col(D.floats)}
INTEGERS = {"a": Col(D.integers)}
# `neg` has kernels for these only: unsigned integers and Int128 raise InvalidOperationError
_NEGATABLE = (pl.Int8, pl.Int16, pl.Int32, pl.Int64)
NEGATABLE = {"a": Col(st.sampled_from(_NEGATABLE))}
NOT_NEGATABLE = {"a": Col(D.integers.filter(lambda dtype: dtype not in _NEGATABLE))}
NUMBERS = {"a": Col(D.numeric)}


def _accepted(mode: str) -> bool:
    try:
        pl.col("f").round(0, mode=mode)  # type: ignore[arg-type]
    except ValueError:
        return False
    return True


def _round_modes() -> Operation:
    """Every rounding mode this release declares and accepts, side by side.

    1.44 and 2.1 declare `to_zero` in `RoundMode` and document it, yet the binding rejects it
    when the expression is built; a mode that cannot even be built has no engine to compare.
    """
    modes = tuple(m for m in literal_choices(pl.Expr.round, "mode") if _accepted(m))
    return Operation(
        "round_modes",
        lambda lf: lf.select(**{m: c("f").round(1, mode=m) for m in modes}),
        (FLOATS,),
        requires=(has_param(pl.Expr.round, "mode"),),
    )


OPERATIONS = (
    Operation(
        "round_decimals",
        lambda lf: lf.select(
            r0=c("f").round(0), r1=c("f").round(1), r3=c("f").round(3), int=c("i").round(2)
        ),
        ({"f": Col(D.floats), "i": Col(D.integers)},),
    ),
    _round_modes(),
    Operation(
        "round_sig_figs",
        lambda lf: lf.select(one=c("a").round_sig_figs(1), three=c("a").round_sig_figs(3)),
        (NUMBERS,),
    ),
    Operation(
        "clip_literal_bounds",
        lambda lf: lf.select(
            both=c("a").clip(1, 100), lower=c("a").clip(2), upper=c("a").clip(upper_bound=50)
        ),
        (NUMBERS,),
    ),
    Operation(
        # shifted bounds: null bounds (first and last rows) leave the value unclipped
        "clip_column_bounds_nulls",
        lambda lf: lf.select(
            both=c("a").clip(c("a").shift(1), c("a").shift(-1)),
            lower=c("a").clip(c("a").reverse()),
            upper=c("a").clip(None, c("a").shift(2)),
        ),
        (NUMBERS,),
    ),
    Operation(
        "abs_sign",
        lambda lf: lf.select(abs=c("a").abs(), sign=c("a").sign()),
        (NUMBERS,),
    ),
    Operation(
        "pow_int_exponents",
        lambda lf: lf.select(
            zero=c("a").pow(0),
            square=c("a").pow(2),
            cube=c("a") ** 3,
            # `% 8` keeps any integer exponent column non-negative and small (pow takes u32)
            by_column=c("a").pow(c("e") % 8),
        ),
        ({"a": Col(D.numeric), "e": Col(D.integers)},),
        Rules(tolerance=MATH_LIBRARY),
    ),
    Operation(
        "pow_float_and_negative_exponents",
        lambda lf: lf.select(
            inverse=c("f").pow(-1),
            inverse_square=c("f").pow(-2),
            root=c("f").pow(0.5),
            neg_root=c("f") ** -1.5,
            int_base=c("a").pow(0.5),
        ),
        ({"f": Col(D.floats), "a": Col(D.integers)},),
        Rules(tolerance=MATH_LIBRARY),
    ),
    Operation(
        "log_exp",
        lambda lf: lf.select(
            ln=c("a").log(),
            log2=c("a").log(2),
            log10=c("a").log10(),
            log1p=c("a").log1p(),
            exp=c("a").exp(),
        ),
        (NUMBERS,),
        Rules(tolerance=MATH_LIBRARY),
    ),
    Operation(
        "sqrt_cbrt",
        lambda lf: lf.select(sqrt=c("a").sqrt(), cbrt=c("a").cbrt()),
        (NUMBERS,),
        Rules(tolerance=MATH_LIBRARY),  # for cbrt: sqrt is correctly rounded
    ),
    Operation(
        "floor_ceil",
        lambda lf: lf.select(floor=c("a").floor(), ceil=c("a").ceil()),
        (NUMBERS,),
    ),
    Operation(
        # floor division and modulo take the divisor's sign; -1 at the minimum overflows; 0 is null
        "floordiv_mod_literals",
        lambda lf: lf.select(
            div3=c("a") // 3,
            div_neg3=c("a") // -3,
            mod3=c("a") % 3,
            mod_neg3=c("a") % -3,
            div_neg1=c("a") // -1,
            mod_neg1=c("a") % -1,
            div0=c("a") // 0,
            mod0=c("a") % 0,
        ),
        (INTEGERS,),
    ),
    Operation(
        # same-width operands: no supertype widening, so the dtype's own bounds apply
        "floordiv_mod_same_width",
        lambda lf: lf.select(
            div=c("a") // c("a").reverse(),
            mod=c("a") % c("a").reverse(),
            div_shifted=c("a").floordiv(c("a").shift(1)),
            mod_shifted=c("a").mod(c("a").shift(1)),
        ),
        (INTEGERS,),
    ),
    Operation(
        "integer_overflow",
        lambda lf: lf.select(
            add=c("a") + c("a").reverse(),
            sub=c("a") - c("a").reverse(),
            mul=c("a") * c("a").reverse(),
            add_max=c("a") + c("a").max(),
            sub_min=c("a") - c("a").min(),
            mul_max=c("a") * c("a").max(),
        ),
        (INTEGERS,),
    ),
    Operation(
        # negating or taking abs of a signed minimum wraps back to the minimum
        "integer_negation_overflow",
        lambda lf: lf.select(neg=-c("a"), abs=c("a").abs(), neg_min=-c("a").min()),
        (NEGATABLE,),
    ),
    Operation(
        # a dtype without a `neg` kernel: every lane must raise, even on no rows
        "negate_unsupported_dtype_error",
        lambda lf: lf.select(neg=-c("a"), max=c("a").max()),
        (NOT_NEGATABLE,),
    ),
    Operation(
        "integer_overflow_aggregations",
        lambda lf: lf.select(
            sum=c("a").sum(),
            product=c("a").product(),
            mean=c("a").mean(),
        ),
        (INTEGERS,),
        Rules(tolerance=WIDE_INTEGER_MEAN),
    ),
    Operation(
        # a cumulative result reduced again: the reduction must take the dtype the scan produced
        "cum_then_reduce",
        lambda lf: lf.select(
            cum_sum_last=c("a").cum_sum().last(),
            cum_prod_last=c("a").cum_prod().last(),
            cum_max_first=c("a").cum_max().first(),
        ),
        (INTEGERS,),
    ),
    Operation(
        "cast_int_narrowing_non_strict",
        lambda lf: lf.select(
            i8=c("a").cast(pl.Int8, strict=False),
            u8=c("a").cast(pl.UInt8, strict=False),
            i16=c("a").cast(pl.Int16, strict=False),
            u16=c("a").cast(pl.UInt16, strict=False),
            i32=c("a").cast(pl.Int32, strict=False),
            u32=c("a").cast(pl.UInt32, strict=False),
            i64=c("a").cast(pl.Int64, strict=False),
            u64=c("a").cast(pl.UInt64, strict=False),
        ),
        (NUMBERS,),
    ),
    Operation(
        # a strict cast that does not fit must raise the same error on every lane
        "cast_int_narrowing_strict",
        lambda lf: lf.select(c("a").cast(pl.Int8)),
        (NUMBERS,),
    ),
    Operation(
        "cast_wrap_numerical",
        lambda lf: lf.select(
            i8=c("a").cast(pl.Int8, wrap_numerical=True),
            u8=c("a").cast(pl.UInt8, wrap_numerical=True),
            i32=c("a").cast(pl.Int32, wrap_numerical=True),
            u64=c("a").cast(pl.UInt64, wrap_numerical=True),
        ),
        (INTEGERS,),
        requires=(has_param(pl.Expr.cast, "wrap_numerical"),),
    ),
    Operation(
        # an integer that does not fit the narrow decimal becomes null
        "cast_int_to_float_and_decimal",
        lambda lf: lf.select(
            f32=c("a").cast(pl.Float32),
            f64=c("a").cast(pl.Float64),
            wide=c("a").cast(pl.Decimal(38, 4), strict=False),
            narrow=c("a").cast(pl.Decimal(5, 2), strict=False),
        ),
        (INTEGERS,),
    ),
    Operation(
        # a float that does not fit a decimal raises even with strict=False (1.44, 2.1): only a
        # decimal wide enough for every generated float is asked for
        "cast_float_to_decimal_and_float",
        lambda lf: lf.select(
            f32=c("f").cast(pl.Float32),
            f64=c("f").cast(pl.Float64),
            decimal=c("f").cast(pl.Decimal(38, 4), strict=False),
        ),
        (FLOATS,),
    ),
    Operation(
        "cast_decimal_to_numeric",
        lambda lf: lf.select(
            i64=c("d").cast(pl.Int64, strict=False),
            i8=c("d").cast(pl.Int8, strict=False),
            f64=c("d").cast(pl.Float64),
            rescaled=c("d").cast(pl.Decimal(38, 1), strict=False),
            string=c("d").cast(pl.String),
        ),
        ({"d": Col(D.decimals)},),
    ),
    Operation(
        "cast_string_round_trip",
        lambda lf: lf.select(
            string=c("a").cast(pl.String),
            as_int=c("a").cast(pl.String).cast(pl.Int64, strict=False),
            as_float=c("a").cast(pl.String).cast(pl.Float64, strict=False),
        ),
        (NUMBERS,),
    ),
    Operation(
        "cast_boolean",
        lambda lf: lf.select(
            to_bool=c("a").cast(pl.Boolean),
            to_i8=c("p").cast(pl.Int8),
            to_u64=c("p").cast(pl.UInt64),
            to_f32=c("p").cast(pl.Float32),
            to_string=c("p").cast(pl.String),
        ),
        ({"a": Col(D.numeric), "p": Col(D.booleans)},),
    ),
    Operation(
        "float_classification",
        lambda lf: lf.select(
            is_nan=c("f").is_nan(),
            is_not_nan=c("f").is_not_nan(),
            is_finite=c("f").is_finite(),
            is_infinite=c("f").is_infinite(),
            fill_nan=c("f").fill_nan(None),
            nan_max=c("f").nan_max(),
            nan_min=c("f").nan_min(),
        ),
        (FLOATS,),
    ),
    Operation(
        "bitwise_elementwise",
        lambda lf: lf.select(
            and_=c("a") & c("a").reverse(),
            or_=c("a") | c("a").shift(1),
            xor=c("a") ^ c("a").reverse(),
            not_=~c("a"),
            ones=c("a").bitwise_count_ones(),
            zeros=c("a").bitwise_count_zeros(),
            leading=c("a").bitwise_leading_zeros(),
            trailing=c("a").bitwise_trailing_zeros(),
        ),
        (INTEGERS,),
        requires=(has_attr(pl.Expr, "bitwise_count_ones"),),
    ),
    Operation(
        "bitwise_aggregations",
        lambda lf: lf.select(
            and_=c("a").bitwise_and(), or_=c("a").bitwise_or(), xor=c("a").bitwise_xor()
        ),
        (INTEGERS,),
        requires=(has_attr(pl.Expr, "bitwise_and"),),
    ),
)

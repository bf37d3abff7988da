"""The grammar's entries for `Expr` methods (namespaces and `pl.` functions have their own files).

One line per builder. Families say what the receiver and each expression argument accept; whether
a dtype really fits is asked of Polars by the composer. `EXCLUDED` names the methods left out on
purpose, with why: the API-reach benchmark lists them.
"""

from __future__ import annotations

from collections.abc import Mapping

from strategies.queries import families as F
from strategies.queries.builders import (
    BOOLS,
    POSITIVE,
    SMALL,
    Arg,
    Builder,
    Kind,
    choices,
    method,
    ordered,
    reduction,
)


def _k_by(receiver: str, name: str, key: str, params: Mapping[str, str]) -> str:
    """`receiver.top_k_by(key, k=..., ...)`: the key in a form whose tied rows hold equal values
    (the receiver itself) or on which no rows tie."""
    return f"{receiver}.{name}({', '.join([key, *(f'{k}={v}' for k, v in params.items())])})"


def _ordinal(key: str) -> str:
    """`key`'s ordinal rank, nulls too ranked by position (below every value): no two rows tie."""
    return f"{key}.rank('ordinal').cast(pl.Int64).fill_null(-pl.int_range(1, pl.len() + 1))"


MEAN = "a mean divides a sum an engine may accumulate per chunk, in another order"
SPREAD = "variance-based statistics accumulate squares per chunk, in an engine-dependent order"
EWM = "exponentially weighted statistics accumulate floats in a running order"
FLOAT_MATH = "transcendental kernels may differ in the last ulp between vectorised code paths"
SAME = Arg(same=True)
SAME_SCALAR = Arg(same=True, scalar=True)
LENGTH = Kind.LENGTH
MOVES = Kind.MOVES
WINDOW = choices(2, 1, 3)
MIN_SAMPLES = choices(1, 2)
QUANTILES = choices(0.5, 0.0, 1.0, 0.25)
INTERPOLATION = choices("'nearest'", "'lower'", "'higher'", "'midpoint'", "'linear'")
INDEX = choices(0, 1, -1, 5, -6)
DTYPES = choices(
    "pl.Int64", "pl.Float64", "pl.String", "pl.Int8", "pl.UInt32", "pl.Boolean",
    "pl.Float32", "pl.Date", "pl.Int128", "pl.Decimal(10, 2)",
)  # fmt: skip

ELEMENTWISE: tuple[Builder, ...] = (
    # arithmetic and comparison, as methods (operators are the binary entries of `functions`)
    *(method(op, F.ANY, SAME) for op in ("add", "sub", "mul", "truediv", "floordiv", "mod")),
    *(method(op, F.ANY, SAME) for op in ("eq", "ne", "lt", "le", "gt", "ge")),
    *(method(op, F.ANY, SAME) for op in ("eq_missing", "ne_missing")),
    *(method(op, F.BOOL, SAME) for op in ("and_", "or_", "xor")),
    method("pow", F.NUM, Arg(F.REAL)),
    method("not_", F.BOOL),
    method("neg", F.NUM),
    method("abs", F.NUM),
    method("sign", F.NUM),
    # math
    *(
        method(name, F.REAL, inexact=FLOAT_MATH)
        for name in (
            "sqrt",
            "cbrt",
            "exp",
            "log1p",
            "log10",
            "sin",
            "cos",
            "tan",
            "cot",
            "arcsin",
            "arccos",
            "arctan",
            "sinh",
            "cosh",
            "tanh",
            "arcsinh",
            "arccosh",
            "arctanh",
            "degrees",
            "radians",
            "erf",
            "erfc",
        )
    ),
    method(
        "log", F.REAL, params={"base": choices("2.718281828459045", 2, 10, 0.5)}, inexact=FLOAT_MATH
    ),
    method("floor", F.NUM),
    method("ceil", F.NUM),
    method("round", F.NUM, params={"decimals": choices(0, 1, 2, 9)}),
    method("round_sig_figs", F.NUM, params={"digits": choices(1, 2, 6)}),
    method("truncate", F.NUM),
    method(
        "clip",
        F.ORDERABLE,
        Arg(same=True, keyword="lower_bound"),
        Arg(same=True, keyword="upper_bound"),
    ),
    method(
        "is_between",
        F.ORDERABLE,
        SAME,
        SAME,
        params={"closed": choices("'both'", "'left'", "'right'", "'none'")},
    ),
    method(
        "is_close",
        F.REAL,
        SAME,
        params={"abs_tol": choices(0.0, 0.5), "rel_tol": choices(1e-9, 0.1)},
    ),
    # nulls, NaN, bits
    method("is_null", F.ANY),
    method("is_not_null", F.ANY),
    method("fill_null", F.ANY, SAME),
    method("is_nan", F.FLOAT),
    method("is_not_nan", F.FLOAT),
    method("is_finite", F.FLOAT),
    method("is_infinite", F.FLOAT),
    method("fill_nan", F.FLOAT, SAME),
    *(
        method(name, F.INT)
        for name in (
            "bitwise_count_ones",
            "bitwise_count_zeros",
            "bitwise_leading_ones",
            "bitwise_leading_zeros",
            "bitwise_trailing_ones",
            "bitwise_trailing_zeros",
        )
    ),
    # types and values
    method("cast", F.ANY, params={"dtype": DTYPES, "strict": choices(False, True)}),
    method("to_physical", F.STABLE_CODES),
    method("reinterpret", F.INT, params={"signed": BOOLS}),
    # the set as a one-element list expression of the receiver's dtype (a column's, or a literal)
    method(
        "is_in",
        F.FLAT,
        SAME,
        render=lambda i, p: (
            f"{i[0]}.is_in({i[1]}.implode()"
            + (f", nulls_equal={p['nulls_equal']}" if "nulls_equal" in p else "")
            + ")"
        ),
    ),
    method("replace", F.FLAT, SAME_SCALAR, SAME_SCALAR),
    method("replace_strict", F.FLAT, SAME_SCALAR, SAME_SCALAR, params={"default": choices("None")}),
    method("hash", F.ANY, params={"seed": choices(0, 7)}),
    method("repeat_by", F.ANY, Arg(F.INT, small=True)),
    method("cut", F.REAL, params={"breaks": choices("[0]", "[-1, 1.5]", "[2, 100]")}),
    method("qcut", F.REAL, params={"quantiles": choices("[0.5]", "[0.25, 0.75]", "2")}),
    method("is_duplicated", F.ANY),
    method("is_unique", F.ANY),
    method(
        "rank", F.ORDERABLE, params={"method": choices("'average'", "'min'", "'max'", "'dense'")}
    ),
    method("pipe", F.ANY, render=lambda i, p: f"{i[0]}.pipe(lambda e: e.is_null())"),
    # Python UDFs: a small, deterministic set of callables
    method(
        "map_elements",
        F.FLAT,
        render=lambda i, p: (
            f"{i[0]}.map_elements(lambda v: v, return_dtype=None, skip_nulls={p.get('skip_nulls', 'True')})"
        ),
    ),
    method("map_batches", F.ANY, render=lambda i, p: f"{i[0]}.map_batches(lambda s: s.is_null())"),
)

ORDER_DEPENDENT: tuple[Builder, ...] = (
    *(ordered(name, F.NUM) for name in ("cum_sum", "cum_prod", "cum_min", "cum_max")),
    ordered("cum_count", F.ANY),
    ordered("diff", F.NUM, params={"n": SMALL}),
    ordered("pct_change", F.REAL, params={"n": POSITIVE}, inexact=FLOAT_MATH),
    ordered("shift", F.ANY, params={"n": choices(1, -1, 0, 2, 50)}),
    ordered(
        "shift",
        F.ANY,
        Arg(same=True, scalar=True, keyword="fill_value"),
        params={"n": choices(1, -2)},
    ),
    ordered("forward_fill", F.ANY, params={"limit": choices("None", 1)}),
    ordered("backward_fill", F.ANY, params={"limit": choices("None", 1)}),
    ordered(
        "fill_null",
        F.ANY,
        params={
            "strategy": choices("'forward'", "'backward'", "'min'", "'max'", "'zero'", "'one'")
        },
    ),
    ordered("interpolate", F.REAL, inexact=MEAN),
    ordered("interpolate_by", F.REAL, Arg(F.REAL), inexact=MEAN),
    ordered("is_first_distinct", F.ANY),
    ordered("is_last_distinct", F.ANY),
    ordered("rle_id", F.ANY),
    ordered("peak_max", F.REAL),
    ordered("peak_min", F.REAL),
    ordered(
        "cumulative_eval", F.NUM, render=lambda i, p: f"{i[0]}.cumulative_eval(pl.element().sum())"
    ),
    *(
        ordered(
            f"rolling_{name}",
            F.REAL,
            params={"window_size": WINDOW, "min_samples": MIN_SAMPLES, "center": BOOLS},
        )
        for name in ("sum", "min", "max", "median")
    ),
    *(
        ordered(
            f"rolling_{name}",
            F.REAL,
            params={"window_size": WINDOW, "min_samples": MIN_SAMPLES},
            inexact=SPREAD,
        )
        for name in ("mean", "std", "var", "skew", "kurtosis")
    ),
    ordered(
        "rolling_quantile",
        F.REAL,
        params={"quantile": QUANTILES, "interpolation": INTERPOLATION, "window_size": WINDOW},
    ),
    ordered("rolling_rank", F.REAL, params={"window_size": WINDOW}),
    *(
        ordered(
            f"rolling_{name}_by",
            F.REAL,
            Arg(F.INT),
            params={"window_size": choices("'2i'", "'1i'", "'3i'")},
            inexact=SPREAD if name in ("mean", "std", "var") else None,
        )
        for name in ("sum", "min", "max", "mean", "median", "std", "var")
    ),
    ordered(
        "rolling_quantile_by",
        F.REAL,
        Arg(F.INT),
        params={"quantile": QUANTILES, "window_size": choices("'2i'")},
    ),
    ordered("rolling_rank_by", F.REAL, Arg(F.INT), params={"window_size": choices("'2i'")}),
    ordered(
        "rolling_map",
        F.REAL,
        render=lambda i, p: f"{i[0]}.rolling_map(lambda s: s.min(), window_size=2)",
    ),
    *(
        ordered(name, F.REAL, params={"alpha": choices(0.5, 0.25), "adjust": BOOLS}, inexact=EWM)
        for name in ("ewm_mean", "ewm_std", "ewm_var")
    ),
    ordered("ewm_sum", F.REAL, params={"alpha": choices(0.5)}, inexact=EWM),
    ordered(
        "ewm_mean_by",
        F.REAL,
        Arg(F.DATELIKE, keyword="by"),
        params={"half_life": choices("'1d'", "'2h'")},
        inexact=EWM,
    ),
    ordered(
        "ewm_sum_by",
        F.REAL,
        Arg(F.DATELIKE, keyword="by"),
        params={"half_life": choices("'1d'")},
        inexact=EWM,
    ),
    ordered("arg_sort", F.ORDERABLE),
)

MOVING: tuple[Builder, ...] = (
    method("sort", F.ORDERABLE, kind=MOVES, takes_order_free=True),
    method("sort_by", F.ANY, Arg(F.ORDERABLE), kind=MOVES, order_dependent=True),
    method("reverse", F.ANY, kind=MOVES, order_dependent=True),
    # valid only on sorted values, so it comes after a sort in the same direction
    method(
        "set_sorted",
        F.ORDERABLE,
        params={"descending": BOOLS},
        kind=MOVES,
        takes_order_free=True,
        render=lambda i, p: (
            f"{i[0]}.sort(descending={p.get('descending', 'False')}).set_sorted(descending={p.get('descending', 'False')})"
        ),
    ),
)

REDUCTIONS: tuple[Builder, ...] = (
    *(reduction(name, F.NUM) for name in ("sum", "product")),
    # a fold of every value's bits (the elementwise forms are the operators `&`, `|`, `^`)
    *(reduction(name, F.BITS) for name in ("bitwise_and", "bitwise_or", "bitwise_xor")),
    *(reduction(name, F.ORDERABLE) for name in ("min", "max", "median")),
    *(reduction(name, F.FLOAT) for name in ("nan_min", "nan_max")),
    reduction("mean", F.NUM, inexact=MEAN),
    *(reduction(name, F.REAL, inexact=SPREAD) for name in ("std", "var", "skew", "kurtosis")),
    reduction("std", F.REAL, params={"ddof": choices(0, 1, 2)}, inexact=SPREAD),
    reduction("entropy", F.REAL, inexact=FLOAT_MATH),
    reduction("quantile", F.REAL, params={"quantile": QUANTILES, "interpolation": INTERPOLATION}),
    reduction("approx_quantile", F.REAL, params={"quantile": QUANTILES}),
    *(
        reduction(name, F.ANY)
        for name in ("len", "count", "null_count", "n_unique", "has_nulls", "is_empty")
    ),
    *(reduction(name, F.BOOL) for name in ("all", "any")),
    reduction("lower_bound", F.ORDERABLE),
    reduction("upper_bound", F.ORDERABLE),
    reduction("dot", F.NUM, SAME),
    *(
        method(name, F.ANY, kind=Kind.REDUCTION, order_dependent=True)
        for name in ("first", "last", "implode")
    ),
    method(
        "get", F.ANY, params={"index": choices(0, -1)}, kind=Kind.REDUCTION, order_dependent=True
    ),
    method(
        "item",
        F.ANY,
        kind=Kind.REDUCTION,
        order_dependent=True,
        render=lambda i, p: f"{i[0]}.head(1).item()",
    ),
    method("index_of", F.FLAT, SAME_SCALAR, kind=Kind.REDUCTION, order_dependent=True),
    *(
        method(name, F.ORDERABLE, kind=Kind.REDUCTION, order_dependent=True)
        for name in ("arg_min", "arg_max")
    ),
    # Which of the rows tied at the key's extreme max_by/min_by picks is undefined (its docs), so
    # the key is either the receiver itself (tied rows hold equal values: every key dtype's kernel)
    # or a key's ordinal rank, its order with ties broken by position (any receiver). The receiver
    # as its own key is evaluated twice: an order-free one is sorted first (`settle`), as its two
    # evaluations' orders may differ and pair values with other rows' keys.
    *(
        method(
            name,
            F.ORDERABLE,
            kind=Kind.REDUCTION,
            render=lambda i, p, n=name: f"{i[0]}.{n}({i[0]})",
        )
        for name in ("max_by", "min_by")
    ),
    *(
        method(
            name,
            F.ANY,
            Arg(F.ORDERABLE, rows=True),
            kind=Kind.REDUCTION,
            order_dependent=True,
            render=lambda i, p, n=name: f"{i[0]}.{n}({i[1]}.rank('ordinal'))",
        )
        for name in ("max_by", "min_by")
    ),
    method("is_sorted", F.ORDERABLE, kind=Kind.REDUCTION, order_dependent=True),
    method(
        "search_sorted",
        F.ORDERABLE,
        SAME_SCALAR,
        kind=Kind.REDUCTION,
        render=lambda i, p: f"{i[0]}.sort().search_sorted({i[1]})",
    ),
)

LENGTH_CHANGING: tuple[Builder, ...] = (
    method("filter", F.ANY, Arg(F.BOOL), kind=LENGTH),
    method("drop_nulls", F.ANY, kind=LENGTH),
    method("drop_nans", F.FLOAT, kind=LENGTH),
    *(
        method(name, F.ANY, params={"n": choices(2, 0, 1, 20)}, kind=LENGTH, order_dependent=True)
        for name in ("head", "tail", "limit")
    ),
    method(
        "slice",
        F.ANY,
        params={"offset": INDEX, "length": choices(2, "None", 0)},
        kind=LENGTH,
        order_dependent=True,
    ),
    method(
        "gather",
        F.ANY,
        params={"indices": choices("[0]", "[0, -1]", "[1, 1, 0]")},
        kind=LENGTH,
        order_dependent=True,
    ),
    method(
        "gather_every",
        F.ANY,
        params={"n": POSITIVE, "offset": choices(0, 1)},
        kind=LENGTH,
        order_dependent=True,
    ),
    method(
        "unique", F.ANY, params={"maintain_order": choices(True)}, kind=LENGTH, order_dependent=True
    ),
    method(
        "unique",
        F.ANY,
        params={"maintain_order": choices(False)},
        kind=LENGTH,
        order_free=True,
        takes_order_free=True,
    ),
    method("unique_counts", F.ANY, kind=LENGTH, order_dependent=True),
    method("arg_unique", F.ANY, kind=LENGTH, order_dependent=True),
    method("arg_true", F.BOOL, kind=LENGTH, order_dependent=True),
    method("mode", F.FLAT, kind=LENGTH, order_free=True, takes_order_free=True),
    method(
        "value_counts",
        F.FLAT,
        params={"sort": choices(False)},
        kind=LENGTH,
        order_free=True,
        takes_order_free=True,
    ),
    # top_k/bottom_k and their _by forms return their rows in no guaranteed order (their docs)
    *(
        method(
            name,
            F.ORDERABLE,
            params={"k": choices(2, 0, 5)},
            kind=LENGTH,
            order_free=True,
            takes_order_free=True,
        )
        for name in ("top_k", "bottom_k")
    ),
    # which of the rows tied at the cut the _by forms keep is undefined too: as for max_by, the
    # key is the receiver itself (tied rows hold equal values) or a key's ordinal rank with its
    # nulls ranked by position below every value (`_ordinal`: the cut may fall among the nulls),
    # never a broadcast key, on which every row ties
    *(
        method(
            name,
            F.ORDERABLE,
            params={"k": choices(2)},
            kind=LENGTH,
            order_free=True,
            render=lambda i, p, n=name: _k_by(i[0], n, i[0], p),
        )
        for name in ("top_k_by", "bottom_k_by")
    ),
    *(
        method(
            name,
            F.ANY,
            Arg(F.ORDERABLE, rows=True),
            params={"k": choices(2)},
            kind=LENGTH,
            order_free=True,
            order_dependent=True,
            render=lambda i, p, n=name: _k_by(i[0], n, _ordinal(i[1]), p),
        )
        for name in ("top_k_by", "bottom_k_by")
    ),
    method("rle", F.ANY, kind=LENGTH, order_dependent=True),
    method("explode", F.LIST, kind=LENGTH),
    method("append", F.ANY, SAME, kind=LENGTH),
    method("extend_constant", F.ANY, SAME_SCALAR, params={"n": choices(2, 0)}, kind=LENGTH),
    method("hist", F.REAL, params={"bin_count": choices(2, 3)}, kind=LENGTH, takes_order_free=True),
    method("reshape", F.ANY, params={"dimensions": choices("(-1, 1)", "(-1,)")}, kind=LENGTH),
)

ALL: tuple[Builder, ...] = (
    *ELEMENTWISE, *ORDER_DEPENDENT, *MOVING, *REDUCTIONS, *LENGTH_CHANGING
)  # fmt: skip

# Left out on purpose, each with why (the API-reach benchmark lists them).
EXCLUDED: dict[str, str] = {
    "Expr.sample": "random: the engines draw different rows",
    "Expr.shuffle": "random: the engines draw different orders",
    "Expr.approx_n_unique": (
        "an estimate: each engine builds its own sketch (the streaming engine's has 256 "
        "registers), so two engines owe each other no equal answer"
    ),
    "Expr.inspect": "prints to stdout as a side effect; its value is its input",
    "Expr.deserialize": "reads a serialized expression, not a query builder",
    "Expr.map": "deprecated alias of map_batches",
    **{
        f"Expr.{name}": "deprecated in the 1.x releases that still have it"
        for name in ("agg_groups", "flatten", "from_json", "rechunk", "shrink_dtype", "where")
    },
    "Expr.register_plugin": "loads a compiled plugin library, which no generated query has",
    "Expr.truncdiv": "not in every release of the range; floordiv covers integer division",
    "Expr.alias": "the composer names every output column with it",
    "Expr.exclude": "a column selector, not a computation; selectors are the plan grammar's",
    "Expr.over": "the window form: the composer wraps expressions with it (partition and order by)",
    "Expr.rolling": "needs a sorted index column: the plan grammar's rolling step covers it",
    "Expr.ext": "extension types, which generated frames do not hold",
    "Expr.pipe_with_dtype": "a build-time callable of the expression's dtype: `pipe` covers it",
    "Expr.bin_intervals": "not yet stable in this release range",
    "Expr.bin_quantiles": "not yet stable in this release range",
    "Expr.bin_ranks": "not yet stable in this release range",
}

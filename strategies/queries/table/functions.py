"""The grammar's entries for top-level `pl.` expression functions, and the Python operators.

Operators are entries too (`a + b`, `~a`), rendered as operators, since that is how users write
them. `EXCLUDED` names the `pl.` functions left out on purpose, with why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from strategies.queries import families as F
from strategies.queries.builders import Arg, Builder, Kind, choices, function

MEAN = "a mean divides a sum an engine may accumulate per chunk, in another order"
SPREAD = "correlation and covariance accumulate products per chunk, in an engine-dependent order"
NUMS = Arg(F.NUM)
SAME = Arg(same=True)


def _operator(symbol: str) -> Builder:
    return Builder(
        f"op.{symbol}",
        F.ANY,
        (SAME,),
        render=lambda i, p: f"({i[0]} {symbol} {i[1]})",
    )


def _unary(symbol: str, family: F.Family) -> Builder:
    return Builder(f"op.{symbol}", family, render=lambda i, p: f"({symbol}{i[0]})")


def _variadic(name: str, arg: Arg, count: int = 2, **more: object) -> Builder:
    """`pl.<name>(a, b, ...)` over `count` expression arguments."""
    return function(name, *([arg] * count), **more)


def _when(inputs: Sequence[str], params: Mapping[str, str]) -> str:
    condition, then, otherwise = inputs
    return f"pl.when({condition}).then({then}).otherwise({otherwise})"


def _chained_when(inputs: Sequence[str], params: Mapping[str, str]) -> str:
    first, then, second, then2 = inputs
    return f"pl.when({first}).then({then}).when({second}).then({then2})"


def _fold(name: str) -> Builder:
    """A horizontal fold with a Python callable: a deterministic opaque function."""
    acc = "pl.lit(0, dtype=pl.Int64), " if name in ("fold", "cum_fold") else ""
    return function(
        name,
        Arg(F.INT),
        Arg(F.INT),
        render=lambda i, p: f"pl.{name}({acc}lambda acc, x: acc + x, [{i[0]}, {i[1]}])",
    )


OPERATORS: tuple[Builder, ...] = (
    *(_operator(s) for s in ("+", "-", "*", "/", "//", "%", "**")),
    *(_operator(s) for s in ("==", "!=", "<", "<=", ">", ">=")),
    *(_operator(s) for s in ("&", "|", "^")),
    _unary("~", F.BOOL),
    _unary("-", F.NUM),
)

FUNCTIONS: tuple[Builder, ...] = (
    function("when", Arg(F.BOOL), Arg(), Arg(), render=_when),
    function("when", Arg(F.BOOL), Arg(), Arg(F.BOOL), Arg(), render=_chained_when),
    _variadic("coalesce", SAME, 3),
    _variadic("concat_str", Arg(F.STR), 2, params={"separator": choices("''", "'-'")}),
    _variadic("concat_list", Arg(), 2),
    function("concat_arr", Arg(F.FLAT), SAME),  # one inner dtype
    _variadic("struct", Arg(), 2),
    _variadic("list", Arg(), 2),
    _variadic("format", Arg(), 2, render=lambda i, p: f"pl.format('{{}}-{{}}', {i[0]}, {i[1]})"),
    *(
        _variadic(name, Arg(F.NUM), 3)
        for name in ("sum_horizontal", "min_horizontal", "max_horizontal", "cum_sum_horizontal")
    ),
    _variadic("mean_horizontal", Arg(F.NUM), 3, inexact=MEAN),
    *(_variadic(name, Arg(F.BOOL), 2) for name in ("all_horizontal", "any_horizontal")),
    function("arctan2", Arg(F.REAL), Arg(F.REAL), inexact="a transcendental kernel"),
    _fold("fold"),
    _fold("reduce"),
    _fold("cum_fold"),
    _fold("cum_reduce"),
    function("int_ranges", Arg(F.INT, small=True), Arg(F.INT, small=True)),
    function(
        "int_range", Arg(F.INT, small=True), Arg(F.INT, small=True, scalar=True), kind=Kind.LENGTH
    ),
    function(
        "int_range",
        kind=Kind.ORDERED,
        order_dependent=True,
        render=lambda i, p: "pl.int_range(pl.len(), dtype=pl.UInt32)",
    ),
    function(
        "row_index", kind=Kind.ORDERED, order_dependent=True, render=lambda i, p: "pl.row_index()"
    ),
    function(
        "arange", Arg(F.INT, small=True), Arg(F.INT, small=True, scalar=True), kind=Kind.LENGTH
    ),
    function("repeat", Arg(F.FLAT, scalar=True), params={"n": choices(2, 0)}, kind=Kind.LENGTH),
    function("ones", params={"n": choices(2)}, kind=Kind.LENGTH, render=lambda i, p: "pl.ones(2)"),
    function(
        "zeros", params={"n": choices(2)}, kind=Kind.LENGTH, render=lambda i, p: "pl.zeros(2)"
    ),
    function(
        "linear_space",
        Arg(F.REAL, scalar=True),
        Arg(F.REAL, scalar=True),
        params={"num_samples": choices(3, 1)},
        kind=Kind.LENGTH,
    ),
    function("linear_spaces", Arg(F.REAL), Arg(F.REAL), params={"num_samples": choices(3, 1)}),
    function(
        "date_range",
        Arg(F.DATE, literal_only=True),
        Arg(F.DATE, literal_only=True),
        params={"interval": choices("'1d'", "'1mo'")},
        kind=Kind.LENGTH,
    ),
    function(
        "date_ranges",
        Arg(F.DATE, literal_only=True),
        Arg(F.DATE, literal_only=True),
        params={"interval": choices("'1d'", "'2w'")},
    ),
    function(
        "datetime_range",
        Arg(F.DATETIME, literal_only=True),
        Arg(F.DATETIME, literal_only=True),
        params={"interval": choices("'1d'", "'7h'")},
        kind=Kind.LENGTH,
    ),
    function(
        "datetime_ranges",
        Arg(F.DATETIME, literal_only=True),
        Arg(F.DATETIME, literal_only=True),
        params={"interval": choices("'1d'", "'13h'")},
    ),
    function(
        "time_range",
        Arg(F.TIME, literal_only=True),
        Arg(F.TIME, literal_only=True),
        params={"interval": choices("'1h'")},
        kind=Kind.LENGTH,
    ),
    function(
        "time_ranges",
        Arg(F.TIME, literal_only=True),
        Arg(F.TIME, literal_only=True),
        params={"interval": choices("'5h'")},
    ),
    function("date", Arg(F.INT), Arg(F.INT), Arg(F.INT)),
    function(
        "datetime",
        Arg(F.INT),
        Arg(F.INT),
        Arg(F.INT),
        params={"time_zone": choices("None", "'UTC'", "'Asia/Kathmandu'")},
    ),
    function("time", Arg(F.INT, keyword="hour"), Arg(F.INT, keyword="minute")),
    function(
        "duration",
        Arg(F.INT, keyword="days"),
        Arg(F.INT, keyword="hours"),
        params={"time_unit": choices("'us'", "'ms'", "'ns'")},
    ),
    function("from_epoch", Arg(F.INT), params={"time_unit": choices("'s'", "'ms'", "'d'")}),
    function("business_day_count", Arg(F.DATE), Arg(F.DATE)),
    # reductions and windows written as functions of expressions
    function(
        "corr", Arg(F.REAL), Arg(F.REAL), kind=Kind.REDUCTION, takes_order_free=True, inexact=SPREAD
    ),
    function(
        "cov", Arg(F.REAL), Arg(F.REAL), kind=Kind.REDUCTION, takes_order_free=True, inexact=SPREAD
    ),
    function(
        "rolling_corr",
        Arg(F.REAL),
        Arg(F.REAL),
        params={"window_size": choices(2, 3)},
        kind=Kind.ORDERED,
        order_dependent=True,
        inexact=SPREAD,
    ),
    function(
        "rolling_cov",
        Arg(F.REAL),
        Arg(F.REAL),
        params={"window_size": choices(2, 3)},
        kind=Kind.ORDERED,
        order_dependent=True,
        inexact=SPREAD,
    ),
    function("arg_sort_by", Arg(F.ORDERABLE), kind=Kind.ORDERED, order_dependent=True),
    function("arg_where", Arg(F.BOOL), kind=Kind.LENGTH, order_dependent=True),
    function(
        "map_batches",
        Arg(),
        Arg(),
        render=lambda i, p: (
            f"pl.map_batches([{i[0]}, {i[1]}], lambda s: s[0].is_null() | s[1].is_null(), return_dtype=pl.Boolean)"
        ),
    ),
    function("len", kind=Kind.REDUCTION, takes_order_free=True, render=lambda i, p: "pl.len()"),
)

ALL: tuple[Builder, ...] = (*OPERATORS, *FUNCTIONS)

# `pl.` functions that build no expression, or are covered by the Expr method of the same name or
# by the composer's own leaves (column references, literals, `pl.element()`).
EXCLUDED: dict[str, str] = {
    "pl.approx_n_unique": "an estimate whose sketch each engine builds its own way (Expr's too)",
    **{
        f"pl.{name}": "shorthand for the Expr method of the same name on columns, which the grammar has"
        for name in (
            "all",
            "any",
            "count",
            "cum_count",
            "cum_sum",
            "first",
            "head",
            "implode",
            "last",
            "max",
            "mean",
            "median",
            "min",
            "n_unique",
            "quantile",
            "std",
            "sum",
            "tail",
            "var",
            "nth",
            "exclude",
        )
    },
    "pl.col": "the composer's column leaves",
    "pl.lit": "the composer's literal leaves",
    "pl.element": "the composer's leaf inside list.eval bodies",
    "pl.field": "the composer's leaf inside struct.with_fields bodies",
    "pl.self_dtype": "a dtype expression for casts, not a value",
    "pl.dtype_of": "a dtype expression for casts, not a value",
    "pl.struct_with_fields": "the struct namespace's with_fields covers it",
    "pl.pipe_with_dtype": "a build-time callable: Expr.pipe covers it",
    "pl.map_groups": "runs a Python callable per group; group_by().map_groups is the plan form",
    "pl.sql_expr": "SQL text to an expression: the plan grammar's sql step covers SQL",
    "pl.select": "runs eagerly, not a query builder",
    "pl.escape_regex": "escapes a Python str to a str, not an expression: str.escape_regex is the expression",
    "pl.collect_all": "an output mode (a lane), not a query builder",
    "pl.collect_all_async": "an output mode (a lane), not a query builder",
    "pl.explain_all": "prints plans, not a query builder",
    "pl.set_random_seed": "randomness is left out",
    "pl.concat": "a plan step (the plan grammar's concat)",
    "pl.align_frames": "eager frames only",
    "pl.merge_sorted": "a plan step (the plan grammar's merge_sorted)",
    "pl.union": "a plan step (the plan grammar's concat covers it)",
    "pl._row_encode": "private",
    "pl.arctan2d": "deprecated (1.x): arctan2 then degrees",
    "pl.groups": "deprecated (1.x): the group indices of an aggregation context",
}

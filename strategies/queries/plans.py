"""The plan grammar: one entry per `LazyFrame` method (and `pl.concat`), each a drawn step.

A step is drawn from the plan so far; the schema it yields is asked of Polars (`collect_schema()`
of the plan with the step), and a step Polars rejects while planning is redrawn. Expressions come
from the composer, so any expression the grammar builds can be a predicate, a key, a sort key, an
aggregation or a new column. Each plan tracks whether its row order is defined: a step whose values
depend on the order (slices, `first`, cumulative expressions, `with_row_index`) is drawn only
where it is, and a step that loses it (a hash group_by or join) makes later comparison order-free.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import hypothesis.strategies as st
import polars as pl
from polars.exceptions import PanicException

from strategies.queries import families as F
from strategies.queries import probe
from strategies.queries.compose import Composer, Node, Scope, Shape

# Joins that may match a row many times, concats and explodes each multiply the rows at most so.
MAX_GROWTH = 2
# Self-joins, concats and merges write the plan's code twice; a longer plan is not doubled again.
MAX_REPEATED = 600


@dataclass(frozen=True)
class Plan:
    """A LazyFrame under construction: its code, Polars' schema of it, what is known of it."""

    code: str
    schema: Mapping[str, pl.DataType]
    ordered: bool
    lines: tuple[str, ...] = ()  # the head, then `.method(...)` per step: the readable source
    inexact: frozenset[str] = frozenset()
    used: frozenset[str] = frozenset()
    growth: int = 0
    sorted_by: tuple[str, ...] = ()  # truly sorted (ascending, nulls first) by these columns
    final: bool = False  # planning its last step panicked: no step can follow
    # sub-plans whose whole work an unoptimized evaluation of this plan does (`whole`): an error
    # the in-memory engine raises on one of them is this plan's own (`Referee`)
    parts: tuple[str, ...] = ()

    def scope(self, **changes: object) -> Scope:
        return replace(Scope(dict(self.schema), self.ordered), **changes)  # type: ignore[arg-type]


def whole(plan: Plan) -> tuple[str, ...]:
    """`plan` and its parts: what a step that reads all of it (a join's right side, a concat's
    input) does the whole work of. A bare input is no part: it cannot raise."""
    return plan.parts if plan.code.isidentifier() else (*plan.parts, plan.code)


class PlanningPanicked(Exception):
    """Polars panicked planning a step (a bug, kept in the query rather than redrawn)."""


@dataclass
class Context:
    """What steps draw with: the composer, the input plans, and Polars' schema of any code."""

    composer: Composer
    inputs: Mapping[str, Plan]  # the input plans by parameter name (`a`, `b`, `d`)
    schemas: Mapping[str, Mapping[str, pl.DataType]]
    names: itertools.count = field(default_factory=itertools.count)

    @property
    def draw(self) -> st.DrawFn:
        return self.composer.draw

    def fresh(self, stem: str = "e") -> str:
        return f"{stem}{next(self.names)}"

    def schema_of(self, code: str) -> Mapping[str, pl.DataType] | None:
        """Polars' schema of `code` over empty inputs; None where planning rejects it.

        A panic is not a rejection but a bug: it raises `PlanningPanicked`, and the plan ends with
        that step, so the check meets the panic on every lane and reports it.
        """
        frames = {n: pl.LazyFrame(schema=dict(s)) for n, s in self.schemas.items()}
        try:
            lf = eval(code, {**F.CODE_GLOBALS, **frames})  # code the grammar wrote itself
            return dict(lf.collect_schema())
        except PanicException as exc:
            raise PlanningPanicked(str(exc)) from exc
        except Exception:  # an error Polars raises while planning: the step is redrawn
            return None

    def then(self, plan: Plan, call: str, api: str, *nodes: Node, **changes: object) -> Plan | None:
        """`plan` followed by `.call`, typed by Polars; None where Polars rejects it. `parts` (a
        change) are the step's sub-plans: each of its expressions alone, its other inputs; with
        `skips` the step may not read `plan` at all (it takes no row of it, or projects literals
        only), so `plan`'s parts are no work of the new plan's."""
        code = f"{plan.code}{call}" if call.startswith(".") else call
        try:
            schema = self.schema_of(code)
        except PlanningPanicked:
            schema, changes["final"] = plan.schema, True
        if schema is None:
            return None
        inexact = plan.inexact.union(*(n.inexact for n in nodes), changes.pop("inexact", ()))
        step_parts: Sequence[str] = changes.pop("parts", ())  # type: ignore[assignment]
        inherited = () if changes.pop("skips", False) else whole(plan)
        parts = tuple(dict.fromkeys((*inherited, *step_parts)))
        used = plan.used.union(*(n.used for n in nodes), changes.pop("used", ())) | {api}
        return replace(
            plan,
            code=code,
            schema=schema,
            lines=(*plan.lines, call) if call.startswith(".") else (code,),
            inexact=inexact,
            used=used,
            sorted_by=(),
            parts=parts,
            **changes,  # type: ignore[arg-type]
        )

    def expressions(
        self, scope: Scope, count: int, shapes: Sequence[Shape] = (Shape.ROW, Shape.SCALAR)
    ) -> list[Node]:
        nodes = [self.composer.expr(scope, shapes=shapes) for _ in range(count)]
        return [n for n in nodes if n is not None]

    def column(self, plan: Plan, family: F.Family = F.ANY) -> str | None:
        names = [n for n, d in plan.schema.items() if family(d)]
        if not names:
            return None
        return self.draw(st.sampled_from(names), label="column")

    def columns(self, plan: Plan, family: F.Family = F.ANY, at_most: int = 2) -> list[str]:
        names = [n for n, d in plan.schema.items() if family(d)]
        if not names:
            return []
        picked = self.draw(
            st.lists(st.sampled_from(names), min_size=1, max_size=at_most, unique=True),
            label="columns",
        )
        return picked


Step = Callable[[Context, Plan], "Plan | None"]


def _q(name: str) -> str:
    return repr(name)


def _names(names: Sequence[str]) -> str:
    return ", ".join(_q(n) for n in names)


def _alone(plan: Plan, call: str, nodes: Sequence[Node]) -> tuple[str, ...]:
    """Each of a step's expressions alone over the plan before it (`call` = `.select`, or a group
    by's head with `.agg`): a projection evaluates every one of them on all of its input."""
    return tuple(f"{plan.code}{call}({n.code})" for n in nodes) if len(nodes) > 1 else ()


def _bools(ctx: Context, count: int, label: str) -> str:
    values = [ctx.draw(st.booleans(), label=label) for _ in range(count)]
    return repr(values[0]) if count == 1 else repr(values)


# projections


def select(ctx: Context, plan: Plan) -> Plan | None:
    """New columns beside kept ones; reductions broadcast beside row-wise siblings, or one
    expression of a free length beside reductions only."""
    scope = plan.scope()
    free = ctx.draw(st.integers(0, 5), label="free select") == 0
    nodes = ctx.expressions(scope, ctx.draw(st.integers(1, 3), label="expressions"))
    if free:
        head = ctx.composer.expr(scope, shapes=(Shape.FREE,))
        nodes = [head] + [n for n in nodes if n.shape is Shape.SCALAR] if head else nodes
    kept = (
        []
        if free
        else ctx.columns(plan, at_most=2)
        if ctx.draw(st.booleans(), label="keep")
        else []
    )
    nodes = [ctx.composer.named(n, ctx.fresh()) for n in nodes]
    exprs = [f"c({_q(n)})" for n in kept] + [n.code for n in nodes]
    if not exprs:
        return None
    method = ctx.draw(st.sampled_from(("select", "select_seq")), label="select method")
    return ctx.then(
        plan,
        f".{method}({', '.join(exprs)})",
        f"LazyFrame.{method}",
        *nodes,
        parts=_alone(plan, ".select", nodes),
        skips=not kept and not any(_reads_columns(n) for n in nodes),
    )


def _reads_columns(node: Node) -> bool:
    """Whether an expression reads a column of its input, as Polars sees it (`root_names`); a
    projection of literals (or of `pl.len()`) alone may not evaluate its input at all."""
    try:
        return bool(eval(node.code, dict(F.CODE_GLOBALS)).meta.root_names())
    except Exception:  # not an expression on its own: take it as reading nothing
        return False


def with_columns(ctx: Context, plan: Plan) -> Plan | None:
    """New or overwritten columns (an overwritten one may be read by its siblings and later steps)."""
    scope = plan.scope()
    nodes = ctx.expressions(scope, ctx.draw(st.integers(1, 3), label="expressions"))
    exprs = []
    for node in nodes:
        overwrite = ctx.draw(st.integers(0, 3), label="overwrite") == 0
        name = (
            ctx.draw(st.sampled_from(sorted(plan.schema)), label="overwritten")
            if overwrite
            else ctx.fresh()
        )
        exprs.append(ctx.composer.named(node, name))
    nodes = exprs
    if not exprs:
        return None
    method = ctx.draw(st.sampled_from(("with_columns", "with_columns_seq")), label="method")
    call = f".{method}({', '.join(n.code for n in nodes)})"
    return ctx.then(plan, call, f"LazyFrame.{method}", *nodes, parts=_alone(plan, ".select", nodes))


def filter_(ctx: Context, plan: Plan) -> Plan | None:
    scope = plan.scope()
    nodes = [
        n
        for _ in range(ctx.draw(st.integers(1, 2), label="predicates"))
        if (n := ctx.composer.expr(scope, family=F.BOOL)) is not None
    ]
    if not nodes:
        return None
    method = ctx.draw(st.sampled_from(_FILTERS), label="filter method")
    call = f".{method}({', '.join(n.code for n in nodes)})"
    return ctx.then(plan, call, f"LazyFrame.{method}", *nodes, parts=_alone(plan, ".select", nodes))


# grouping


def _keys(ctx: Context, plan: Plan) -> tuple[list[str], list[Node]]:
    """Group keys: column names, or expressions of the plan's columns (aliased)."""
    codes: list[str] = []
    nodes: list[Node] = []
    for _ in range(ctx.draw(st.integers(1, 2), label="keys")):
        if ctx.draw(st.booleans(), label="key expression"):
            node = ctx.composer.expr(plan.scope(windows=False), 2, F.FLAT, (Shape.ROW,))
            if node is not None:
                codes.append(f"{node.code}.alias({ctx.fresh('g')!r})")
                nodes.append(node)
                continue
        name = ctx.column(plan, F.FLAT)
        if name is not None and _q(name) not in codes:
            codes.append(_q(name))
    return codes, nodes


def _aggs(ctx: Context, plan: Plan, ordered: bool) -> list[Node]:
    """Aggregations: reductions, and where groups keep an order, lists of rows too."""
    scope = plan.scope(aggregating=True, ordered=ordered)
    shapes = (Shape.SCALAR, Shape.ROW, Shape.FREE) if ordered else (Shape.SCALAR,)
    nodes = ctx.expressions(scope, ctx.draw(st.integers(1, 3), label="aggregations"), shapes)
    return [ctx.composer.named(n, ctx.fresh("a")) for n in nodes]


_GROUP_METHODS = ("agg", "len", "n_unique", "sum", "min", "max", "mean", "median", "count")
# `all` gathers each group's rows into lists in row order: like the others, over defined order only
_ORDERED_GROUP_METHODS = ("first", "last", "head", "tail", "all")


def group_by(ctx: Context, plan: Plan) -> Plan | None:
    keys, key_nodes = _keys(ctx, plan)
    if not keys:
        return None
    maintain = ctx.draw(st.booleans(), label="maintain_order")
    head = f".group_by({', '.join(keys)}, maintain_order={maintain})"
    methods = _GROUP_METHODS + (_ORDERED_GROUP_METHODS if plan.ordered else ())
    method = ctx.draw(st.sampled_from(methods), label="group method")
    nodes = list(key_nodes)
    parts: tuple[str, ...] = ()
    if method == "agg":
        aggs = _aggs(ctx, plan, plan.ordered)
        if not aggs:
            return None
        nodes += aggs
        tail = f".agg({', '.join(n.code for n in aggs)})"
        parts = _alone(plan, f"{head}.agg", aggs)
    elif method in ("head", "tail"):
        tail = f".{method}({ctx.draw(st.sampled_from((1, 2, 0)), label='n')})"
    else:
        tail = f".{method}()"
    inexact = (
        {"a mean divides a sum an engine may accumulate per chunk"} if method == "mean" else set()
    )
    return ctx.then(
        plan,
        head + tail,
        f"LazyGroupBy.{method}",
        *nodes,
        ordered=maintain and plan.ordered,
        used={"LazyFrame.group_by"},
        inexact=plan.inexact | inexact,
        parts=parts,
    )


def _index(ctx: Context, plan: Plan) -> tuple[str, str] | None:
    """An integer or temporal index column and a period fitting it (`2i`, `3d`)."""
    name = ctx.column(plan, lambda d: d in (pl.Int32, pl.Int64) or F.DATELIKE(d))
    if name is None:
        return None
    dtype = plan.schema[name]
    units = ("1i", "2i", "3i") if dtype.is_integer() else ("1d", "2d", "1mo", "36h")
    return name, ctx.draw(st.sampled_from(units), label="period")


def rolling(ctx: Context, plan: Plan) -> Plan | None:
    """Rolling windows over a sorted, non-null index; the window's order among ties is not
    defined, so only order-insensitive aggregations."""
    found = _index(ctx, plan)
    if found is None:
        return None
    index, period = found
    closed = ctx.draw(st.sampled_from(("right", "left", "both", "none")), label="closed")
    prepared = f".filter(c({_q(index)}).is_not_null()).sort({_q(index)})"
    keyed = ""
    if (
        ctx.draw(st.booleans(), label="rolling group_by")
        and (key := ctx.column(plan, F.FLAT))
        and key != index
    ):
        keyed = f", group_by={_q(key)}"
        prepared = f".filter(c({_q(index)}).is_not_null()).sort({_q(key)}, {_q(index)})"
    aggs = _aggs(ctx, plan, False)
    if not aggs:
        return None
    call = (
        f"{prepared}.rolling(index_column={_q(index)}, period={period!r}, closed={closed!r}{keyed})"
        f".agg({', '.join(n.code for n in aggs)})"
    )
    return ctx.then(plan, call, "LazyFrame.rolling", *aggs, ordered=not keyed)


def group_by_dynamic(ctx: Context, plan: Plan) -> Plan | None:
    found = _index(ctx, plan)
    if found is None:
        return None
    index, every = found
    period = ctx.draw(
        st.sampled_from(("None", repr(every), repr(every.replace("1", "2")))), label="period"
    )
    closed = ctx.draw(st.sampled_from(("left", "right", "both", "none")), label="closed")
    label = ctx.draw(st.sampled_from(("left", "right", "datapoint")), label="label")
    bounds = ctx.draw(st.booleans(), label="include_boundaries")
    aggs = _aggs(ctx, plan, False)
    if not aggs:
        return None
    call = (
        f".filter(c({_q(index)}).is_not_null()).sort({_q(index)})"
        f".group_by_dynamic({_q(index)}, every={every!r}, period={period}, closed={closed!r}, "
        f"label={label!r}, include_boundaries={bounds})"
        f".agg({', '.join(n.code for n in aggs)})"
    )
    return ctx.then(plan, call, "LazyFrame.group_by_dynamic", *aggs, ordered=True)


# joins


def _other(ctx: Context, plan: Plan) -> Plan:
    """The right side: another input, or this plan itself (a self-join shares its subplan)."""
    names = sorted(ctx.inputs)
    # a plan's code is written out wherever it is used: a long one is not repeated
    choices = ["self", *names] if len(plan.code) < MAX_REPEATED else names
    choice = ctx.draw(st.sampled_from(choices), label="right side")
    return plan if choice == "self" else ctx.inputs[choice]


def _right_key(ctx: Context, right: Plan, dtype: pl.DataType) -> str | None:
    if isinstance(dtype, probe.Panicked):  # a left key Polars panics on: cast to what it plans
        if dtype.planned is None:
            return None
        dtype = dtype.planned
    same = [n for n, d in right.schema.items() if d == dtype]
    if same:
        return f"c({_q(ctx.draw(st.sampled_from(same), label='right key'))})"
    flat = [n for n, d in right.schema.items() if F.FLAT(d)]
    if not flat:
        return None
    name = ctx.draw(st.sampled_from(flat), label="right key")
    return f"c({_q(name)}).cast({F.dtype_code(dtype)}, strict=False)"


_HOWS = ("inner", "left", "right", "full", "semi", "anti", "cross")
_MAINTAIN = ("none", "left", "right", "left_right", "right_left")


def join(ctx: Context, plan: Plan) -> Plan | None:
    if plan.growth >= MAX_GROWTH:
        return None
    right = _other(ctx, plan)
    # a cross join takes the right side's first 3 rows: over unordered rows, any 3 rows
    hows = _HOWS if right.ordered else tuple(h for h in _HOWS if h != "cross")
    how = ctx.draw(st.sampled_from(hows), label="how")
    parts: list[str] = [right.code if how != "cross" else f"{right.code}.head(3)"]
    nodes: list[Node] = []
    keys: tuple[str, ...] = ()  # each side's key expression alone
    if how != "cross":
        shared = [
            n
            for n in plan.schema
            if right.schema.get(n) == plan.schema[n] and F.FLAT(plan.schema[n])
        ]
        if shared and ctx.draw(st.booleans(), label="on"):
            parts.append(
                f"on={_names(ctx.draw(st.lists(st.sampled_from(shared), min_size=1, max_size=2, unique=True), label='on'))}"
            )
        else:
            left = ctx.composer.expr(plan.scope(windows=False), 1, F.FLAT, (Shape.ROW,))
            if left is None or (right_key := _right_key(ctx, right, left.dtype)) is None:
                return None
            nodes.append(left)
            parts += [f"left_on={left.code}", f"right_on={right_key}"]
            keys = (f"{plan.code}.select({left.code})", f"{right.code}.select({right_key})")
        if ctx.draw(st.booleans(), label="nulls_equal"):
            parts.append(f"{_NULLS_EQUAL}=True")
        if how in ("left", "right", "full", "inner") and ctx.draw(st.booleans(), label="coalesce"):
            parts.append(f"coalesce={ctx.draw(st.booleans(), label='coalesce value')}")
        if ctx.draw(st.integers(0, 5), label="validate") == 0:
            parts.append(
                f"validate={ctx.draw(st.sampled_from(('1:m', 'm:1', '1:1')), label='validate')!r}"
            )
    if ctx.draw(st.booleans(), label="suffix"):
        parts.append(f"suffix={ctx.draw(st.sampled_from(('_r', '', '_right')), label='suffix')!r}")
    maintain = "none"
    if _MAINTAIN_ORDER and ctx.draw(st.booleans(), label="maintain_order"):
        maintain = ctx.draw(st.sampled_from(_MAINTAIN), label="maintain")
        parts.append(f"maintain_order={maintain!r}")
    # "left" and "right" keep one side's order only: among one row's several matches, and where
    # the other side's unmatched rows go, the order is undefined; a semi or anti join's rows are
    # the left side's, so keeping the left order defines theirs. Where both orders leave the
    # unmatched rows of a full join is not documented: both engines put them last (2.1.0)
    defines = maintain in ("left_right", "right_left") or (
        how in ("semi", "anti") and maintain == "left"
    )
    ordered = defines and plan.ordered and right.ordered and how != "cross"
    call = f".join({', '.join(parts)}, how={how!r})"
    return ctx.then(
        plan,
        call,
        "LazyFrame.join",
        *nodes,
        ordered=ordered,
        growth=plan.growth + (0 if how in ("semi", "anti") else 1),
        inexact=plan.inexact | right.inexact,
        used=plan.used | right.used,
        parts=(*whole(right), *keys),
    )


def join_asof(ctx: Context, plan: Plan) -> Plan | None:
    """The nearest right row per left row; both sides sorted stably, so among rows tied on the
    key the match is defined (only where both sides have a defined order)."""
    right = _other(ctx, plan)
    if not (plan.ordered and right.ordered):
        return None
    candidates = [
        n
        for n, d in plan.schema.items()
        if right.schema.get(n) == d and (d.is_integer() or F.DATELIKE(d))
    ]
    if not candidates:
        return None
    on = ctx.draw(st.sampled_from(candidates), label="asof on")
    strategy = ctx.draw(st.sampled_from(("backward", "forward", "nearest")), label="strategy")
    exact = ctx.draw(st.booleans(), label="allow_exact_matches")
    stable = f".filter(c({_q(on)}).is_not_null()).sort({_q(on)}, maintain_order=True)"
    code = (
        f"{plan.code}{stable}.join_asof({right.code}{stable}, on={_q(on)}, "
        f"strategy={strategy!r}, allow_exact_matches={exact})"
    )
    return ctx.then(plan, code, "LazyFrame.join_asof", parts=whole(right))


def join_where(ctx: Context, plan: Plan) -> Plan | None:
    if plan.growth >= MAX_GROWTH:
        return None
    right = _other(ctx, plan)
    renamed = {n: f"{n}_w" for n in right.schema}
    pairs = [
        (ln, renamed[rn])
        for ln, ld in plan.schema.items()
        for rn, rd in right.schema.items()
        if ld == rd and F.ORDERABLE(ld) and ld != pl.Boolean
    ]
    if not pairs:
        return None
    chosen = ctx.draw(
        st.lists(st.sampled_from(pairs), min_size=1, max_size=2, unique=True), label="pairs"
    )
    ops = [
        ctx.draw(st.sampled_from(("<", "<=", ">", ">=", "==", "!=")), label="op") for _ in chosen
    ]
    predicates = ", ".join(
        f"c({_q(a)}) {op} c({_q(b)})" for (a, b), op in zip(chosen, ops, strict=True)
    )
    mapping = ", ".join(f"{_q(k)}: {_q(v)}" for k, v in renamed.items())
    call = f".join_where({right.code}.rename({{{mapping}}}), {predicates})"
    return ctx.then(
        plan,
        call,
        "LazyFrame.join_where",
        ordered=False,
        growth=plan.growth + 1,
        parts=whole(right),
    )


def merge_sorted(ctx: Context, plan: Plan) -> Plan | None:
    if len(plan.code) >= MAX_REPEATED:
        return None
    key = ctx.column(plan, F.ORDERABLE)
    if key is None:
        return None
    other = ctx.composer.expr(plan.scope(), 1, F.BOOL)
    other_code = f"{plan.code}.filter({other.code})" if other is not None else plan.code
    code = f"{plan.code}.sort({_q(key)}).merge_sorted({other_code}.sort({_q(key)}), key={_q(key)})"
    return ctx.then(
        plan,
        code,
        "LazyFrame.merge_sorted",
        ordered=False,
        growth=plan.growth + 1,
        parts=(other_code,),
    )


# order and rows


def sort(ctx: Context, plan: Plan) -> Plan | None:
    keys: list[str] = []
    nodes: list[Node] = []
    for _ in range(ctx.draw(st.integers(1, 3), label="sort keys")):
        if ctx.draw(st.integers(0, 2), label="sort expression") == 0:
            node = ctx.composer.expr(plan.scope(), 2, F.ORDERABLE, (Shape.ROW,))
            if node is not None:
                keys.append(node.code)
                nodes.append(node)
                continue
        name = ctx.column(plan, F.ORDERABLE)
        if name is not None and _q(name) not in keys:
            keys.append(_q(name))
    if not keys:
        return None
    descending = _bools(ctx, len(keys), "descending")
    nulls_last = _bools(ctx, len(keys), "nulls_last")
    maintain = ctx.draw(st.booleans(), label="maintain_order")
    call = f".sort({', '.join(keys)}, descending={descending}, nulls_last={nulls_last}, maintain_order={maintain})"
    total = {_q(n) for n, d in plan.schema.items()} <= set(keys) and all(
        F.ORDERABLE(d) for d in plan.schema.values()
    )
    single = [k for k in keys if k.startswith("'")]
    nxt = ctx.then(
        plan, call, "LazyFrame.sort", *nodes, ordered=(maintain and plan.ordered) or total
    )
    if nxt is None:
        return None
    if len(keys) == 1 and single and descending == "False" and nulls_last == "False":
        nxt = replace(nxt, sorted_by=(single[0][1:-1],))
    return nxt


def set_sorted(ctx: Context, plan: Plan) -> Plan | None:
    """A sortedness promise, only on a column the plan truly sorted."""
    if not plan.sorted_by:
        return None
    return ctx.then(plan, f".set_sorted({_q(plan.sorted_by[0])})", "LazyFrame.set_sorted")


def unique(ctx: Context, plan: Plan) -> Plan | None:
    subset = ctx.columns(plan, F.FLAT) if ctx.draw(st.booleans(), label="subset") else []
    keeps = (
        ("any", "none", "first", "last")
        if not subset
        else ("none",) + (("first", "last") if plan.ordered else ())
    )
    keep = ctx.draw(st.sampled_from(keeps), label="keep")
    maintain = ctx.draw(st.booleans(), label="maintain_order")
    sub = f"subset=[{_names(subset)}], " if subset else ""
    call = f".unique({sub}keep={keep!r}, maintain_order={maintain})"
    return ctx.then(plan, call, "LazyFrame.unique", ordered=maintain and plan.ordered)


def slice_(ctx: Context, plan: Plan) -> Plan | None:
    if not plan.ordered:
        return None
    kind = ctx.draw(
        st.sampled_from(("slice", "head", "tail", "limit", "gather_every")), label="slice kind"
    )
    none = False  # no row taken: the input need not be read
    if kind == "slice":
        offset = ctx.draw(st.sampled_from((1, 0, -2, 5, -20)), label="offset")
        length = ctx.draw(st.sampled_from(("None", "2", "0", "100")), label="length")
        call, none = f".slice({offset}, {length})", length == "0"
    elif kind == "gather_every":
        call = f".gather_every({ctx.draw(st.sampled_from((2, 1, 3)), label='n')}, offset={ctx.draw(st.sampled_from((0, 1)), label='offset')})"
    else:
        n = ctx.draw(st.sampled_from((2, 0, 1, 50)), label="n")
        call, none = f".{kind}({n})", n == 0
    return ctx.then(plan, call, f"LazyFrame.{kind}", skips=none)


def reverse(ctx: Context, plan: Plan) -> Plan | None:
    return ctx.then(plan, ".reverse()", "LazyFrame.reverse")


def with_row_index(ctx: Context, plan: Plan) -> Plan | None:
    if not plan.ordered:
        return None
    offset = ctx.draw(st.sampled_from((0, 1, 100)), label="offset")
    return ctx.then(
        plan, f".with_row_index({ctx.fresh('i')!r}, offset={offset})", "LazyFrame.with_row_index"
    )


def shift(ctx: Context, plan: Plan) -> Plan | None:
    if not plan.ordered:
        return None
    n = ctx.draw(st.sampled_from((1, -1, 2, 0)), label="n")
    return ctx.then(plan, f".shift({n})", "LazyFrame.shift")


def frame_fill(ctx: Context, plan: Plan) -> Plan | None:
    choice = ctx.draw(
        st.sampled_from(("fill_null", "fill_nan", "drop_nulls", "drop_nans", "interpolate")),
        label="fill",
    )
    if choice == "fill_null":
        strategies = ("'zero'", "'max'", "'min'", "'one'") + (
            ("'forward'", "'backward'") if plan.ordered else ()
        )
        if ctx.draw(st.booleans(), label="fill value"):
            literal = ctx.composer.literal(F.ANY)
            call = f".fill_null({literal.code})" if literal is not None else ".fill_null(0)"
        else:
            call = f".fill_null(strategy={ctx.draw(st.sampled_from(strategies), label='strategy')})"
    elif choice == "fill_nan":
        call = ".fill_nan(None)"
    elif choice == "interpolate":
        if not plan.ordered:
            return None
        call = ".interpolate()"
    else:
        subset = ctx.columns(plan) if ctx.draw(st.booleans(), label="subset") else []
        call = f".{choice}({f'subset=[{_names(subset)}]' if subset else ''})"
    return ctx.then(plan, call, f"LazyFrame.{choice}")


_FRAME_AGGS = (
    "sum",
    "min",
    "max",
    "mean",
    "median",
    "std",
    "var",
    "null_count",
    "count",
    "quantile",
)


def frame_aggregate(ctx: Context, plan: Plan) -> Plan | None:
    """One row per column: the LazyFrame's own reductions (`first`/`last` need an order)."""
    aggs = _FRAME_AGGS + (("first", "last") if plan.ordered else ())
    method = ctx.draw(st.sampled_from(aggs), label="frame aggregation")
    args = "0.5, interpolation='nearest'" if method == "quantile" else ""
    inexact = (
        {"means and variances accumulate per chunk"} if method in ("mean", "std", "var") else set()
    )
    return ctx.then(
        plan,
        f".{method}({args})",
        f"LazyFrame.{method}",
        ordered=True,
        inexact=plan.inexact | inexact,
    )


def top_k(ctx: Context, plan: Plan) -> Plan | None:
    """The k greatest rows by every column (so ties cannot pick different rows)."""
    if not all(F.ORDERABLE(d) for d in plan.schema.values()):
        return None
    method = ctx.draw(st.sampled_from(("top_k", "bottom_k")), label="k method")
    k = ctx.draw(st.sampled_from((2, 0, 5)), label="k")
    return ctx.then(
        plan,
        f".{method}({k}, by=[{_names(list(plan.schema))}])",
        f"LazyFrame.{method}",
        ordered=False,
        skips=k == 0,
    )


# reshaping


def rename(ctx: Context, plan: Plan) -> Plan | None:
    """To fresh names, or swapping two names in use."""
    names = sorted(plan.schema)
    if len(names) >= 2 and ctx.draw(st.booleans(), label="swap"):
        a, b = ctx.draw(
            st.lists(st.sampled_from(names), min_size=2, max_size=2, unique=True), label="swap"
        )
        mapping = f"{{{_q(a)}: {_q(b)}, {_q(b)}: {_q(a)}}}"
    else:
        name = ctx.draw(st.sampled_from(names), label="renamed")
        mapping = f"{{{_q(name)}: {ctx.fresh('r')!r}}}"
    return ctx.then(plan, f".rename({mapping})", "LazyFrame.rename")


def drop(ctx: Context, plan: Plan) -> Plan | None:
    if len(plan.schema) < 2:
        return None
    name = ctx.draw(st.sampled_from(sorted(plan.schema)), label="dropped")
    return ctx.then(plan, f".drop({_q(name)})", "LazyFrame.drop")


def cast(ctx: Context, plan: Plan) -> Plan | None:
    name = ctx.column(plan, F.FLAT)
    if name is None:
        return None
    target = ctx.draw(
        st.sampled_from(("pl.String", "pl.Int64", "pl.Float64", "pl.Int16")), label="cast to"
    )
    return ctx.then(plan, f".cast({{{_q(name)}: {target}}}, strict=False)", "LazyFrame.cast")


def explode(ctx: Context, plan: Plan) -> Plan | None:
    if plan.growth >= MAX_GROWTH:
        return None
    name = ctx.column(plan, lambda d: F.LIST(d) or F.ARRAY(d))
    if name is None:
        return None
    options = ""
    if _EXPLODE_OPTIONS and ctx.draw(st.booleans(), label="explode options"):
        options = f", empty_as_null={ctx.draw(st.booleans(), label='e')}, keep_nulls={ctx.draw(st.booleans(), label='k')}"
    return ctx.then(
        plan, f".explode({_q(name)}{options})", "LazyFrame.explode", growth=plan.growth + 1
    )


def unnest(ctx: Context, plan: Plan) -> Plan | None:
    name = ctx.column(plan, F.STRUCT)
    if name is None:
        return None
    separator = (
        ", separator='.'" if _UNNEST_SEPARATOR and ctx.draw(st.booleans(), label="sep") else ""
    )
    return ctx.then(plan, f".unnest({_q(name)}{separator})", "LazyFrame.unnest")


def unpivot(ctx: Context, plan: Plan) -> Plan | None:
    on = ctx.columns(plan, F.NUM)
    if not on:
        return None
    index = [n for n in plan.schema if n not in on][:1]
    idx = f", index={_names(index)}" if index else ""
    # its row order is not documented: in memory one `on` column's rows follow another's, the
    # streaming engine interleaves them row by row
    return ctx.then(
        plan,
        f".unpivot(on=[{_names(on)}]{idx})",
        "LazyFrame.unpivot",
        ordered=False,
        growth=plan.growth + 1,
    )


def pivot(ctx: Context, plan: Plan) -> Plan | None:
    """A lazy pivot (which needs its output columns named up front)."""
    on = ctx.column(plan, F.STR)
    values = ctx.column(plan, F.NUM)
    index = ctx.column(plan, lambda d: F.FLAT(d) and not d.is_float())
    if None in (on, values, index) or len({on, values, index}) < 3:
        return None
    agg = ctx.draw(st.sampled_from(("'sum'", "'min'", "'len'", "'max'")), label="aggregate")
    call = (
        f".pivot(on={_q(on)}, on_columns=['a', 'b', ''], index={_q(index)}, values={_q(values)}, "
        f"aggregate_function={agg})"
    )
    return ctx.then(plan, call, "LazyFrame.pivot", ordered=False)


def concat(ctx: Context, plan: Plan) -> Plan | None:
    """`pl.concat` of this plan with a derived one: vertical (same schema), diagonal (a subset),
    horizontal (renamed columns, aligned by position)."""
    if plan.growth >= MAX_GROWTH or len(plan.code) >= MAX_REPEATED:
        return None
    how = ctx.draw(
        st.sampled_from(
            ("vertical", "diagonal", "horizontal", "vertical_relaxed", "diagonal_relaxed")
        ),
        label="how",
    )
    predicate = ctx.composer.expr(plan.scope(), 1, F.BOOL)
    other = (
        f"{plan.code}.filter({predicate.code})"
        if predicate is not None
        else f"{plan.code}.reverse()"
    )
    if how.startswith("diagonal"):
        kept = ctx.columns(plan, at_most=2)
        other = f"{other}.select({_names(kept)})"
    if how == "horizontal":
        if not plan.ordered:
            return None
        other = f"{plan.code}.select(pl.all().name.suffix('_h'))"
    code = f"pl.concat([{plan.code}, {other}], how={how!r})"
    ordered = plan.ordered
    return ctx.then(
        plan,
        code,
        "pl.concat",
        ordered=ordered,
        growth=plan.growth + (how != "horizontal"),
        parts=(other,),
    )


def sql(ctx: Context, plan: Plan) -> Plan | None:
    """The plan queried with SQL (`LazyFrame.sql`): a projection and a predicate."""
    numeric = [n for n, d in plan.schema.items() if d.is_integer() and n.isidentifier()]
    kept = [n for n, d in plan.schema.items() if F.FLAT(d) and n.isidentifier()]
    if not numeric or not kept:
        return None
    where = ctx.draw(st.sampled_from(numeric), label="sql where")
    bound = ctx.draw(st.sampled_from((0, 1, -1)), label="bound")
    cols = ", ".join(f'"{n}"' for n in kept)
    return ctx.then(
        plan, f".sql('SELECT {cols} FROM self WHERE \"{where}\" > {bound}')", "LazyFrame.sql"
    )


def udf(ctx: Context, plan: Plan) -> Plan | None:
    """Opaque Python functions at plan level: `map_batches` and `pipe` with deterministic callables."""
    choice = ctx.draw(st.sampled_from(("map_batches", "pipe", "cache")), label="udf")
    if choice == "map_batches":
        return ctx.then(plan, ".map_batches(lambda df: df)", "LazyFrame.map_batches")
    if choice == "pipe":
        return ctx.then(plan, ".pipe(lambda lf: lf.cache())", "LazyFrame.pipe")
    return ctx.then(plan, ".cache()", "LazyFrame.cache")


def update(ctx: Context, plan: Plan) -> Plan | None:
    right = _other(ctx, plan)
    shared = [
        n for n in plan.schema if right.schema.get(n) == plan.schema[n] and F.FLAT(plan.schema[n])
    ]
    if not shared:
        return None
    on = ctx.draw(st.sampled_from(shared), label="update on")
    how = ctx.draw(st.sampled_from(("left", "inner", "full")), label="update how")
    nulls = ctx.draw(st.booleans(), label="include_nulls")
    deduped = f"{right.code}.unique(subset=[{_q(on)}], keep='none')"
    call = f".update({deduped}, on={_q(on)}, how={how!r}, include_nulls={nulls})"
    return ctx.then(
        plan,
        call,
        "LazyFrame.update",
        ordered=plan.ordered and how == "left",
        parts=(*whole(right), deduped),
    )


def reshape_identity(ctx: Context, plan: Plan) -> Plan | None:
    """Steps that keep the rows but rebuild the frame: `clear`, `clone`, `lazy`,
    `match_to_schema` (to its own schema), `pipe_with_schema` (columns reversed), `gather`."""
    options = ["clone", "lazy", "clear", "match_to_schema", "pipe_with_schema"]
    if plan.ordered:
        options.append("gather")
    kind = ctx.draw(
        st.sampled_from([o for o in options if hasattr(pl.LazyFrame, o)]), label="rebuild"
    )
    if kind == "clear":
        call = f".clear({ctx.draw(st.sampled_from((0, 2)), label='n')})"
    elif kind == "match_to_schema":
        schema = ", ".join(f"{_q(n)}: {F.dtype_code(d)}" for n, d in plan.schema.items())
        call = f".match_to_schema({{{schema}}})"
    elif kind == "pipe_with_schema":
        call = ".pipe_with_schema(lambda lf, schema: lf.select(list(schema)[::-1]))"
    elif kind == "gather":
        call = f".gather({ctx.draw(st.sampled_from(('[0, -1]', '[1, 1, 0]', '[]')), label='indices')}, null_on_oob=True)"
    else:
        call = f".{kind}()"
    # `clear` keeps the schema only; gathering no row takes none
    skips = kind == "clear" or call.startswith(".gather([]")
    return ctx.then(plan, call, f"LazyFrame.{kind}", skips=skips)


# The plan grammar: each entry a step and its weight (how often it is drawn).
STEPS: Mapping[str, tuple[Step, int]] = {
    "filter": (filter_, 4),
    "with_columns": (with_columns, 4),
    "select": (select, 3),
    "group_by": (group_by, 3),
    "join": (join, 3),
    "sort": (sort, 2),
    "unique": (unique, 2),
    "slice": (slice_, 2),
    "rolling": (rolling, 1),
    "group_by_dynamic": (group_by_dynamic, 1),
    "join_asof": (join_asof, 1),
    "join_where": (join_where, 1),
    "merge_sorted": (merge_sorted, 1),
    "set_sorted": (set_sorted, 3),  # drawn only right after a sort by one column
    "reverse": (reverse, 1),
    "with_row_index": (with_row_index, 1),
    "shift": (shift, 1),
    "fill": (frame_fill, 1),
    "frame_aggregate": (frame_aggregate, 1),
    "top_k": (top_k, 1),
    "rename": (rename, 1),
    "drop": (drop, 1),
    "cast": (cast, 1),
    "explode": (explode, 1),
    "unnest": (unnest, 1),
    "unpivot": (unpivot, 1),
    "pivot": (pivot, 1),
    "concat": (concat, 1),
    "sql": (sql, 1),
    "udf": (udf, 1),
    "update": (update, 1),
    "rebuild": (reshape_identity, 1),
}

# What usually follows a step, so the optimizer has something to move: a filter to push below a
# join or group_by, a select to push below with_columns, a slice to push into a sort or unique.
FOLLOW_UPS: Mapping[str, Mapping[str, int]] = {
    "join": {"filter": 5, "select": 2},
    "join_where": {"filter": 4},
    "group_by": {"filter": 5, "sort": 2},
    "with_columns": {"select": 4, "with_columns": 2, "filter": 2},
    "concat": {"filter": 3, "select": 2},
    "sort": {"slice": 6},
    "unique": {"slice": 5},
}

# LazyFrame methods the grammar leaves out on purpose, each with why (the reach benchmark lists
# them): they run, print, write or describe a query rather than build one.
LAZYFRAME_EXCLUDED: dict[str, str] = {
    **{
        f"LazyFrame.{name}": "runs the query: the engine and output-mode lanes call it"
        for name in ("collect", "collect_async", "collect_batches", "execute", "fetch", "profile")
    },
    **{
        f"LazyFrame.{name}": "writes the result: the output-mode lanes call it"
        for name in (
            "sink_batches",
            "sink_csv",
            "sink_delta",
            "sink_iceberg",
            "sink_ipc",
            "sink_ndjson",
            "sink_parquet",
        )
    },
    **{
        f"LazyFrame.{name}": "describes the plan, builds none: probes and properties read it"
        for name in (
            "collect_schema",
            "columns",
            "dtypes",
            "schema",
            "width",
            "explain",
            "show_graph",
        )
    },
    "LazyFrame.serialize": "the serialization twin and properties round-trip every query",
    "LazyFrame.deserialize": "reads bytes: only the serialization twin deserializes what it wrote",
    "LazyFrame.describe": "an eager summary of statistics, not a plan step",
    "LazyFrame.inspect": "prints its input as a side effect",
    "LazyFrame.show": "prints its input as a side effect",
    "LazyFrame.remote": "Polars Cloud, which a local run cannot reach",
    "LazyFrame.from_lazyframe_resolver": "an internal constructor",
    "LazyFrame.melt": "deprecated alias of unpivot",
    "LazyFrame.with_row_count": "deprecated alias of with_row_index (1.x)",
    "LazyFrame.with_context": "deprecated (horizontal concat covers it)",
    "LazyFrame.approx_n_unique": "deprecated alias of select(pl.all().approx_n_unique())",
}


def _has(method: str, param: str) -> bool:
    import inspect

    func = getattr(pl.LazyFrame, method, None)
    return func is not None and param in inspect.signature(func).parameters


_FILTERS = ("filter", "remove") if hasattr(pl.LazyFrame, "remove") else ("filter",)
_MAINTAIN_ORDER = _has("join", "maintain_order")
_NULLS_EQUAL = "nulls_equal" if _has("join", "nulls_equal") else "join_nulls"
_EXPLODE_OPTIONS = _has("explode", "empty_as_null")
_UNNEST_SEPARATOR = _has("unnest", "separator")

"""Multi-step query pipelines: one generated lazy query whose steps give the optimizer work.

A pipeline is source code: the text of a lambda over one or two input LazyFrames (`a`, `b`),
composed step by step, each step drawn from the schema the previous one produced (tracked here, not
asked of Polars), and evaluated in a namespace holding only `pl` and `c = pl.col`, so records and
standalone reproducers carry the exact query. Steps lean toward what the optimizer rewrites:
filters after joins and group_bys (predicate pushdown), selects after with_columns (projection
pushdown), slices after sorts and uniques (slice pushdown), chained with_columns
(cluster_with_columns), shared subexpressions, and the same subplan used twice (common-subplan
elimination).

Row order is tracked as the pipeline grows. A step that leaves it undefined (group_by or unique
without maintain_order, most joins) makes the result order-free unless a later sort fixes a total
order; while it is undefined, no step whose *values* depend on it (slices, first/last, implode,
cum_sum, shift, unique keeping the first row) is drawn.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import hypothesis.strategies as st
import polars as pl

from conformance.judge.compare import Rules, Tolerance
from strategies import dtypes as D
from strategies.frames import Col, Frame

# Column kinds: all a step needs to know to draw a valid expression on a column.
KEY = "key"  # from the key pool, never rewritten: joins and group_bys match on it
NUM = "num"  # integer or float
FLOAT = "float"
STR = "str"
BOOL = "bool"
LIST = "list"
OTHER = "other"  # any dtype: carried along, tested for nulls
_NUMERIC = (NUM, FLOAT)
_SORTABLE = (KEY, NUM, FLOAT, STR, BOOL)

STEP_KINDS = (
    "filter",
    "with_columns",
    "select",
    "group_by",
    "join",
    "self_join",
    "concat",
    "sort",
    "unique",
    "slice",
    "explode",
)
_BASE_WEIGHTS = {
    "filter": 3,
    "with_columns": 3,
    "select": 2,
    "group_by": 2,
    "join": 3,
    "self_join": 2,
    "concat": 1,
    "sort": 2,
    "unique": 2,
    "slice": 2,
    "explode": 1,
}
# What usually follows a step, so the optimizer has something to move: a filter to push below a
# join or group_by, a select to push below with_columns, a slice to push into a sort or unique.
_FOLLOW_UPS = {
    "join": {"filter": 5, "select": 2},
    "self_join": {"filter": 5},
    "group_by": {"filter": 5},
    "with_columns": {"select": 4, "with_columns": 2, "filter": 2},
    "concat": {"filter": 3, "select": 2},
    "sort": {"slice": 6},
    "unique": {"slice": 5},
}
MAX_STEPS = 6
# Joins whose right side may match a row many times, and concats, each multiply the row count.
_MAX_GROWTH = 2
_JOIN_MAINTAIN_ORDER = "maintain_order" in inspect.signature(pl.LazyFrame.join).parameters
_HOWS = ("inner", "left", "semi", "anti", "full")
# Before global categories (`pl.Categories`, 1.32), categoricals of two frames, or of two branches
# of one plan, compare only under a StringCache, which a generated query cannot set up.
_KEYS = (
    D.keys if hasattr(pl, "Categories") else D.keys.filter(lambda dtype: dtype != pl.Categorical)
)
_EXPLODE_OPTIONS = "empty_as_null" in inspect.signature(pl.LazyFrame.explode).parameters


def evaluate(code: str) -> Callable[..., pl.LazyFrame]:
    """A pipeline's text as a function: evaluated with only `pl` and `c` in scope."""
    return eval(code, {"pl": pl, "c": pl.col})  # the strategy wrote this text itself


@dataclass(frozen=True)
class Column:
    kind: str
    literal: str | None = None  # key columns: a value of their dtype, as code
    inner: str | None = None  # list columns: the kind of their elements
    # set by an expression builder whose values round in an engine-dependent way: why they do
    inexact: str | None = None


# The builders whose results are inexact, each with its reason (the `inexact` of their Column).
MEAN_DIVIDES = (
    "mean divides the sum by the count, and an engine may compute a running mean merged per chunk"
)


@dataclass(frozen=True)
class _Plan:
    """A LazyFrame under construction: its code, the schema it yields, and what is known of it."""

    parts: tuple[str, ...]  # the head, then one `.method(...)` per chained step
    schema: Mapping[str, Column]
    ordered: bool  # row order is defined
    unique_on: frozenset[str] | None = None  # columns no two rows agree on (group keys, subset)
    growth: int = 0
    inexact: frozenset[str] = frozenset()  # why some values on the way may round: see Column

    @property
    def code(self) -> str:
        return "".join(self.parts)

    def then(self, part: str, **changes: object) -> _Plan:
        """The plan with one more step; an inexact column it adds stays a reason to the end."""
        schema = changes.get("schema")
        columns = schema.values() if isinstance(schema, Mapping) else ()
        reasons = {col.inexact for col in columns if col.inexact}
        return replace(
            self,
            parts=(*self.parts, part),
            inexact=self.inexact | reasons,
            **changes,  # type: ignore[arg-type]
        )

    def key_columns(self) -> list[str]:
        return [n for n, col in self.schema.items() if col.kind == KEY]


@dataclass(frozen=True, repr=False)
class Pipeline:
    """One generated query over `inputs`, as code; `ordered` says which comparison applies."""

    code: str  # `lambda a, b: ...` on one line
    source: str  # `query = (...)`, one chained step per line: what records and reproducers show
    inputs: tuple[Frame, ...]
    schemas: tuple[dict[str, pl.DataType], ...]  # the concrete input dtypes
    ordered: bool  # the result's row order is defined (else compare order-free)
    steps: tuple[str, ...]  # the kind of each step, in order
    columns: tuple[str, ...]  # the result's column names, as tracked while composing
    query: Callable[..., pl.LazyFrame] = field(compare=False)
    inexact: tuple[str, ...] = ()  # why an inexact builder's values may round: see Column

    @property
    def rules(self) -> Rules:
        """Exact comparison, unless an inexact builder was used; in order where order is defined."""
        tolerance = (
            Tolerance(rel=1e-9, abs=1e-12, reason="; ".join(self.inexact)) if self.inexact else None
        )
        return Rules(ordered=self.ordered, tolerance=tolerance)

    def __repr__(self) -> str:
        return f"{self.source}  # steps: {', '.join(self.steps)}; ordered: {self.ordered}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Hypothesis prints a falsifying draw with this: the query as code."""
        printer.text(repr(self))


def _e(name: str) -> str:
    return f'c("{name}")'


def _names(names: Sequence[str]) -> str:
    return f'"{names[0]}"' if len(names) == 1 else "[" + ", ".join(f'"{n}"' for n in names) + "]"


def _literal(dtype: pl.DataType) -> str:
    """A value of a key dtype that the key pool holds (see `strategies.frames.key_values`)."""
    if dtype.is_integer():
        return "1"
    if dtype == pl.Boolean:
        return "True"
    if dtype == pl.Date:
        return "pl.date(2000, 2, 29)"
    return '"a"'  # String, Categorical, Enum


def _column_kind(dtype: pl.DataType) -> Column:
    if dtype.is_float():
        return Column(FLOAT)
    if dtype.is_numeric():
        return Column(NUM)
    if dtype == pl.String:
        return Column(STR)
    if dtype == pl.Boolean:
        return Column(BOOL)
    if isinstance(dtype, pl.List):
        return Column(LIST, inner=_column_kind(dtype.inner).kind)
    return Column(OTHER)


class _Composer:
    """Draws steps onto plans; one per pipeline (it numbers new columns and bound subplans)."""

    def __init__(self, draw: st.DrawFn, inputs: Mapping[str, _Plan]) -> None:
        self.draw = draw
        self.inputs = inputs
        self._ids = itertools.count(1)

    def _pick(self, options: Sequence[object], label: str) -> object:
        return self.draw(st.sampled_from(list(options)), label=label)

    def _coin(self, label: str, p_true_in: int = 2) -> bool:
        """True with probability 1/p_true_in (False shrinks first)."""
        return self.draw(st.integers(1, p_true_in), label=label) == p_true_in

    def fresh(self, stem: str) -> str:
        return f"{stem}_{next(self._ids)}"

    # --- expressions ------------------------------------------------------------------------

    def predicate(self, plan: _Plan) -> str:
        atoms: list[str] = []
        numeric = [n for n, col in plan.schema.items() if col.kind in _NUMERIC]
        for name, col in plan.schema.items():
            e = _e(name)
            if col.kind == KEY:
                lit = col.literal
                atoms += [f"{e} == {lit}", f"{e} != {lit}", f"{e}.is_not_null()"]
            elif col.kind in _NUMERIC:
                atoms += [f"{e} > 0", f"{e} <= 1", f"{e}.is_between(0, 3)"]
                if col.kind == FLOAT:
                    atoms.append(f"~{e}.is_nan()")
            elif col.kind == STR:
                atoms += [f'{e}.str.contains("a", literal=True)', f'{e} != ""']
            elif col.kind == BOOL:
                atoms += [e, f"~{e}"]
            elif col.kind == LIST:
                atoms.append(f"{e}.list.len() > 0")
            else:
                atoms.append(f"{e}.is_not_null()")
        if len(numeric) >= 2:
            atoms.append(f"{_e(numeric[0])} > {_e(numeric[1])}")
        first = str(self._pick(atoms, "predicate"))
        combine = self._pick(["", "&", "|"], "combine predicates")
        if not combine:
            return first
        return f"({first}) {combine} ({self._pick(atoms, 'second predicate')})"

    def derived(self, plan: _Plan) -> list[tuple[str, Column]]:
        """Element-wise (and window) expressions valid on `plan`'s columns, with their kinds."""
        keys = plan.key_columns()
        out: list[tuple[str, Column]] = []
        numeric = [n for n, col in plan.schema.items() if col.kind in _NUMERIC]
        for name, col in plan.schema.items():
            e = _e(name)
            if col.kind in _NUMERIC:
                same = Column(col.kind)
                out += [
                    (f"{e} + 1", same),
                    (f"{e} * 2", same),
                    (f"{e}.fill_null(0)", same),
                    (f"pl.when({e} > 0).then({e}).otherwise(None)", same),
                    (f"{e}.cast(pl.Float64)", Column(FLOAT)),
                    (f"{e}.cast(pl.Int64, strict=False)", Column(NUM)),
                    (f"{e}.cast(pl.String)", Column(STR)),
                    (f"{e} > 1", Column(BOOL)),
                ]
                if keys:
                    out += [
                        (f"{e}.sum().over({_names(keys[:1])})", same),
                        (f"{e}.max().over({_names(keys)})", same),
                    ]
                if plan.ordered:
                    out += [
                        (f"{e}.cum_sum()", same),
                        (f"{e}.shift(1)", same),
                        (f"{e} - pl.int_range(pl.len())", Column(NUM)),
                    ]
            elif col.kind == STR:
                out += [
                    (f"{e}.str.to_uppercase()", Column(STR)),
                    (f"{e}.str.slice(0, 2)", Column(STR)),
                    (f'{e} + "_"', Column(STR)),
                    (f"{e}.str.len_chars()", Column(NUM)),
                    (f'{e}.str.contains("a", literal=True)', Column(BOOL)),
                ]
            elif col.kind == KEY:
                out += [
                    (f"{e}.cast(pl.String)", Column(STR)),
                    (f"{e}.is_null()", Column(BOOL)),
                    (f"pl.len().over({e})", Column(NUM)),
                ]
            elif col.kind == BOOL:
                out += [(f"~{e}", Column(BOOL)), (f"{e}.cast(pl.Int32)", Column(NUM))]
            elif col.kind == LIST:
                out += [
                    (f"{e}.list.len()", Column(NUM)),
                    (f"{e}.list.reverse()", col),
                    (f"{e}.list.head(2)", col),
                ]
                if col.inner in _NUMERIC:
                    out.append((f"{e}.list.sum()", Column(col.inner)))
            else:
                out.append((f"{e}.is_null()", Column(BOOL)))
        if len(numeric) >= 2:
            kinds = {plan.schema[n].kind for n in numeric[:2]}
            out.append(
                (f"{_e(numeric[0])} + {_e(numeric[1])}", Column(FLOAT if FLOAT in kinds else NUM))
            )
        return out

    def aggregations(self, plan: _Plan, by: Sequence[str]) -> list[tuple[str, Column]]:
        """Aggregations of `plan`'s non-key columns; order-dependent ones only under a defined order."""
        out: list[tuple[str, Column]] = [("pl.len()", Column(NUM))]
        for name, col in plan.schema.items():
            if name in by:
                continue
            e = _e(name)
            if col.kind in _NUMERIC:
                same = Column(col.kind)
                out += [
                    (f"{e}.sum()", same),
                    (f"{e}.min()", same),
                    (f"{e}.max()", same),
                    (f"{e}.mean()", Column(FLOAT, inexact=MEAN_DIVIDES)),
                    (f"{e}.n_unique()", Column(NUM)),
                    (f"{e}.filter({e} > 0).sum()", same),
                ]
            elif col.kind == STR:
                out += [(f"{e}.min()", Column(STR)), (f"{e}.max()", Column(STR))]
            elif col.kind == BOOL:
                out += [(f"{e}.sum()", Column(NUM)), (f"{e}.any()", Column(BOOL))]
            out += [(f"{e}.count()", Column(NUM))]
            if col.kind == KEY:
                out.append((f"{e}.n_unique()", Column(NUM)))
            elif plan.ordered:
                out += [(f"{e}.first()", col), (f"{e}.last()", col)]
                if col.kind != LIST:
                    out.append((e, Column(LIST, inner=col.kind)))  # implode: order inside a list
        return out

    # --- steps: each takes a plan and returns the next, or None where it does not apply ----------

    def filter(self, plan: _Plan) -> _Plan:
        return plan.then(f".filter({self.predicate(plan)})", unique_on=plan.unique_on)

    def with_columns(self, plan: _Plan) -> _Plan:
        """1-3 chained calls, each 1-3 expressions: new columns, overwrites, shared subexpressions
        (or, under a defined order, a row index)."""
        for _ in range(self.draw(st.integers(1, 3), label="with_columns calls")):
            if plan.ordered and self._coin("row index", 8):
                name = self.fresh("i")
                schema = {name: Column(NUM), **plan.schema}
                plan = plan.then(f'.with_row_index("{name}")', schema=schema)
                continue
            schema = dict(plan.schema)
            exprs: list[str] = []
            numeric = [n for n, col in plan.schema.items() if col.kind in _NUMERIC]
            if numeric and self._coin("shared subexpression", 4):
                operand = str(self._pick(numeric, "shared operand"))
                shared = f"({_e(operand)} * 2)"
                for suffix in (" + 1", " - 1"):
                    name = self.fresh("cse")
                    exprs.append(f'({shared}{suffix}).alias("{name}")')
                    schema[name] = Column(plan.schema[operand].kind)
            candidates = self.derived(plan)
            overwritten: set[str] = set()
            for _ in range(self.draw(st.integers(1, 3), label="expressions")):
                code, col = self._pick(candidates, "expression")  # type: ignore[misc]
                same_kind = [
                    n
                    for n, c in plan.schema.items()
                    if c.kind == col.kind and c.kind != KEY and n not in overwritten
                ]
                if same_kind and self._coin("overwrite", 4):
                    name = str(self._pick(same_kind, "overwritten column"))
                    overwritten.add(name)
                else:
                    name = self.fresh("w")
                exprs.append(f'({code}).alias("{name}")')
                schema[name] = col
            unique_on = plan.unique_on if not (overwritten & (plan.unique_on or set())) else None
            plan = plan.then(
                f".with_columns({', '.join(exprs)})", schema=schema, unique_on=unique_on
            )
        return plan

    def select(self, plan: _Plan) -> _Plan:
        """A projection: chosen columns (and one computed), or columns dropped or renamed."""
        others = [n for n, col in plan.schema.items() if col.kind != KEY]
        shape = self._pick(["select", "drop", "rename"] if others else ["select"], "projection")
        if shape != "select":
            name = str(self._pick(others, f"{shape} column"))
            unique_on = plan.unique_on if name not in (plan.unique_on or set()) else None
            if shape == "drop" and len(plan.schema) > 1:
                schema = {n: col for n, col in plan.schema.items() if n != name}
                return plan.then(f'.drop("{name}")', schema=schema, unique_on=unique_on)
            new = self.fresh("r")
            schema = {new if n == name else n: col for n, col in plan.schema.items()}
            return plan.then(f'.rename({{"{name}": "{new}"}})', schema=schema, unique_on=unique_on)
        names = list(plan.schema)
        chosen = self.draw(
            st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=len(names)),
            label="selected columns",
        )
        keys = [k for k in plan.key_columns() if k not in chosen]
        if keys and not self._coin("drop the keys", 5):
            chosen = [*keys, *chosen]
        schema = {n: plan.schema[n] for n in chosen}
        parts = [f'"{n}"' for n in chosen]
        if self._coin("computed column"):
            code, col = self._pick(self.derived(plan), "computed")  # type: ignore[misc]
            name = self.fresh("p")
            parts.append(f'({code}).alias("{name}")')
            schema[name] = col
        unique_on = plan.unique_on if plan.unique_on and plan.unique_on <= set(schema) else None
        return plan.then(f".select({', '.join(parts)})", schema=schema, unique_on=unique_on)

    def group_by(self, plan: _Plan, by: Sequence[str] | None = None) -> _Plan | None:
        keys = plan.key_columns()
        if not keys:
            return None
        if by is None:
            by = self.draw(
                st.lists(st.sampled_from(keys), unique=True, min_size=1, max_size=2),
                label="group keys",
            )
        candidates = self.aggregations(plan, by)
        aggs = self.draw(
            st.lists(st.sampled_from(candidates), unique=True, min_size=1, max_size=3),
            label="aggregations",
        )
        schema = {n: plan.schema[n] for n in by}
        exprs = []
        for code, col in aggs:
            name = self.fresh("g")
            exprs.append(f'{code}.alias("{name}")')
            schema[name] = col
        keep = self._coin("maintain_order", 3)
        part = f".group_by({_names(by)}{', maintain_order=True' if keep else ''}).agg({', '.join(exprs)})"
        return plan.then(
            part, schema=schema, ordered=keep and plan.ordered, unique_on=frozenset(by)
        )

    def unique(self, plan: _Plan, by: Sequence[str] | None = None) -> _Plan | None:
        keys = by or plan.key_columns()
        hashable = all(col.kind in _SORTABLE for col in plan.schema.values())
        options = []
        if keys:
            options += ["none"] + (["first", "last"] if plan.ordered else [])
        if hashable and by is None:
            options.append("all")
        if not options:
            return None
        keep = str(self._pick(options, "unique keep"))
        maintain = keep in ("first", "last") or self._coin("maintain_order")
        args = [] if keep == "all" else [f"subset={_names(keys)}", f'keep="{keep}"']
        if maintain:
            args.append("maintain_order=True")
        unique_on = frozenset(plan.schema) if keep == "all" else frozenset(keys)
        return plan.then(
            f".unique({', '.join(args)})",
            ordered=maintain and plan.ordered,
            unique_on=unique_on,
        )

    def sort(self, plan: _Plan) -> _Plan | None:
        sortable = [n for n, col in plan.schema.items() if col.kind in _SORTABLE]
        if not sortable:
            return None
        total = len(sortable) == len(plan.schema) and not self._coin("partial sort")
        if total:
            by = list(plan.schema)
        else:
            by = self.draw(
                st.lists(st.sampled_from(sortable), unique=True, min_size=1, max_size=2),
                label="sort keys",
            )
            total = len(by) == len(plan.schema)
        args = [_names(by)]
        if self._coin("descending"):
            args.append("descending=True")
        if self._coin("nulls_last"):
            args.append("nulls_last=True")
        keep = self._coin("stable sort")
        if keep:
            args.append("maintain_order=True")
        return plan.then(
            f".sort({', '.join(args)})",
            ordered=total or (keep and plan.ordered),
            unique_on=plan.unique_on,
        )

    def slice(self, plan: _Plan) -> _Plan | None:
        if not plan.ordered:  # which rows are kept would be undefined
            return None
        n = self.draw(st.integers(0, 5), label="slice length")
        part = self._pick(
            [f".head({n})", f".tail({n})", f".slice(1, {n})", f".slice(-3, {n})"], "slice"
        )
        return plan.then(str(part), unique_on=plan.unique_on)

    def explode(self, plan: _Plan) -> _Plan | None:
        lists = [n for n, col in plan.schema.items() if col.kind == LIST]
        if not lists:
            return None
        name = str(self._pick(lists, "exploded column"))
        schema = dict(plan.schema)
        inner = plan.schema[name].inner or OTHER
        schema[name] = Column(inner) if inner != KEY else Column(OTHER)
        # where the release has them, both behaviours are named (1.x warns on the default)
        options = (
            f", empty_as_null={self._coin('empty as null')}, keep_nulls={not self._coin('drop nulls')}"
            if _EXPLODE_OPTIONS
            else ""
        )
        return plan.then(f'.explode("{name}"{options})', schema=schema, unique_on=None)

    def _joined(
        self, plan: _Plan, right: _Plan, on: Sequence[str], hows: Sequence[str] = _HOWS
    ) -> _Plan:
        """`plan` joined with `right` on `on`: the schema, row order and growth that follow."""
        how = str(self._pick(hows, "join how"))
        args = [right.code, f"on={_names(on)}", f'how="{how}"']
        schema = dict(plan.schema)
        if how in ("inner", "left", "full"):
            coalesce = how == "full" and self._coin("coalesce")
            if coalesce:
                args.append("coalesce=True")
            # right key columns stay apart only in a full join that does not coalesce them
            added = [n for n in right.schema if n not in on or (how == "full" and not coalesce)]
            clashes = [n for n in added if n in plan.schema]
            suffix = "_right"
            while any(n + suffix in plan.schema or n + suffix in right.schema for n in clashes):
                suffix = f"_r{next(self._ids)}"
            if suffix != "_right":
                args.append(f'suffix="{suffix}"')
            for name in added:
                schema[name + suffix if name in clashes else name] = right.schema[name]
            orders = ["left", "left_right"] if _JOIN_MAINTAIN_ORDER else []
            order = self._pick([None, *orders], "join maintain_order")
            if order:
                args.append(f'maintain_order="{order}"')
        else:
            order = None
        # each left row matches at most once: inner and left joins keep the left's row count
        bounded = right.unique_on is not None and right.unique_on <= set(on)
        ordered = plan.ordered and (
            (order == "left_right" and right.ordered)
            or (order == "left" and bounded and how in ("inner", "left"))
        )
        keeps_rows = how in ("semi", "anti") or (bounded and how in ("inner", "left"))
        return plan.then(
            f".join({', '.join(args)})",
            schema=schema,
            ordered=ordered,
            unique_on=plan.unique_on if keeps_rows else None,
            growth=max(plan.growth, right.growth) + (not keeps_rows),
        )

    def join(self, plan: _Plan) -> _Plan | None:
        """Join with the other input, raw or derived (filtered, grouped, deduplicated)."""
        other = self.inputs.get("b")
        if other is None or plan.schema.get("k", Column(OTHER)).kind != KEY:
            return None
        shared = [n for n in other.key_columns() if plan.schema.get(n, Column(OTHER)).kind == KEY]
        on = ["k"] + ([n for n in shared if n != "k"] if self._coin("two join keys") else [])
        shape = self._pick(["raw", "filter", "group_by", "unique"], "right side")
        right: _Plan | None = other
        if shape == "filter":
            right = self.filter(other)
        elif shape == "group_by":
            right = self.group_by(other, on)
        elif shape == "unique":
            right = self.unique(other, on)
        assert right is not None
        joined = self._joined(plan, right, on)
        return None if joined.growth > _MAX_GROWTH else joined

    def _bind(self, plan: _Plan) -> tuple[_Plan, _Plan]:
        """`plan` used twice: repeated as text, or bound once with `:=` (the same LazyFrame)."""
        if len(plan.code) < 200 and self._coin("repeat the text"):
            return plan, plan
        name = f"x{next(self._ids)}"
        return replace(plan, parts=(f"({name} := {plan.code})",)), replace(plan, parts=(name,))

    def self_join(self, plan: _Plan) -> _Plan | None:
        """The plan joined with something derived from itself: common-subplan elimination's work."""
        keys = plan.key_columns()
        if not keys:
            return None
        on = self.draw(
            st.lists(st.sampled_from(keys), unique=True, min_size=1, max_size=2), label="self keys"
        )
        head, again = self._bind(plan)
        shape = self._pick(["group_by", "unique", "filter"], "derived side")
        if shape == "group_by":
            right = self.group_by(again, on)
        elif shape == "unique":
            right = self.unique(again, on)
        else:
            right = self.filter(again)
        assert right is not None
        bounded = right.unique_on is not None and right.unique_on <= set(on)
        # a frame joined with a filtered copy of itself grows with the square of its length
        joined = self._joined(head, right, on, _HOWS if bounded else ("semi", "anti"))
        return None if joined.growth > _MAX_GROWTH else joined

    def concat(self, plan: _Plan) -> _Plan | None:
        """Two frames derived from the plan, one after the other."""
        if plan.growth >= _MAX_GROWTH:
            return None
        head, again = self._bind(plan)
        shapes = ["filter+filter", "whole+filter"] + (["head+tail"] if plan.ordered else [])
        shape = self._pick(shapes, "concat parts")
        if shape == "head+tail":
            first, second = head.then(".head(2)"), again.then(".tail(2)")
        elif shape == "whole+filter":
            first, second = head, self.filter(again)
        else:
            first, second = self.filter(head), self.filter(again)
        return replace(
            plan,
            parts=(f"pl.concat([{first.code}, {second.code}])",),
            unique_on=None,
            growth=plan.growth + 1,
        )

    def step(self, plan: _Plan, kind: str) -> _Plan | None:
        return getattr(self, kind)(plan)


def _weights(plan: _Plan, last: str | None) -> dict[str, int]:
    weights = dict(_BASE_WEIGHTS)
    for kind, factor in _FOLLOW_UPS.get(last or "", {}).items():
        weights[kind] *= factor
    if not plan.ordered:
        weights["slice"] = 0
    return weights


def _input_plans(
    draw: st.DrawFn, two: bool
) -> tuple[dict[str, _Plan], tuple[Frame, ...], tuple[dict[str, pl.DataType], ...]]:
    """The input frames' columns: key pool columns shared by name, so joins and groups match."""
    key_dtypes = {"k": draw(_KEYS, label="dtype of k")}
    if draw(st.booleans(), label="second key"):
        key_dtypes["j"] = draw(_KEYS, label="dtype of j")
    a: dict[str, pl.DataType] = {**key_dtypes, "v": draw(D.numeric, label="dtype of v")}
    optional = {
        "w": D.floats,
        "s": D.strings,
        "l": D.numeric_lists,
        "x": D.any_dtype,
    }
    for name, dtypes in optional.items():
        if draw(st.booleans(), label=f"column {name}"):
            a[name] = draw(dtypes, label=f"dtype of {name}")
    schemas = [a]
    if two:
        b: dict[str, pl.DataType] = {**key_dtypes, "u": draw(D.numeric, label="dtype of u")}
        if draw(st.booleans(), label="column t"):
            b["t"] = pl.String
        schemas.append(b)

    def spec(name: str, dtype: pl.DataType) -> Col:
        # keys and short strings come from the key pool, so filters and groups hit something
        return Col(st.just(dtype), key=name in key_dtypes or name in ("s", "t"))

    def columns(schema: Mapping[str, pl.DataType]) -> dict[str, Column]:
        return {
            n: Column(KEY, _literal(dt)) if n in key_dtypes else _column_kind(dt)
            for n, dt in schema.items()
        }

    plans = {
        name: _Plan((name,), columns(schema), ordered=True)
        for name, schema in zip("ab", schemas, strict=False)
    }
    inputs = tuple({n: spec(n, dt) for n, dt in schema.items()} for schema in schemas)
    return plans, inputs, tuple(schemas)


@st.composite
def pipelines(draw: st.DrawFn, max_steps: int = MAX_STEPS) -> Pipeline:
    """A query of 1-`max_steps` steps over one or two generated inputs (`a`, and `b` to join)."""
    two = draw(st.booleans(), label="two inputs")
    plans, inputs, schemas = _input_plans(draw, two)
    composer = _Composer(draw, plans)
    plan, steps = plans["a"], []
    while True:
        weights = _weights(plan, steps[-1] if steps else None)
        kind = _weighted(draw, weights)
        while (nxt := composer.step(plan, kind)) is None:  # a filter always applies
            weights[kind] = 0
            kind = _weighted(draw, weights)
        plan = nxt
        steps.append(kind)
        # another step 9 times in 10 (Hypothesis draws the 0 that stops more often than that);
        # shrinking stops early
        if len(steps) == max_steps or not draw(st.integers(0, 9), label="another step"):
            break
    params = "a, b" if two else "a"
    source = (
        f"query = (\n    lambda {params}: {plan.parts[0]}"
        + "".join(f"\n    {part}" for part in plan.parts[1:])
        + "\n)"
    )
    code = f"lambda {params}: {plan.code}"
    return Pipeline(
        code=code,
        source=source,
        inputs=inputs,
        schemas=schemas,
        ordered=plan.ordered,
        steps=tuple(steps),
        columns=tuple(plan.schema),
        query=evaluate(code),
        inexact=tuple(sorted(plan.inexact)),
    )


def _weighted(draw: st.DrawFn, weights: Mapping[str, int]) -> str:
    """A step kind drawn in proportion to its weight; shrinks toward the first kinds listed."""
    kinds = [k for k in STEP_KINDS if weights.get(k, 0) > 0]
    total = sum(weights[k] for k in kinds)
    point = draw(st.integers(0, total - 1), label="step kind")
    for kind in kinds:
        point -= weights[kind]
        if point < 0:
            return kind
    raise AssertionError("unreachable")

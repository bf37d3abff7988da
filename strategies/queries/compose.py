"""The expression composer: draws any expression the grammar table can build, typed by Polars.

An expression grows bottom-up: a leaf (a column, a literal, `pl.element()` inside a list body),
then layers of builders, each chosen among the table's entries whose receiver family fits the
expression so far and whose use Polars accepts (`probe`). Arguments are expressions themselves
(shallower), literals (possibly outside a column's range), or list bodies composed in their own
scope. Each node knows its shape (one value per row, one value, or a free number of rows), whether
its rows come in an undefined order, and why its values may be inexact, so a context (a plan
step) can ask for what it accepts: a predicate, a key, an aggregation, a window.

Hypothesis shrinks toward fewer layers, the first table entries and the first leaves, so a
failing query shrinks to a short expression.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum

import hypothesis.strategies as st
import polars as pl

from strategies.queries import families as F
from strategies.queries import probe
from strategies.queries.builders import Arg, Builder, Kind
from strategies.queries.table import available

MAX_DEPTH = 4
_TRIES = 4


class Shape(Enum):
    ROW = "row"  # one value per row of its frame
    SCALAR = "scalar"  # one value, broadcast where rows are needed
    FREE = "free"  # some other number of rows


@dataclass(frozen=True)
class Node:
    """An expression drawn so far."""

    code: str
    dtype: pl.DataType
    shape: Shape
    order_free: bool = False  # its rows come in an undefined order
    inexact: frozenset[str] = frozenset()
    used: frozenset[str] = frozenset()  # the APIs it exercises
    literal: bool = False


@dataclass(frozen=True)
class Scope:
    """Where an expression is evaluated: the columns it may read and what is known of them."""

    columns: Mapping[str, pl.DataType]
    ordered: bool  # the rows have a defined order
    element: pl.DataType | None = None  # inside a list body: `pl.element()` has this dtype
    aggregating: bool = False  # inside `agg`: no window functions there
    windows: bool = True


@dataclass
class Composer:
    """Draws expressions with one Hypothesis draw function."""

    draw: st.DrawFn
    max_depth: int = MAX_DEPTH
    _rejected: set[str] = field(default_factory=set)

    # leaves

    def leaf(self, scope: Scope, family: F.Family = F.ANY) -> Node | None:
        """A column of `family` (mostly), or a literal, or `pl.element()` in a list body."""
        options: list[tuple[str, pl.DataType]] = []
        if scope.element is not None and family(scope.element):
            options.append(("pl.element()", scope.element))
        options += [(f'c("{n}")', d) for n, d in scope.columns.items() if family(d)]
        # a column mostly (and when shrinking, toward 0), a literal one time in six
        kind = self.draw(st.integers(0, 7), label="leaf kind")
        if options and kind < 6:
            code, dtype = self.draw(st.sampled_from(options), label="leaf")
            return Node(code, dtype, Shape.ROW)
        if kind == 7 and (made := self.function_leaf(scope, family)) is not None:
            return made
        return self.literal(family)

    def function_leaf(self, scope: Scope, family: F.Family) -> Node | None:
        """A `pl.` function whose inputs are all drawn here (ranges, `pl.len()`, `int_range`)."""
        leaves = [b for b in available() if b.receiver is None and _taking(b) is None]
        if not leaves:
            return None
        builder = self.draw(st.sampled_from(leaves), label="function leaf")
        if builder.order_dependent and not scope.ordered:
            return None
        built = self.build(builder, None, scope, 1)
        return built if built is not None and _meets(built.dtype, family) else None

    def literal(
        self, family: F.Family, dtype: pl.DataType | None = None, raw: bool = False
    ) -> Node | None:
        """A literal meeting `dtype` (or some dtype of `family`), typed by Polars; `raw`: as the
        Python value itself where it is one (an argument Polars takes only as a value)."""
        if dtype is None:
            candidates = [d for d in _LITERAL_DTYPES if family(d)]
            if not candidates:
                return None
            dtype = self.draw(st.sampled_from(candidates), label="literal dtype")
        value = self.draw(F.literals(dtype), label="literal")
        code = value if value.startswith("pl.lit(") else f"pl.lit({value})"  # methods may follow
        typed = probe.literal_dtype(code)
        if typed is None:
            return None
        return Node(value if raw else code, typed, Shape.SCALAR, literal=True)

    # expressions

    def expr(
        self,
        scope: Scope,
        depth: int | None = None,
        family: F.Family = F.ANY,
        shapes: Sequence[Shape] = (Shape.ROW, Shape.SCALAR),
    ) -> Node | None:
        """An expression of `family` and one of `shapes`, up to `depth` layers deep."""
        depth = self.max_depth if depth is None else depth
        node = self.leaf(scope, F.ANY if depth else family)
        if node is None:
            return None
        layers = self.draw(st.integers(0, depth), label="layers")
        for number in range(layers):
            if isinstance(node.dtype, probe.Panicked):
                break
            # the last layer aims at the wanted family and shape; earlier ones may go anywhere
            last = number == layers - 1
            grown = (
                self.grow(node, scope, depth - number - 1, family, shapes)
                if last
                else self.grow(node, scope, depth - number - 1)
            )
            if grown is not None:
                node = grown
        return self.settle(node, scope, family, shapes)

    def settle(
        self, node: Node, scope: Scope, family: F.Family, shapes: Sequence[Shape]
    ) -> Node | None:
        """Make `node` fit: a defined order, the wanted family, an accepted shape."""
        if isinstance(node.dtype, probe.Panicked) and node.dtype.fits(family):
            return node if node.shape in shapes else None
        if node.order_free:
            node = self.apply_named(node, scope, ("Expr.sort", "Expr.n_unique")) or node
            if node.order_free:
                return None
        if not family(node.dtype):
            fitted = self.grow(node, scope, 0, family, shapes)
            if fitted is None:
                leaf = self.leaf(scope, family)
                if leaf is None:
                    return None
                return leaf if leaf.shape in shapes else None
            node = fitted
        if node.shape not in shapes and Shape.SCALAR in shapes:  # reduce it, as a user would
            node = self.grow(node, scope, 0, family, (Shape.SCALAR,), windows=False) or node
        return node if node.shape in shapes else None

    def grow(
        self,
        node: Node,
        scope: Scope,
        depth: int,
        family: F.Family = F.ANY,
        shapes: Sequence[Shape] = (Shape.ROW, Shape.SCALAR, Shape.FREE),
        windows: bool = True,
    ) -> Node | None:
        """`node` with one more builder (or a window), or None where nothing fits.

        Three times in four the builder comes from those made for the node's dtype (its namespace, or
        a narrow family), so namespaces are not drowned by the methods every dtype accepts.
        """
        if (
            windows
            and scope.windows
            and not scope.aggregating
            and node.shape is not Shape.FREE
            and self.draw(st.integers(0, 9), label="window") == 0
        ):
            return self.window(node, scope)
        candidates = [b for b in available() if self._fits(b, node, scope)]
        if node.shape not in shapes and Shape.SCALAR in shapes:  # only a reduction makes it fit
            candidates = [b for b in candidates if b.kind is Kind.REDUCTION]
        specific = [b for b in candidates if _taking(b) not in _GENERIC]
        if specific and self.draw(st.integers(0, 3), label="specific builder") != 3:
            candidates = specific
        for _ in range(_TRIES):
            if not candidates:
                return None
            builder = self.draw(st.sampled_from(candidates), label="builder")
            grown = self.build(builder, node, scope, depth)
            if grown is not None and _meets(grown.dtype, family) and grown.shape in shapes:
                return grown
            candidates.remove(builder)
        return None

    def apply_named(self, node: Node, scope: Scope, names: Sequence[str]) -> Node | None:
        """`node` with the first of `names` that Polars accepts (to settle its order or shape)."""
        for name in names:
            for builder in available():
                if (
                    builder.name == name
                    and self._fits(builder, node, scope)
                    and (built := self.build(builder, node, scope, 0)) is not None
                ):
                    return built
        return None

    def _fits(self, builder: Builder, node: Node, scope: Scope) -> bool:
        """Whether `builder` may take `node` (as its receiver, or a function's first argument)."""
        family = _taking(builder)
        if family is None:
            return False  # a function of no expression, or of one value: a leaf, not a layer
        if builder.outermost or not family(node.dtype):
            return False
        if node.order_free and not builder.takes_order_free:
            return False
        if builder.order_dependent and not scope.ordered and node.shape is not Shape.SCALAR:
            return False
        if builder.kind is Kind.LENGTH and builder.args and node.shape is Shape.FREE:
            return False  # a row-shaped argument would not line up with the free rows
        return f"{builder.name}|{node.dtype!r}" not in self._rejected

    def build(self, builder: Builder, node: Node | None, scope: Scope, depth: int) -> Node | None:
        """`builder` applied to `node` (its receiver, or a function's first argument), its other
        inputs drawn; None where Polars rejects it. Without `node`, a function draws every input."""
        params = builder.draw_params(self.draw)
        free = node is not None and node.shape is Shape.FREE
        arg_shapes = (Shape.SCALAR,) if free else (Shape.ROW, Shape.SCALAR)
        slots = builder.args[1:] if builder.receiver is None and node is not None else builder.args
        args: list[Node] = []
        for arg in slots:
            drawn = self.argument(arg, node, scope, depth, arg_shapes)
            if drawn is None:
                return None
            args.append(drawn)
        inputs = [node, *args] if node is not None else args
        if (
            builder.order_dependent
            and not scope.ordered
            and any(n.shape is not Shape.SCALAR for n in inputs)
        ):
            return None  # rows without a defined order: its values would not be defined either
        # Probe with placeholders for expressions and the code itself for literals and bodies.
        probe_inputs = [
            n.code if n.literal or n.code.startswith("<body>") else probe.placeholder(i)
            for i, n in enumerate(inputs)
        ]
        dtype = probe.output_dtype(
            builder.code(_strip(probe_inputs), params), [n.dtype for n in inputs]
        )
        if dtype is None:
            if node is not None and not args and not params:
                self._rejected.add(f"{builder.name}|{node.dtype!r}")
            return None
        return Node(
            code=builder.code(_strip([n.code for n in inputs]), params),
            dtype=dtype,
            shape=_shape(builder, inputs, scope.ordered),
            order_free=builder.order_free
            or (node is not None and node.order_free and builder.kind is not Kind.REDUCTION),
            inexact=frozenset().union(*(n.inexact for n in inputs))
            | ({builder.inexact} if builder.inexact else set()),
            used=frozenset().union(*(n.used for n in inputs)) | {builder.name},
        )

    def argument(
        self, arg: Arg, node: Node | None, scope: Scope, depth: int, shapes: Sequence[Shape]
    ) -> Node | None:
        """One expression argument of a builder applied to `node` (None: a function leaf's)."""
        if node is None and (arg.body or arg.same or arg.inner):
            return None
        if arg.body:
            return self.body(node.dtype, scope, arg.family)
        if arg.inner:
            return self.item(node.dtype, scope, shapes)
        if arg.small:
            ints = sorted(n for n, d in scope.columns.items() if d.is_integer())
            if (
                ints
                and not arg.scalar
                and Shape.ROW in shapes
                and self.draw(st.booleans(), label="size column")
            ):
                name = self.draw(st.sampled_from(ints), label="size column")
                return Node(f'c("{name}").clip(0, 8)', scope.columns[name], Shape.ROW)
            code = self.draw(st.sampled_from(("2", "0", "1", "3", "8")), label="size")
            return Node(f"pl.lit({code})", pl.Int32(), Shape.SCALAR, literal=True)
        if arg.scalar:
            shapes = (Shape.SCALAR,)
        if arg.rows:
            shapes = tuple(s for s in shapes if s is Shape.ROW)
            if not shapes:
                return None
        if arg.same:
            return self.operand(node.dtype, scope, shapes, raw=arg.literal_only)
        if arg.literal_only:
            return self.literal(arg.family, raw=True)
        sub = self.expr(
            scope,
            max(0, min(depth, self.draw(st.integers(0, 2), label="arg depth"))),
            arg.family,
            shapes,
        )
        if sub is None and Shape.SCALAR in shapes:
            return self.literal(arg.family)
        return sub

    def body(self, dtype: pl.DataType, scope: Scope, family: F.Family = F.ANY) -> Node | None:
        """A list body of `family` over `pl.element()` of the list's (or array's) inner dtype."""
        inner = getattr(dtype, "inner", None)
        if inner is None:
            return None
        inside = Scope({}, ordered=True, element=inner, aggregating=True)
        shapes = (Shape.ROW, Shape.SCALAR, Shape.FREE)
        node = self.expr(inside, 2, family, shapes)
        if node is None:
            return None
        return replace(node, code=f"<body>{node.code}", shape=Shape.ROW)

    def operand(
        self, dtype: pl.DataType, scope: Scope, shapes: Sequence[Shape], raw: bool = False
    ) -> Node | None:
        """A value of exactly `dtype`: a literal of it (possibly outside a column's range; `raw`:
        only that, as the Python value), or a column of that dtype where rows are accepted."""
        if raw or self.draw(st.booleans(), label="literal operand"):
            return self.literal(F.ANY, dtype, raw=raw)
        same = sorted(n for n, d in scope.columns.items() if d == dtype)
        if same and Shape.ROW in shapes:
            name = self.draw(st.sampled_from(same), label="operand column")
            return Node(f'c("{name}")', dtype, Shape.ROW)
        return self.literal(F.ANY, dtype)

    def item(self, dtype: pl.DataType, scope: Scope, shapes: Sequence[Shape]) -> Node | None:
        """A value of a list's (or array's) inner dtype, to look for in it (`operand`)."""
        inner = getattr(dtype, "inner", None)
        return None if inner is None else self.operand(inner, scope, shapes)

    def window(self, node: Node, scope: Scope) -> Node | None:
        """`node.over(...)`: partitioned by expressions, maybe ordered, any mapping strategy."""
        keys = [
            self.expr(replace(scope, windows=False), 1, F.FLAT, (Shape.ROW,))
            for _ in range(self.draw(st.integers(1, 2), label="partitions"))
        ]
        parts = [k for k in keys if k is not None]
        if not parts:
            return None
        args = [p.code for p in parts]
        if "order_by" in _OVER_PARAMS and self.draw(st.booleans(), label="order_by"):
            order = self.expr(replace(scope, windows=False), 1, F.ORDERABLE, (Shape.ROW,))
            if order is not None:
                args.append(f"order_by={order.code}")
                parts.append(order)
        # `join` gathers each group's values into a list in row order: an order the scope defines.
        # It gathers flat values only: gathering lists (another `join`'s, or an imploded group's)
        # multiplies the result again by the group's size, so one group of 3,000 rows gathered
        # twice holds 27e9 values, which no engine can be compared on
        gathers = scope.ordered and not node.dtype.is_nested()
        mappings = ("group_to_rows", "join") if gathers else ("group_to_rows",)
        mapping = self.draw(st.sampled_from(mappings), label="mapping")
        if mapping != "group_to_rows":
            args.append(f"mapping_strategy={mapping!r}")
        code = f"{node.code}.over({', '.join(args)})"
        placeholders = [probe.placeholder(i) for i in range(len(parts) + 1)]
        probe_args = placeholders[1:]
        if any(a.startswith("order_by=") for a in args):
            probe_args[-1] = f"order_by={probe_args[-1]}"
        if mapping != "group_to_rows":
            probe_args.append(f"mapping_strategy={mapping!r}")
        probe_code = f"{placeholders[0]}.over({', '.join(probe_args)})"
        dtype = probe.output_dtype(probe_code, [node.dtype, *(p.dtype for p in parts)])
        if dtype is None:
            return None
        return Node(
            code,
            dtype,
            Shape.ROW,
            inexact=node.inexact.union(*(p.inexact for p in parts)),
            used=node.used.union(*(p.used for p in parts)) | {"Expr.over"},
        )

    def named(self, node: Node, name: str) -> Node:
        """`node` as an output column: aliased to `name`, or renamed by a `name.` builder."""
        outermost = [b for b in available() if b.outermost]
        if outermost and self.draw(st.integers(0, 7), label="name builder") == 7:
            builder = self.draw(st.sampled_from(outermost), label="name builder")
            code = builder.code([node.code], builder.draw_params(self.draw))
            return replace(node, code=code, used=node.used | {builder.name})
        return replace(node, code=f"{node.code}.alias({name!r})")


def _meets(dtype: pl.DataType, family: F.Family) -> bool:
    """Whether an expression of `dtype` is of `family` (a panicked one: by its planned dtype)."""
    return dtype.fits(family) if isinstance(dtype, probe.Panicked) else family(dtype)


def _taking(builder: Builder) -> F.Family | None:
    """The family of the expression a builder grows from: its receiver's, or a function's first
    argument's (`same` there means any: the others then take its dtype); None for a function of
    no expression or of one value, which is a leaf."""
    if builder.receiver is not None:
        return builder.receiver
    first = builder.args[0] if builder.args else None
    if first is None or first.scalar or first.small or first.literal_only:
        return None
    return F.ANY if first.same else first.family


def _strip(codes: Sequence[str]) -> list[str]:
    return [c.removeprefix("<body>") for c in codes]


def _shape(builder: Builder, inputs: Sequence[Node], ordered: bool) -> Shape:
    if builder.kind is Kind.REDUCTION:
        return Shape.SCALAR
    if builder.kind is Kind.LENGTH:
        return Shape.FREE
    shapes = {n.shape for n in inputs}
    if builder.kind is Kind.MOVES and not ordered and Shape.ROW in shapes:
        return Shape.FREE  # moved rows (a sort) do not line up with rows of no defined order
    if not inputs:  # a function of the frame itself: `pl.int_range(pl.len())`, `pl.row_index()`
        return Shape.ROW
    if Shape.FREE in shapes:
        return Shape.FREE
    return Shape.ROW if Shape.ROW in shapes else Shape.SCALAR


# Receiver families every (or nearly every) dtype meets.
_GENERIC = (F.ANY, F.FLAT, F.ORDERABLE)
_OVER_PARAMS = frozenset(__import__("inspect").signature(pl.Expr.over).parameters)
_LITERAL_DTYPES = (
    pl.Int64,
    pl.Float64,
    pl.Boolean,
    pl.String,
    pl.Date,
    pl.Datetime("us"),
    pl.Duration("us"),
    pl.Time,
    pl.Int8,
    pl.UInt64,
)

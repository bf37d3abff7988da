"""What one entry of the expression grammar is, and the helpers the table is written with.

An entry (`Builder`) names one public API of Polars (`Expr.cum_sum`, `str.contains`,
`pl.coalesce`), the dtype families its expression inputs accept, the choices of its other
parameters (as code), and its kind, which says where its result may go:

- `ELEMENTWISE`: one value per row, from that row alone;
- `ORDERED`: one value per row that depends on the row order (`shift`, `cum_*`, `rolling_*`);
- `MOVES`: the same rows, moved (`sort`, `reverse`);
- `REDUCTION`: one value (`sum`, `first`);
- `LENGTH`: a different number of rows (`filter`, `head`, `unique`, `explode`).

Parameters the installed signature does not have are left out, so one table serves every release;
a required parameter the table gives no choice for makes the entry unavailable (with that reason).
Booleans and `Literal[...]` choices not named in an entry are drawn from the signature.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import cache

import hypothesis.strategies as st
import polars as pl
import polars._typing

from strategies.queries import families as F


class Kind(Enum):
    ELEMENTWISE = "elementwise"
    ORDERED = "order-dependent"
    MOVES = "moves rows"
    REDUCTION = "reduction"
    LENGTH = "length-changing"


@dataclass(frozen=True)
class Arg:
    """An expression argument beside the receiver: its family, and whether it must be one value.

    `same=True` asks for the receiver's own dtype (a fill value, a bound, the other operand).
    """

    family: F.Family = F.ANY
    keyword: str | None = None  # passed by keyword (else positionally, in order)
    scalar: bool = False  # must be one value (a literal or a reduction)
    rows: bool = False  # must be one value per row: a key that would tie on every row if broadcast
    same: bool = False
    literal_only: bool = False  # Polars accepts a Python value here, not an expression
    # an expression over `pl.element()` of the receiver's inner dtype (`list.eval`, `list.filter`)
    body: bool = False
    # a value of the receiver's inner dtype: an item looked for in a list or array
    inner: bool = False
    # a size (a padding width, a repeat count, a range's end): a small literal or a column
    # clipped small, so a value drawn near an integer's limit cannot ask for terabytes
    small: bool = False


Params = Mapping[str, st.SearchStrategy[str]]


@dataclass(frozen=True)
class Builder:
    """One expression builder of the grammar."""

    name: str  # the API it exercises, as the reach benchmark counts it: `Expr.abs`, `str.slice`
    receiver: F.Family | None  # the family of the expression it is called on; None: `pl.` function
    args: tuple[Arg, ...] = ()
    params: Params = field(default_factory=dict)  # other parameters: code choices
    kind: Kind = Kind.ELEMENTWISE
    order_dependent: bool = False  # its values depend on the row order of its input
    order_free: bool = False  # its rows come in an undefined order (unique, mode, value_counts)
    takes_order_free: bool = False  # order-insensitive: may consume an order-free input (sum, sort)
    inexact: str | None = None  # why its values may round differently between engines
    outermost: bool = False  # only as the last call of an output column (`name.suffix`)
    render: Callable[[Sequence[str], Mapping[str, str]], str] | None = None  # non-method shapes

    @property
    def path(self) -> str:
        """The attribute path after the receiver (`str.contains`) or after `pl.` (`coalesce`)."""
        return self.name.removeprefix("Expr.").removeprefix("pl.")

    def function(self) -> Callable[..., object] | None:
        """The installed Polars' callable for this entry, None if this release lacks it."""
        if self.name.startswith("op."):  # a Python operator: every release has it
            return operator_placeholder
        owner: object = pl if self.receiver is None else pl.col("_")
        for part in self.path.split("."):
            owner = getattr(owner, part, None)
            if owner is None:
                return None
        return owner if callable(owner) else None

    def unavailable_reason(self) -> str | None:
        func = self.function()
        if func is None:
            return f"Polars {pl.__version__} has no {self.name}"
        signature = _signature(func)
        if signature is None or self.render is not None:
            return None
        named = set(self.params) | {a.keyword for a in self.args if a.keyword}
        unnamed = [p for p in _required(signature) if p not in named]
        positional = [a for a in self.args if a.keyword is None]
        if len(unnamed) > len(positional):
            return f"{self.name}: no choice for its required parameter {unnamed[len(positional)]!r}"
        return None

    def draw_params(self, draw: st.DrawFn) -> dict[str, str]:
        """The keyword parameters of one use, as code: the table's choices and the signature's."""
        func = self.function()
        signature = _signature(func) if func is not None else None
        names = set(signature.parameters) if signature is not None else set(self.params)
        out: dict[str, str] = {}
        for name, choices in self.params.items():
            if name in names:
                out[name] = draw(choices, label=f"{self.name} {name}")
        if signature is None:
            return out
        for name, param in signature.parameters.items():
            if name in out or name in _SKIP or any(a.keyword == name for a in self.args):
                continue
            options = _signature_choices(param)
            if options and draw(st.booleans(), label=f"{self.name} sets {name}"):
                out[name] = draw(st.sampled_from(options), label=f"{self.name} {name}")
        return out

    def code(self, inputs: Sequence[str], params: Mapping[str, str]) -> str:
        """The call as code: `inputs[0]` is the receiver (for methods), the rest its arguments."""
        if self.render is not None:
            return self.render(inputs, params)
        receiver, rest = (inputs[0], inputs[1:]) if self.receiver is not None else (None, inputs)
        positional = [code for code, arg in zip(rest, self.args, strict=True) if not arg.keyword]
        keywords = [
            f"{arg.keyword}={code}"
            for code, arg in zip(rest, self.args, strict=True)
            if arg.keyword
        ]
        keywords += [f"{k}={v}" for k, v in params.items()]
        call = f"{self.path}({', '.join([*positional, *keywords])})"
        return f"{receiver}.{call}" if receiver is not None else f"pl.{call}"


def operator_placeholder(*args: object) -> object:
    """Stands for a Python operator, which has no signature to read parameters from."""
    raise NotImplementedError


# Parameters never drawn from the signature: they tune execution, not semantics, or take values
# an entry must choose (names, callables, dtypes).
_SKIP = frozenset(
    {"self", "name", "function", "return_dtype", "dtype", "strict", "parallel", "eager", "seed"}
)


@cache
def _signature(func: Callable[..., object]) -> inspect.Signature | None:
    try:
        return inspect.signature(func)
    except (TypeError, ValueError):
        return None


def _required(signature: inspect.Signature) -> list[str]:
    return [
        name
        for name, p in signature.parameters.items()
        if name != "self"
        and p.default is inspect.Parameter.empty
        and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY, p.POSITIONAL_ONLY)
    ]


def _signature_choices(param: inspect.Parameter) -> tuple[str, ...]:
    """Code choices a parameter's annotation gives: booleans and `Literal[...]` strings."""
    if param.default is inspect.Parameter.empty:
        return ()
    annotation = param.annotation
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    if text.strip() == "bool":
        return ("True", "False")
    found: list[str] = []
    parts = text.split("|") if isinstance(annotation, str) else []
    for part in (p.strip() for p in parts):
        alias = getattr(polars._typing, part, None)
        found.extend(repr(a) for a in typing.get_args(alias) if isinstance(a, str))
    if not isinstance(annotation, str):
        found.extend(repr(a) for a in typing.get_args(annotation) if isinstance(a, str))
    return tuple(dict.fromkeys(found))


# Helpers the table is written with: one line per entry.


def choices(*codes: object) -> st.SearchStrategy[str]:
    """Fixed code choices; shrinks toward the first."""
    return st.sampled_from([c if isinstance(c, str) else repr(c) for c in codes])


SMALL = choices(1, 2, 0, 3, -1)
POSITIVE = choices(1, 2, 3)
BOOLS = choices(True, False)


def method(
    name: str, receiver: F.Family, *args: Arg, kind: Kind = Kind.ELEMENTWISE, **more: object
) -> Builder:
    """`Expr.<name>` (or `<namespace>.<name>`) on a receiver of `receiver`'s family."""
    qualified = name if "." in name else f"Expr.{name}"
    return Builder(qualified, receiver, tuple(args), kind=kind, **more)  # type: ignore[arg-type]


def function(name: str, *args: Arg, kind: Kind = Kind.ELEMENTWISE, **more: object) -> Builder:
    """`pl.<name>(...)` over expression arguments."""
    return Builder(f"pl.{name}", None, tuple(args), kind=kind, **more)  # type: ignore[arg-type]


def reduction(name: str, receiver: F.Family, *args: Arg, **more: object) -> Builder:
    """An order-insensitive reduction: it may consume rows in an undefined order."""
    more.setdefault("takes_order_free", True)
    return method(name, receiver, *args, kind=Kind.REDUCTION, **more)


def ordered(name: str, receiver: F.Family, *args: Arg, **more: object) -> Builder:
    """One value per row, depending on the row order."""
    return method(name, receiver, *args, kind=Kind.ORDERED, order_dependent=True, **more)

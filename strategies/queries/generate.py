"""Generated queries: one to three input frames and a plan of drawn steps, as code.

`queries()` draws the inputs' dtypes first (a key column shared by every input, and columns of
every dtype, some shared by name so joins collide on them), then the plan, step by step
(`strategies.queries.plans`), each typed by Polars. The result is a value with its source: records
and reproducers carry the exact code, and shrinking makes the query itself smaller (fewer steps,
shallower expressions, earlier table entries), not only the data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import hypothesis.strategies as st
import polars as pl
from hypothesis import assume

from conformance.judge.compare import Rules, Tolerance
from conformance.judge.reference import Part, Twins
from strategies import dtypes as D
from strategies.frames import Col, Frame
from strategies.queries import families as F
from strategies.queries import plans as plan_grammar
from strategies.queries.compose import Composer
from strategies.queries.plans import Context, Plan

MAX_STEPS = 6
INPUT_NAMES = ("a", "b", "d")  # `c` is `pl.col` in generated code
# Column names and the dtype groups they are drawn from; a name shared by two inputs has one
# dtype in both, so joins on it and suffix collisions occur.
_COLUMNS: Mapping[str, st.SearchStrategy[pl.DataType]] = {
    "v": D.numeric,
    "s": D.strings,
    "t": D.temporal,
    "w": D.floats,
    "l": D.lists,
    "x": D.any_dtype,
    "y": D.any_dtype,
    "b": D.booleans,
    "m": D.structs,
    "r": D.arrays,
    "q": st.one_of(D.decimals, D.binary, D.categoricals, st.just(pl.Null)),
    "z": D.zoned_datetimes,
    # key-value lists: what `list.to_map` (and from it the `map` namespace) takes
    "p": st.just(pl.List(pl.Struct({"key": pl.String, "value": pl.Int64}))),
}
_KEYS = D.keys if hasattr(pl, "Categories") else D.keys.filter(lambda d: d != pl.Categorical)


def evaluate(code: str) -> Callable[..., pl.LazyFrame]:
    """A query's code as a function, evaluated with only the generated code's globals."""
    return eval(code, dict(F.CODE_GLOBALS))  # the generator wrote this text itself


@dataclass(frozen=True, repr=False)
class GeneratedQuery:
    """One generated query over `inputs`, as code; `ordered` says which comparison applies."""

    code: str  # `lambda a, b: ...` on one line
    source: str  # `query = (...)`, one step per line: what records and reproducers show
    inputs: tuple[Frame, ...]
    schemas: tuple[dict[str, pl.DataType], ...]  # the inputs' concrete dtypes
    ordered: bool
    steps: tuple[str, ...]
    used: frozenset[str]  # the APIs it exercises (the reach benchmark counts them)
    growth: int  # how many steps may multiply its rows (joins, concats, explodes)
    inexact: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # sub-queries whose whole work it does (`Plan.parts`), as code
    query: Callable[..., pl.LazyFrame] = field(compare=False, default=lambda *a: pl.LazyFrame())

    @property
    def rules(self) -> Rules:
        """Exact comparison unless an inexact builder was used; in order where order is defined."""
        tolerance = (
            Tolerance(rel=1e-9, abs=1e-12, reason="; ".join(self.inexact)) if self.inexact else None
        )
        return Rules(ordered=self.ordered, tolerance=tolerance)

    @property
    def twins(self) -> Twins:
        """Its parts, each evaluated only when a `Referee` runs it (most never are)."""
        return Twins(parts=tuple(Part(code, partial(_run_part, code)) for code in self.parts))

    def __repr__(self) -> str:
        return f"{self.source}  # steps: {', '.join(self.steps)}; ordered: {self.ordered}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """Hypothesis prints a falsifying draw with this: the query as code."""
        printer.text(repr(self))


def _run_part(code: str, *inputs: pl.LazyFrame) -> pl.LazyFrame:
    return evaluate(code)(*inputs)


@st.composite
def _schemas(draw: st.DrawFn) -> tuple[dict[str, pl.DataType], ...]:
    count = draw(st.integers(1, len(INPUT_NAMES)), label="inputs")
    shared: dict[str, pl.DataType] = {"k": draw(_KEYS, label="dtype of k")}
    schemas = []
    for _ in range(count):
        names = draw(
            st.lists(st.sampled_from(sorted(_COLUMNS)), min_size=1, max_size=6, unique=True),
            label="columns",
        )
        for name in names:
            if name not in shared:
                shared[name] = draw(_COLUMNS[name], label=f"dtype of {name}")
        schemas.append({"k": shared["k"], **{n: shared[n] for n in sorted(names)}})
    return tuple(schemas)


def _weighted(draw: st.DrawFn, weights: Mapping[str, int]) -> str:
    """A step drawn in proportion to its weight; shrinks toward the first steps listed."""
    kinds = [k for k, w in weights.items() if w > 0]
    total = sum(weights[k] for k in kinds)
    point = draw(st.integers(0, total - 1), label="step")
    for kind in kinds:
        point -= weights[kind]
        if point < 0:
            return kind
    raise AssertionError("unreachable")


@st.composite
def queries(draw: st.DrawFn, max_steps: int = MAX_STEPS) -> GeneratedQuery:
    """A query of 1-`max_steps` steps over one to three generated inputs."""
    schemas = draw(_schemas(), label="schemas")
    names = INPUT_NAMES[: len(schemas)]
    plans = {n: Plan(n, s, ordered=True, lines=(n,)) for n, s in zip(names, schemas, strict=True)}
    ctx = Context(Composer(draw), plans, dict(zip(names, schemas, strict=True)))
    plan = plans["a"]
    steps: list[str] = []
    while len(steps) < max_steps and not plan.final:
        weights = {k: w for k, (_, w) in plan_grammar.STEPS.items()}
        for follow, factor in plan_grammar.FOLLOW_UPS.get(steps[-1] if steps else "", {}).items():
            if follow in weights:
                weights[follow] *= factor
        # four tries for a later step; the first tries every kind, so no query is left empty
        for _ in range(4 if steps else len(weights)):
            if not any(weights.values()):
                break
            kind = _weighted(draw, weights)
            nxt = plan_grammar.STEPS[kind][0](ctx, plan)
            if nxt is not None:
                plan = nxt
                steps.append(kind)
                break
            weights[kind] = 0
        # another step 9 times in 10 (Hypothesis draws the 0 that stops more often than that);
        # shrinking stops early
        if not steps or not draw(st.integers(0, 9), label="another step"):
            break
    assume(steps)  # no step fits these inputs at all: Hypothesis draws others
    params = ", ".join(names)
    head, *rest = plan.lines
    source = f"query = (\n    lambda {params}: {head}" + "".join(f"\n    {r}" for r in rest) + "\n)"
    code = f"lambda {params}: {plan.code}"
    inputs = tuple(
        {n: Col(st.just(d), key=n == "k" or d == pl.String) for n, d in schema.items()}
        for schema in schemas
    )
    return GeneratedQuery(
        code=code,
        source=source,
        inputs=inputs,
        schemas=schemas,
        ordered=plan.ordered,
        steps=tuple(steps),
        used=plan.used,
        growth=plan.growth,
        inexact=tuple(sorted(plan.inexact)),
        parts=tuple(f"lambda {params}: {part}" for part in plan.parts),
        query=evaluate(code),
    )

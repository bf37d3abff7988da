"""A property's failing example, replayed outside Hypothesis: its inputs and its recorded draws.

A property draws more than its input frames while it runs (a predicate, a sort order, a pivot's
aggregate), so its reproducer needs those draws too. The driver records every draw of a property's
example; a failing one is written into its reproducer as Python source (`draw_code`), and the
reproducer replays the property's own check on the same inputs with the same draws
(`replay_property`). The property's code lives in this checkout, so such a reproducer runs from it;
everything it replays is literal source written by the suite.

The script spec also carries the draws' source by itself (`draws`: label and code of each), which
the replay corpus saves with a failing property's inputs (`conformance.run.corpus`) and evaluates
back (`draw_values`) to replay the check on its lane with the same draws.
"""

from __future__ import annotations

import dataclasses
import importlib
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import hypothesis.strategies as st
import polars as pl

from conformance.catalog import OPERATIONS
from conformance.catalog.operation import Operation
from conformance.engines.lanes import LANES
from conformance.errors import unknown_choice
from conformance.judge.harness import DEFAULT_TIMEOUT_S
from conformance.properties import PROPERTIES
from conformance.properties.property import Property, run_property
from reports.outcomes import Outcome
from reports.records import tiled_recipe
from reports.reproducer import _CHUNKED as CHUNKED
from reports.reproducer import _PREAMBLE as PREAMBLE
from reports.reproducer import tiled_code
from strategies.predicates import Predicate

ROOT = Path(__file__).resolve().parents[2]


class NotReplayable(Exception):
    """A drawn value with no source form: the failure is reported with its pytest command only."""


class RecordingData:
    """Hypothesis' draws for one example, passed through and remembered in order."""

    def __init__(self, data: st.DataObject) -> None:
        self._data = data
        self.draws: list[tuple[str, Any]] = []

    def draw(self, strategy: st.SearchStrategy[Any], label: str | None = None) -> Any:
        value = self._data.draw(strategy, label=label)
        self.draws.append((label or "", value))
        return value


class SharedDraws:
    """One example's draws, made once from Hypothesis and handed alike to each lane (`lane()`):
    a property's draws then do not depend on which lanes run, as Hypothesis requires of one
    example (a failure is replayed on its own lanes, an example the budget cut short on fewer)."""

    def __init__(self, data: st.DataObject) -> None:
        self._data = data
        self._made: list[tuple[str | None, Any]] = []

    def lane(self) -> RecordingData:
        """The draws of one lane's run: the example's, in order, then new ones if it asks more."""
        return RecordingData(_InOrder(self))  # type: ignore[arg-type]

    def nth(self, at: int, strategy: st.SearchStrategy[Any], label: str | None) -> Any:
        """The example's draw at position `at`, made now if no lane asked for it before."""
        if at == len(self._made):
            self._made.append((label, self._data.draw(strategy, label=label)))
        made, value = self._made[at]
        if made != label:  # a lane drawing something else there would get a value of another kind
            raise RuntimeError(f"a property's lanes draw {made!r} and {label!r} at draw {at}")
        return value


class _InOrder:
    """One lane's cursor over `SharedDraws`."""

    def __init__(self, shared: SharedDraws) -> None:
        self._shared = shared
        self._at = 0

    def draw(self, strategy: st.SearchStrategy[Any], label: str | None = None) -> Any:
        value = self._shared.nth(self._at, strategy, label)
        self._at += 1
        return value


class RecordedDraws:
    """Hands back recorded draws in order, whatever strategy is asked for."""

    def __init__(self, values: Sequence[Any]) -> None:
        self._values = list(values)

    def draw(self, strategy: st.SearchStrategy[Any], label: str | None = None) -> Any:
        if not self._values:
            raise RuntimeError(f"the property draws more than was recorded ({label})")
        return self._values.pop(0)


def draw_code(value: Any) -> str:
    """`value` as Python source that `replay_property`'s script evaluates back to it."""
    if value is None or isinstance(value, bool | int | str):
        return repr(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else f"float({str(value)!r})"
    if isinstance(value, pl.DataFrame):
        return tiled_code(*tiled_recipe(value))
    if isinstance(value, Predicate):
        return f"_predicate({value.source!r})"
    if isinstance(value, Operation):
        return f"_operation({value.name!r})"
    if isinstance(value, list | tuple):
        items = ", ".join(draw_code(v) for v in value)
        return (
            f"[{items}]"
            if isinstance(value, list)
            else f"({items}{',' if len(value) == 1 else ''})"
        )
    if isinstance(value, dict):
        return "{" + ", ".join(f"{draw_code(k)}: {draw_code(v)}" for k, v in value.items()) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        fields = ", ".join(
            f"{f.name}={draw_code(getattr(value, f.name))}"
            for f in dataclasses.fields(value)
            if f.init
        )
        return f"_make({cls.__module__!r}, {cls.__qualname__!r})({fields})"
    raise NotReplayable(f"a drawn {type(value).__name__} has no source form")


def script(name: str, lane: str, draws: Sequence[tuple[str, Any]]) -> dict[str, Any]:
    """The reproducer script spec (`reports.reproducer`, kind `code`) of a property's example."""
    return code_script(name, lane, [(label, draw_code(value)) for label, value in draws])


def code_script(name: str, lane: str, draws: Sequence[Sequence[str]]) -> dict[str, Any]:
    """`script` from draws already written as source: (label, `draw_code`) pairs."""
    listed = "".join(f"    {code},  # {label}\n" for label, code in draws)
    body = (
        "# The property's own check, from the suite's checkout, on these inputs and draws.\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from conformance.run.replay import _make, _operation, _predicate, replay_property\n\n"
        f"draws = [\n{listed}]\n"
        f"sys.exit(replay_property({name!r}, {lane!r}, inputs, draws))\n"
    )
    return {"kind": "code", "body": body, "draws": [[label, code] for label, code in draws]}


def draw_values(codes: Sequence[str]) -> list[Any]:
    """The draws back from their source (`draw_code`), evaluated in the namespace a reproducer
    evaluates them in: its preamble (`pl`, `datetime`, `Decimal`...) and this module's helpers."""
    namespace: dict[str, Any] = {}
    exec(PREAMBLE + CHUNKED, namespace)
    namespace.update(_make=_make, _operation=_operation, _predicate=_predicate)
    return [eval(compile(code, "<a recorded draw>", "eval"), namespace) for code in codes]


def property_named(name: str) -> Property:
    """The registered property `name`; an unknown name is refused with the valid choices."""
    prop = next((p for p in PROPERTIES if p.name == name), None)
    if prop is None:
        raise unknown_choice("property", name, [p.name for p in PROPERTIES])
    return prop


def replay_property(name: str, lane: str, inputs: Sequence[pl.DataFrame], draws: list) -> int:
    """Run property `name` on `lane` once; exit code 1 while it fails, 0 once it holds."""
    prop = property_named(name)
    engine = next(ln for ln in LANES if ln.name == lane)
    cell = run_property(
        prop,
        engine,
        tuple(inputs),
        RecordedDraws(draws),
        DEFAULT_TIMEOUT_S,  # type: ignore[arg-type]
    )
    print(f"{name} on {lane}: {cell.outcome.value}\n{cell.detail}")
    if cell.outcome is Outcome.PASS:
        print("the property holds: the discrepancy is fixed")
    return 1 if cell.outcome.is_failure else 0


def _predicate(source: str) -> Predicate:
    import datetime
    import decimal

    scope = {"pl": pl, "c": pl.col, "datetime": datetime, "decimal": decimal}
    return Predicate(eval(source, scope), source)


def _operation(name: str) -> Operation:
    return next(op for op in OPERATIONS if op.name == name)


def _make(module: str, qualname: str) -> Any:
    target: Any = importlib.import_module(module)
    for part in qualname.split("."):
        target = getattr(target, part)
    return target

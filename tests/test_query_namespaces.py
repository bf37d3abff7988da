"""The namespace table of the expression grammar (`strategies.queries.table.namespaces`).

Every entry the installed Polars has must render and be accepted by Polars (planned and run on a
null row, by `probe.output_dtype`) for at least one representative dtype of its receiver family,
with each of its parameter choices; and the table must cover every public method of every
expression namespace, less the methods it excludes on purpose.
"""

from __future__ import annotations

import inspect
import itertools
import warnings
from collections.abc import Iterator, Mapping, Sequence

import hypothesis.strategies as st
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from polars.exceptions import PanicException

from strategies.queries import families as F
from strategies.queries import probe
from strategies.queries.builders import Arg, Builder
from strategies.queries.table.namespaces import EXCLUDED, NAMESPACES

NAMESPACE_NAMES = ("str", "dt", "list", "arr", "struct", "cat", "bin", "name", "map")

_MAP = getattr(pl, "Map", None)
REPRESENTATIVES: tuple[pl.DataType, ...] = (
    pl.String(),
    pl.Binary(),
    pl.Categorical(),
    pl.Enum(["a", "b", "ü", ""]),
    pl.Date(),
    pl.Datetime("us"),
    pl.Datetime("us", "UTC"),
    pl.Datetime("ns", "Asia/Kathmandu"),
    pl.Duration("ms"),
    pl.Time(),
    pl.Boolean(),
    pl.Int64(),
    pl.Int8(),
    pl.UInt8(),
    pl.UInt32(),
    pl.Float64(),
    pl.Decimal(10, 2),
    pl.List(pl.Int64),
    pl.List(pl.Float64),
    pl.List(pl.String),
    pl.List(pl.Boolean),
    pl.List(pl.Date),
    pl.List(pl.Duration("us")),
    pl.Array(pl.Int64, 2),
    pl.Array(pl.Float64, 2),
    pl.Array(pl.String, 2),
    pl.Array(pl.Boolean, 2),
    pl.Array(pl.Int8, 1),
    pl.Array(pl.Int64, 3),
    pl.Struct({"f0": pl.Int64}),
    pl.Struct({"f0": pl.Int64, "f1": pl.String}),
    pl.Struct({"a": pl.Int64, "b": pl.String}),
    pl.Struct({"f0": pl.Int64, "f1": pl.String, "f2": pl.Date}),
    pl.List(pl.Struct({"key": pl.String, "value": pl.Int64})),
    *((_MAP(pl.String, pl.Int64),) if _MAP is not None else ()),
)
# literals for arguments (some Polars takes only as Python values, or refuses null)
LITERALS: Mapping[pl.DataType, str] = {
    pl.String(): '"a"',
    pl.Int64(): "1",
    pl.Binary(): 'b"a"',
    pl.Time(): "dt.time(12, 30)",
}
BODIES = ("pl.element()", "pl.element().is_not_null()", "pl.element().first()")
MAX_ARG_COMBINATIONS = 200
# Edge choices some release refuses on every dtype, on purpose.
REFUSED_EDGES: Mapping[tuple[str, str], str] = {
    ("list.to_struct", 'fields=["a", "a"]'): "duplicate field names: 1.x refuses them, 2.x not",
}
# Entries whose valid calls panic on a null row (Polars bugs, so the probe rejects them), with
# a reproducer each.
KNOWN_PANICS: Mapping[str, str] = {
    name: "pl.DataFrame({'a': pl.Series([[1, 2], None], dtype=pl.Array(pl.Int64, 2))})"
    f".select(pl.col('a').{name}(1, as_array=True))  # 1.44.2, 2.1.0"
    for name in ("arr.head", "arr.tail", "arr.slice")
}

AVAILABLE = [b for b in NAMESPACES if b.unavailable_reason() is None]


def _options(strategy: object) -> list[str]:
    """The code choices of a `choices(...)` strategy."""
    elements = getattr(strategy, "elements", None)
    assert elements is not None, f"not a choices(...) strategy: {strategy!r}"
    return list(elements)


def _first_params(builder: Builder) -> dict[str, str]:
    """The entry's own parameters at their first choice (those this release's signature has)."""
    func = builder.function()
    assert func is not None
    draws = {name: _options(s)[0] for name, s in builder.params.items()}
    try:
        names = set(inspect.signature(func).parameters)
    except (TypeError, ValueError):
        return draws
    return {k: v for k, v in draws.items() if k in names}


def _arg_candidates(arg: Arg, receiver: pl.DataType) -> list[tuple[str, pl.DataType | None]]:
    """(code, placeholder dtype or None for inline code) choices for one argument."""
    if arg.body:
        return [(body, None) for body in BODIES]
    if arg.same:
        return [("", receiver)]
    dtypes = [d for d in REPRESENTATIVES if arg.family(d)]
    literals = [(LITERALS[d], None) for d in dtypes if d in LITERALS]
    if arg.literal_only:
        return literals
    # a column (null on the probe's row), else a literal: the composer passes either
    return [("", d) for d in dtypes] + literals


def _attempts(
    builder: Builder, params: Mapping[str, str]
) -> Iterator[tuple[str, list[pl.DataType]]]:
    """Code and placeholder dtypes of the entry over each representative receiver and arguments."""
    for receiver in REPRESENTATIVES:
        if builder.receiver is not None and not builder.receiver(receiver):
            continue
        per_arg = [_arg_candidates(arg, receiver) for arg in builder.args]
        combos = itertools.islice(itertools.product(*per_arg), MAX_ARG_COMBINATIONS)
        for combo in combos:
            dtypes = [receiver]
            inputs = [probe.placeholder(0)]
            for code, dtype in combo:
                if dtype is None:
                    inputs.append(code)
                else:
                    inputs.append(probe.placeholder(len(dtypes)))
                    dtypes.append(dtype)
            yield builder.code(inputs, params), dtypes


def _panics(code: str, dtypes: Sequence[pl.DataType]) -> bool:
    """Whether Polars plans `code` but panics running it on the probe's null row."""
    frame = pl.DataFrame([pl.Series(f"_{i}", [None], dtype=d) for i, d in enumerate(dtypes)])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            query = frame.lazy().select(eval(code, dict(F.CODE_GLOBALS)).alias("out"))
            query.collect_schema()
            query.collect()
    except PanicException:
        return True
    except Exception:
        return False
    return False


def _accepted(builder: Builder, params: Mapping[str, str]) -> tuple[str, list[str]] | None:
    """A (code, dtypes) Polars accepts; a known panic on the null row counts as accepted."""
    for code, dtypes in _attempts(builder, params):
        if probe.output_dtype(code, dtypes) is not None:
            return code, [repr(d) for d in dtypes]
        if _panics(code, dtypes):
            assert builder.name in KNOWN_PANICS, f"Polars panics on a null row: {code} {dtypes}"
            return code, [repr(d) for d in dtypes]
    return None


def _entry_id(builder: Builder) -> str:
    return builder.name


@pytest.mark.parametrize("builder", AVAILABLE, ids=_entry_id)
def test_entry_is_accepted_for_some_dtype(builder: Builder) -> None:
    params = _first_params(builder)
    assert _accepted(builder, params) is not None, (
        f"no representative dtype accepts {builder.name} with {params}: "
        f"e.g. {next(_attempts(builder, params), None)}"
    )


@pytest.mark.parametrize("builder", [b for b in AVAILABLE if b.params], ids=_entry_id)
def test_every_parameter_choice_is_accepted_somewhere(builder: Builder) -> None:
    """Each choice (the others at their first) is valid for some dtype: no typo'd choices."""
    base = _first_params(builder)
    rejected = []
    for name in base:
        for option in _options(builder.params[name])[1:]:
            params = {**base, name: option}
            if (builder.name, f"{name}={option}") in REFUSED_EDGES:
                continue
            if _accepted(builder, params) is None:
                rejected.append(f"{name}={option}")
    assert not rejected, f"{builder.name}: choices no dtype accepts: {rejected}"


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_drawn_parameters_render_as_expressions(data: st.DataObject) -> None:
    """Parameters drawn as the composer draws them (table and signature) give valid code."""
    builder = data.draw(st.sampled_from(AVAILABLE), label="entry")
    params = builder.draw_params(data.draw)
    inputs = [probe.placeholder(0)]
    for i, arg in enumerate(builder.args, start=1):
        if arg.body:
            inputs.append("pl.element()")
        elif arg.literal_only:
            inputs.append(next(LITERALS[d] for d in LITERALS if arg.family(d)))
        else:
            inputs.append(probe.placeholder(i))
    code = builder.code(inputs, params)
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        expr = eval(code, dict(F.CODE_GLOBALS))
    assert isinstance(expr, pl.Expr), code


def _public_methods(namespace: str) -> set[str]:
    owner = getattr(pl.col("_"), namespace, None)
    if owner is None or callable(owner):  # absent, or (`Expr.map` of old releases) a method
        return set()
    return {
        f"{namespace}.{n}"
        for n in dir(owner)
        if not n.startswith("_") and callable(getattr(owner, n, None))
    }


@pytest.mark.parametrize("namespace", NAMESPACE_NAMES)
def test_every_public_method_has_an_entry_or_is_excluded(namespace: str) -> None:
    names = {b.name for b in NAMESPACES}
    missing = sorted(_public_methods(namespace) - names - set(EXCLUDED))
    assert not missing, f"{pl.__version__}: no entry and not excluded: {missing}"


def test_entries_name_real_methods_and_exclusions_are_not_entries() -> None:
    names = {b.name for b in NAMESPACES}
    assert not names & set(EXCLUDED)
    for builder in NAMESPACES:
        assert builder.name.split(".")[0] in NAMESPACE_NAMES, builder.name
        assert builder.receiver is not None, builder.name
    if pl.__version__.startswith("1.44"):
        unavailable = sorted({b.name for b in NAMESPACES if b.unavailable_reason()})
        assert unavailable == sorted(UNAVAILABLE_ON_1_44), unavailable


def test_name_methods_are_outermost() -> None:
    for builder in NAMESPACES:
        assert builder.outermost == builder.name.startswith("name."), builder.name


# Entries 1.44.2 lacks (added later).
UNAVAILABLE_ON_1_44: Sequence[str] = (
    "list.to_map",
    *(f"map.{m}" for m in ("contains_key", "entries", "get", "keys", "len", "values")),
    "name.strip_prefix",
    "name.strip_suffix",
    "struct.eval",
)


def _report() -> dict[str, tuple[int, int]]:  # pragma: no cover - for the session's report
    out = {}
    for ns in NAMESPACE_NAMES:
        present = _public_methods(ns)
        out[ns] = (len(present & {b.name for b in AVAILABLE}), len(present & set(EXCLUDED)))
    return out


def test_no_builder_reads_categorical_codes() -> None:
    """A Categorical's codes number its strings in the order the process met them, so an engine
    in a child process reads other codes: the builders that read codes (or take integers for
    codes) never receive a Categorical, at any depth; an Enum's codes are fixed and stay in."""
    from strategies.queries.table.expr import ELEMENTWISE

    categorical = (pl.Categorical(), pl.List(pl.Categorical()), pl.Struct({"f": pl.Categorical()}))
    readers = [
        b for b in (*ELEMENTWISE, *NAMESPACES) if b.name in {"Expr.to_physical", "cat.physical"}
    ]
    assert {b.name for b in readers} == {"Expr.to_physical", "cat.physical"}
    for builder in readers:
        assert builder.receiver is not None
        assert not any(builder.receiver(dtype) for dtype in categorical), builder.name
        assert builder.receiver(pl.Enum(["a", "b"])), builder.name
    for builder in (b for b in NAMESPACES if b.name == "cat.to"):
        assert builder.receiver is not None
        if builder.receiver(pl.UInt32()):  # integers taken for codes: of Enums only
            targets = builder.params["dtype"].elements  # type: ignore[attr-defined]
            assert not any("Categorical" in t for t in targets), builder

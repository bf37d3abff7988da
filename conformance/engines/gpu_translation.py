"""Would a LazyFrame run on the cudf-polars GPU engine, and if not, why? Answered without a GPU.

The plan inspected is the one a variant really runs. `LazyFrame.collect(engine=pl.GPUEngine(),
optimizations=flags)` (Polars >= 1.30) does `ldf = lf._ldf.with_optimizations(flags._pyoptflags)`
and `ldf.collect("gpu", callback)`; Polars optimizes that plan and hands the callback
(`cudf_polars.execute_with_cudf`) a node traverser over it, which cudf-polars' `Translator`
translates. `ldf.visit()` runs the same optimizer with the same flags and returns that traverser
without executing anything, so translating it gives the callback's answer (the tests compare the
two through `collect`'s private `post_opt_callback`).

The translator is configured with `executor="in-memory"`: the default streaming executor asks NVML
for the device's memory while its options are built, which fails without a GPU. Translation
itself does not branch on the executor.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from functools import cache
from typing import Any

import polars as pl
from polars.exceptions import PanicException

from conformance.engines.passes import BASELINE, Variant
from conformance.version import POLARS_VERSION_STRING

# The one cudf-polars message that embeds a whole IR node (schema, expressions, object addresses).
_NULL_DTYPE = re.compile(r"No GPU support for (\w+)\(.*\) with Null column dtype\.", re.DOTALL)
_DATATYPE = re.compile(r"<DataType\(polars=(.*?), plc=<type_id\.\w+: \d+>\)>")
_ADDRESS = re.compile(r" object at 0x[0-9a-fA-F]+")


@cache
def translation_unavailable_reason() -> str | None:
    """None when plans can be translated here, else one line naming what is missing.

    Checked once: the Polars internals that rebuild a variant's optimized plan, that cudf_polars
    imports, and that it translates a trivial plan (a cudf-polars too old or too new for this
    Polars' IR cannot, and would report every query as a fallback).
    """
    if not hasattr(pl, "GPUEngine"):
        return f"Polars {POLARS_VERSION_STRING} has no pl.GPUEngine"
    if not hasattr(pl, "QueryOptFlags"):
        return (
            f"Polars {POLARS_VERSION_STRING} has no pl.QueryOptFlags, "
            "so a variant's optimized plan cannot be rebuilt for translation"
        )
    ldf = pl.LazyFrame()._ldf
    missing = [f"PyLazyFrame.{m}" for m in ("with_optimizations", "visit") if not hasattr(ldf, m)]
    if not hasattr(pl.QueryOptFlags(), "_pyoptflags"):
        missing.append("QueryOptFlags._pyoptflags")
    if missing:
        return (
            f"Polars {POLARS_VERSION_STRING} lacks {', '.join(missing)}, "
            "needed to read a variant's optimized plan"
        )
    if importlib.util.find_spec("cudf_polars") is None:
        return "cudf_polars is not installed (install the `gpu` extra: cudf-polars-cu12)"
    try:
        _translator_class()
    except Exception as exc:
        return f"cudf_polars does not import: {_one_line(f'{type(exc).__name__}: {exc}')}"
    try:
        trivial = pl.LazyFrame({"a": [1, 2]}).select(pl.col("a") + 1)
        smoke = plan_fallback_reasons(optimized_plan(trivial, BASELINE))
    except Exception as exc:
        smoke = [f"{type(exc).__name__}: {exc}"]
    if smoke:
        return (
            f"cudf_polars cannot translate a trivial plan of Polars {POLARS_VERSION_STRING}: "
            f"{_one_line('; '.join(smoke))}"
        )
    return None


@cache
def _translator_class() -> Any:
    return importlib.import_module("cudf_polars.dsl.translate").Translator


def optimized_plan(lf: pl.LazyFrame, variant: Variant) -> Any:
    """The node traverser of `lf` optimized with `variant`'s flags, as the GPU engine receives it.

    Errors of the query itself (an unknown column, a type error) are raised here, as every
    engine raises them; they are not GPU fallbacks.
    """
    kwargs = variant.collect_kwargs()
    flags = kwargs.pop("optimizations", None)
    if kwargs:  # only Polars < 1.30, which translation_unavailable_reason() rules out
        raise RuntimeError(f"variant {variant.name} is not expressed as QueryOptFlags: {kwargs}")
    if flags is None:  # the baseline: collect's default flags
        flags = pl.QueryOptFlags()
    return lf._ldf.with_optimizations(flags._pyoptflags).visit()


def gpu_fallback_reasons(lf: pl.LazyFrame, variant: Variant) -> list[str]:
    """Why cudf-polars would not run `lf` as optimized by `variant`; [] when it would run it all.

    The reasons are cudf-polars' own, distinct, in plan order. They are not exhaustive:
    translation may stop at the first node of a subtree it cannot translate, so unsupported
    operations below that node go unreported until it is fixed. An exception raised while
    translating becomes one reason ("translation raised X: msg") rather than propagating; errors
    of the query itself propagate (see `optimized_plan`). Raises RuntimeError when
    `translation_unavailable_reason()` says translation cannot run here.
    """
    if reason := translation_unavailable_reason():
        raise RuntimeError(reason)
    return plan_fallback_reasons(optimized_plan(lf, variant))


def plan_fallback_reasons(plan: Any) -> list[str]:
    """`gpu_fallback_reasons` for a node traverser already in hand (e.g. a GPU callback's)."""
    translator = None
    try:
        translator = _translator_class()(plan, pl.GPUEngine(executor="in-memory"))
        translator.translate_ir()
    except (Exception, PanicException) as exc:
        recorded = [e for e in getattr(translator, "errors", ()) if e is not exc]
        raised = [f"translation raised {type(exc).__name__}: {_one_line(str(exc))}"]
    else:
        recorded, raised = list(translator.errors), []
    return list(dict.fromkeys([*map(_readable, recorded), *raised]))


def _readable(error: BaseException) -> str:
    """One line per reason, stable across runs: no object addresses, no whole IR nodes.

    cudf-polars' NotImplementedError is its "unsupported" signal and keeps just its message; any
    other exception it recorded is a translator failure and keeps its class name.
    """
    text = str(error) or type(error).__name__
    if match := _NULL_DTYPE.fullmatch(text.strip()):
        text = f"No GPU support for {match.group(1)} with Null column dtype."
    text = _ADDRESS.sub("", _DATATYPE.sub(r"\1", text))
    if not isinstance(error, NotImplementedError):
        text = f"{type(error).__name__}: {text}"
    return _one_line(text)


def _one_line(text: str) -> str:
    return " ".join(text.split())

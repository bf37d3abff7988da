"""Optimizer pass variants, discovered from the installed Polars at run time.

Polars >= 1.30 exposes passes as `QueryOptFlags` keyword fields (their set changes between releases);
1.25-1.29 expose them as boolean keywords of `LazyFrame.collect`. Nothing here lists one version's passes.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import polars as pl

from conformance.errors import unknown_choice

ALL_ON = "all-on"
NONE = "none"

# `collect()` keywords on 1.25-1.29 that are not optimizer passes. `type_coercion` is required for
# correctness (later releases stopped offering it as a toggle), so turning it off is not a variant.
_NOT_PASSES = frozenset({"no_optimization", "type_coercion", "background", "streaming"})


def uses_query_opt_flags() -> bool:
    return hasattr(pl, "QueryOptFlags")


@cache
def discover_passes() -> tuple[str, ...]:
    """The optimizer passes the installed Polars lets a user switch off, in its own order."""
    if uses_query_opt_flags():
        params = inspect.signature(pl.QueryOptFlags.__init__).parameters.values()
        return tuple(p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY)
    params = inspect.signature(pl.LazyFrame.collect).parameters.values()
    return tuple(
        p.name
        for p in params
        if p.default is True and not p.name.startswith("_") and p.name not in _NOT_PASSES
    )


@dataclass(frozen=True)
class Variant:
    """One optimizer configuration: all passes on, one pass off, or every pass off."""

    name: str
    disabled: tuple[str, ...]

    @property
    def is_baseline(self) -> bool:
        return not self.disabled

    def collect_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `LazyFrame.collect` that realise this variant on this Polars."""
        if self.is_baseline:
            return {}
        if uses_query_opt_flags():
            if self.name == NONE:
                return {"optimizations": pl.QueryOptFlags.none()}
            return {"optimizations": pl.QueryOptFlags(**dict.fromkeys(self.disabled, False))}
        kwargs: dict[str, Any] = dict.fromkeys(self.disabled, False)
        if self.name == NONE:
            kwargs["no_optimization"] = True
        return kwargs

    def code(self) -> str:
        """`collect_kwargs()` as Python source, for reproducers."""
        if self.is_baseline:
            return ""
        if uses_query_opt_flags():
            if self.name == NONE:
                return "optimizations=pl.QueryOptFlags.none()"
            flags = ", ".join(f"{p}=False" for p in self.disabled)
            return f"optimizations=pl.QueryOptFlags({flags})"
        return ", ".join(f"{k}={v!r}" for k, v in self.collect_kwargs().items())


BASELINE = Variant(ALL_ON, ())


def all_variants() -> list[Variant]:
    passes = discover_passes()
    return [BASELINE, *(Variant(f"-{p}", (p,)) for p in passes), Variant(NONE, passes)]


def select_variants(spec: Sequence[str] | None) -> list[Variant]:
    """Variants for `--passes`: the baseline always, plus `-<pass>` per named pass and `none` if named.

    No selection means every pass in turn and `none`.
    """
    variants = all_variants()
    if not spec:
        return variants
    by_token = {v.name.removeprefix("-"): v for v in variants}
    valid = [*discover_passes(), NONE]
    chosen = [BASELINE]
    for token in spec:
        name = token.strip().removeprefix("-")
        if name not in valid:
            raise unknown_choice("optimizer pass", token, valid)
        if by_token[name] not in chosen:
            chosen.append(by_token[name])
    return chosen


def variant_by_name(name: str) -> Variant:
    for variant in all_variants():
        if variant.name == name:
            return variant
    raise unknown_choice("variant", name, [v.name for v in all_variants()])

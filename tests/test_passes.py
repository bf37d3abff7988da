"""Optimizer variants are discovered from the installed Polars and realised correctly."""

from __future__ import annotations

import inspect

import polars as pl
import pytest

from conformance.engines.passes import (
    ALL_ON,
    NONE,
    all_variants,
    discover_passes,
    select_variants,
    uses_query_opt_flags,
    variant_by_name,
)
from conformance.errors import ConformanceUsageError


def test_passes_are_what_the_installed_polars_accepts() -> None:
    passes = discover_passes()
    assert passes, "no optimizer pass discovered"
    if uses_query_opt_flags():
        for name in passes:  # each pass really is a switch of this version's QueryOptFlags
            flags = pl.QueryOptFlags(**{name: False})
            assert getattr(flags, name) is False
            assert getattr(pl.QueryOptFlags(), name) is True
    else:
        params = inspect.signature(pl.LazyFrame.collect).parameters
        assert all(params[name].default is True for name in passes)


def test_variants_are_baseline_each_pass_off_and_none() -> None:
    names = [v.name for v in all_variants()]
    assert names[0] == ALL_ON
    assert names[-1] == NONE
    assert names[1:-1] == [f"-{p}" for p in discover_passes()]


def test_single_pass_variant_disables_only_that_pass() -> None:
    if not uses_query_opt_flags():
        pytest.skip("QueryOptFlags appeared in Polars 1.30")
    first, *others = discover_passes()
    flags = variant_by_name(f"-{first}").collect_kwargs()["optimizations"]
    assert getattr(flags, first) is False
    assert all(getattr(flags, p) is True for p in others)


def test_none_variant_disables_every_pass() -> None:
    if not uses_query_opt_flags():
        assert variant_by_name(NONE).collect_kwargs()["no_optimization"] is True
        return
    flags = variant_by_name(NONE).collect_kwargs()["optimizations"]
    assert all(getattr(flags, p) is False for p in discover_passes())


def test_variants_run_a_query() -> None:
    lf = pl.LazyFrame({"a": [3, 1, 2]}).filter(pl.col("a") > 1).sort("a")
    for variant in all_variants():
        out = lf.collect(engine="in-memory", **variant.collect_kwargs())
        assert out["a"].to_list() == [2, 3], variant.name


def test_select_variants_keeps_baseline_and_named_passes() -> None:
    first = discover_passes()[0]
    chosen = select_variants([first, NONE])
    assert [v.name for v in chosen] == [ALL_ON, f"-{first}", NONE]
    assert [v.name for v in select_variants([f"-{first}"])] == [ALL_ON, f"-{first}"]


def test_unknown_pass_names_the_valid_choices() -> None:
    with pytest.raises(ConformanceUsageError) as info:
        select_variants(["no_such_pass"])
    message = str(info.value)
    assert "'no_such_pass'" in message
    assert all(p in message for p in discover_passes())
    assert "\n" not in message

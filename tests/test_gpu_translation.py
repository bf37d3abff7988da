"""cudf-polars translation of each variant's optimized plan, without a GPU.

Needs cudf_polars (the `gpu` extra), which the default test environment does not install: the
whole module is skipped there, with the reason.
"""

from __future__ import annotations

import polars as pl
import pytest

from conformance.catalog import OPERATIONS
from conformance.engines.gpu_translation import (
    gpu_fallback_reasons,
    plan_fallback_reasons,
    translation_unavailable_reason,
)
from conformance.engines.passes import BASELINE, all_variants, variant_by_name

_UNAVAILABLE = translation_unavailable_reason()
if _UNAVAILABLE is not None:
    pytest.skip(f"no cudf-polars translation here: {_UNAVAILABLE}", allow_module_level=True)

INTS = pl.LazyFrame({"k": [1, 2, 1, 3], "v": [10, 20, 30, 40]})
# An all-null column has dtype Null, which cudf-polars rejects wherever it is in a node's schema.
WITH_NULL_COLUMN = pl.LazyFrame({"a": [1, 2, 3], "n": [None, None, None]})


def _plus_one(x: int) -> int:
    return x + 1


def test_supported_query_translates_fully() -> None:
    query = INTS.filter(pl.col("v") > 10).group_by("k").agg(pl.col("v").sum()).select("k", "v")
    for variant in all_variants():
        assert gpu_fallback_reasons(query, variant) == [], variant.name


@pytest.mark.filterwarnings("ignore::polars.exceptions.PolarsInefficientMapWarning")
@pytest.mark.parametrize(
    ("expr", "named"),
    [
        (pl.col("v").map_elements(_plus_one, return_dtype=pl.Int64), "anonymousfunction"),
        (pl.col("v").cast(pl.String).str.encode("hex"), "HexEncode"),
    ],
    ids=["python-udf", "str.encode-hex"],
)
def test_unsupported_expression_is_named(expr: pl.Expr, named: str) -> None:
    reasons = gpu_fallback_reasons(INTS.select(expr), BASELINE)
    assert reasons
    assert any(named in reason for reason in reasons), reasons
    assert all(isinstance(r, str) and "\n" not in r for r in reasons)


def test_variant_decides_what_is_translated() -> None:
    # Projection pushdown drops the unused Null column from the in-memory scan; without it the
    # scan (and the filter above it) still carry that column, which cudf-polars cannot hold.
    query = WITH_NULL_COLUMN.filter(pl.col("a") > 1).select("a")
    assert gpu_fallback_reasons(query, BASELINE) == []
    assert gpu_fallback_reasons(query, variant_by_name("-projection_pushdown")) == [
        "No GPU support for DataFrameScan with Null column dtype.",
        "No GPU support for Filter with Null column dtype.",
    ]
    assert gpu_fallback_reasons(query, variant_by_name("none"))
    # An unsupported expression whose result is never used is pruned the same way.
    unused_udf = INTS.with_columns(
        u=pl.col("v").map_batches(lambda s: s + 1, return_dtype=pl.Int64)
    ).select("k")
    assert gpu_fallback_reasons(unused_udf, BASELINE) == []
    assert gpu_fallback_reasons(unused_udf, variant_by_name("none")) == ["anonymousfunction"]


@pytest.mark.parametrize(
    "query",
    [
        WITH_NULL_COLUMN.filter(pl.col("a") > 1).select("a"),
        INTS.with_columns(u=pl.col("v").map_batches(lambda s: s, return_dtype=pl.Int64)).select(
            "k"
        ),
        INTS.join(INTS, on="k", how="left").filter(pl.col("v_right") > 0).head(2),
        pl.LazyFrame({"s": ["a", None]}).with_columns(t=pl.col("s") + pl.lit("|")),
    ],
    ids=["null-column", "unused-udf", "join-filter-head", "string-add"],
)
def test_the_plan_is_the_one_the_gpu_engine_receives(query: pl.LazyFrame) -> None:
    """Every variant's answer matches a translation of the plan `collect` hands cudf-polars."""

    class Seen(Exception):
        """Raised from the callback so that `collect` stops before executing anything."""

    for variant in all_variants():
        seen: list[list[str]] = []

        def callback(nt: object, _duration: int | None, seen: list[list[str]] = seen) -> None:
            seen.append(plan_fallback_reasons(nt))
            raise Seen

        with pytest.raises(Exception, match="Seen"):
            query.collect(
                engine=pl.GPUEngine(), post_opt_callback=callback, **variant.collect_kwargs()
            )
        assert seen == [gpu_fallback_reasons(query, variant)], variant.name


def test_a_catalog_operation_under_every_variant() -> None:
    # simplify_expression turns `s + lit("|")` into a string concatenation cudf-polars supports;
    # without it the plan holds an ADD of two strings, which it does not.
    op = next(o for o in OPERATIONS if o.name == "with_columns_string")
    strings = pl.LazyFrame({"s": ["ab", " a", None, "bca"]})
    reasons = {v.name: gpu_fallback_reasons(op.query(strings), v) for v in all_variants()}
    assert reasons[BASELINE.name] == []
    assert {name for name, found in reasons.items() if found} == {"-simplify_expression", "none"}
    assert any("ADD" in r and "STRING" in r for r in reasons["-simplify_expression"])


def test_query_errors_propagate_and_translation_errors_become_reasons(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(pl.exceptions.ColumnNotFoundError):
        gpu_fallback_reasons(INTS.select("missing"), BASELINE)

    from cudf_polars.dsl.translate import Translator

    def broken(self: object, **_: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(Translator, "translate_ir", broken)
    assert gpu_fallback_reasons(INTS, BASELINE) == [
        "translation raised RuntimeError: boom second line"
    ]


def test_unavailable_translation_raises_its_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    from conformance.engines import gpu_translation

    monkeypatch.setattr(gpu_translation, "translation_unavailable_reason", lambda: "no cudf here")
    with pytest.raises(RuntimeError, match="no cudf here"):
        gpu_fallback_reasons(INTS, BASELINE)

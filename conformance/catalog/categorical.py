"""Categorical and Enum columns: casts, comparisons, sorting, grouping, joins and `cat.*`.

Values come from the small key pool, so equal categories recur and every Enum value is valid. Only
Enum's physical encoding is fixed by its dtype; a Categorical's codes depend on the process's
category registry (the small-morsel lane runs in a child process), so entries never expose
Categorical codes, only values and value order.
"""

from __future__ import annotations

import hypothesis.strategies as st
import polars as pl

from conformance.catalog.operation import Operation, has_attr
from conformance.judge.compare import UNORDERED
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

CATEGORIES = {"x": Col(D.categoricals, key=True)}
ENUMS = {"x": Col(st.just(pl.Enum(list(D.ENUM_CATEGORIES))), key=True)}
CATEGORIES_KEYED = {"x": Col(D.categoricals, key=True), "v": Col(D.numeric), "y": Col()}

OPERATIONS = (
    Operation(
        "cat_cast_string",
        lambda lf: lf.with_columns(
            text=c("x").cast(pl.String),
            round_trip=c("x").cast(pl.String).cast(pl.Categorical),
            enum=c("x").cast(pl.String).cast(pl.Enum(["a", "b"]), strict=False),
            length=c("x").cast(pl.String).str.len_chars(),
        ),
        (CATEGORIES,),
    ),
    Operation(
        "cast_string_to_categorical",
        lambda lf: lf.with_columns(
            categorical=c("s").cast(pl.Categorical),
            enum=c("s").cast(pl.Enum(["a", "b", "ü", ""])),
            narrow_enum=c("s").cast(pl.Enum(["b", "a"]), strict=False),
            back=c("s").cast(pl.Categorical).cast(pl.String),
        ),
        ({"s": Col(D.strings, key=True)},),
    ),
    Operation(
        "cat_equality",
        lambda lf: lf.with_columns(
            eq_literal=c("x") == "a",
            ne_previous=c("x") != c("x").shift(1),
            eq_missing=c("x").eq_missing(c("x").reverse()),
            is_in=c("x").is_in(["a", "ü"]),
        ),
        (CATEGORIES,),
    ),
    Operation(
        "cat_ordering_comparison",
        lambda lf: lf.with_columns(
            lt_reversed=c("x") < c("x").reverse(),
            ge_literal=c("x") >= "b",
            min=c("x").min(),
            max=c("x").max(),
        ),
        (CATEGORIES,),
    ),
    Operation(
        "cat_sort",
        lambda lf: lf.sort("x", "i", maintain_order=True),
        ({"x": Col(D.categoricals, key=True), "i": Col(D.integers)},),
    ),
    Operation(
        "cat_sort_descending_nulls_last",
        lambda lf: lf.with_columns(
            sorted=c("x").sort(descending=True, nulls_last=True),
            arg_sort=c("x").arg_sort(nulls_last=True),
        ),
        ({"x": Col(D.categoricals, key=True)},),
    ),
    Operation(
        "cat_group_by",
        lambda lf: lf.group_by("x").agg(
            n=pl.len(), total=c("v").sum(), first=c("y").first(), n_unique=c("y").n_unique()
        ),
        (CATEGORIES_KEYED,),
        UNORDERED,
    ),
    Operation(
        "cat_group_by_maintain_order",
        lambda lf: lf.group_by("x", maintain_order=True).agg(c("v"), last=c("y").last()),
        (CATEGORIES_KEYED,),
    ),
    Operation(
        "cat_unique_counts",
        # not approx_n_unique(): an estimate, from a sketch each engine builds its own way (the
        # streaming engine's has 256 registers; the in-memory one hashes the codes), so no two
        # engines owe each other the same number
        lambda lf: lf.select(n_unique=c("x").n_unique(), nulls=c("x").null_count()),
        (CATEGORIES,),
    ),
    Operation(
        "cat_unique",
        lambda lf: lf.select(c("x").unique()),
        (CATEGORIES,),
        UNORDERED,
    ),
    Operation(
        "cat_join",
        lambda lf, rf: lf.join(rf, on="x", how="inner"),
        (
            {"x": Col(D.categoricals, key=True), "a": Col(D.integers)},
            {"x": Col(D.categoricals, key=True), "b": Col(D.strings)},
        ),
        UNORDERED,
    ),
    Operation(
        "cat_string_functions",
        lambda lf: lf.with_columns(
            len_bytes=c("x").cat.len_bytes(),
            len_chars=c("x").cat.len_chars(),
            starts=c("x").cat.starts_with("a"),
            ends=c("x").cat.ends_with("ü"),
        ),
        (CATEGORIES,),
        requires=(has_attr(pl.col("x"), "cat.len_bytes"),),
    ),
    Operation(
        "cat_slice",
        lambda lf: lf.with_columns(head=c("x").cat.slice(0, 1), tail=c("x").cat.slice(-1)),
        (CATEGORIES,),
        requires=(has_attr(pl.col("x"), "cat.slice"),),
    ),
    Operation(
        "enum_get_categories",
        lambda lf: lf.select(c("x").cat.get_categories()),
        (ENUMS,),
        requires=(has_attr(pl.col("x"), "cat.get_categories"),),
    ),
    Operation(
        "enum_to_physical",
        lambda lf: lf.with_columns(code=c("x").to_physical(), rank=c("x").rank("dense")),
        (ENUMS,),
    ),
)

"""List, array and struct operations.

Where an operation leaves the order of elements inside a list undefined (`list.unique`), the entry
sorts the list afterwards, so only the set of elements is compared; row order stays checked.
"""

from __future__ import annotations

import polars as pl

from conformance.catalog.operation import Operation, has_attr
from conformance.catalog.tolerances import MEAN
from conformance.judge.compare import Rules
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

LISTS = {"l": Col(D.lists)}
NUMERIC_LISTS = {"l": Col(D.numeric_lists)}
SCALAR_LISTS = {"l": Col(D.scalar_lists)}

OPERATIONS = (
    Operation("explode", lambda lf: lf.explode("l"), ({"l": Col(D.lists), "i": Col(D.integers)},)),
    Operation(
        "explode_two_columns",
        lambda lf: lf.with_columns(r=c("l").list.reverse()).explode("l", "r"),
        ({"l": Col(D.lists), "i": Col(D.integers)},),
    ),
    Operation(
        "list_explode_expr",
        lambda lf: lf.select(c("l").list.explode()),
        (LISTS,),
    ),
    Operation(
        "list_len_aggs",
        lambda lf: lf.with_columns(
            len=c("l").list.len(),
            sum=c("l").list.sum(),
            min=c("l").list.min(),
            max=c("l").list.max(),
            mean=c("l").list.mean(),
            median=c("l").list.median(),
        ),
        (NUMERIC_LISTS,),
        Rules(tolerance=MEAN),
    ),
    Operation(
        "list_get_first_last",
        lambda lf: lf.with_columns(
            first=c("l").list.first(),
            last=c("l").list.last(),
            get_zero=c("l").list.get(0, null_on_oob=True),
            get_back=c("l").list.get(-2, null_on_oob=True),
            get_col=c("l").list.get(c("i"), null_on_oob=True),
        ),
        ({"l": Col(D.lists), "i": Col(D.integers, key=True)},),
    ),
    Operation(
        "list_contains",
        lambda lf: lf.with_columns(
            contains_first=c("l").list.contains(c("l").list.first()),
            contains_other=c("l").list.contains(c("l").shift(1).list.last()),
        ),
        (SCALAR_LISTS,),
    ),
    Operation(
        # the element must be one value: a scalar aggregation of the first row's first element
        "list_count_matches",
        lambda lf: lf.with_columns(n=c("l").list.count_matches(c("l").list.first().first())),
        (SCALAR_LISTS,),
    ),
    Operation(
        "list_unique",
        lambda lf: lf.with_columns(
            unique=c("l").list.unique().list.sort(),
            stable=c("l").list.unique(maintain_order=True),
            n_unique=c("l").list.n_unique(),
        ),
        (SCALAR_LISTS,),
    ),
    Operation(
        "list_sort_reverse",
        lambda lf: lf.with_columns(
            sorted=c("l").list.sort(),
            descending=c("l").list.sort(descending=True, nulls_last=True),
            reversed=c("l").list.reverse(),
        ),
        (LISTS,),
    ),
    Operation(
        "list_slice_head_tail",
        lambda lf: lf.with_columns(
            middle=c("l").list.slice(1, 2),
            from_end=c("l").list.slice(-2),
            head=c("l").list.head(2),
            tail=c("l").list.tail(1),
            every_other=c("l").list.gather_every(2),
        ),
        (LISTS,),
    ),
    Operation(
        "list_gather",
        lambda lf: lf.with_columns(
            ends=c("l").list.gather([0, -1], null_on_oob=True),
            repeated=c("l").list.gather([1, 1, 0], null_on_oob=True),
        ),
        (LISTS,),
    ),
    Operation(
        "list_join",
        lambda lf: lf.with_columns(
            comma=c("l").list.join(","),
            keep_nulls=c("l").list.join("-", ignore_nulls=False),
        ),
        ({"l": Col(D.string_lists)},),
    ),
    Operation(
        "list_eval",
        lambda lf: lf.with_columns(
            doubled=c("l").list.eval(pl.element() * 2),
            ranked=c("l").list.eval(pl.element().rank()),
            positive=c("l").list.eval(pl.element().filter(pl.element() > 0)),
            running=c("l").list.eval(pl.element().cum_sum()),
        ),
        (NUMERIC_LISTS,),
    ),
    Operation(
        "list_concat",
        lambda lf: lf.with_columns(
            appended=c("l").list.concat(c("l").list.reverse()),
            concat_list=pl.concat_list([c("l"), c("l").list.head(1), c("l").shift(1)]),
        ),
        (LISTS,),
    ),
    Operation(
        "list_set_ops",
        lambda lf: lf.with_columns(r=c("l").shift(1)).with_columns(
            union=c("l").list.set_union(c("r")),
            intersection=c("l").list.set_intersection(c("r")),
            difference=c("l").list.set_difference(c("r")),
            symmetric=c("l").list.set_symmetric_difference(c("r")),
        ),
        ({"l": Col(D.set_lists)},),
    ),
    Operation(
        "list_arg_min_max_drop_nulls",
        lambda lf: lf.with_columns(
            arg_min=c("l").list.arg_min(),
            arg_max=c("l").list.arg_max(),
            no_nulls=c("l").list.drop_nulls(),
        ),
        (SCALAR_LISTS,),
    ),
    Operation(
        "list_to_struct",
        lambda lf: lf.with_columns(s=c("l").list.to_struct(fields=["a", "b"])),
        (LISTS,),
    ),
    Operation(
        "arr_aggs",
        lambda lf: lf.with_columns(
            sum=c("a").arr.sum(),
            min=c("a").arr.min(),
            max=c("a").arr.max(),
            n_unique=c("a").arr.n_unique(),
        ),
        ({"a": Col(D.numeric_arrays)},),
    ),
    Operation(
        "arr_mean_len",
        lambda lf: lf.with_columns(mean=c("a").arr.mean(), len=c("a").arr.len()),
        ({"a": Col(D.numeric_arrays)},),
        Rules(tolerance=MEAN),
        requires=(has_attr(pl.col("a"), "arr.mean"),),
    ),
    Operation(
        "arr_elements",
        lambda lf: lf.with_columns(
            first=c("a").arr.first(),
            last=c("a").arr.last(),
            get=c("a").arr.get(1, null_on_oob=True),
            sorted=c("a").arr.sort(descending=True),
            contains=c("a").arr.contains(c("a").arr.last()),
            as_list=c("a").arr.to_list(),
        ),
        ({"a": Col(D.arrays)},),
    ),
    Operation(
        "arr_reverse",
        lambda lf: lf.with_columns(reversed=c("a").arr.reverse()),
        ({"a": Col(D.arrays)},),
    ),
    Operation(
        "arr_explode",
        lambda lf: lf.explode("a"),
        ({"a": Col(D.arrays), "i": Col(D.integers)},),
    ),
    Operation(
        "struct_field_unnest",
        lambda lf: lf.with_columns(first=c("s").struct.field("f0")).unnest("s"),
        ({"s": Col(D.structs), "x": Col()},),
    ),
    Operation(
        "struct_build_rename_with_fields",
        lambda lf: lf.select(
            built=pl.struct(c("s"), c("x")).struct.rename_fields(["inner", "other"]),
            widened=c("s").struct.with_fields(copy=pl.field("f0"), x=c("x")),
        ),
        ({"s": Col(D.structs), "x": Col()},),
    ),
    Operation(
        "struct_json_encode",
        lambda lf: lf.select(json=c("s").struct.json_encode()),
        ({"s": Col(D.structs)},),
    ),
    Operation(
        "implode",
        lambda lf: lf.select(c("x").implode(), n=c("x").len()),
        ({"x": Col()},),
    ),
)

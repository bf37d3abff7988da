"""Row-level operations: filters, sorts, top-k, unique, slices, merges and row indices."""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import KEYED
from conformance.catalog.operation import Operation, has_attr, has_param
from conformance.judge.compare import UNORDERED
from conformance.judge.duck import Sql
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

_RANKED = {"k": Col(D.keys, key=True), "v": Col(D.numeric), "i": Col(D.integers)}
_FLOATS = {"f": Col(D.floats), "g": Col(D.floats), "x": Col()}
# merge_sorted's contract: both inputs sorted ascending by the key, nulls (here none) last
_MERGE_INPUT = {"t": Col(D.scalars, sorted=True, allow_null=False), "x": Col()}

OPERATIONS = (
    Operation(
        "filter",
        lambda lf: lf.filter(c("v") > 0),
        (KEYED,),
        sql=Sql("SELECT k, v, x FROM self WHERE v > 0"),
    ),
    Operation(
        "filter_compound",
        lambda lf: lf.filter(c("k").is_null() | (c("k").is_first_distinct() & c("v").is_not_nan())),
        ({"k": Col(D.keys, key=True), "v": Col(D.floats), "x": Col()},),
    ),
    Operation(
        "sort_multi_key",
        lambda lf: lf.sort(
            ["k", "v"], descending=[True, False], nulls_last=True, maintain_order=True
        ),
        (KEYED,),
    ),
    Operation(
        "sort_descending_nulls_last",
        lambda lf: lf.select("x").sort("x", descending=True, nulls_last=True),
        ({"x": Col(D.scalars)},),
        sql=Sql("SELECT x FROM self ORDER BY x DESC NULLS LAST"),
    ),
    Operation(
        "sort_any_dtype_stable",
        lambda lf: lf.sort("x", maintain_order=True),
        ({"x": Col(), "i": Col(D.integers)},),
    ),
    Operation(
        "unique_any",
        lambda lf: lf.unique(),
        (KEYED,),
        UNORDERED,
        sql=Sql("SELECT DISTINCT k, v, x FROM self"),
    ),
    Operation(
        "unique_first",
        lambda lf: lf.unique(subset="k", keep="first", maintain_order=True),
        (KEYED,),
    ),
    Operation(
        "unique_last",
        lambda lf: lf.unique(subset="k", keep="last", maintain_order=True),
        (KEYED,),
    ),
    Operation(
        "unique_none",
        lambda lf: lf.unique(subset="k", keep="none"),
        (KEYED,),
        UNORDERED,
        # a null key is a key like any other
        sql=Sql(
            "SELECT k, v, x FROM self AS s "
            "WHERE (SELECT COUNT(*) FROM self AS t WHERE t.k IS NOT DISTINCT FROM s.k) = 1"
        ),
    ),
    Operation(
        "head",
        lambda lf: lf.head(3),
        (KEYED,),
        sql=Sql("SELECT k, v, x FROM self LIMIT 3"),
    ),
    Operation("tail", lambda lf: lf.tail(3), (KEYED,)),
    Operation("slice_negative_offset", lambda lf: lf.slice(-4, 2), (KEYED,)),
    Operation(
        "sort_then_slice",
        lambda lf: lf.sort("v", nulls_last=True, maintain_order=True).slice(1, 3),
        (KEYED,),
    ),
    Operation(
        "with_row_index",
        lambda lf: lf.with_row_index("index", offset=1),
        (KEYED,),
        sql=Sql('SELECT ROW_NUMBER() OVER () AS "index", k, v, x FROM self'),
    ),
    Operation(
        "top_k_all_columns",
        # every column is a `by` column: rows that tie on all of them are the same row
        lambda lf: lf.top_k(4, by=["v", "k", "i"]),
        (_RANKED,),
        UNORDERED,
    ),
    Operation(
        "bottom_k_reverse",
        lambda lf: lf.bottom_k(4, by=["k", "v", "i"], reverse=[True, False, False]),
        (_RANKED,),
        UNORDERED,
    ),
    Operation(
        "top_k_tied_values",
        # which of the tied rows are kept is undefined: only the k values themselves are compared
        lambda lf: lf.top_k(3, by="v").select("v"),
        (KEYED,),
        UNORDERED,
        sql=Sql("SELECT v FROM self ORDER BY v DESC NULLS LAST LIMIT 3"),
    ),
    Operation(
        "unique_keep_any_keys",
        # keep="any" leaves the surviving row undefined: only the set of keys is compared
        lambda lf: lf.unique(subset="k", keep="any").select("k"),
        (KEYED,),
        UNORDERED,
        sql=Sql("SELECT DISTINCT k FROM self"),
    ),
    Operation(
        "drop_nulls_subset",
        lambda lf: lf.drop_nulls(subset=["k", "v"]),
        (KEYED,),
        sql=Sql("SELECT k, v, x FROM self WHERE k IS NOT NULL AND v IS NOT NULL"),
    ),
    Operation(
        "drop_nans_subset",
        lambda lf: lf.drop_nans(subset=["f"]),
        (_FLOATS,),
        sql=Sql("SELECT f, g, x FROM self WHERE f IS NULL OR NOT isnan(f)"),
    ),
    Operation("drop_nans_all_floats", lambda lf: lf.drop_nans(), (_FLOATS,)),
    Operation("reverse", lambda lf: lf.reverse(), (KEYED,)),
    Operation("gather_every_offset", lambda lf: lf.gather_every(3, offset=1), (KEYED,)),
    Operation(
        "slice_out_of_range",
        # slices past either end, open-ended and empty, all of one input
        lambda lf: pl.concat(
            [
                lf.slice(2, None),
                lf.slice(-100, 3),
                lf.slice(10_000, 5),
                lf.slice(-2, None),
                lf.slice(3, 0),
            ]
        ),
        (KEYED,),
    ),
    Operation(
        "merge_sorted_keys",
        # the order of rows with equal keys (one from each side) is only defined with
        # maintain_order (below): here only the merged key column is compared, in order
        lambda left, right: left.merge_sorted(right, key="t").select("t"),
        (_MERGE_INPUT, _MERGE_INPUT),
        requires=(has_attr(pl.LazyFrame, "merge_sorted"),),
    ),
    Operation(
        "merge_sorted_maintain_order",
        lambda left, right: left.merge_sorted(right, key="t", maintain_order=True),
        (_MERGE_INPUT, _MERGE_INPUT),
        requires=(
            has_attr(pl.LazyFrame, "merge_sorted"),
            has_param(pl.LazyFrame.merge_sorted, "maintain_order"),
        ),
    ),
    Operation(
        "cache_used_twice",
        # one cached subplan feeding both sides of a self-join
        lambda lf: (shared := lf.filter(c("v").is_not_null()).cache()).join(
            shared.select("k", w=c("v") * 2), on="k", how="inner", maintain_order="left_right"
        ),
        (KEYED,),
        requires=(has_param(pl.LazyFrame.join, "maintain_order"),),
        quadratic=True,
    ),
    Operation(
        "select_seq_with_columns_seq",
        lambda lf: lf.select_seq("k", doubled=c("v") * 2, cum=c("v").cum_sum()).with_columns_seq(
            total=c("doubled") + c("cum"), first=c("k").first()
        ),
        (KEYED,),
        requires=(has_attr(pl.LazyFrame, "select_seq"),),
    ),
)

"""Projections built from arithmetic, comparison, boolean and null-handling expressions."""

from __future__ import annotations

import polars as pl

from conformance.catalog.inputs import NUMERIC_PAIR
from conformance.catalog.operation import Operation
from conformance.judge.duck import Sql
from strategies import dtypes as D
from strategies.frames import Col

c = pl.col

OPERATIONS = (
    Operation(
        "select_arithmetic",
        lambda lf: lf.select(
            add=c("a") + c("b"),
            sub=c("a") - c("b"),
            mul=c("a") * c("b"),
            neg=-c("a"),
            abs=c("a").abs(),
        ),
        (NUMERIC_PAIR,),
        sql=Sql(
            'SELECT a + b AS "add", a - b AS sub, a * b AS mul, -a AS neg, abs(a) AS "abs" '
            "FROM self"
        ),
    ),
    Operation(
        "select_division",
        lambda lf: lf.select(div=c("a") / c("b"), floordiv=c("a") // c("b"), mod=c("a") % c("b")),
        (NUMERIC_PAIR,),
    ),
    Operation(
        "select_comparison",
        lambda lf: lf.select(
            lt=c("x") < c("x").reverse(),
            ge=c("x") >= c("x").reverse(),
            eq=c("x") == c("x").reverse(),
            eq_missing=c("x").eq_missing(c("x").reverse()),
            ne_missing=c("x").ne_missing(c("x").shift(1)),
        ),
        ({"x": Col(D.scalars)},),
    ),
    Operation(
        "select_boolean",
        lambda lf: lf.select(
            and_=c("p") & c("q"),
            or_=c("p") | c("q"),
            xor=c("p") ^ c("q"),
            not_=~c("p"),
            any_h=pl.any_horizontal("p", "q"),
            all_h=pl.all_horizontal("p", "q"),
        ),
        ({"p": Col(D.booleans), "q": Col(D.booleans)},),
        sql=Sql(
            "SELECT p AND q AS and_, p OR q AS or_, p <> q AS xor, NOT p AS not_, "
            "p OR q AS any_h, p AND q AS all_h FROM self"
        ),
    ),
    Operation(
        "with_columns_null_handling",
        lambda lf: lf.with_columns(
            is_null=c("x").is_null(),
            null_count=c("x").null_count(),
            filled=c("v").fill_null(0),
            filled_forward=c("v").fill_null(strategy="forward"),
            coalesced=pl.coalesce("v", pl.lit(0)),
        ),
        ({"x": Col(), "v": Col(D.numeric)},),
    ),
    Operation(
        "select_after_with_columns",
        lambda lf: lf.with_columns(w=c("a") * 2, y=c("b") + 1).select("w", "b"),
        (NUMERIC_PAIR,),
        sql=Sql("SELECT a * 2 AS w, b FROM self"),
    ),
)

"""Your own queries, checked on every engine lane, optimizer variant and output mode:

    nox -s conformance -- --queries=examples/queries.py

Each function takes input LazyFrames and returns a LazyFrame. `@conformance_query` says where its
inputs come from: a `schema` the suite draws frames from (one mapping per input), or fixed `data`
(a function returning DataFrames, or parquet/ipc/csv paths relative to this file).
"""

from __future__ import annotations

import datetime as dt

import polars as pl

from conformance.user import column, conformance_query

# Keys draw from a small pool of values, so orders find their customers and groups repeat.
ORDERS = {
    "order_id": pl.Int64,
    "customer_id": column(pl.Int64, key=True),
    "amount_cents": pl.Int32,
}
CUSTOMERS = {
    "customer_id": column(pl.Int64, key=True),
    "region": column(pl.String, key=True),
}


@conformance_query(schema=[ORDERS, CUSTOMERS], ordered=False)
def regional_revenue(orders: pl.LazyFrame, customers: pl.LazyFrame) -> pl.LazyFrame:
    """Revenue per region from each customer's three largest orders: a join, windows, a group_by."""
    return (
        orders.join(customers, on="customer_id", how="left")
        .with_columns(
            cents=pl.col("amount_cents").cast(pl.Int64),
            rank=pl.col("amount_cents").rank("dense", descending=True).over("customer_id"),
        )
        .filter(pl.col("rank") <= 3)
        .with_columns(customer_total=pl.col("cents").sum().over("customer_id"))
        .group_by("region")
        .agg(
            revenue=pl.col("cents").sum(),
            orders=pl.len(),
            best_customer_total=pl.col("customer_total").max(),
        )
    )


def page_views() -> pl.DataFrame:
    """A fixed sample: three users' page views over an afternoon."""
    start = dt.datetime(2024, 5, 1, 12, 0)
    minutes = [0, 5, 50, 52, 0, 31, 90, 3, 4, 200]
    return pl.DataFrame(
        {
            "user": ["a", "a", "a", "a", "b", "b", "b", "c", "c", "c"],
            "ts": [start + dt.timedelta(minutes=m) for m in minutes],
            "page": ["/", "/p", "/", "/q", "/", "/", "/p", "/q", "/q", "/"],
        }
    )


@conformance_query(data=page_views)
def sessions(views: pl.LazyFrame) -> pl.LazyFrame:
    """Sessions split at 30-minute gaps, per user: a sort, windows over users, a group_by."""
    return (
        views.sort("user", "ts")
        .with_columns(gap=pl.col("ts").diff().over("user"))
        .with_columns(
            session=(pl.col("gap") > pl.duration(minutes=30)).fill_null(True).cum_sum().over("user")
        )
        .group_by("user", "session")
        .agg(start=pl.col("ts").min(), views=pl.len(), pages=pl.col("page").n_unique())
        .sort("user", "session")
    )

"""Sortedness contracts: a sorted flag may make a query faster, never change its result.

Polars takes fast paths on data flagged sorted (`set_sorted`, or the flag its own `sort` leaves),
and some operations require sorted input. Every input here is truly sorted in Polars' own order
(`strategies.sorted`), and the flag is set one of three ways, drawn per example: the plan hint
`LazyFrame.set_sorted`, `Expr.set_sorted` inside the query, or a flagged column in the source
DataFrame (`common`). By topic:

- `fast_paths`: queries return the same unflagged, flagged and sorted again;
- `sorted_input`: operations that require sorted input also agree with the in-memory engine;
- `rewrites`: equivalent spellings of a sort keep results;
- `flags`: the sorted flags results carry are truthful.

Every query runs through `ctx.collect`, on the lane's engine with every optimizer pass on; each
check is labelled with its query's own source.
"""

from __future__ import annotations

from conformance.properties.sortedness import fast_paths, flags, rewrites, sorted_input

PROPERTIES = (
    *fast_paths.PROPERTIES,
    *sorted_input.PROPERTIES,
    *rewrites.PROPERTIES,
    *flags.PROPERTIES,
)

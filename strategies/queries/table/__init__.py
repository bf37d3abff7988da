"""The expression grammar: one table of every builder, gathered from its parts.

`expr` holds `Expr` methods, `namespaces` the `str`/`dt`/`list`/`arr`/`struct`/`cat`/`bin`/`name`
methods, `functions` the `pl.` functions and Python operators. Adding a builder is one entry in
one of them. `EXCLUDED` maps each API left out on purpose to why.
"""

from __future__ import annotations

from functools import cache

from strategies.queries.builders import Builder
from strategies.queries.table import expr, functions, namespaces

ENTRIES: tuple[Builder, ...] = (*expr.ALL, *functions.ALL, *namespaces.NAMESPACES)
EXCLUDED: dict[str, str] = {**expr.EXCLUDED, **functions.EXCLUDED, **namespaces.EXCLUDED}


@cache
def available() -> tuple[Builder, ...]:
    """The entries the installed Polars has."""
    return tuple(b for b in ENTRIES if b.unavailable_reason() is None)

"""The expression grammar: one table of every builder, gathered from its parts.

`expr` holds `Expr` methods, `namespaces` the `str`/`dt`/`list`/`arr`/`struct`/`cat`/`bin`/`name`
methods, `functions` the `pl.` functions and Python operators. Adding a builder is one entry in
one of them. `EXCLUDED` maps each API left out on purpose to why.
"""

from __future__ import annotations

from functools import cache

from strategies.queries.builders import Builder
from strategies.queries.table import expr, functions

try:
    from strategies.queries.table import namespaces as _namespaces
except ImportError:  # pragma: no cover - the namespaces file is being written
    _namespaces = None

ENTRIES: tuple[Builder, ...] = (
    *expr.ALL,
    *functions.ALL,
    *(_namespaces.NAMESPACES if _namespaces else ()),
)
EXCLUDED: dict[str, str] = {
    **expr.EXCLUDED,
    **functions.EXCLUDED,
    **(_namespaces.EXCLUDED if _namespaces else {}),
}


@cache
def available() -> tuple[Builder, ...]:
    """The entries the installed Polars has."""
    return tuple(b for b in ENTRIES if b.unavailable_reason() is None)

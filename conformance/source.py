"""The exact source of a query function, so records and reproducers show runnable code."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path


@cache
def _module_ast(path: str) -> tuple[str, ast.Module]:
    text = Path(path).read_text(encoding="utf-8")
    return text, ast.parse(text)


@lru_cache(
    maxsize=4096
)  # read for every example's record: a catalog module's AST walk costs milliseconds
def query_source(fn: Callable[..., object]) -> str:
    """`fn` as a Python expression (a lambda) or definition, with the values it closed over.

    `inspect.getsource` returns whole lines, which for a lambda inside a catalog entry include the
    surrounding call; the lambda itself is found in the module's AST by line and argument names.
    """
    bindings = "".join(
        f"{name} = {value!r}\n" for name, value in inspect.getclosurevars(fn).nonlocals.items()
    )
    code = fn.__code__
    path = inspect.getsourcefile(fn)
    if fn.__name__ == "<lambda>" and path:
        text, tree = _module_ast(path)
        args = list(code.co_varnames[: code.co_argcount])
        found = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Lambda)
            and node.lineno == code.co_firstlineno
            and [a.arg for a in node.args.args] == args
        ]
        if len(found) == 1:
            segment = ast.get_source_segment(text, found[0])
            if segment:
                return f"{bindings}query = (\n    {segment}\n)"
    return bindings + textwrap.dedent(inspect.getsource(fn))

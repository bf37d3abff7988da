"""`--queries=path/to/module.py`: a user's own queries, checked like catalog operations.

Every function of the module declared with `conformance.user.conformance_query` becomes the check
`user.<function>`: it runs on every lane, variant and output mode through the same driver, and its
records and reproducers carry its code (`user_source`) and its input frames, like any operation's.
"""

from __future__ import annotations

import ast
import dis
import hashlib
import importlib.util
import inspect
import sys
import textwrap
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from functools import cache
from pathlib import Path

import hypothesis.strategies as st
import polars as pl

from conformance.errors import ConformanceUsageError, unknown_choice
from conformance.run.driver import Check, Differential, Frames, Subject
from conformance.user import ATTRIBUTE, Declaration
from strategies.frames import frame_inputs

PREFIX = "user."
READERS: dict[str, Callable[[Path], pl.DataFrame]] = {
    ".parquet": pl.read_parquet,
    ".ipc": pl.read_ipc,
    ".arrow": pl.read_ipc,
    ".feather": pl.read_ipc,
    ".csv": pl.read_csv,
}


@dataclass(frozen=True)
class UserQuery:
    """One declared function of the user's module."""

    name: str  # `user.<function>`: the record's operation and the --ops name
    module: Path
    function: Callable[..., pl.LazyFrame] = field(repr=False)
    declaration: Declaration = field(repr=False)
    paths: tuple[Path, ...] = ()  # the data files of a `data=` path declaration

    @property
    def ref(self) -> str:
        """How the checking process finds this query again: `<module path>::<function>`."""
        return f"{self.module}::{self.function.__name__}"

    def source(self) -> str:
        return user_source(self.function)

    def frames(self) -> Frames:
        """The declared data: the files read, or what the data function returned."""
        if self.paths:
            return tuple(READERS[p.suffix.lower()](p) for p in self.paths)
        data = self.declaration.data
        assert callable(data)
        out = data()
        frames = (out,) if isinstance(out, pl.DataFrame) else tuple(out)
        if not all(isinstance(f, pl.DataFrame) for f in frames):
            raise ConformanceUsageError(f"{self.name}: data= must return DataFrames")
        _check_arity(self.name, self.function, len(frames), "data frames")
        return frames

    def check(self) -> Check:
        """Drawn frames for a `schema`, the same frames every example for `data`."""
        rules = self.declaration.rules
        subject = Subject(self.name, self.function, rules, self.source)
        specs = self.declaration.specs
        if specs is not None:
            return Differential(
                lambda data: (subject, data.draw(frame_inputs(specs), label="input frames"))
            )
        return Differential(lambda data: (subject, data.draw(st.just(self.frames()))))


@cache
def load_queries(path: str) -> tuple[UserQuery, ...]:
    """The declared queries of the module at `path`, imported once per process."""
    module_path = Path(path).resolve()
    if not module_path.is_file() or module_path.suffix != ".py":
        raise ConformanceUsageError(f"--queries {path}: not a Python file (module.py)")
    name = "conformance_user_" + hashlib.sha1(str(module_path).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(name, module_path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except ConformanceUsageError as exc:
        raise ConformanceUsageError(f"--queries {path}: {exc}") from None
    except Exception as exc:
        raise ConformanceUsageError(
            f"--queries {path}: importing it raised {type(exc).__name__}: {exc}"
        ) from None
    try:
        queries = [
            _query(module_path, fn, declaration)
            for fn in vars(module).values()
            if callable(fn)
            and getattr(fn, "__module__", None) == name
            and isinstance(declaration := getattr(fn, ATTRIBUTE, None), Declaration)
        ]
    except ConformanceUsageError as exc:
        raise ConformanceUsageError(f"--queries {path}: {exc}") from None
    if not queries:
        raise ConformanceUsageError(
            f"--queries {path}: no function is declared with @conformance_query "
            "(from conformance.user import conformance_query)"
        )
    return tuple(queries)


def _query(module: Path, fn: Callable[..., pl.LazyFrame], declaration: Declaration) -> UserQuery:
    """A declared function, validated where it can be without running it or its data."""
    name = PREFIX + fn.__name__
    paths: tuple[Path, ...] = ()
    if declaration.specs is not None:
        _check_arity(name, fn, len(declaration.specs), "schemas")
    elif not callable(declaration.data):
        data = declaration.data
        given = [data] if isinstance(data, str | Path) else list(data or ())
        paths = tuple((module.parent / p).resolve() for p in given)
        for p in paths:
            if p.suffix.lower() not in READERS:
                raise ConformanceUsageError(
                    f"{name}: data file {str(p)!r} is not one of {', '.join(READERS)}"
                )
            if not p.is_file():
                raise ConformanceUsageError(f"{name}: data file {str(p)!r} does not exist")
        _check_arity(name, fn, len(paths), "data files")
    user_source(fn)  # a global it cannot write into a reproducer is an error now, not mid-run
    return UserQuery(name, module, fn, declaration, paths)


def _check_arity(name: str, fn: Callable[..., object], count: int, what: str) -> None:
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    params = [p for p in inspect.signature(fn).parameters.values() if p.kind in kinds]
    if len(params) != count:
        raise ConformanceUsageError(
            f"{name} takes {len(params)} input LazyFrame(s) but declares {count} {what}"
        )


def split_ops(
    spec: Sequence[str] | None, queries: Sequence[UserQuery]
) -> tuple[list[str] | None, list[UserQuery]]:
    """`--ops` split between the catalog and the user's queries: (catalog tokens, queries).

    Tokens starting `user.` name user queries, the rest the catalog. Without `--ops` a run with
    `--queries` checks the user's queries only (catalog tokens `[]`); None means the whole catalog.
    """
    if not spec:
        return ([], list(queries)) if queries else (None, [])
    catalog = [t for t in spec if not t.strip().startswith(PREFIX)]
    chosen: list[UserQuery] = []
    for token in (t.strip() for t in spec if t.strip().startswith(PREFIX)):
        found = [q for q in queries if fnmatchcase(q.name, token)]
        if not found:
            raise unknown_choice("user query", token, [q.name for q in queries] or ["(--queries)"])
        chosen.extend(q for q in found if q not in chosen)
    return catalog, chosen


def check_for_ref(ref: str) -> Check:
    """The check of `<module path>::<function>` (what the checking process is sent)."""
    path, _, function = ref.rpartition("::")
    return next(q for q in load_queries(path) if q.function.__name__ == function).check()


# --- the query as standalone code, for records, reproducers and the replay corpus ------------


@cache
def _tree(path: str) -> tuple[str, ast.Module]:
    text = Path(path).read_text(encoding="utf-8")
    return text, ast.parse(text)


def _definition(fn: types.FunctionType) -> str:
    """The function's `def`, without its decorators (they need this suite to run)."""
    path = inspect.getsourcefile(fn)
    assert path is not None
    text, tree = _tree(path)
    first = fn.__code__.co_firstlineno
    node = next(
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        and n.name == fn.__name__
        and min([n.lineno, *(d.lineno for d in n.decorator_list)]) == first
    )
    lines = text.splitlines()[node.lineno - 1 : node.end_lineno]
    return textwrap.dedent("\n".join(lines))


def _globals_read(code: types.CodeType) -> list[str]:
    """Names `code` (and the lambdas and comprehensions inside it) reads as globals."""
    names = [
        i.argval for i in dis.get_instructions(code) if i.opname in {"LOAD_GLOBAL", "LOAD_NAME"}
    ]
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names += _globals_read(const)
    return list(dict.fromkeys(names))


def _binding(fn: types.FunctionType, name: str, value: object) -> str:
    """The line that gives `name` its value standalone: an import or a literal."""
    if isinstance(value, types.ModuleType):
        return f"import {value.__name__}" + ("" if name == value.__name__ else f" as {name}")
    module, qualname = getattr(value, "__module__", None), getattr(value, "__qualname__", "")
    if module and module != fn.__module__ and qualname and "<" not in qualname:
        alias = "" if qualname == name else f" as {name}"
        return f"from {module} import {qualname}{alias}"
    try:
        if ast.literal_eval(repr(value)) == value:
            return f"{name} = {value!r}"
    except (ValueError, SyntaxError):
        pass
    raise ConformanceUsageError(
        f"{PREFIX}{fn.__name__}: global {name!r} ({type(value).__name__}) cannot be written into "
        "its reproducer; define it inside the function, or make it a literal, module or function"
    )


def _collect(fn: types.FunctionType, lines: list[str], defs: list[str]) -> None:
    """`fn`'s definition into `defs`, then what it reads: helper functions of its module (their
    definitions, recursively) and import or literal lines."""
    defs.append(_definition(fn))
    for name in _globals_read(fn.__code__):
        if name not in fn.__globals__ or name == fn.__name__:
            continue
        value = fn.__globals__[name]
        if isinstance(value, types.FunctionType) and value.__module__ == fn.__module__:
            if _definition(value) not in defs:
                _collect(value, lines, defs)
        elif (line := _binding(fn, name, value)) not in lines:
            lines.append(line)


@cache
def user_source(fn: Callable[..., object]) -> str:
    """The query as standalone code ending `query = <function>`: the imports, literals and helper
    functions it reads from its module, then its own `def` without decorators."""
    assert isinstance(fn, types.FunctionType)
    lines: list[str] = []
    defs: list[str] = []
    _collect(fn, lines, defs)
    imports = sorted(line for line in lines if line.startswith(("import ", "from ")))
    literals = [line for line in lines if line not in imports]
    head = "\n".join(imports) + ("\n\n" + "\n".join(literals) if literals else "")
    parts = [head, *defs[1:], defs[0], f"query = {fn.__name__}"]
    return "\n\n\n".join(filter(None, parts)) + "\n"

"""Your own queries (`--queries`): declared, loaded, run through the suite, discrepancies found.

A `sitecustomize` planted on the checking process's path makes the streaming engine add 1 to every
`revenue` column, a bug only the example's `regional_revenue` can show. The suite must find it in
`user.regional_revenue`, with the query's standalone code and a reproducer that fails while the bug
is planted and passes without it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from conformance.errors import ConformanceUsageError
from conformance.run.user_queries import load_queries, split_ops
from conformance.user import column, conformance_query
from tests.planted_polars import suite_env

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "queries.py"

PLANT = """
import functools

import polars as pl

_collect = pl.LazyFrame.collect


@functools.wraps(_collect)  # the lanes read `engine=` from its signature
def collect(self, *args, **kwargs):
    out = _collect(self, *args, **kwargs)
    if kwargs.get("engine") == "streaming" and "revenue" in out.columns:
        return out.with_columns(pl.col("revenue") + 1)
    return out


pl.LazyFrame.collect = collect
"""


def _run(
    args: list[str], tmp_path: Path, planted: bool, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    env = suite_env(tmp_path, PLANT if planted else None)
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
        check=False,
    )


def _suite(tmp_path: Path, *args: str, planted: bool = True) -> subprocess.CompletedProcess[str]:
    return _run(
        [
            "-m",
            "pytest",
            "conformance/test_user_queries.py",
            "-p",
            "no:cacheprovider",
            f"--results-dir={tmp_path / 'results'}",
            *args,
        ],
        tmp_path,
        planted,
    )


def test_a_planted_discrepancy_in_a_user_query_is_found(tmp_path: Path) -> None:
    run = _suite(tmp_path, f"--queries={EXAMPLE}", "--engines=streaming", "--passes=none")
    output = run.stdout[-4000:] + run.stderr[-2000:]
    assert run.returncode == 1, output
    assert "user.regional_revenue on streaming" in run.stdout, output
    assert "1 failed, 1 passed" in run.stdout, output  # user.sessions has no revenue column

    records = json.loads((tmp_path / "results" / "results.json").read_text())["records"]
    failing = [r for r in records if r["outcome"] == "mismatch"]
    assert failing, output
    assert {(r["operation"], r["lane"]) for r in failing} == {
        ("user.regional_revenue", "streaming")
    }
    assert {r["outcome"] for r in records if r["operation"] == "user.sessions"} <= {
        "pass",
        "native",
        "fallback",
    }
    query = failing[0]["reproduce"]["query"]
    assert query.startswith("import polars as pl\n"), query
    assert "def regional_revenue(" in query
    assert "conformance_query" not in query  # the decorator needs the suite; the code does not
    assert query.endswith("query = regional_revenue\n")

    reproducers = sorted((tmp_path / "results" / "reproducers").glob("user.regional_revenue*.py"))
    assert reproducers, output
    broken = _run([str(reproducers[0])], tmp_path, planted=True, cwd=tmp_path)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    fixed = _run([str(reproducers[0])], tmp_path, planted=False, cwd=tmp_path)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr


@pytest.mark.parametrize(
    ("option", "error"),
    [
        ("--queries={tmp}/mine.py", "--queries {tmp}/mine.py: not a Python file (module.py)"),
        ("--findings=loud", "unknown --findings mode 'loud'; valid choices: fail, report"),
    ],
)
def test_a_bad_option_is_one_line(tmp_path: Path, option: str, error: str) -> None:
    run = _suite(tmp_path, option.format(tmp=tmp_path), planted=False)
    assert run.returncode == 4, run.stdout[-2000:] + run.stderr[-2000:]
    errors = [line for line in run.stderr.splitlines() if line.strip()]
    assert errors == [f"ERROR: {error.format(tmp=tmp_path)}"]


def _module(tmp_path: Path, body: str) -> Path:
    path = tmp_path / f"queries_{len(list(tmp_path.glob('*.py')))}.py"
    path.write_text(textwrap.dedent(body))
    return path


def test_the_recorded_code_runs_alone_with_the_helpers_and_values_it_reads(tmp_path: Path) -> None:
    path = _module(
        tmp_path,
        """
        import datetime as dt

        import polars as pl

        from conformance.user import column, conformance_query

        LIMIT = 2


        def _top(lf):
            return lf.sort("a").head(LIMIT)


        @conformance_query(schema={"a": column(pl.Int64, nulls=False)})
        def top_dated(a):
            return _top(a.filter(pl.col("a") > 0)).with_columns(d=pl.lit(dt.date(2024, 1, 1)))
        """,
    )
    (query,) = load_queries(str(path))
    assert query.name == "user.top_dated"
    namespace: dict[str, object] = {}
    exec(query.source(), namespace)  # in a namespace holding nothing of the module
    frame = pl.DataFrame({"a": [5, -1, 3, 9]})
    expected = query.function(frame.lazy()).collect()
    assert_frame_equal(namespace["query"](frame.lazy()).collect(), expected)  # type: ignore[operator]
    assert expected["a"].to_list() == [3, 5]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("import polars as pl\n", "no function is declared with @conformance_query"),
        ("raise RuntimeError('boom')\n", "importing it raised RuntimeError: boom"),
        (
            """
            import polars as pl
            from conformance.user import conformance_query
            DOUBLED = pl.col("a") * 2

            @conformance_query(schema={"a": pl.Int64})
            def q(a):
                return a.select(DOUBLED)
            """,
            "global 'DOUBLED' (Expr) cannot be written into its reproducer",
        ),
        (
            """
            import polars as pl
            from conformance.user import conformance_query

            @conformance_query(schema=[{"a": pl.Int64}, {"b": pl.Int64}])
            def q(a):
                return a
            """,
            "user.q takes 1 input LazyFrame(s) but declares 2 schemas",
        ),
        (
            """
            from conformance.user import conformance_query

            @conformance_query(data="missing.parquet")
            def q(a):
                return a
            """,
            "missing.parquet' does not exist",
        ),
        (
            """
            from conformance.user import conformance_query

            @conformance_query(schema={"a": "Int64"})
            def q(a):
                return a
            """,
            "schema column 'a': 'Int64' is not a Polars dtype",
        ),
    ],
)
def test_a_query_the_suite_cannot_run_is_refused_when_loaded(
    tmp_path: Path, body: str, message: str
) -> None:
    with pytest.raises(ConformanceUsageError, match=r"^--queries ") as raised:
        load_queries(str(_module(tmp_path, body)))
    assert message in str(raised.value)


def test_conformance_query_takes_exactly_one_source_of_input() -> None:
    with pytest.raises(ConformanceUsageError, match="exactly one of schema= or data="):
        conformance_query()
    with pytest.raises(ConformanceUsageError, match="exactly one of schema= or data="):
        conformance_query(schema={"a": pl.Int8}, data=lambda: pl.DataFrame())


def test_data_queries_read_their_frames_and_ops_picks_user_queries(tmp_path: Path) -> None:
    pl.DataFrame({"a": [1, 2]}).write_parquet(tmp_path / "a.parquet")
    path = _module(
        tmp_path,
        """
        import polars as pl
        from conformance.user import conformance_query

        @conformance_query(data="a.parquet")
        def from_file(a):
            return a

        @conformance_query(data=lambda: (pl.DataFrame({"x": [1]}), pl.DataFrame({"x": [2]})))
        def from_function(left, right):
            return pl.concat([left, right])
        """,
    )
    queries = load_queries(str(path))
    assert [q.name for q in queries] == ["user.from_file", "user.from_function"]
    assert queries[0].frames()[0]["a"].to_list() == [1, 2]
    assert [f["x"].item() for f in queries[1].frames()] == [1, 2]

    assert split_ops(None, queries) == ([], list(queries))  # --queries alone: only the user's
    assert split_ops(None, ()) == (None, [])  # neither: the whole catalog
    assert split_ops(["user.*_file", "join_*"], queries) == (["join_*"], [queries[0]])
    with pytest.raises(ConformanceUsageError, match=r"unknown user query 'user\.nope'; valid"):
        split_ops(["user.nope"], queries)


def test_column_keys_draw_from_a_pool_so_joins_match() -> None:
    spec = column(pl.Int16, key=True, sorted=True, nulls=False)
    assert (spec.key, spec.sorted, spec.allow_null) == (True, True, False)
    with pytest.raises(ConformanceUsageError, match=r"column\(\): 3 is not a Polars dtype"):
        column(3)  # type: ignore[arg-type]

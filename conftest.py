"""pytest wiring: options, Hypothesis profiles, the (operation x lane) matrix, result collection."""

from __future__ import annotations

import shlex
import time
import warnings
from collections.abc import Callable, Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest

from conformance.engines.lanes import LANES, lane_listing
from conformance.engines.passes import discover_passes, uses_query_opt_flags
from conformance.errors import ConformanceUsageError, unknown_choice
from conformance.judge.harness import DEFAULT_TIMEOUT_S
from conformance.judge.known_issues import KnownIssue
from conformance.run.budget import (
    ENV_VAR,
    Budget,
    clear_coverage,
    format_duration,
    items_done,
    merge_coverage,
    read_coverage,
    render_coverage,
    resolve_budget,
    run_start,
)
from conformance.run.corpus import ITEM_PREFIX, mark_passed, regression, save_corpus
from conformance.run.corpus import TEST as CORPUS_TEST
from conformance.run.options import Selection, build_selection
from conformance.run.profiles import PROFILES, load_profile
from conformance.run.selection import PIPELINE, QUERY
from conformance.run.selection import check_names as all_check_names
from conformance.run.supervisor import Supervisor
from conformance.version import POLARS_VERSION_STRING
from reports.analysis import Run, analyse
from reports.records import (
    RESULTS_FILENAME,
    RecordReader,
    RecordWriter,
    clear_records,
    merge_results,
)
from reports.summary import render_summary
from reports.write import write_reports

ROOT = Path(__file__).resolve().parent

try:
    PROFILE = load_profile()
except ConformanceUsageError as _exc:
    raise pytest.UsageError(str(_exc)) from None


SELECTION = pytest.StashKey[Selection]()
BUDGET = pytest.StashKey[Budget]()
BUDGETED = pytest.StashKey[int]()  # test items sharing the budget
_BUDGET_START = "polars_conformance_budget_start"
WRITER = pytest.StashKey[RecordWriter]()
SUPERVISOR = pytest.StashKey[Supervisor]()
# The options the checking processes need to build the same selection.
OPTIONS = ("ops", "engines", "passes", "results_dir", "cell_timeout", "queries", "corpus")
# --findings: `report` writes discrepancies to the reports without failing their items, except a
# corpus case that fails where it once passed (a regression)
FINDINGS = ("fail", "report")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "Polars conformance suite")
    group.addoption(
        "--engines",
        help="comma-separated lanes, patterns ('*@streaming') or 'all' (default: the engine and "
        "output-mode lanes; configuration and source lanes run when named): "
        + ", ".join(lane.name for lane in LANES),
    )
    group.addoption(
        "--passes",
        help="comma-separated optimizer passes to disable in turn, or 'none' (default: all; see --list-passes)",
    )
    group.addoption(
        "--ops",
        help="comma-separated operations and properties, or patterns such as 'join_*' or "
        "'oracle.*' (default: the whole catalog and every property)",
    )
    group.addoption(
        "--list-passes",
        action="store_true",
        help="print the installed Polars' optimizer passes and engine lanes, then exit",
    )
    group.addoption(
        "--results-dir",
        default=str(ROOT / "results"),
        help="where records and results.json are written (default: ./results)",
    )
    group.addoption(
        "--queries",
        help="a Python module of your own queries (@conformance_query), checked as user.<function>",
    )
    group.addoption(
        "--corpus",
        help="the replay corpus directory: failing cases are saved there and replayed first "
        "(default: ./corpus, or <results-dir>/corpus with --results-dir)",
    )
    group.addoption(
        "--findings",
        default="fail",
        help="fail (default): a discrepancy fails its item; report: it is only reported, "
        "except a corpus case that regressed",
    )
    group.addoption(
        "--budget",
        help="how long the run explores, e.g. 90s, 10m, 1h30m (default: "
        f"{ENV_VAR} or the profile's budget: "
        + ", ".join(f"{p.name} {format_duration(p.budget_s)}" for p in PROFILES.values())
        + ")",
    )
    group.addoption(
        "--cell-timeout",
        type=float,
        default=DEFAULT_TIMEOUT_S,
        help="seconds before one query counts as a timeout",
    )


def pytest_cmdline_main(config: pytest.Config) -> int | None:
    if not config.getoption("list_passes"):
        return None
    source = "QueryOptFlags fields" if uses_query_opt_flags() else "collect() keyword toggles"
    print(f"Polars {POLARS_VERSION_STRING}: {len(discover_passes())} optimizer passes ({source})")
    for name in discover_passes():
        print(f"  {name}")
    print("variants: all-on (baseline), -<pass> for each pass above, none (every pass off)")
    print("\n".join(lane_listing()))
    return 0


# the controlling process reads the workers' records this often while they run (`RecordReader`)
READ_EVERY_S = 5.0
READER = pytest.StashKey[RecordReader]()


def pytest_configure(config: pytest.Config) -> None:
    options = {name: config.getoption(name) for name in OPTIONS}
    worker = getattr(config, "workerinput", {}).get("workerid", "main")
    try:
        if (findings := config.getoption("findings")) not in FINDINGS:
            raise unknown_choice("--findings mode", findings, FINDINGS)
        selection = build_selection(options, worker)
    except ConformanceUsageError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[SELECTION] = selection
    # the run's budget starts when the controlling process does (or the nox session that started
    # it); xdist workers get its start
    try:
        given = getattr(config, "workerinput", {}).get(_BUDGET_START)
        start = float(given) if given is not None else run_start(time.time())
        budget = resolve_budget(
            config.getoption("budget"), PROFILES[PROFILE].budget_s, PROFILE, start
        )
    except ConformanceUsageError as exc:
        raise pytest.UsageError(str(exc)) from None
    config.stash[BUDGET] = budget
    if not hasattr(config, "workerinput") and time.time() >= budget.draw_until:
        warnings.warn(  # e.g. an environment that took longer to install than the budget
            f"the run's budget ({format_duration(budget.total_s)}, {budget.source}) was spent "
            "before the checks started: they draw no example",
            stacklevel=1,
        )
    config.stash[BUDGETED] = selection.budgeted()
    if not hasattr(config, "workerinput"):  # the controlling process starts a fresh record set
        clear_records(selection.results_dir)
        clear_coverage(selection.results_dir)
        config.stash[READER] = RecordReader(selection.results_dir)
        config.stash[READER].follow(READ_EVERY_S)
    writer = RecordWriter(selection.results_dir, selection.worker)
    config.stash[WRITER] = writer
    config.stash[SUPERVISOR] = Supervisor(options, worker, writer, selection.known_issues)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """One item per check (`test_operation[join_full]`), checking each drawn input on every
    selected lane it can run on; one item per saved corpus case, on its lane.

    A check test takes its check as `operation`, `prop` or `user_query`, or none where it is a
    generated check (`test_pipeline`; `test_query`, parametrized over its `QUERY_ITEMS` parts in
    its own module), and calls `supervised(kind, name)`.
    """
    selection = metafunc.config.stash[SELECTION]
    if "corpus_case" in metafunc.fixturenames:  # one item per saved failing case, on its lane
        metafunc.parametrize(
            "corpus_case",
            [
                pytest.param(
                    case,
                    id=f"{ITEM_PREFIX}{case.id}",
                    marks=[pytest.mark.skip(reason=r)] if (r := case.skip_reason()) else [],
                )
                for case in selection.corpus
            ],
        )
        return
    if "supervised" not in metafunc.fixturenames:
        return
    for argname, kind, checks in (
        ("operation", "operation", selection.operations),
        ("prop", "property", selection.properties),
        ("user_query", "user", selection.user_queries),
    ):
        if argname not in metafunc.fixturenames:
            continue
        params = []
        for check in checks:
            lanes, reasons = selection.lanes_for(kind, check.name)
            marks = [] if lanes else [pytest.mark.skip(reason=_all_skipped(reasons))]
            params.append(pytest.param(check, id=check.name, marks=marks))
        metafunc.parametrize(argname, params)
        return


def _all_skipped(reasons: dict[str, str]) -> str:
    """Why a check has no lane to run on: each distinct reason once."""
    return "; ".join(dict.fromkeys(reasons.values())) or "no lane selected"


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist: each worker shares the controller's budget, from the controller's start."""
    node.workerinput[_BUDGET_START] = node.config.stash[BUDGET].start


@pytest.fixture
def selection(request: pytest.FixtureRequest) -> Selection:
    return request.config.stash[SELECTION]


@pytest.fixture
def record_writer(request: pytest.FixtureRequest) -> RecordWriter:
    return request.config.stash[WRITER]


@pytest.fixture
def supervised(request: pytest.FixtureRequest) -> Callable[..., None]:
    """Run this test item's check in the checking process; fail the item with what it found.

    `supervised(kind, name)` checks every drawn input on every selected lane the check can run on,
    for as long as its share of the run's budget allows (`conformance.run.budget`);
    `supervised("corpus", path, lane)` replays one saved case on its lane.
    """
    config = request.config

    def run(kind: str, name: str, lane: str | None = None) -> None:
        selection = config.stash[SELECTION]
        clock = None
        if lane is not None:
            lanes = [lane]
        else:
            if not selection.selected(kind, name):
                pytest.skip(f"{name}: not selected by --ops")
            runnable, reasons = selection.lanes_for(kind, name)
            if not runnable:
                pytest.skip(_all_skipped(reasons))
            lanes = [ln.name for ln in runnable]
            clock = _clock(request.node)
        failure = config.stash[SUPERVISOR].run(kind, name, lanes, request.node.nodeid, clock)
        if not failure:
            return
        if kind == "corpus" and regression(name):
            pytest.fail(f"REGRESSION: this corpus case passed before\n{failure}", pytrace=False)
        if config.getoption("findings") == "report":
            pytest.xfail(f"reported, not failing (--findings=report):\n{failure}")
        pytest.fail(failure, pytrace=False)

    return run


def _clock(item: pytest.Item) -> dict[str, float]:
    """This item's share of the budget (`Budget.share`), the run's drawing deadline and the checks'
    end."""
    config = item.config
    budget = config.stash[BUDGET]
    selection = config.stash[SELECTION]
    left = config.stash[BUDGETED] - items_done(selection.results_dir)
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    queued = _budgeted(item.stash.get(NEXT_ITEM, None))
    share = budget.share(time.time(), left, workers, queued)
    return {"share_s": share, "draw_until": budget.draw_until, "ends": budget.checks_end}


NEXT_ITEM = pytest.StashKey["pytest.Item | None"]()


def _budgeted(item: pytest.Item | None) -> bool:
    """Whether `item` is a check that will take a share of the budget."""
    return (
        item is not None
        and "supervised" in getattr(item, "fixturenames", ())
        and not item.nodeid.startswith(CORPUS_TEST)
        and item.get_closest_marker("skip") is None
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """Which item this process runs next (xdist queues items on a worker): a check's share keeps
    time for a check queued behind it."""
    item.stash[NEXT_ITEM] = nextitem
    yield


@pytest.hookimpl(optionalhook=True)
def pytest_handlecrashitem(crashitem: str, report: Any, sched: Any) -> None:
    """xdist: a worker died inside `crashitem`; record a crash for that check, on every lane
    (`*`: an item checks each input on all of them)."""
    from reports.records import Record

    config = sched.config
    if crashitem.endswith("]"):
        check = crashitem.rsplit("[", 1)[-1].rstrip("]")
    else:  # a generated check's one item: test_pipeline
        check = crashitem.rsplit("::", 1)[-1].removeprefix("test_")
    config.stash[WRITER].write(
        Record(
            check,
            "*",
            "*",
            "crash",
            POLARS_VERSION_STRING,
            0.0,
            crashitem,
            detail="the pytest worker process died while running this item",
            reproduce={"pytest": f"python -m pytest {shlex.quote(crashitem)}"},
        )
    )


KNOWN_ISSUE_TEST = "conformance/test_known_issues.py::test_known_issue_still_reproduces["


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The corpus replays first: a saved failure is checked before any exploration; the
    registered reproducers next, so that the checks share the time the budget has left; then the
    generated queries and pipelines, whose grammar spans the whole API, which a budget spent
    before the last checks (they draw nothing) must not leave out; then the rest.

    A generated check's items (`test_<check>`: `test_pipeline`, and `test_query[0]` to
    `test_query[15]`) are skipped here when `--ops` did not select it."""
    selection = config.stash[SELECTION]
    checks = set(all_check_names())
    for item in items:
        name = _check_name(item)
        if (
            "supervised" in getattr(item, "fixturenames", ())
            and name in checks
            and name not in selection.check_names
        ):
            item.add_marker(pytest.mark.skip(reason=f"{name}: not selected by --ops"))
    items.sort(
        key=lambda item: (
            not item.nodeid.startswith(CORPUS_TEST),
            not item.nodeid.startswith(KNOWN_ISSUE_TEST),
            _check_name(item) not in (PIPELINE, QUERY),
        )
    )


def pytest_collection_finish(session: pytest.Session) -> None:
    """The checks that share the budget are the ones this run collected: a run of one file or of
    `-k` items gives each its share of the whole budget, not of every selected check's."""
    collected = sum(1 for item in session.items if _budgeted(item))
    config = session.config
    config.stash[BUDGETED] = min(config.stash[BUDGETED], collected)


def _check_name(item: pytest.Item) -> str:
    """The check a generated check's one item runs (`test_pipeline` runs `pipeline`)."""
    return getattr(item, "originalname", item.name).removeprefix("test_")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep what each registered reproducer said and which corpus cases passed (the controller
    sees every worker's reports)."""
    if report.nodeid.startswith(CORPUS_TEST) and report.when == "call" and report.passed:
        _CORPUS_PASSED.add(report.nodeid.rsplit(ITEM_PREFIX, 1)[-1].rstrip("]"))
    if not report.nodeid.startswith(KNOWN_ISSUE_TEST):
        return
    if report.when != "call" and not (report.when == "setup" and report.skipped):
        return
    issue = report.nodeid.removeprefix(KNOWN_ISSUE_TEST).removesuffix("]")
    if report.passed:
        status = "reproduces"
    elif report.skipped:
        status = "not-run"
    else:
        status = "fixed" if "FIXED" in report.longreprtext else "broken"
    _KNOWN_STATUS[issue] = status


# what each registered reproducer said this run (the hook above has no config to stash it in)
_KNOWN_STATUS: dict[str, str] = {}
# the corpus cases that passed this run, by id
_CORPUS_PASSED: set[str] = set()


def _could_match(issue: KnownIssue, ran: Mapping[str, set[str]], narrowed: bool) -> bool:
    """Whether this run could have met the entry: its Polars, one of its checks and lanes ran
    (`ran`: each check's lanes the run did not skip).

    Only such an entry that matched nothing is stale; a narrow `--ops` run says nothing of others,
    nor of an entry for any check (an operation pattern): only a whole run can miss that one.
    """
    if narrowed and any(set(p) & set("*?[") for p in issue.operations):
        return False
    return issue.applies_to_installed_polars() and any(
        issue.on_lane(lane)
        for check, lanes in ran.items()
        if any(fnmatchcase(check, p) for p in issue.operations)
        for lane in lanes
    )


def _known_issue_status(
    selection: Selection, records: list[dict[str, Any]], narrowed: bool
) -> list[dict]:
    """Every registry entry with what this run saw of it: cells explained, reproducer status."""
    matched: dict[str, int] = {}
    for record in records:
        if record.get("known_issue"):
            matched[record["known_issue"]] = matched.get(record["known_issue"], 0) + 1
    skipped = selection.skipped()
    ran = {
        check: {lane.name for lane in selection.lanes if (check, lane.name) not in skipped}
        for check in selection.check_names
    }
    return [
        {
            **issue.describe(),
            "applicable": _could_match(issue, ran, narrowed),
            "matched": matched.get(issue.id, 0),
            "reproducer_status": _KNOWN_STATUS.get(issue.id, "not-run"),
        }
        for issue in selection.known_issues
    ]


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    config.stash[SUPERVISOR].close()
    config.stash[WRITER].close()
    if hasattr(config, "workerinput"):
        return
    selection = config.stash[SELECTION]
    records, lines = config.stash[READER].finish()
    if not (selection.results_dir / "records").is_dir():
        return
    meta = {
        "polars_version": POLARS_VERSION_STRING,
        "hypothesis_profile": PROFILE,
        "passes": list(discover_passes()),
        "variants": [v.name for v in selection.variants],
        "lanes": {lane.name: lane.unavailable_reason() or "available" for lane in selection.lanes},
        "plan_probes": {
            lane.name: {
                "probe": lane.probe.name,
                "status": lane.probe_reason() or "available",
                "caveat": lane.probe.caveat,
            }
            for lane in selection.lanes
            if lane.probe is not None
        },
        "checks": selection.check_names,
        "skipped": [[check, lane, reason] for (check, lane), reason in selection.skipped().items()],
        "known_issues": _known_issue_status(selection, records, bool(config.getoption("ops"))),
        "budget": config.stash[BUDGET].describe(),
        "coverage": merge_coverage(read_coverage(selection.results_dir)),
    }
    results = merge_results(selection.results_dir, meta, records, lines)
    path = selection.results_dir / RESULTS_FILENAME
    if selection.corpus_dir is not None:
        mark_passed(selection.corpus_dir, _CORPUS_PASSED)
        config.stash[SAVED] = save_corpus(selection.corpus_dir, results["records"])
    config.stash[RESULTS] = results
    run = config.stash[RUN] = analyse(results, selection.results_dir)
    config.stash[REPORTS] = {"json": path, **write_reports(run)}


REPORTS = pytest.StashKey[dict[str, Path]]()
RUN = pytest.StashKey[Run]()  # the reports' analysis of the results, for the terminal summary too
SAVED = pytest.StashKey[list[Path]]()  # corpus cases this run saved
RESULTS = pytest.StashKey[dict[str, Any]]()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if REPORTS not in config.stash:
        return
    selection = config.stash[SELECTION]
    results = config.stash[RESULTS]
    if not results["records"]:
        return
    terminalreporter.section(f"Polars {POLARS_VERSION_STRING} conformance")
    terminalreporter.write_line(render_summary(config.stash[RUN]))
    budget = config.stash[BUDGET]
    terminalreporter.write_line(
        "\n" + render_coverage(results["coverage"], budget, time.time() - budget.start)
    )
    reports = config.stash[REPORTS]
    terminalreporter.write_line(
        f"\n{len(results['records'])} checked cells; results written to {reports['json']}"
    )
    terminalreporter.write_line(f"reports: {reports['markdown']} and {reports['html']}")
    if saved := config.stash.get(SAVED, []):
        terminalreporter.write_line(
            f"corpus: {len(saved)} new failing case(s) saved to {selection.corpus_dir}"
        )

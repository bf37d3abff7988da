"""`python -m reports.upgrade OLD/results.json NEW/results.json --out DIR`: the upgrade reports.

Rendered from the two results files alone (both written by `python -m conformance.run.upgrade
replay` of one cases file; `nox -s upgrade` does all of it): `upgrade.json`, `upgrade.md`,
`upgrade.html` and `reproducers/*.py` under `--out`. Nothing from `conformance` is imported.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from reports.upgrade.classify import TABLE, TableError, classify, load_table
from reports.upgrade.diff import TIMING_FLOOR_S, TIMING_RATIO, NotComparable, compare
from reports.upgrade.render import render_html, render_json, render_markdown
from reports.upgrade.reproducer import write_reproducers

REPRODUCERS = "reproducers"


def write_upgrade_reports(
    old: dict,
    new: dict,
    out: Path,
    table: Path = TABLE,
    ratio: float = TIMING_RATIO,
    floor_s: float = TIMING_FLOOR_S,
) -> dict[str, Path]:
    """Compare, classify, write every report under `out`; return their paths."""
    diff = compare(old, new, ratio, floor_s)
    classify(diff, load_table(table))
    out.mkdir(parents=True, exist_ok=True)
    write_reproducers(diff, out / REPRODUCERS)
    paths = {
        "json": out / "upgrade.json",
        "markdown": out / "upgrade.md",
        "html": out / "upgrade.html",
    }
    paths["json"].write_text(json.dumps(render_json(diff), indent=1), encoding="utf-8")
    paths["markdown"].write_text(render_markdown(diff), encoding="utf-8")
    paths["html"].write_text(render_html(diff), encoding="utf-8")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reports.upgrade", description=__doc__)
    parser.add_argument("old", type=Path, help="results.json of the older release's replay")
    parser.add_argument("new", type=Path, help="results.json of the newer release's replay")
    parser.add_argument("--out", type=Path, required=True, help="directory for the reports")
    parser.add_argument("--changes", type=Path, default=TABLE, help="the documented-change table")
    parser.add_argument(
        "--timing-ratio",
        type=float,
        default=TIMING_RATIO,
        help=f"smallest calibrated new/old time ratio reported (default {TIMING_RATIO})",
    )
    parser.add_argument(
        "--timing-floor-ms",
        type=float,
        default=TIMING_FLOOR_S * 1000,
        help="queries faster than this on both releases are not timed (default %(default)s)",
    )
    args = parser.parse_args(argv)
    loaded = []
    for path in (args.old, args.new):
        try:
            loaded.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError) as exc:
            parser.error(f"cannot read {path}: {exc}")
    try:
        paths = write_upgrade_reports(
            *loaded, args.out, args.changes, args.timing_ratio, args.timing_floor_ms / 1000
        )
    except (NotComparable, TableError) as exc:
        parser.error(str(exc))
    report = json.loads(paths["json"].read_text(encoding="utf-8"))
    unexpected = sum(c["classification"] == "unexpected" for c in report["changes"])
    print(
        f"Polars {report['from']} -> {report['to']}: {len(report['changes'])} changes in "
        f"{report['cases']} cases, {unexpected} unexpected"
    )
    for name, path in paths.items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

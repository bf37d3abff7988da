"""`python -m reports results/results.json [--out DIR]`: render every report from a results file.

Needs nothing from `conformance` (nor the Polars the results came from): the reports are a pure
function of the file, so they can be rendered again after the run, or on another machine.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from reports.analysis import analyse
from reports.summary import render_summary
from reports.write import write_reports


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reports", description=__doc__)
    parser.add_argument("results", type=Path, help="a results.json written by a conformance run")
    parser.add_argument(
        "--out", type=Path, help="where to write the reports (default: beside the results file)"
    )
    args = parser.parse_args(argv)
    try:
        results = json.loads(args.results.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        parser.error(f"cannot read {args.results}: {exc}")
    out_dir = args.out or args.results.parent
    run = analyse(results, out_dir)
    written = write_reports(run)
    print(render_summary(run))
    print()
    for name, path in written.items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Write every report of a run from its merged records: reproducers, Markdown and HTML.

(`results.json` is the merge itself; JUnit XML comes from pytest's `--junitxml`.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reports.html import render_html
from reports.markdown import render_markdown
from reports.matrix import build_matrix
from reports.reproducer import write_reproducers


def write_reports(
    results_dir: Path,
    meta: Mapping[str, Any],
    records: Sequence[dict[str, Any]],
    operations: Sequence[str],
    lanes: Sequence[str],
    skipped: Mapping[tuple[str, str], str],
) -> dict[str, Path]:
    reproducers = write_reproducers(records, results_dir / "reproducers")
    matrix = build_matrix(records, operations, lanes, skipped)
    markdown = results_dir / "report.md"
    markdown.write_text(
        render_markdown(meta, matrix, operations, lanes, reproducers), encoding="utf-8"
    )
    page = results_dir / "report.html"
    page.write_text(render_html(meta, matrix, operations, lanes, reproducers), encoding="utf-8")
    return {
        "markdown": markdown,
        "html": page,
        **{f"reproducer {k}": v for k, v in reproducers.items()},
    }

"""Write every report of a run from the content of its `results.json`: reproducers, Markdown, HTML.

A pure function of that content, so the run (at session end) and `python -m reports` render the
same reports. (`results.json` itself is the merge of the records; JUnit XML comes from pytest.)
"""

from __future__ import annotations

from pathlib import Path

from reports.analysis import REPRODUCERS_DIRNAME, Run
from reports.html import render_html
from reports.markdown import render_markdown
from reports.reproducer import write_reproducers


def write_reports(run: Run) -> dict[str, Path]:
    """Write `report.md`, `report.html` and `reproducers/*.py` of `run` (`analyse(results,
    out_dir)`, which the terminal summary reads too) under its `out_dir`; return their paths
    (`markdown`, `html`, and `reproducers`: the directory)."""
    out_dir = run.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    reproducers = out_dir / REPRODUCERS_DIRNAME
    write_reproducers(run.reproducers, reproducers)
    markdown = out_dir / "report.md"
    markdown.write_text(render_markdown(run), encoding="utf-8")
    page = out_dir / "report.html"
    page.write_text(render_html(run), encoding="utf-8")
    return {"markdown": markdown, "html": page, "reproducers": reproducers}

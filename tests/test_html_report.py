"""The HTML report opens offline in headless Chromium and shows the coloured matrix."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

from reports.analysis import analyse
from reports.html import COLOURS, render_html

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"
)

OPERATIONS = ["join_full", "head", "sort_multi_key"]
LANES = ["in-memory", "streaming", "gpu"]
RECORDS = [
    {
        "operation": "join_full",
        "lane": "streaming",
        "variant": "-slice_pushdown",
        "outcome": "mismatch",
        "detail": "planted </script> mismatch",
        "culprit": ["slice_pushdown"],
    },
    {"operation": "join_full", "lane": "streaming", "variant": "all-on", "outcome": "pass"},
    {"operation": "join_full", "lane": "in-memory", "variant": "all-on", "outcome": "pass"},
    {"operation": "head", "lane": "in-memory", "variant": "all-on", "outcome": "pass"},
    {
        "operation": "head",
        "lane": "streaming",
        "variant": "none",
        "outcome": "error-divergence",
        "detail": "x",
    },
    # a reference of the baseline's lane: a column of its own, not counted in in-memory's
    {"operation": "head", "lane": "in-memory", "variant": "duckdb", "outcome": "unsupported"},
]
COLUMNS = [*LANES, "duckdb"]


def _chromium(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _page(tmp_path: Path) -> Path:
    results = {
        "polars_version": "9.9.9",
        "checks": OPERATIONS,
        "lanes": {"in-memory": "available", "streaming": "available", "gpu": "no CUDA device"},
        "skipped": [[op, "gpu", "gpu: no CUDA device"] for op in OPERATIONS],
        "records": RECORDS,
    }
    page = tmp_path / "report.html"
    page.write_text(render_html(analyse(results, tmp_path)))
    return page


def _png_colours(path: Path) -> Counter[tuple[int, int, int]]:
    """Pixels per RGB colour in a PNG (8-bit RGB/RGBA, as Chromium writes them), without extra packages."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            assert depth == 8
            assert colour_type in (2, 6)
            channels = 3 if colour_type == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, prev, colours = (
        zlib.decompress(idat),
        width * channels,
        bytearray(width * channels),
        Counter(),
    )
    for y in range(height):
        filt, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if filt == 1:
                line[i] = (line[i] + a) & 255
            elif filt == 2:
                line[i] = (line[i] + b) & 255
            elif filt == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif filt == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(tuple(line[x : x + 3]) for x in range(0, stride, channels))
        prev = line
    return colours


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_rendered_dom_has_the_matrix(tmp_path: Path) -> None:
    proc = _chromium("--dump-dom", _page(tmp_path).as_uri(), tmp_path=tmp_path)
    dom = proc.stdout
    assert dom.count('class="cell') == len(OPERATIONS) * len(COLUMNS), proc.stderr[-2000:]
    assert dom.count('data-status="mismatch"') == 1
    assert dom.count('data-status="error-divergence"') == 1
    assert dom.count('data-status="unavailable"') == len(OPERATIONS)
    assert dom.count('data-status="unsupported"') == 1  # the duckdb column's, not in-memory's
    assert dom.count('data-status="native"') == 2  # in-memory's two: duckdb's is not there
    assert "mismatch 1/2" in dom
    assert '<th class="reference"' in dom


def test_screenshot_shows_the_outcome_colours(tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    proc = _chromium(
        "--window-size=1200,800",
        f"--screenshot={shot}",
        _page(tmp_path).as_uri(),
        tmp_path=tmp_path,
    )
    assert shot.is_file(), proc.stderr[-2000:]
    pixels = _png_colours(shot)
    # Every colour appears once in the legend (crash only there); outcomes present in the matrix
    # also colour their cells, so they cover more of the screenshot than the legend alone does.
    legend_only = pixels[_rgb(COLOURS["crash"])]
    assert legend_only > 0
    for status in ("native", "mismatch", "error-divergence", "unavailable"):
        assert pixels[_rgb(COLOURS[status])] > 1.5 * legend_only, status
    assert pixels[_rgb(COLOURS["fallback"])] < 1.5 * legend_only  # no fallback cell in this run

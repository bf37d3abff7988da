"""The comparison's fast paths judge as its slow path does: frames `equals` finds equal pass, an
order-free comparison sorted by Polars passes only frames holding the same rows, and anything
else is decided (and explained) by the canonical row order in Python."""

from __future__ import annotations

import math

import polars as pl
import pytest

from conformance.judge import compare
from conformance.judge.compare import UNORDERED, Rules, Tolerance, difference

ROWS = pl.DataFrame(
    {
        "i": [3, 1, None, 2, 1],
        "f": [0.5, -0.0, math.nan, None, 0.0],
        "s": ["b", None, "a", "ü", ""],
        "c": pl.Series(["x", "y", None, "x", "z"], dtype=pl.Categorical),
        "l": [[1], [], None, [2, None], [1]],
        "t": [{"q": 1}, {"q": None}, None, {"q": 2}, {"q": 1}],
    }
)


def test_order_free_frames_in_another_order_pass_on_the_native_sort(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the Python canonical sort is not needed: Polars' sort shows the rows are the same
    monkeypatch.setattr(compare, "_sort_rows", lambda *a, **k: pytest.fail("sorted in Python"))
    shuffled = ROWS.with_columns(negated=pl.col("f") * -1.0)[[4, 2, 0, 3, 1]]
    expected = ROWS.with_columns(negated=pl.col("f") * -1.0)  # -0.0 and 0.0 tie
    assert difference(expected, shuffled, UNORDERED) is None


def test_rows_that_hash_apart_but_are_equal_pass_on_the_sort_by_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(compare, "_sort_rows", lambda *a, **k: pytest.fail("sorted in Python"))
    left = pl.DataFrame({"f": [float(k) for k in range(1, 51)], "k": list(range(50))})
    right = left.with_columns(pl.col("f") + 1e-12).reverse()  # equal within 1e-9
    assert compare._by_row_hash(left)["k"].to_list() != compare._by_row_hash(right)["k"].to_list()
    rules = Rules(ordered=False, tolerance=Tolerance(1e-9, 0, "a test"))
    assert difference(left, right, rules) is None


@pytest.mark.parametrize(
    "change",
    [
        pl.col("i").fill_null(7),
        pl.when(pl.col("s") == "b").then(pl.lit("c")).otherwise(pl.col("s")).alias("s"),
        pl.col("f").fill_nan(1.0),
        pl.col("c").cast(pl.String).replace("x", "y").cast(pl.Categorical),
    ],
)
def test_a_changed_value_is_still_a_difference_named_as_before(change: pl.Expr) -> None:
    changed = ROWS.with_columns(change)[[4, 2, 0, 3, 1]]
    found = difference(ROWS, changed, UNORDERED)
    assert found is not None
    expected, got = compare._sort_pair(ROWS, changed)  # what a reproducer compares
    assert found == compare.frame_difference(expected, got, **UNORDERED.assert_options())


def test_a_float_in_a_list_is_matched_in_python_where_minus_zero_must_tie() -> None:
    assert compare._native_sorted(pl.DataFrame({"l": [[-0.0], [1.0]]})) is None
    left = pl.DataFrame({"l": [[-0.0], [0.0]], "k": [2, 1]})
    right = pl.DataFrame({"l": [[0.0], [-0.0]], "k": [2, 1]})
    assert difference(left, right, UNORDERED) is None


def test_identical_frames_of_another_schema_are_still_compared() -> None:
    ints = pl.DataFrame({"a": [1, 2]})
    floats = pl.DataFrame({"a": [1.0, 2.0]})
    assert ints.equals(floats)  # what the fast path must not take for a pass
    assert difference(ints, floats, Rules()) is not None
    loose = Rules(check_dtypes=False, tolerance=Tolerance(1e-9, 0, "a test"))
    assert difference(ints, floats, loose) == compare.frame_difference(
        ints, floats, **loose.assert_options()
    )


def test_a_declared_tolerance_applies_to_a_temporal_result_as_to_its_number() -> None:
    """A Datetime mean is a float mean cast back to whole microseconds: past 2**53 of them two
    engines' float sums round apart by a microsecond or two (the README run met it, 36 cells).
    Where the operation declares its tolerance, that is within it; exact rules still see it, and
    a day's difference is still one under the tolerance."""
    stamp = pl.datetime(1589, 4, 15, 2, 38, 47, 362384, time_zone="America/New_York")
    expected = pl.select(t=stamp, v=pl.lit(1.5))
    got = expected.with_columns(pl.col("t") + pl.duration(microseconds=2))
    tolerant = Rules(tolerance=Tolerance(rel=1e-9, abs=1e-12, reason="a mean of a float sum"))
    assert difference(expected, got, tolerant) is None
    assert difference(expected, got, Rules()) is not None
    later = expected.with_columns(pl.col("t") + pl.duration(days=1))
    assert 'value mismatch for column "t"' in (difference(expected, later, tolerant) or "")

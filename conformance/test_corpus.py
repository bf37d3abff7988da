"""Every saved failing case of the replay corpus, on its own lane and variants, before exploration:
a query against the baseline, or a property's own check with the draws it made when it failed.

One item per case file (`corpus-<id>`), collected first (`conftest.pytest_collection_modifyitems`);
see `conformance.run.corpus` for what a case holds and when its failure fails the run.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conformance.run.corpus import Case


@pytest.mark.conformance
def test_corpus_case(corpus_case: Case, supervised: Callable[[str, str, str], None]) -> None:
    supervised("corpus", str(corpus_case.path), corpus_case.lane)

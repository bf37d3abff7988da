"""The outcome vocabulary of one checked cell: defined once, in `reports.outcomes`.

It lives there so that rendering reports needs nothing from `conformance`; this module keeps the
name the harness, the properties and the known-issue registry import.
"""

from reports.outcomes import Outcome

__all__ = ["Outcome"]

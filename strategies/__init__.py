"""Hypothesis strategies for the conformance suite: dtypes, values and input frames."""

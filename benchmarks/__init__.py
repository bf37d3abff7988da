"""Measurements of the suite itself (run as modules: `python -m benchmarks.<name>`)."""

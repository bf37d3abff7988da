"""Differential conformance core: engine lanes, optimizer variants, the operation catalog, the harness."""

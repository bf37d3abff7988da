"""How a result is judged: the differential comparison with the baseline, sorted-flag truthfulness,
and the known-issue registry that explains (only) the symptoms it names."""

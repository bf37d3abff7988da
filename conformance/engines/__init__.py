"""Where a query runs: engine and output-mode lanes, optimizer variants, child processes for
process-level knobs, and the plan probes that tell native execution from fallback."""

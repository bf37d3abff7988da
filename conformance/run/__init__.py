"""How a run is driven: the selection of checks, the one Hypothesis driver, the supervised
checking process and its watchdog, and the records it writes."""

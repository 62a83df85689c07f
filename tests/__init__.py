"""The test suite: it mirrors the package; tests/perf holds the benchmark and tests/reliability the soak."""

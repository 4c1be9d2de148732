"""The benchmark engine behind scripts/run_benchmarks.py and the site's benchmark pages.

Two measures: instructions per request under callgrind (deterministic, the
ranking) and throughput/latency under wrk (real, noisy, reported with
intervals). See docs/benchmarks/methodology.md.
"""

"""The benchmark engine behind scripts/run_benchmarks.py and the site's benchmark pages.

Two measures: instructions per request under callgrind (deterministic, the
ranking) and throughput/latency under wrk (real, noisy, reported with
intervals). See docs/benchmarks/methodology.md.
"""

# Every measured server gets this environment: a fixed hash seed (repeatable
# dict/set layouts) and never a coverage tracer, even when a test run set one up.
SERVER_ENV = {"PYTHONHASHSEED": "0", "COVERAGE_PROCESS_START": "", "COVERAGE_PROCESS_CONFIG": ""}

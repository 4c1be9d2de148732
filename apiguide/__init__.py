"""Support code for the site: framework registry, server launcher, macros, benchmarks."""

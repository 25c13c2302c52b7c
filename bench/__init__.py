"""Benchmarks run by `make bench`. Each module's run() returns rows for one table."""

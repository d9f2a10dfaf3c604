"""Benchmarks run by `ringdesk bench NAME`; each module defines run(args) -> BenchResult."""

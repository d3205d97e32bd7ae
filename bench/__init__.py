"""Benchmarks and the synthetic-corpus generator."""

"""Synthetic FFB exports: the bundled example and scaled-up copies for benchmarks and tests."""

"""Benchmarks: a deterministic corpus and a runner comparing this site with stock Pelican."""

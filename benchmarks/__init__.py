"""Benchmarks: ``make bench`` (``python -m benchmarks``) prints figures, never asserts them.

Each ``bench_*.py`` module defines ``run(measure) -> None`` and reports through the
``Measure`` it is given; a figure may name a baseline measured in the same run, and the
ratio to it is printed, so runs on different machines can be compared.
"""

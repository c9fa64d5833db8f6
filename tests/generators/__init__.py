"""Test data made by tests and benchmarks only; never shipped.

Synthetic people, generated QR scenes and frame sets, scanned and photographed pages.
"""

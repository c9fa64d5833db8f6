"""Storage: the one way to open the database, and atomic file replacement.

Imports only the standard library and :mod:`reception.errors`.
"""

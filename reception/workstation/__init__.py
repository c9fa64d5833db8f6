"""This workstation: its configuration, its folders, the counter's time zone.

Imports only the standard library and :mod:`reception.errors`.
"""

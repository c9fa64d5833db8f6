"""The user-facing layer: the Qt window and the command line.

This is the top of the dependency graph and holds the one composition root
(:mod:`ui.composition`) that wires real or simulated devices.
"""

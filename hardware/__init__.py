"""Device interfaces, their real implementations and their simulators.

Nothing here imports ``reception`` or ``ui``: the domain depends on these interfaces,
never the other way round. Each vendor library is imported by exactly one module.
"""

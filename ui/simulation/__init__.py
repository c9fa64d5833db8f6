"""What pretends: the simulated citizen, her chip, the simulated province server.

The composition root uses it when devices are simulated; ``reception dev-server`` serves the
simulated province system. It is left out of the PyInstaller bundle but for the person and chip.
"""

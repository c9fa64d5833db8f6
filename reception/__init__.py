"""Reception: counter reception for Vietnamese one-stop service centres.

Layers: ``ui`` (Qt) depends on ``reception`` (domain), which depends only on the
interfaces of ``hardware``. Neither ``reception`` nor ``hardware`` imports QtWidgets.
"""

__version__ = "0.1.0"

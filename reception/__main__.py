"""``python -m reception``: the same entry point as the ``reception`` command.

The command line lives in ``ui.cli`` (the top layer, which may reach every other);
this launcher is the one module of the package allowed to import it.
"""

import sys

from ui.cli import main

sys.exit(main())

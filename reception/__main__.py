"""``python -m reception``."""

import sys

from reception.cli import main

sys.exit(main())

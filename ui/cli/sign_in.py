"""Who is at the counter, for the command line: the operator and the processing log.

The operator is ``--operator`` (before the command), else ``RECEPTION_OPERATOR``, else
the workstation's name (how every command behaved before clerk accounts existed).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reception.privacy.processing_log import ProcessingLog

if TYPE_CHECKING:
    from ui.cli.context import CliContext

OPERATOR_ENV = "RECEPTION_OPERATOR"


def resolve_operator(context: CliContext) -> str:
    """The clerk this command acts for."""
    named = context.operator_option or os.environ.get(OPERATOR_ENV, "").strip()
    return named or context.config.workstation.name


def processing_log_for(context: CliContext) -> ProcessingLog:
    """The processing log of this workstation, recording against the command's operator."""
    return ProcessingLog(workstation=context.config.workstation.name, operator=context.operator)

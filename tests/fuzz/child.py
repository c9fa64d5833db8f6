"""Runs many ``reception`` command lines in one process (started by the fuzz tests).

Usage: ``python -m tests.fuzz.child CASES.json RESULTS.jsonl``. Before anything else the
process limits its address space (``RLIMIT_AS``) and, when asked, the size of the files
it may write (``RLIMIT_FSIZE``: a full disk). Each case is ``{"argv": [...], "env": {...},
"timeout": S}``; it runs through :func:`ui.cli.main` with its output captured and an alarm
for the timeout, and one JSON line is written per case: exit status, output tails, whether
an exception escaped, whether the alarm fired, and the process's peak memory so far.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import signal
import sys
import traceback
from pathlib import Path
from typing import Any


class CaseTimeoutError(BaseException):
    """Raised by the alarm inside a case that ran past its timeout (a hang)."""


def _on_alarm(signum: int, frame: Any) -> None:
    raise CaseTimeoutError


def _run_case(case: dict[str, Any]) -> dict[str, Any]:
    from ui.cli import main

    saved_env = dict(os.environ)
    os.environ.update(case.get("env", {}))
    out, err = io.StringIO(), io.StringIO()
    result: dict[str, Any] = {"argv": case["argv"], "escaped": None, "hung": False}
    signal.setitimer(signal.ITIMER_REAL, float(case.get("timeout", 30)))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            result["status"] = main(case["argv"])
    except SystemExit as exc:  # argparse's own refusals
        result["status"] = exc.code if isinstance(exc.code, int) else 2
    except CaseTimeoutError:
        result["hung"] = True
        result["status"] = None
    except BaseException as exc:  # what the suite exists to catch
        result["escaped"] = "".join(traceback.format_exception(exc))[-2000:]
        result["status"] = None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        os.environ.clear()
        os.environ.update(saved_env)
    result["stdout"] = out.getvalue()[-1_000_000:]
    result["stderr"] = err.getvalue()[-2000:]
    result["peak_rss_bytes"] = _peak_resident_bytes()
    return result


def _peak_resident_bytes() -> int:
    """This process's own peak resident memory so far.

    ``VmHWM`` belongs to the process's memory map, which ``exec`` replaced; ``ru_maxrss``
    would also count the parent's size at the fork (Linux keeps it across ``exec``).
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main() -> int:
    cases_file, results_file = Path(sys.argv[1]), Path(sys.argv[2])
    settings = json.loads(cases_file.read_text(encoding="utf-8"))
    limit = int(settings["memory_limit_bytes"])
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if settings.get("file_size_limit_bytes"):
        size = int(settings["file_size_limit_bytes"])
        # A write past the limit then fails with EFBIG, as on a full disk, instead of
        # killing the process with SIGXFSZ.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    signal.signal(signal.SIGALRM, _on_alarm)
    with results_file.open("w", encoding="utf-8") as results:
        for case in settings["cases"]:
            results.write(json.dumps(_run_case(case)) + "\n")
            results.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

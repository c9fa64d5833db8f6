"""Run one ``reception`` command as a child process under a time and memory limit."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
#: Address space of the child. The issue asks for resident memory well under 1 GB
#: whatever the input (checked after every case, RESIDENT_LIMIT_BYTES); the address space
#: is capped higher because OpenCV's and glibc's per-thread arenas reserve virtual memory
#: they never touch (the largest accepted image needs ~1.1 GiB of it, 0.5 GiB resident).
MEMORY_LIMIT_BYTES = 2 * 2**30
#: Resident memory above this is a failure (measured after the child exits).
RESIDENT_LIMIT_BYTES = 1 * 2**30
TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class Outcome:
    """What one command did: exit status, output, peak resident memory, hang or not."""

    argv: tuple[str, ...]
    returncode: int | None  # None: killed after the timeout
    stdout: str
    stderr: str
    peak_rss_bytes: int

    @property
    def hung(self) -> bool:
        return self.returncode is None

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr

    def problems(self) -> list[str]:
        """What is wrong with this outcome (empty when it failed or succeeded cleanly)."""
        found = []
        if self.hung:
            found.append("hung")
        if self.traceback:
            found.append("traceback")
        if self.peak_rss_bytes > RESIDENT_LIMIT_BYTES:
            found.append(f"peak memory {self.peak_rss_bytes / 2**20:.0f} MB")
        if self.returncode is not None and self.returncode < 0:
            found.append(f"killed by signal {-self.returncode}")
        if self.returncode not in (None, 0, 1, 2, 3):
            found.append(f"exit status {self.returncode}")
        if self.returncode in (2, 3) and len(self.stderr.strip().splitlines()) > 30:
            found.append("a failure took more than 30 lines")
        return found


# The child limits its own address space, then runs ``python -m reception`` (a
# ``preexec_fn`` would do the same but is unsafe in a process with threads).
_LAUNCHER = (
    "import resource, runpy, sys; "
    f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT_BYTES}, {MEMORY_LIMIT_BYTES})); "
    "sys.argv[0] = 'reception'; "
    "runpy.run_module('reception', run_name='__main__', alter_sys=True)"
)


def run_reception(
    args: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT_SECONDS,
) -> Outcome:
    """``python -m reception ARGS`` with the memory limit, killed after ``timeout``.

    Output goes to temporary files and the child is reaped with ``wait4``, which gives its
    own peak resident memory (``ru_maxrss``).
    """
    argv = (sys.executable, "-c", _LAUNCHER, *args)
    child_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(
            argv,
            cwd=REPO,
            env=child_env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        deadline = time.monotonic() + timeout
        returncode: int | None = None
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                returncode = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() > deadline:
                process.kill()
                _, _, usage = os.wait4(process.pid, 0)
                break
            # Polling the child, not waiting for a thread of ours: nothing else to wait on.
            time.sleep(0.01)
        process.returncode = -1 if returncode is None else returncode
        out.seek(0)
        err.seek(0)
        return Outcome(
            argv=tuple(args),
            returncode=returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_rss_bytes=usage.ru_maxrss * 1024,
        )

"""Run every benchmark module and print the table."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import benchmarks
from benchmarks.harness import Measure


def main(selected: list[str]) -> int:
    # The benchmarks' data folders are temporary: their keys go in key files there, never
    # into the OS key store of the person running them.
    os.environ.setdefault("RECEPTION_KEY_STORE", "file")
    measure = Measure()
    for module_info in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if not module_info.name.startswith("bench_"):
            continue
        if selected and module_info.name.removeprefix("bench_") not in selected:
            continue
        module = importlib.import_module(f"benchmarks.{module_info.name}")
        print(f"running {module_info.name}…", file=sys.stderr, flush=True)
        module.run(measure)
    print(measure.report())
    return 0


sys.exit(main(sys.argv[1:]))

"""Timing a command as the benchmarks do: wall seconds, and CPU seconds of the process and its workers."""

from __future__ import annotations

import resource
import subprocess
import time
from collections.abc import Mapping


def run_timed(argv: list[str], env: Mapping[str, str] | None = None, *, check: bool = False) -> tuple[float, float]:
    """(wall, CPU) seconds of one run of `argv`, its output discarded.

    CPU is user+sys of the child and every process it waited for (getrusage(RUSAGE_CHILDREN) before and
    after): steadier than wall time on a shared machine.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=check, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)

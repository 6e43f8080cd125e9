"""The machine a benchmark ran on, and how much of it other processes took meanwhile.

On a shared machine the load average alone says little about one 15-second run, so each run also
counts the CPU time every core spent busy (``/proc/stat``, including time stolen by the
hypervisor) and subtracts what the server under test, wrk and this script used: the rest is what
other processes took from the same cores while the figure was measured.
"""

from __future__ import annotations

import os
import platform
import re
import resource
from dataclasses import dataclass
from pathlib import Path


def describe() -> str:
    """CPU model, cores and Python version."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def loadavg(values: tuple[float, float, float] | None = None) -> str:
    """The 1, 5 and 15-minute load averages, as ``uptime`` shows them."""
    return "{:.2f} {:.2f} {:.2f}".format(*(values or os.getloadavg()))


def busy_seconds() -> float:
    """CPU seconds all cores spent busy (or stolen) since boot; 0 where /proc/stat is missing."""
    stat = Path("/proc/stat")
    if not stat.exists():
        return 0.0
    fields = [int(x) for x in stat.read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_seconds() -> float:
    """CPU seconds of this process and its finished children (wrk), user + system."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


@dataclass
class CpuMeter:
    """Started before a run; ``others(server_seconds)`` after it: cores taken by others."""

    busy: float = 0.0
    own: float = 0.0

    def start(self) -> CpuMeter:
        self.busy, self.own = busy_seconds(), own_seconds()
        return self

    def others(self, server_seconds: float, wall_seconds: float) -> float:
        """Average cores other processes used since ``start`` (never below 0)."""
        used = busy_seconds() - self.busy - (own_seconds() - self.own) - server_seconds
        return max(used, 0.0) / wall_seconds

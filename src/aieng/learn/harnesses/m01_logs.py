"""Harness of m01.top-5xx-clients: the learner's pipeline on an access log it has never seen.

Each case is a log the grader generated (or wrote by hand to pin one property: CRLF line
endings, a last line with no newline, IPv6 clients, a request that is ``"-"`` or holds spaces,
sizes and URLs that look like a 5xx status). :func:`top_clients` writes it, byte for byte, to
``access.log`` in a fresh folder, runs ``bash SCRIPT access.log N`` there
(``aieng.learn.harnesses.shell``: a clean environment, no network, a time limit) and returns what
the script printed, compared exactly with what the package's script printed on the same log. A
script that exits with a status other than 0 — on an empty log, say, where ``grep`` finds
nothing — is refused with what it wrote to stderr.
"""

from __future__ import annotations

from pathlib import Path

from aieng.learn.harnesses.shell import case_folder, clean_env, require_success, run_script

LOG = "access.log"


def top_clients(script: Path, log: str, n: int) -> str:
    """What ``bash script access.log n`` prints, ``log`` being the file's text (kept as is)."""
    with case_folder("log") as root:
        work = root / "work"
        work.mkdir()
        (work / LOG).write_bytes(log.encode("utf-8"))  # "\r\n" stays "\r\n"
        lines = log.count("\n") + (1 if log and not log.endswith("\n") else 0)
        on = f"on a log of {lines} line{'s' if lines != 1 else ''} with N = {n}"
        ran = run_script(script, [LOG, str(n)], work, env=clean_env(root), on=on)
        require_success(ran, on=on)
        return ran.stdout

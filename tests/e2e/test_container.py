"""The container, built and run for real: scripts/container-test.sh from a test.

The script builds the base image with debootstrap (no registry is reachable), the image from
deploy/Dockerfile with wheels installed offline, checks its size, runs it with a mounted and
with a baked-in model, and calls /health, /ready and /v1/predict. It needs root (its own
dockerd). Outside CI a developer who is not root gets a skip; in CI (``CI`` set) nothing is
skipped: a missing requirement is a failure that says what is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "container-test.sh"
LIMIT_MB = 500  # the issue "Before the second half": 1,139 MB before the serve extra
TIMEOUT = 20 * 60  # a cold run downloads a Debian base and ~110 MB of wheels: ~3 min here


def _missing_requirement() -> str | None:
    """What stops the script from running on this machine, in words; None: nothing."""
    if sys.platform != "linux":
        return f"the container test runs on Linux only (this is {sys.platform})"
    if os.geteuid() != 0:
        return (
            f"the container test needs root (it installs docker.io and debootstrap and starts "
            f"its own dockerd); this runs as uid {os.geteuid()}"
        )
    if shutil.which("bash") is None:
        return "bash is not installed"
    tools = [t for t in ("dockerd", "debootstrap") if shutil.which(t) is None]
    if tools and shutil.which("apt-get") is None:
        return f"{' and '.join(tools)} missing, and no apt-get to install them with"
    return None


def _tail(text: str, lines: int = 80) -> str:
    return "\n".join(text.splitlines()[-lines:])


@pytest.mark.slow
def test_the_image_builds_runs_and_serves_predictions() -> None:
    problem = _missing_requirement()
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the container test, but {problem}.", pytrace=False)
        pytest.skip(f"{problem} (CI never skips this test)")

    # Its own session: on a timeout the whole group (the script, dockerd, docker build) gets
    # SIGTERM, so the script's trap still removes containers, dockerd and mounts.
    proc = subprocess.Popen(
        ["bash", str(SCRIPT)],
        cwd=REPO,
        env={**os.environ, "PYTHON": sys.executable},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        out, _ = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        pytest.fail(f"the container test took over {TIMEOUT} s:\n{_tail(out)}", pytrace=False)

    assert proc.returncode == 0, (
        f"scripts/container-test.sh exited {proc.returncode}:\n{_tail(out)}"
    )
    # The image's size, checked by the script against its limit (why 500 MB: see the script);
    # here too, so raising the limit there is not enough to pass.
    size = re.search(r"image size: (\d+) MB \(limit (\d+) MB\)", out)
    assert size is not None, _tail(out)
    assert int(size[1]) <= int(size[2]) <= LIMIT_MB, size[0]
    # Both ways of giving the image its model were run through every check.
    for name in ("aieng-mounted", "aieng-baked"):
        assert f"{name}: passed (stopped cleanly, exit code 0)" in out, _tail(out)
    assert "container test passed" in out
    assert "cleaned up" in out

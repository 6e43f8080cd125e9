"""Run a learner's script the way a grader can trust: bash, a temporary folder, a clean world.

A script answer (``answer = "bash"`` in the manifest) is never imported. The harness of its
exercise builds what the script works on (a Git repository, an access log) in a folder of its
own (:func:`case_folder`) and calls :func:`run_script`, which runs the script:

* with ``bash``, whatever its first line says: the exercise is about bash, not about which
  shell ``#!`` finds. ``bash -n`` reads it first, so a syntax error is reported as one, with
  bash's own line, before anything runs;
* in the case's folder, in a clean environment: the system's tools on PATH, HOME and TMPDIR in
  the case's folder (the learner's ``~/.gitconfig``, ``~/.bashrc`` and aliases play no part),
  ``LANG=C.UTF-8``, ``TERM=dumb`` and no EDITOR — there is no terminal, so a ``git`` that wants
  an editor fails as it does in CI, instead of waiting for a key;
* with no network: in a network namespace of its own (``unshare --net --map-current-user``)
  where the kernel gives one to an ordinary user (most Linux systems); elsewhere the proxy
  variables point at a closed port, which stops curl, pip and git's https;
* with stdin at /dev/null, files capped at 64 MiB, and a time limit after which its whole
  process group is killed, so a background job it starts is stopped too.

What goes wrong becomes a :class:`~aieng.learn.harnesses.Refused` the learner reads: the syntax
error, the time limit, or — :func:`require_success` — an exit status that is not 0, with the
end of what the script wrote to stderr.
"""

from __future__ import annotations

import functools
import os
import resource
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from aieng.learn.harnesses import Refused

TIME_LIMIT_S = 5.0  # one run of the script; the exercises' scripts finish in about 0.05 s
MAX_FILE_BYTES = 64 * 1024 * 1024  # no file the script writes (its stdout too) grows past this
STDERR_SHOWN = 12  # lines of the script's stderr shown when it fails
SYSTEM_PATH = ("/usr/local/bin", "/usr/bin", "/bin")
CLOSED_PORT = "http://127.0.0.1:9"  # the discard port: nothing listens there


@dataclass(frozen=True)
class Ran:
    """What one run of the script did: its exit status and what it wrote."""

    status: int  # the exit status; -N when signal N stopped it
    stdout: str  # decoded as UTF-8 (bytes that are not UTF-8 shown as U+FFFD)
    stderr: str


def tool(name: str) -> str:
    """The full path of a command the grader needs (``bash``, ``git``), or a clear refusal."""
    found = shutil.which(name) or next(
        (f"{d}/{name}" for d in SYSTEM_PATH if os.access(f"{d}/{name}", os.X_OK)), None
    )
    if found is None:
        raise Refused(
            f"{name} is installed",
            [
                f"the grader runs your script with {name}, and there is no {name} on this "
                f"machine's PATH: install it (Debian and Ubuntu: apt-get install {name}; "
                f"macOS: brew install {name}), then check again.",
            ],
        )
    return found


@contextmanager
def case_folder(prefix: str) -> Iterator[Path]:
    """A fresh folder for one case, holding ``home/`` and ``tmp/``; removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix=f"aieng-{prefix}-"))
    try:
        (root / "home").mkdir()
        (root / "tmp").mkdir()
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def clean_env(root: Path, extra: Mapping[str, str] = {}) -> dict[str, str]:
    """The environment a script (and the grader's own git) runs in: nothing of the user's."""
    folders = [str(Path(tool(name)).parent) for name in ("bash", "git") if shutil.which(name)]
    path = ":".join(dict.fromkeys([*folders, *SYSTEM_PATH]))  # in order, without repeats
    env = {
        "PATH": path,
        "HOME": str(root / "home"),
        "XDG_CONFIG_HOME": str(root / "home" / ".config"),
        "TMPDIR": str(root / "tmp"),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "GIT_CONFIG_NOSYSTEM": "1",  # nor /etc/gitconfig
        "GIT_TERMINAL_PROMPT": "0",  # never ask for a password
    }
    for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[proxy] = CLOSED_PORT
    env.update(extra)
    return env


@functools.cache
def _offline_prefix() -> tuple[str, ...]:
    """``unshare`` with a network namespace, if this system gives one to the current user."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    command = (unshare, "--net", "--map-current-user")
    try:
        probe = subprocess.run([*command, "true"], capture_output=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return ()
    return command if probe.returncode == 0 else ()


def _limits() -> None:  # runs in the forked process, just before bash starts
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_FILE_BYTES, MAX_FILE_BYTES))
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # past the cap the writer is stopped


def _syntax(script: Path, bash: str, env: Mapping[str, str]) -> None:
    checked = subprocess.run(
        [bash, "-n", str(script)], capture_output=True, env=dict(env), timeout=TIME_LIMIT_S
    )
    if checked.returncode != 0:
        said = checked.stderr.decode(errors="replace").replace(str(script), script.name)
        raise Refused(
            "your script is valid bash",
            [
                f"bash cannot read {script.name}:",
                *(f"    {line}" for line in said.strip().splitlines()[:STDERR_SHOWN]),
                f"(`bash -n {script.name}` shows this without running anything.)",
            ],
        )


def run_script(
    script: Path,
    args: Sequence[str],
    cwd: Path,
    *,
    env: Mapping[str, str],
    on: str,
    timeout_s: float = TIME_LIMIT_S,
) -> Ran:
    """Run ``bash script args…`` in ``cwd`` with ``env`` (see :func:`clean_env`); ``on`` says
    what the case was ("a log of 40 lines"), for the messages."""
    bash, script = tool("bash"), script.resolve()  # the script runs in another folder
    _syntax(script, bash, env)
    out, err = cwd.parent / f".{cwd.name}.stdout", cwd.parent / f".{cwd.name}.stderr"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        proc = subprocess.Popen(
            [*_offline_prefix(), bash, str(script), *args],
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            start_new_session=True,  # its own process group: killed whole on a timeout
            preexec_fn=_limits,  # safe: the sandboxed child that calls this has one thread
        )
        try:
            status = proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise Refused(
                "your script finishes in time",
                [
                    f"your script was still running after {timeout_s:g} s {on}, and was "
                    "stopped. Is a command waiting for input (there is none: stdin is empty), "
                    "or looping?",
                ],
            ) from None
        finally:
            if proc.poll() is None:  # never leave one behind
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    ran = Ran(
        status,
        out.read_bytes().decode("utf-8", errors="replace"),
        err.read_bytes().decode("utf-8", errors="replace").replace(str(script), script.name),
    )
    out.unlink()
    err.unlink()
    return ran


def require_success(ran: Ran, *, on: str) -> None:
    """Refuse a run whose exit status is not 0, showing the end of its stderr."""
    if ran.status == 0:
        return
    how = (
        f"was stopped by {signal.Signals(-ran.status).name}"
        if ran.status < 0 and -ran.status in signal.valid_signals()
        else f"exited with status {ran.status}"
    )
    tail = ran.stderr.strip().splitlines()[-STDERR_SHOWN:]
    lines = [f"your script {how} {on}."]
    lines += (
        ["what it wrote to stderr (the end):", *(f"    {line}" for line in tail)]
        if tail
        else ["it wrote nothing to stderr."]
    )
    lines.append(
        "A script that did its job exits 0; it exits with the status of its last command "
        "(grep, for one, exits 1 when no line matches), and with `set -e` at the first command "
        "that fails."
    )
    raise Refused("your script exits with status 0", lines)

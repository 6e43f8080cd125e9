"""The two servers under test, each in its own process group, and the model folder they share.

* the model folder: ``aieng run m06`` in a throwaway AIENG_HOME registers ``churn@champion``,
  ``aieng pipeline export`` writes it out; cached under ``benchmarks/.cache/serving/model``;
* ``aieng serve --model-dir`` — our service, with an API key required (auth on), the prediction
  log (SQLite, a temp folder), metrics and the JSON access log on, as in production;
* ``mlflow models serve --env-manager local`` — MLflow's scoring server on the same folder.

Both get one worker and ``OMP_NUM_THREADS=1`` (and the BLAS equivalents): the same CPU budget.
A server is stopped by signalling its whole process group (``mlflow models serve`` runs uvicorn
in a child process), SIGTERM first, SIGKILL to what is left after 15 s.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx

BIN = Path(sys.executable).parent  # the venv's bin: aieng, mlflow and the uvicorn mlflow execs
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def model_folder(cache: Path, *, rebuild: bool = False) -> Path:
    """The exported champion, made once (≈ 1 min: month 6 trains and registers it)."""
    folder = cache / "model"
    if (folder / "MLmodel").is_file() and not rebuild:
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    print(f"preparing the model folder in {folder} (aieng run m06, once; about a minute)")
    with tempfile.TemporaryDirectory(prefix="aieng-bench-m06-", dir=cache) as tmp:
        env = {**os.environ, "AIENG_HOME": str(Path(tmp) / "home")}
        for cmd in (["run", "m06"], ["pipeline", "export", str(Path(tmp) / "model")]):
            done = subprocess.run(
                [str(BIN / "aieng"), *cmd], env=env, cwd=tmp, capture_output=True, text=True
            )
            if done.returncode != 0:
                raise SystemExit(f"`aieng {' '.join(cmd)}` failed:\n{done.stderr[-3000:]}")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(Path(tmp) / "model", folder)  # same file system: the folder appears whole
    return folder


@dataclass
class Server:
    """One server process group; ``url`` answers once ``ready`` returned."""

    name: str
    cmd: list[str]
    env: dict[str, str]
    ready_path: str
    port: int
    workdir: Path
    proc: subprocess.Popen[bytes] | None = None
    log: IO[bytes] | None = field(default=None, repr=False)
    open_files: int | None = None  # the soft open-file limit it starts with; None: the caller's

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / f"{self.name}.log"

    def start(self) -> None:
        self.log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            self.cmd,
            env=self.env,
            cwd=self.workdir,  # no stray .env from the caller's folder
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, to stop it with its children
            preexec_fn=None if self.open_files is None else self._limit_open_files,
        )

    def _limit_open_files(self) -> None:
        """In the child, before exec: the soft limit lowered, the hard one left as it is (the
        server may raise its own soft limit up to it, as ``aieng serve`` does)."""
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        soft = self.open_files or hard
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    def wait_ready(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}):\n{self.tail()}")
            try:
                if httpx.get(self.url + self.ready_path, timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} was not ready after {timeout:.0f} s:\n{self.tail()}")

    def cpu_seconds(self) -> float:
        """User + system CPU time of every live process in the server's group."""
        return sum(cpu for _, _, cpu in self._group())

    def pids(self) -> list[int]:
        """The live processes of the server's group (a zombie is already gone)."""
        return [pid for pid, state, _ in self._group() if state != "Z"]

    def _group(self) -> list[tuple[int, str, float]]:
        """(pid, state, CPU seconds) of each process in the server's group, from /proc."""
        if self.proc is None:
            return []
        tick, found = os.sysconf("SC_CLK_TCK"), []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # the process ended meanwhile
                continue
            fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
            if int(fields[2]) == self.proc.pid:  # field 5 of stat: the process group
                cpu = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
                found.append((int(entry.name), fields[0], cpu))
        return found

    def tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """SIGTERM to the group; SIGKILL to whatever is left of it after 15 s."""
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            deadline = time.monotonic() + 15
            # The parent, and children it leaves behind (a zombie is already gone).
            while time.monotonic() < deadline and (
                self.proc.poll() is None or any(state != "Z" for _, state, _ in self._group())
            ):
                time.sleep(0.1)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=15)
            self.proc = None
        if self.log is not None:
            self.log.close()
            self.log = None


def base_env(home: Path) -> dict[str, str]:
    """The caller's environment, without its AIENG_SERVE_* settings, one thread per library."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIENG_SERVE_")}
    env.update(ONE_THREAD)
    env["AIENG_HOME"] = str(home)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"  # mlflow execs `uvicorn` by name
    return env


def ours(model: Path, port: int, workdir: Path, api_key: str) -> Server:
    env = base_env(workdir / "home")
    env["AIENG_SERVE_API_KEYS"] = api_key
    env["AIENG_SERVE_LOG_URL"] = f"sqlite:///{workdir / 'predictions.db'}"
    cmd = [str(BIN / "aieng"), "serve", "--model-dir", str(model), "--port", str(port)]
    cmd += ["--workers", "1"]
    return Server("aieng", cmd, env, "/ready", port, workdir)


def mlflow(model: Path, port: int, workdir: Path) -> Server:
    cmd = [str(BIN / "mlflow"), "models", "serve", "-m", str(model), "--env-manager", "local"]
    cmd += ["-p", str(port), "--host", "127.0.0.1", "--workers", "1"]
    return Server("mlflow", cmd, base_env(workdir / "home"), "/ping", port, workdir)

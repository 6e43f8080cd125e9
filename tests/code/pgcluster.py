"""A throwaway PostgreSQL server for tests: its own cluster, on 127.0.0.1, on a free port.

``with throwaway_postgres() as server: url = server.new_database()`` — ``initdb`` a cluster in a
private temporary folder, start it with ``pg_ctl``, yield, then stop it (``-m immediate``) and
delete the folder. PostgreSQL refuses to run as root, so when the tests run as root (CI, this
machine) the server runs as the ``postgres`` user that Debian's package creates; the folder is
then a fresh ``mkdtemp`` owned by that user (pytest's ``tmp_path`` lives under a root-only
folder that user cannot enter). Needs the server binaries: ``apt-get install -y postgresql``.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER = "aieng"  # the cluster's superuser (trust auth: it only listens on loopback)


def server_binaries() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl`` (Debian keeps them off PATH), or None."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=_version)
    return versions[-1].parent if versions else None


def _version(pg_ctl: Path) -> int:
    name = pg_ctl.parent.parent.name
    return int(name) if name.isdigit() else 0


@dataclass(frozen=True)
class Server:
    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL (one per test: no leftovers)."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        dsn = f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)


@contextmanager
def throwaway_postgres() -> Iterator[Server]:
    bin_dir = server_binaries()
    if bin_dir is None:
        raise FileNotFoundError("no PostgreSQL server binaries (apt-get install -y postgresql)")
    as_root = os.geteuid() == 0
    owner = pwd.getpwnam("postgres") if as_root else None
    root = Path(tempfile.mkdtemp(prefix="aieng-pg-"))
    if owner is not None:
        os.chown(root, owner.pw_uid, owner.pw_gid)
    data, port = root / "data", _free_port()

    def run(*args: str) -> None:
        subprocess.run(
            [str(bin_dir / args[0]), *args[1:]],
            check=True,
            capture_output=True,
            text=True,
            user=owner.pw_uid if owner else None,
            group=owner.pw_gid if owner else None,
            cwd=root,
            timeout=120,
        )

    try:
        run("initdb", "-D", str(data), "-U", USER, "--auth=trust", "--no-locale", "-E", "UTF8",
            "--no-sync")  # fmt: skip
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root}"
        run("pg_ctl", "-D", str(data), "-l", str(root / "server.log"), "-o", options, "-w",
            "-t", "60", "start")  # fmt: skip
    except subprocess.CalledProcessError as exc:
        log = root / "server.log"
        tail = log.read_text()[-2000:] if log.exists() else ""
        with contextlib.suppress(subprocess.CalledProcessError):  # half-started: leave nothing
            run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"{exc.cmd[0]} failed: {exc.stderr}\n{tail}") from exc
    try:
        yield Server(port)
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _free_port() -> int:
    # A port the kernel just handed out and we released: free unless another process races us.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])

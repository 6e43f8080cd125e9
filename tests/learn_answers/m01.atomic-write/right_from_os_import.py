# right: the functions imported by name (from os import replace), the temporary file from mkstemp
from os import close, fdopen, replace, unlink
from pathlib import Path
from tempfile import mkstemp


def atomic_write(target: Path, text: str) -> Path:
    payload = text.encode("utf-8")
    fd, name = mkstemp(dir=target.parent, suffix=".tmp")
    try:
        f = fdopen(fd, "wb")
    except BaseException:
        close(fd)
        unlink(name)
        raise
    try:
        with f:
            f.write(payload)
        replace(name, target)
    except BaseException:
        unlink(name)
        raise
    return target

# mistake: writes atomically but returns nothing, where the caller expects the path written
# fails: returns_target matches the reference
import os
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> None:
    payload = text.encode("utf-8")
    fd, name = tempfile.mkstemp(dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(name, target)
    except BaseException:
        os.unlink(name)
        raise

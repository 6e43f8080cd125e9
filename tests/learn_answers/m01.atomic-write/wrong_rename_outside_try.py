# mistake: only the write is guarded: when the rename fails the temporary file is left behind
# fails: files matches the reference
import os
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    payload = text.encode("utf-8")
    fd, name = tempfile.mkstemp(dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
    except BaseException:
        os.unlink(name)
        raise
    os.replace(name, target)
    return target

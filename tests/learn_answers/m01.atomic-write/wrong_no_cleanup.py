# mistake: no clean-up: when the write fails the temporary file stays in the target's folder
# fails: files matches the reference
import os
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    payload = text.encode("utf-8")
    fd, name = tempfile.mkstemp(dir=target.parent)
    with os.fdopen(fd, "wb") as f:
        f.write(payload)
    os.replace(name, target)
    return target

# mistake: encodes while writing, in text mode, with no clean-up: bad text leaves a temporary file
# fails: files matches the reference
import os
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    fd, name = tempfile.mkstemp(dir=target.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(name, target)
    return target

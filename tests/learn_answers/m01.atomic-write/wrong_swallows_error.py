# mistake: cleans up but swallows the error, so the caller believes the new report was written
# fails: error matches the reference
import os
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    fd, name = tempfile.mkstemp(dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
        os.replace(name, target)
    except Exception:
        Path(name).unlink(missing_ok=True)
    return target

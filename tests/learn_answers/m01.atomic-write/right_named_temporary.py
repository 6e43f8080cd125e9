# right: NamedTemporaryFile beside the target, flushed to disk, cleaned up by a flag in finally
import os
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    data = text.encode("utf-8")
    name = None
    done = False
    try:
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".tmp-", delete=False) as tmp:
            name = tmp.name
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(name, target)
        done = True
    finally:
        if not done and name is not None:
            os.unlink(name)
    return target

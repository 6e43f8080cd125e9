# mistake: the temporary file goes to the default temp folder, often another file system
# fails: renamed_within_folder matches the reference
import os
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    payload = text.encode("utf-8")
    fd, name = tempfile.mkstemp()
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return target

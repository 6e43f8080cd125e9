# mistake: a temporary file, then copied onto the target: the old file is rewritten in place
# fails: old_file_untouched matches the reference
import os
import shutil
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    fd, name = tempfile.mkstemp(dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(text.encode("utf-8"))
        shutil.copyfile(name, target)
    finally:
        os.unlink(name)
    return target

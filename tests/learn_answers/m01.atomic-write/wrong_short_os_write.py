# mistake: one os.write, whose count is ignored: on a full disk part of the report is renamed in
# fails: files matches the reference
import os
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    fd, name = tempfile.mkstemp(dir=target.parent)
    try:
        os.write(fd, text.encode("utf-8"))
        os.close(fd)
        os.replace(name, target)
    except BaseException:
        os.unlink(name)
        raise
    return target

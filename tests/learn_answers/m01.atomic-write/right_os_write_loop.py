# right: os.open and os.write in a loop (a write may take fewer bytes than asked), Path.replace
import os
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    payload = memoryview(text.encode("utf-8"))
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        try:
            while payload:
                written = os.write(fd, payload)
                payload = payload[written:]
        finally:
            os.close(fd)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target

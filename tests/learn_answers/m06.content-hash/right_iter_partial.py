# right: iter() with a sentinel: call f.read(64 KiB) until it returns b""
import hashlib
from functools import partial
from pathlib import Path


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(partial(f.read, 1 << 16), b""):
            h.update(block)
    return h.digest().hex()

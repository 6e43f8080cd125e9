# mistake: stops at the first chunk shorter than CHUNK without hashing it: the tail is lost
# fails: digest matches the reference
import hashlib
from pathlib import Path

CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            chunk = f.read(CHUNK)
            if len(chunk) < CHUNK:
                break
            h.update(chunk)
    return h.hexdigest()

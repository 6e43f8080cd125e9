# mistake: hashes str(chunk), the text "b'...'", instead of the chunk's bytes
# fails: digest matches the reference
import hashlib
from pathlib import Path

CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(str(chunk).encode())
    return h.hexdigest()

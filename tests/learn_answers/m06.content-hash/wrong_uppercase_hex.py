# mistake: the digest in upper case: the pipeline compares digests as text, so it never matches
# fails: digest matches the reference
import hashlib
from pathlib import Path

CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest().upper()

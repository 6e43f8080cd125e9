# mistake: decodes each chunk with errors="replace": bytes that are not UTF-8 are hashed as U+FFFD
# fails: digest matches the reference
import hashlib
from pathlib import Path

CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk.decode("utf-8", errors="replace").encode("utf-8"))
    return h.hexdigest()

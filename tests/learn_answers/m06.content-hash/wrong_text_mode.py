# mistake: reads text and encodes it back: \r\n becomes \n, and bytes not in UTF-8 cannot be read
# fails: digest matches the reference
import hashlib
from pathlib import Path

CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, encoding="utf-8") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk.encode("utf-8"))
    return h.hexdigest()

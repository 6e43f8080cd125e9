# mistake: Latin-1 text mode decodes any byte, but universal newlines still turn \r\n into \n
# fails: digest matches the reference
import hashlib
from pathlib import Path

CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, encoding="latin-1") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk.encode("latin-1"))
    return h.hexdigest()

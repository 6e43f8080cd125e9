# mistake: hashes line by line: a file without newlines is one huge line, all in memory
# fails: memory_flat matches the reference
import hashlib
from pathlib import Path


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for line in f:
            h.update(line)
    return h.hexdigest()

# mistake: reads the whole file at once: a file larger than memory cannot be hashed
# fails: memory_flat matches the reference
import hashlib
from pathlib import Path


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()

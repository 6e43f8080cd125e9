# right: hashlib.file_digest (Python 3.11) reads the file in chunks itself
import hashlib
from pathlib import Path


def file_digest(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()

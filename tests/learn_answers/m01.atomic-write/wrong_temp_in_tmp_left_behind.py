# mistake: a temporary file in the default temp folder, moved onto the target, left there on failure
# fails: renamed_within_folder matches the reference
import shutil
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    with tempfile.NamedTemporaryFile("wb", delete=False) as f:
        f.write(text.encode("utf-8"))
    shutil.move(f.name, target)
    return target

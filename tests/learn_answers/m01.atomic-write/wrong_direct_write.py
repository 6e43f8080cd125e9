# mistake: writes the target directly: it is emptied first, so a failure leaves it half written
# fails: old_file_untouched matches the reference
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    target.write_text(text, encoding="utf-8")
    return target

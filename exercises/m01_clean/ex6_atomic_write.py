"""Exercise m01.atomic-write — write a file so that it is never half written.

``Path.write_text`` first empties the file, then writes. If the program fails in between (a
crash, a full disk, or text that cannot be encoded) the old content is gone and the new one is
not there: a half-written report, or an empty one. An *atomic* write never shows that state:

1. encode the text to bytes (UTF-8) first: if that fails, nothing has been touched;
2. write the bytes to a temporary file *in the same folder* as the target
   (``tempfile.mkstemp(dir=target.parent)`` or ``NamedTemporaryFile(dir=..., delete=False)``);
3. ``os.replace(tmp, target)``: one rename, which the operating system does all at once;
4. if anything fails before the rename, delete the temporary file (``try``/``except``/``raise``,
   or ``finally``), and let the error go on to the caller.

Write ``atomic_write(target, text)`` returning ``target``. ``save_report`` is written for you
and is what the grader calls: in a fresh temporary folder it writes an old report, replaces it
with your ``atomic_write`` (text UTF-8 cannot encode must leave the old report whole), and
returns a checksum of the file's bytes and the number of other files left in the folder.

Check it with ``aieng check m01.atomic-write``; stuck? ``aieng hint m01.atomic-write``.
"""

import os
import tempfile
import zlib
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    # TODO: payload = text.encode("utf-8") before any file is opened
    # TODO: a temporary file in target.parent, the bytes into it, os.replace onto target
    # TODO: on any failure before the rename: remove the temporary file, then raise again
    raise NotImplementedError("write atomic_write")


def save_report(text: str, old_text: str) -> tuple[int, int]:
    """Graded (leave as is): replace an old report with ``text`` through atomic_write."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "report.txt"
        target.write_text(old_text, encoding="utf-8")
        try:
            atomic_write(target, text)
        except UnicodeEncodeError:
            pass  # text that cannot be written: the old report must still be there, whole
        others = [p for p in Path(folder).iterdir() if p != target]
        return zlib.crc32(target.read_bytes()), len(others)

"""Exercise m01.atomic-write — write a file so that it is never half written.

``Path.write_text`` first empties the file, then writes. If the program fails in between — a
crash, a full disk — the old content is gone and the new one is not there: a reader finds half
a report, or an empty one.

Write ``atomic_write(target, text)``: it writes ``text``, encoded as UTF-8, to the file
``target`` (a ``pathlib.Path`` whose folder exists; the file may exist already) and returns
``target``. The contract:

- at every moment, ``target`` holds either its old content, whole, or the new one, whole — and
  the old file is never written into (someone may be reading it);
- when the write cannot be done — text UTF-8 cannot encode, a disk that fills up half-way, a
  rename that fails — the old file stays as it was, no temporary file is left behind (in the
  target's folder or in ``tempfile.gettempdir()``), and the error reaches the caller;
- the bytes written are exactly ``text.encode("utf-8")`` (``"\r\n"`` stays ``"\r\n"``).

The idea: the operating system renames a file in one step, so write the new content somewhere
else first and let a rename make it the target. A rename is one step only within one file
system, which is why that "somewhere else" matters.

The grader replaces an old report with yours under each kind of trouble above, and looks at
every file left afterwards.

Check it with ``aieng check m01.atomic-write``; stuck? ``aieng hint m01.atomic-write``.
"""

import os
import tempfile
from pathlib import Path


def atomic_write(target: Path, text: str) -> Path:
    # TODO: the bytes first, then a file beside target, then one rename
    # TODO: if anything fails before the rename: no file left behind, and the error goes on
    raise NotImplementedError("write atomic_write")

"""Exercise m06.content-hash — a file's sha256, read in chunks so memory stays flat.

The pipeline names its data by content, not by file name or modification time: the ingest
stage records the sha256 of the data file (the run's ``aieng.data_hash`` tag), and a stage is
skipped only when the hashes of its inputs are the ones it was built from. Two files with the
same bytes have the same digest; change one byte and the digest changes completely.

Write ``file_digest(path)`` returning the sha256 of the file's bytes as 64 lowercase hex
characters (``hashlib.sha256(...).hexdigest()``):

1. open the file in binary mode (``"rb"``): hash the bytes, never decoded text;
2. read it in fixed-size chunks (1 MiB, say) in a loop, ``h.update(chunk)`` with each, until
   ``read`` returns ``b""`` — never the whole file at once (``read()``, ``read_bytes()``), and
   not line by line either (a file without newlines is one huge line);
3. return ``h.hexdigest()``.

A data file can be larger than the memory of the machine that hashes it: on a 12 MiB file your
function may hold at most 4 MiB at once.

``hash_file`` is written for you and is what the grader calls: it writes ``text * repeat`` as
UTF-8 to a file in a fresh temporary folder, calls your ``file_digest`` on it while
``tracemalloc`` watches the memory, and returns the digest's 32 bytes (as numbers) and
``memory_flat`` (1 if your function held at most 4 MiB at once, else 0).

Check it with ``aieng check m06.content-hash``; stuck? ``aieng hint m06.content-hash``.
"""

import hashlib
import tempfile
import tracemalloc
from pathlib import Path

import numpy as np

CHUNK = 1 << 20  # 1 MiB


def file_digest(path: Path) -> str:
    # TODO: h = hashlib.sha256()
    # TODO: open path in "rb" mode; read CHUNK bytes at a time until read returns b""
    # TODO: h.update(chunk) for each chunk, then return h.hexdigest()
    raise NotImplementedError("write file_digest")


def hash_file(text: str, repeat: int) -> tuple[np.ndarray, int]:
    """Graded (leave as is): the digest of a file holding ``text * repeat``, and memory_flat."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.csv"
        path.write_bytes((text * repeat).encode("utf-8"))
        tracemalloc.start()
        try:
            digest = file_digest(path)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    if not isinstance(digest, str) or len(digest) != 64:
        raise TypeError(f"file_digest must return 64 hex characters, got {digest!r}")
    raw = np.frombuffer(bytes.fromhex(digest), dtype=np.uint8).astype(np.float64)
    return raw, int(peak <= 4 << 20)

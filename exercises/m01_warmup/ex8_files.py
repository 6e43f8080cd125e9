"""Exercise m01.warmup-files — reading a file: a settings file to a dict.

A settings file holds one ``name = value`` per line::

    # the server
    port = 8080
    url = https://example.org/?a=1

Write ``read_settings(path)`` returning its settings as a dict of str to str:

- the file is UTF-8 text, possibly starting with a byte-order mark (Windows Notepad writes one;
  it is not part of the first name), with ``\\n`` or Windows ``\\r\\n`` line endings, with or
  without a newline after the last line;
- blank lines (or only spaces) and lines whose first non-space character is ``#`` are skipped;
- a line is split at its *first* ``=`` (a value may hold another one, or a ``#``); spaces
  around the name and the value are removed; a value may be empty; if a name comes twice, the
  later line wins;
- any other line (no ``=``) raises ``ValueError`` whose message names its line number as
  ``line N``, counted from 1, blank lines and comments included;
- a file that does not exist raises ``FileNotFoundError`` (no file and an empty file are not the
  same thing), and bytes that are not UTF-8 raise ``UnicodeDecodeError``: let both reach the
  caller;
- the file is closed when the function returns, whether it returns or raises.

``path`` is a ``pathlib.Path``. Return a dict.

The idea: open the file in a ``with`` block (it closes the file however the block ends), naming
the encoding, and go through it line by line; a file object gives one line per loop turn.

Check it with ``aieng check m01.warmup-files``; stuck? ``aieng hint m01.warmup-files``.
"""

from pathlib import Path


def read_settings(path: Path) -> dict[str, str]:
    # TODO: open the file (with, and its encoding), one line at a time, counted from 1
    # TODO: skip blank lines and comments; split at the first =; strip both sides
    raise NotImplementedError("write read_settings")

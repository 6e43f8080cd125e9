"""Read and write a user's table files (CSV, Parquet, JSON lines), never touching the input.

:func:`read_table` is the one way months 1, 2 and 4 open a file a user gives them. A CSV from the
wild comes in many shapes, so it is read the way a careful person would:

* **encoding** — a byte-order mark decides (UTF-8/UTF-16 with BOM); otherwise the file is checked
  to be valid UTF-8, chunk by chunk; otherwise charset-normalizer guesses (latin-1, cp1252, …);
* **delimiter** — :class:`csv.Sniffer` picks among ``,`` ``;`` tab and ``|`` on the first lines
  (a ``.tsv`` falls back to tab, anything else to a comma, when the sniffer cannot tell);
* **cells** — with ``raw=True`` every CSV cell stays the text that was in the file (``""`` for an
  empty cell), which is what a cleaning tool wants: nothing is guessed before it looks. By default
  pandas infers numbers and missing values, which is what analysis code wants.

A file is refused (:class:`InputFileError`, naming where and what to do) rather than read wrong:

* **shape** — every CSV row has as many fields as the header, or the error names the line and
  quotes it (pandas would take extra leading fields as the index and shift every value, and pad
  short rows). Blank lines are skipped; a quoted delimiter or newline is part of one field; the
  index is never inferred. This is one streaming pass before pandas reads: :mod:`aieng.csvshape`;
* **names** — two columns with one name (CSV header, Parquet schema) are refused, not renamed
  ``a.1``. A key repeated in one JSON object cannot be seen: the parser keeps the last value;
* **NUL** — a NUL character (``\\x00``) in the text of a CSV, or in a text cell of Parquet or JSON
  lines, is refused: it would become a category of its own.

:func:`write_table` writes atomically (temp file + rename), refuses to write over the input and
refuses an existing file unless ``overwrite=True`` (``--force`` on the command line).
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path
from typing import TYPE_CHECKING

from aieng.csvshape import NUL, QUOTING, check_csv
from aieng.errors import InputFileError, UsageError
from aieng.extras import require_package
from aieng.io import atomic_path, check_output

if TYPE_CHECKING:
    import pandas as pd

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
PARQUET_SUFFIXES = (".parquet",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
READ_SUFFIXES = CSV_SUFFIXES + PARQUET_SUFFIXES + JSONL_SUFFIXES
DELIMITERS = ",;\t|"
_SNIFF_CHARS = 64 * 1024  # enough lines for the sniffer, small enough to be instant
_WESTERN = ("cp1252", "latin_1")
_CHUNK = 1 << 20  # UTF-8 validity is checked 1 MiB at a time, so a big file is never in memory


def read_table(path: str | Path, *, raw: bool = False) -> pd.DataFrame:
    """Read a CSV/TSV/TXT, Parquet or JSON-lines file into a DataFrame (the file is not changed).

    ``raw=True`` keeps every CSV cell as text (``str`` dtype, empty cells as ``""``); Parquet and
    JSON lines keep the types stored in the file either way. Raises :class:`InputFileError` for a
    missing file, a folder, an empty file or content that cannot be decoded or parsed, and
    :class:`UsageError` for a suffix it cannot read.
    """
    source = _existing_file(path)
    suffix = source.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _read_csv(source, raw=raw)
    if suffix in PARQUET_SUFFIXES:
        return _read_parquet(source)
    return _read_jsonl(source)


def write_table(
    frame: pd.DataFrame,
    path: str | Path,
    *,
    source: Path | None = None,
    overwrite: bool = False,
) -> Path:
    """Write ``frame`` to ``path`` atomically (format from the suffix) and return the path.

    Refuses ``path`` when it is ``source`` (inputs are immutable, even with ``overwrite``), when it
    is a folder, and when it exists unless ``overwrite`` is true.
    """
    from aieng.datasets.writer import FORMATS, write_frame

    target = Path(path).expanduser()
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(
            f"cannot write {target.name!r}: unsupported suffix {suffix or '(none)'!r}",
            hint=f"end the output name with one of {', '.join(FORMATS)}.",
        )
    check_output(target, source=source, overwrite=overwrite)
    with atomic_path(target) as tmp:  # a failed write is an InputFileError naming the file
        write_frame(frame, tmp, FORMATS[suffix])
    return target


def _existing_file(path: str | Path) -> Path:
    source = Path(path).expanduser()
    if not source.exists():
        raise InputFileError(
            f"no such file {str(source)!r}", hint="check the path (it is relative to this folder)."
        )
    if source.is_dir():
        raise InputFileError(
            f"{str(source)!r} is a folder, not a table file",
            hint="give the path of one .csv, .parquet or .jsonl file inside it.",
        )
    if source.suffix.lower() not in READ_SUFFIXES:
        raise UsageError(
            f"cannot read {source.name!r}: unsupported suffix {source.suffix or '(none)'!r}",
            hint=f"give a file ending in one of {', '.join(READ_SUFFIXES)}.",
        )
    if source.stat().st_size == 0:
        raise InputFileError(
            f"{str(source)!r} is an empty file (0 bytes)",
            hint="give a file with a header line and at least one row.",
        )
    return source


def detect_encoding(path: Path) -> str:
    """The encoding to read ``path`` with: BOM first, then strict UTF-8, then a guess."""
    with open(path, "rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if _is_utf8(path):
        return "utf-8"
    require_package("charset-normalizer", extra="analysis", by=f"guessing the encoding of {path}")
    from charset_normalizer import from_path

    matches = from_path(path)
    best = matches.best()
    if best is None:
        raise InputFileError(
            f"cannot decode {str(path)!r}: it is not UTF-8 and no text encoding fits it",
            hint="is it really a text CSV? Save it as UTF-8 CSV and try again.",
        )
    # On short files several code pages fit equally well; a tie goes to Windows-1252 (the
    # Western superset of latin-1 that spreadsheet exports use), not to the first one listed.
    for match in matches:
        ties = match.chaos <= best.chaos and match.coherence >= best.coherence
        if ties and match.encoding in _WESTERN:
            return str(match.encoding)
    return str(best.encoding)


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(sample: str, *, fallback: str = ",") -> str:
    """The delimiter among ``, ; tab |`` that splits ``sample`` consistently, else ``fallback``."""
    lines = sample.splitlines()
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        sample = "\n".join(lines[:-1])  # the last line of a cut sample is incomplete
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return fallback


def _read_csv(source: Path, *, raw: bool) -> pd.DataFrame:
    import pandas as pd

    encoding = detect_encoding(source)
    with open(source, encoding=encoding, errors="replace", newline="") as fh:
        sample = fh.read(_SNIFF_CHARS)
    if not sample.strip():
        raise InputFileError(
            f"{str(source)!r} has no data (only blank lines)",
            hint="give a file with a header line and at least one row.",
        )
    delimiter = sniff_delimiter(sample, fallback="\t" if source.suffix.lower() == ".tsv" else ",")
    # Every row as wide as the header, no NUL, every quote closed: checked before pandas reads,
    # because pandas would shift, pad or keep such rows without a word (see aieng.csvshape).
    header = check_csv(source, encoding=encoding, delimiter=delimiter)
    _refuse_duplicate_names(source, header)
    # index_col=False: the first column is data, never an index pandas guessed from a wide row.
    options: dict[str, object] = {"sep": delimiter, "encoding": encoding, "index_col": False}
    options.update(QUOTING)  # the quoting the check used, so both see the same fields
    if raw:
        # Every cell as the text in the file: "NA" stays "NA" until the cleaner decides.
        options.update(dtype=str, keep_default_na=False, na_filter=False)
    try:
        return pd.read_csv(source, **options)  # type: ignore[call-overload, no-any-return]
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise InputFileError(
            f"cannot parse {str(source)!r} as CSV (delimiter {delimiter!r}, "
            f"encoding {encoding}): {_first_line(exc)}",
            hint="check the file's quoting, or save it again as a plain UTF-8 CSV.",
        ) from exc


def _refuse_duplicate_names(source: Path, names: list[str]) -> None:
    """Refuse two columns with one name: pandas would silently rename the second to ``a.1``.

    Empty names are left alone: pandas calls each one ``Unnamed: <position>``, distinct and
    visible, which is also what a delimiter at the end of the header gives.
    """
    positions: dict[str, list[int]] = {}
    for position, name in enumerate(names, start=1):
        if name:
            positions.setdefault(name, []).append(position)
    repeated = [
        f"{name!r} (columns {_and(where)})" for name, where in positions.items() if len(where) > 1
    ]
    if repeated:
        raise InputFileError(
            f"{str(source)!r} has duplicate column names: {', '.join(repeated)}",
            hint="rename them so every column has a name of its own, then read the file again.",
        )


def _and(numbers: list[int]) -> str:
    """``[1, 3, 6]`` → ``"1, 3 and 6"``."""
    return ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _read_parquet(source: Path) -> pd.DataFrame:
    # `aieng predict` reads tables with the serve extra alone, which has no pyarrow.
    require_package("pyarrow", extra="analysis", by=f"reading the Parquet file {source}")
    import pandas as pd
    import pyarrow.parquet as pq

    try:
        # The names from the file's footer, before any data: pyarrow allows two columns with one
        # name, which pandas refuses with an error about "FieldRef" that names nothing useful.
        names = pq.read_schema(source).names
    except Exception as exc:  # pyarrow raises its own ArrowInvalid / OSError family
        raise _not_parquet(source, exc) from exc
    _refuse_duplicate_names(source, names)
    try:
        frame = pd.read_parquet(source)
    except Exception as exc:
        raise _not_parquet(source, exc) from exc
    _refuse_nul_cells(source, frame)
    return frame


def _not_parquet(source: Path, exc: Exception) -> InputFileError:
    return InputFileError(
        f"cannot read {str(source)!r} as Parquet: {_first_line(exc)}",
        hint="is it really a Parquet file? Re-export it, or give a CSV instead.",
    )


def _read_jsonl(source: Path) -> pd.DataFrame:
    import pandas as pd

    try:
        # dtype=False: JSON already carries its types, and a column named "date" keeps its text.
        # A key repeated in one object is not refused: the parser keeps its last value, and
        # the duplicate is gone before any code here could see it.
        frame = pd.read_json(source, lines=True, dtype=False, encoding="utf-8")
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(
            f"cannot read {str(source)!r} as JSON lines: {_first_line(exc)}",
            hint='every line must be one JSON object, e.g. {"a": 1, "b": "x"}.',
        ) from exc
    if frame.empty and not len(frame.columns):
        raise InputFileError(
            f"{str(source)!r} has no records", hint="give a file with one JSON object per line."
        )
    _refuse_nul_cells(source, frame)
    return frame


def _refuse_nul_cells(source: Path, frame: pd.DataFrame) -> None:
    """Refuse a text cell holding a NUL character, naming its column and row (counted from 1).

    A NUL never belongs in text; kept, it makes a category of its own ("Pa\\x00ris" is not
    "Paris"), and a model may even pick it as its positive class.
    """
    for position, name in enumerate(frame.columns):
        hits = _holds_nul(frame.iloc[:, position])
        if hits.any():
            row = int(hits.to_numpy().argmax())
            text = str(frame.iloc[row, position])
            raise InputFileError(
                f"{str(source)!r} row {row + 1} of {len(frame)}, column {name!r}, contains a NUL "
                f"character (\\x00): {text[:60]!r}",
                hint=(
                    "the data is probably binary or damaged: a NUL never belongs in text. Fix it "
                    "where the file is made, e.g. in pandas: "
                    f"df[{name!r}].str.replace('\\x00', '')."
                ),
            )


def _holds_nul(column: pd.Series) -> pd.Series:
    """For each cell of ``column``: is it text with a NUL character in it?"""
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(object)  # the categories' values, cell by cell
    if isinstance(column.dtype, pd.StringDtype):
        return column.str.contains(NUL, regex=False, na=False)
    if column.dtype == object:  # mixed cells (a JSON column of text, numbers, lists…)
        return column.map(lambda cell: isinstance(cell, str) and NUL in cell)
    return pd.Series(False, index=column.index)  # numbers, dates, booleans: no text


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__

"""aieng.io: atomic writes, and the checks every command makes before it writes an output."""

from __future__ import annotations

from pathlib import Path

import pytest

from aieng.errors import InputFileError
from aieng.io import atomic_write, check_output


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.txt"
    atomic_write(target, "one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_check_output_refuses_the_input_a_folder_and_an_existing_file(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("a\n1\n")
    with pytest.raises(InputFileError, match=r"the output '.*in\.csv' is the input file"):
        check_output(source, source=source, overwrite=True)  # not even with --force
    with pytest.raises(InputFileError, match="is a folder"):
        check_output(tmp_path, source=source)
    existing = tmp_path / "report.html"
    existing.write_text("old")
    with pytest.raises(InputFileError, match="already exists") as err:
        check_output(existing, source=source)
    assert "--force" in err.value.hint
    check_output(existing, source=source, overwrite=True)  # allowed, and nothing written yet
    check_output(tmp_path / "new.html")
    assert existing.read_text() == "old"

"""aieng.io: atomic writes, and the checks every command makes before it writes an output."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from unwritable import KINDS, unwritable

from aieng.errors import DataError, InputFileError
from aieng.io import atomic_paths, atomic_write, check_output


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


# --- an output that cannot be written is refused before the work ------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_check_output_refuses_a_path_that_cannot_be_written(tmp_path: Path, kind: str) -> None:
    target = unwritable(kind, tmp_path, "report.html")
    with pytest.raises(InputFileError, match="cannot write") as err:
        check_output(target, overwrite=True)
    assert str(target) in err.value.message
    assert "folder you can write to" in err.value.hint


@pytest.mark.parametrize("kind", KINDS)
def test_atomic_write_to_a_path_that_cannot_be_written_is_an_input_error(
    tmp_path: Path, kind: str
) -> None:
    # The write itself must also say "cannot write", never leak a bare OSError (a "bug").
    target = unwritable(kind, tmp_path, "progress.json")
    with pytest.raises(InputFileError, match="cannot write") as err:
        atomic_write(target, "{}")
    assert str(target) in err.value.message


def test_check_output_names_the_file_in_the_way(tmp_path: Path) -> None:
    blocker = tmp_path / "somefile.txt"
    blocker.write_text("")
    with pytest.raises(InputFileError) as err:
        check_output(blocker / "sub" / "out.html")
    assert f"{str(blocker)!r} is a file, not a folder" in err.value.message


def test_check_output_leaves_nothing_behind(tmp_path: Path) -> None:
    # The probe file is removed, and a missing folder is not made: checking is not writing.
    check_output(tmp_path / "new" / "deeper" / "out.html")
    check_output(tmp_path / "out.html")
    assert list(tmp_path.iterdir()) == []


# --- several outputs that belong together: all are written, or none ---------------------------


def test_atomic_paths_writes_every_file_together(tmp_path: Path) -> None:
    targets = [tmp_path / "out.csv", tmp_path / "out.csv.changes.json", tmp_path / "r" / "r.html"]
    with atomic_paths(targets) as tmps:
        assert len(tmps) == 3
        assert all(tmp.parent == target.parent for tmp, target in zip(tmps, targets, strict=True))
        for i, tmp in enumerate(tmps):
            tmp.write_text(f"file {i}")
        assert not any(target.exists() for target in targets)  # nothing visible until the end
    assert [t.read_text() for t in targets] == ["file 0", "file 1", "file 2"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(["r", *(t.name for t in targets)])


def test_atomic_paths_a_failure_in_the_block_writes_nothing(tmp_path: Path) -> None:
    old = tmp_path / "out.csv"
    old.write_text("the earlier run")
    targets = [old, tmp_path / "out.csv.changes.json", tmp_path / "out.csv.flags.csv"]
    disk_full = pytest.raises(InputFileError, match=r"cannot write .*No space left on device")
    with disk_full, atomic_paths(targets) as tmps:
        tmps[0].write_text("new")
        tmps[1].write_text("new")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # the third file: disk full
    assert old.read_text() == "the earlier run"  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_atomic_paths_names_the_file_whose_write_failed(tmp_path: Path) -> None:
    targets = [tmp_path / "out.csv", tmp_path / "out.csv.flags.csv"]
    disk_full = pytest.raises(InputFileError, match=r"^cannot write '[^']*flags\.csv': No space")
    with disk_full, atomic_paths(targets) as tmps:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmps[1]))
    assert list(tmp_path.iterdir()) == []


def test_atomic_paths_a_user_error_in_the_block_passes_through(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no rows"), atomic_paths([tmp_path / "a.csv"]):
        raise DataError("no rows")
    assert list(tmp_path.iterdir()) == []


def test_atomic_paths_a_failed_rename_takes_back_the_ones_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = [tmp_path / "a.csv", tmp_path / "b.json", tmp_path / "c.csv"]
    real_replace = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name == "b.json":
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    failed_rename = pytest.raises(InputFileError, match=r"cannot write '.*b\.json'")
    with failed_rename, atomic_paths(targets) as tmps:
        for tmp in tmps:
            tmp.write_text("new")
    assert list(tmp_path.iterdir()) == []  # a.csv was taken back; no temporary file is left

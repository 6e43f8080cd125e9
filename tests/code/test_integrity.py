"""A model folder is code: its digest is recorded at registration and checked before any pickle in
it is opened (aieng.integrity, the registry's ``aieng.sha256`` tag, the service's loader)."""

from __future__ import annotations

import logging
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aieng.errors import InputFileError
from aieng.integrity import (
    DIGEST_FILE,
    IntegrityError,
    check,
    folder_digest,
    written_by_others,
)
from aieng.serve.model import Pin, load_dir, load_registered


def a_folder(root: Path) -> Path:
    folder = root / "model"
    (folder / "sub").mkdir(parents=True)
    (folder / "MLmodel").write_text("flavors: {}\n")
    (folder / "model.pkl").write_bytes(bytes(range(256)) * 10)
    (folder / "sub" / "extra.txt").write_text("x")
    return folder


def _flip_a_byte(folder: Path) -> None:
    data = bytearray((folder / "model.pkl").read_bytes())
    data[100] ^= 1
    (folder / "model.pkl").write_bytes(bytes(data))


MUTATIONS: dict[str, Callable[[Path], None]] = {
    "one byte of the pickle": _flip_a_byte,
    "a byte appended": lambda f: (f / "MLmodel").write_text("flavors: {}\n\n"),
    "a file added": lambda f: (f / "code.py").write_text("import os"),
    "a file added in a subfolder": lambda f: (f / "sub" / "more.py").write_text(""),
    "a file removed": lambda f: (f / "sub" / "extra.txt").unlink(),
    "a file renamed": lambda f: (f / "sub" / "extra.txt").rename(f / "sub" / "other.txt"),
    "a file moved": lambda f: (f / "sub" / "extra.txt").rename(f / "extra.txt"),
}


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_any_change_to_the_files_changes_the_digest(tmp_path: Path, mutation: str) -> None:
    folder = a_folder(tmp_path)
    before = folder_digest(folder)
    MUTATIONS[mutation](folder)
    assert folder_digest(folder) != before
    with pytest.raises(IntegrityError, match="was changed, added or removed") as caught:
        check(folder, before, recorded_by="the test")
    assert before[:16] in caught.value.message and "the test" in caught.value.message


def test_the_digest_is_content_only(tmp_path: Path) -> None:
    folder = a_folder(tmp_path)
    digest = folder_digest(folder)
    copy = shutil.copytree(folder, tmp_path / "copy")
    (copy / "model.pkl").chmod(0o600)  # permissions and times are not content
    assert folder_digest(copy) == digest
    # what MLflow writes on download and the digest file itself are not hashed
    (copy / "registered_model_meta").write_text("model_name: churn\nmodel_version: '3'\n")
    (copy / DIGEST_FILE).write_text(digest + "\n")
    assert folder_digest(copy) == digest
    assert check(copy, digest.upper() + "\n", recorded_by="x") == digest  # case, whitespace


def test_folders_others_may_write_are_named(tmp_path: Path) -> None:
    folder = a_folder(tmp_path)
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    assert written_by_others(folder) == []
    (folder / "model.pkl").chmod(0o666)
    folder.chmod(0o775)
    found = written_by_others(folder)
    assert len(found) == 2 and any("model.pkl" in f for f in found)


# -- the real model: registration, export, loading ----------------------------------------


def _store(churn_model_dir: Path) -> str:
    return f"sqlite:///{churn_model_dir.parent / 'mlflow.db'}"


def test_registration_records_the_digest_and_export_writes_it(churn_model_dir: Path) -> None:
    from aieng.registry import tracking, versions

    version, recorded = versions.recorded_digest(
        tracking.connect(_store(churn_model_dir)), "churn@champion"
    )
    assert version == "1" and recorded is not None and len(recorded) == 64
    assert folder_digest(churn_model_dir) == recorded
    assert (churn_model_dir / DIGEST_FILE).read_text().strip() == recorded


class Planted:
    """A pickle that touches a file when it is loaded: what a malicious model.pkl can do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (self.marker.touch, ())


@pytest.fixture
def planted(tmp_path: Path, churn_model_dir: Path) -> tuple[Path, Path]:
    """A copy of the champion's folder with its pickle replaced; and the marker it touches."""
    copy = shutil.copytree(churn_model_dir, tmp_path / "planted")
    marker = tmp_path / "pwned"
    (copy / "model.pkl").write_bytes(pickle.dumps(Planted(marker)))
    return copy, marker


def test_a_replaced_pickle_is_never_opened(planted: tuple[Path, Path]) -> None:
    folder, marker = planted
    with pytest.raises(IntegrityError, match="its own"):  # the folder's own sha256.txt
        load_dir(folder, compile=False)
    pinned = Pin(folder_digest(folder.parent.parent / "model"), "AIENG_SERVE_MODEL_SHA256")
    with pytest.raises(IntegrityError, match="AIENG_SERVE_MODEL_SHA256"):
        load_dir(folder, compile=False, pin=pinned)
    assert not marker.exists()


def test_without_any_digest_the_folder_is_trusted_and_the_model_says_so(
    planted: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    """The trust boundary, shown: with nothing to check against, the folder is code that runs."""
    folder, marker = planted
    (folder / DIGEST_FILE).unlink()
    with (
        caplog.at_level(logging.WARNING, logger="aieng.serve"),
        pytest.raises(InputFileError, match="not a classifier"),
    ):
        load_dir(folder, compile=False)  # the pickle ran, then turned out not a model
    assert marker.exists()
    assert "not verified" in caplog.text


def test_the_served_model_says_what_its_digest_was_checked_against(
    churn_model_dir: Path,
) -> None:
    own = load_dir(churn_model_dir, compile=False)
    assert own.sha256 == folder_digest(churn_model_dir)
    assert own.integrity.startswith("checked against the folder's own sha256.txt")
    pinned = load_dir(
        churn_model_dir, compile=False, pin=Pin(own.sha256, "AIENG_SERVE_MODEL_SHA256")
    )
    assert pinned.integrity == "verified: AIENG_SERVE_MODEL_SHA256"
    registered = load_registered(
        "churn@champion", tracking_uri=_store(churn_model_dir), compile=False
    )
    assert registered.integrity == "verified: the registry (churn version 1)"
    assert registered.sha256 == own.sha256
    assert registered.describe()["sha256"] == own.sha256


def test_a_changed_artifact_in_the_registry_is_refused(
    churn_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The files MLflow hands over are checked against the digest the registry recorded.

    The store itself is left alone: the run's other tests read it, under pytest-xdist from other
    processes at this very moment. So the byte is added on the way, to the download, which is
    what the check reads."""
    import mlflow.artifacts

    download = mlflow.artifacts.download_artifacts

    def changed_on_the_way(*args: Any, **kwargs: Any) -> str:
        folder = download(*args, **kwargs)
        pickles = list(Path(folder).rglob("model.pkl"))
        assert pickles, "the model's files moved: update this test"
        for p in pickles:
            with p.open("ab") as fh:
                fh.write(b"\0")
        return folder

    monkeypatch.setattr(mlflow.artifacts, "download_artifacts", changed_on_the_way)
    with pytest.raises(IntegrityError, match=r"the registry \(churn version 1\)"):
        load_registered("churn@champion", tracking_uri=_store(churn_model_dir))


def test_a_folder_others_may_write_is_warned_about(
    tmp_path: Path, churn_model_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = shutil.copytree(churn_model_dir, tmp_path / "shared")
    copy.chmod(0o777)
    with caplog.at_level(logging.WARNING, logger="aieng.serve"):
        load_dir(copy, compile=False)
    assert "others may write the model folder" in caplog.text and str(copy) in caplog.text


@pytest.mark.parametrize("value", ["abc", "g" * 64, "0" * 63, "0" * 65])
def test_a_pinned_digest_must_look_like_one(value: str) -> None:
    from pydantic import ValidationError

    from aieng.serve.settings import ServeSettings

    with pytest.raises(ValidationError):
        ServeSettings(model_sha256=value)
    assert ServeSettings(model_sha256="A" * 64).model_sha256 == "A" * 64

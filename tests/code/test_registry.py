"""aieng.registry: a model is registered with its flavor and task, and loaded back by its flavor;
a flavor or a task the loader does not know is refused before anything is unpickled."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml  # type: ignore[import-untyped]
from sklearn.linear_model import LinearRegression, LogisticRegression

from aieng.errors import InputFileError
from aieng.integrity import DIGEST_FILE, folder_digest
from aieng.registry import flavors, tracking
from aieng.registry.flavors import FlavorError, flavor_named, flavor_of, flavor_of_folder, task_of


def test_unknown_flavors_are_named_with_what_is_known() -> None:
    assert flavor_named("sklearn") is flavors.SKLEARN
    with pytest.raises(FlavorError, match="pytorch") as caught:
        flavor_named("pytorch")
    assert "sklearn" in caught.value.hint + caught.value.message
    with pytest.raises(FlavorError, match="dict"):
        flavor_of({"not": "a model"})
    assert flavor_of(LogisticRegression()) is flavors.SKLEARN


@pytest.mark.parametrize(("classes", "task"), [(2, "binary"), (3, "multiclass"), (7, "multiclass")])
def test_a_classifier_task_comes_from_its_classes(classes: int, task: str) -> None:
    rng = np.random.default_rng(classes)
    X, y = rng.normal(size=(60, 3)), np.arange(60) % classes
    model = LogisticRegression().fit(X, y)
    assert task_of(model, classification=True) == task
    assert task_of(LinearRegression().fit(X, y), classification=False) == "regression"


def test_a_registered_version_carries_its_flavor_task_and_digest(churn_model_dir: Path) -> None:
    client = tracking.connect(f"sqlite:///{churn_model_dir.parent / 'mlflow.db'}")
    tags = client.get_model_version("churn", "1").tags
    assert tags[tracking.FLAVOR] == "sklearn" and tags[tracking.TASK] == "binary"
    assert tags[tracking.SHA256] == folder_digest(churn_model_dir)
    meta = yaml.safe_load((churn_model_dir / "MLmodel").read_text())["metadata"]
    assert meta["flavor"] == "sklearn" and meta["task"] == "binary"
    assert flavor_of_folder(churn_model_dir) is flavors.SKLEARN


def _edited(churn_model_dir: Path, tmp_path: Path, change: dict[str, object]) -> Path:
    """A copy of the champion's folder with its MLmodel changed, and its sha256.txt made anew."""
    copy = shutil.copytree(churn_model_dir, tmp_path / "model")
    mlmodel = yaml.safe_load((copy / "MLmodel").read_text())
    for key, value in change.items():
        target = mlmodel
        *path, last = key.split(".")
        for part in path:
            target = target[part]
        target[last] = value
    (copy / "MLmodel").write_text(yaml.safe_dump(mlmodel))
    (copy / DIGEST_FILE).write_text(folder_digest(copy) + "\n")
    return copy


@pytest.mark.parametrize("task", ["multiclass", "regression"])
def test_the_service_refuses_a_model_whose_task_it_cannot_serve(
    churn_model_dir: Path, tmp_path: Path, task: str
) -> None:
    from aieng.serve.model import load_dir

    folder = _edited(churn_model_dir, tmp_path, {"metadata.task": task})
    with pytest.raises(InputFileError, match=f"is a {task} model"):
        load_dir(folder)


def test_a_folder_of_a_flavor_aieng_cannot_load_is_refused(
    churn_model_dir: Path, tmp_path: Path
) -> None:
    from aieng.serve.model import load_dir

    mlmodel = yaml.safe_load((churn_model_dir / "MLmodel").read_text())
    flavors_written = {"python_function": mlmodel["flavors"]["python_function"], "pytorch": {}}
    folder = _edited(churn_model_dir, tmp_path, {"flavors": flavors_written})
    with pytest.raises(FlavorError, match=r"\['python_function', 'pytorch'\]"):
        load_dir(folder)

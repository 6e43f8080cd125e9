"""A model in the registry: logged with its flavor and task, loaded back the same way.

Everything goes through one :class:`mlflow.MlflowClient` on an explicit tracking URI, except
logging the model itself (MLflow's ``log_model`` works on the active run). The flavor
(:mod:`aieng.registry.flavors`) decides which MLflow module saves and loads the files; the
digest of the files is recorded on the version, so a loader can check them before opening any.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import warnings
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aieng.registry import tracking
from aieng.registry.flavors import SKLEARN, Task, flavor_named, flavor_of, flavor_of_folder, task_of
from aieng.registry.versions import TRAIN_KEY

if TYPE_CHECKING:
    import pandas as pd
    from mlflow import MlflowClient


def load_version(client: MlflowClient, name: str, version: str) -> Any:
    """The model of a registered version, loaded by its flavor (scikit-learn if none recorded)."""
    mv = client.get_model_version(name, version)
    flavor = flavor_named((mv.tags or {}).get(tracking.FLAVOR, SKLEARN.name))
    return flavor.load(client.get_model_version_download_uri(name, mv.version))


def load_model(folder: Path) -> Any:
    """The model in an MLflow model folder, loaded by the flavor its ``MLmodel`` names.

    The folder's files are code (a pickle): check them first (:mod:`aieng.integrity`).
    """
    return flavor_of_folder(folder).load(folder)


def log_model(
    run_id: str,
    client: MlflowClient,
    model: Any,
    *,
    name: str,
    train_key: str,
    X_example: pd.DataFrame,
    X_train: pd.DataFrame,
    classification: bool,
    metadata_: dict[str, Any],
) -> str:
    """Log ``model`` in run ``run_id``, register it as a new version of ``name``; its number.

    The version is tagged with its training stage's key, its flavor, its task and the digest of
    its files; the model's metadata carries the flavor and the task too, for a loader that has
    only the folder.
    """
    import mlflow
    from mlflow.models import infer_signature

    flavor = flavor_of(model)
    task: Task = task_of(model, classification=classification)
    predict = model.predict_proba if classification else model.predict
    # The signature comes from every training row, so a column with gaps is marked optional.
    signature = infer_signature(X_train, predict(X_train.head(50)))
    tracking.use_store(client)
    with mlflow.start_run(run_id=run_id), _quiet_pickle_warning():
        info = importlib.import_module(flavor.module).log_model(
            model,
            name="model",
            signature=signature,
            input_example=X_example,
            # Requirements written out, not inferred: inference imports and times the model
            # (~10 s) and would list this whole environment.
            pip_requirements=[_requirement(p) for p in flavor.requirements],
            pyfunc_predict_fn="predict_proba" if classification else "predict",
            metadata={**metadata_, "flavor": flavor.name, "task": task},
            **flavor.log_options,
        )
    tags = {
        TRAIN_KEY: train_key,
        tracking.SHA256: _logged_digest(info.model_uri),
        tracking.FLAVOR: flavor.name,
        tracking.TASK: task,
    }
    # model_id: a tracking server (MLflow 3) refuses a models:/ source without the id of the
    # logged model it names ("Invalid model version source"); the embedded store accepts both.
    mv = client.create_model_version(
        name, source=info.model_uri, run_id=run_id, tags=tags, model_id=info.model_id
    )
    return str(mv.version)


def _logged_digest(model_uri: str) -> str:
    """The digest of the files just logged, read back from the store (aieng.integrity)."""
    import tempfile

    import mlflow.artifacts

    from aieng.integrity import folder_digest

    with tempfile.TemporaryDirectory(prefix="aieng-digest-") as tmp:
        folder = mlflow.artifacts.download_artifacts(artifact_uri=model_uri, dst_path=tmp)
        return folder_digest(Path(folder))


@contextlib.contextmanager
def _quiet_pickle_warning() -> Iterator[None]:
    """MLflow warns about pickles on every save; the choice is explained where it is made."""
    log = logging.getLogger("mlflow.sklearn")
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*Inferred schema contains integer.*")
            yield
    finally:
        log.setLevel(level)


def _requirement(package: str) -> str:
    try:
        return f"{package}=={metadata.version(package)}"
    except metadata.PackageNotFoundError:
        return package

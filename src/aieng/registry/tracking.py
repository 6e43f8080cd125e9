"""Where aieng records its experiments and models: an MLflow tracking store and model registry.

By default the store is *embedded*: a SQLite file and an artifact folder under
``$AIENG_HOME/mlflow/``, so a learner needs no server. Any tracking server works too
(``--tracking-uri http://127.0.0.1:5000``), and ``mlflow ui --backend-store-uri <uri>`` browses
either. Every name written to the store is defined here, once, so the pipeline that writes and
``aieng experiments`` that reads can never disagree.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from aieng.errors import AiengError
from aieng.extras import require_package
from aieng.settings import get_settings

if TYPE_CHECKING:
    from mlflow import MlflowClient

TAG = "aieng."  # prefix of every tag we write, so our tags never collide with MLflow's
DATA_HASH = TAG + "data_hash"  # sha256 of the ingested data
CONFIG_HASH = TAG + "config_hash"  # sha256 of the pipeline config
GIT_COMMIT = TAG + "git_commit"  # the commit of the code that ran, when run from a checkout
WINNER = TAG + "winner"  # the model the comparison chose, e.g. "LightGBM"
DECISION = TAG + "decision"  # "champion", "challenger" or "rejected" (failed a gate)
REASON = TAG + "reason"  # the decision in one sentence
MODEL_VERSION = TAG + "model_version"  # the registered version this run produced or reused
STAGES = TAG + "stages"  # "ingest=ran,validate=skipped,…": what this invocation did
PRIMARY = TAG + "primary_metric"  # the metric gates and the champion rule compare
SHA256 = TAG + "sha256"  # on a model version: the digest of its files (aieng.integrity)
FLAVOR = (
    TAG + "flavor"
)  # on a model version: how its files load ("sklearn"; aieng.registry.flavors)
TASK = TAG + "task"  # on a model version: "binary", "multiclass" or "regression"
DATABASES = ("sqlite", "postgresql", "mysql", "mssql")  # the stores MLflow keeps with SQLAlchemy
CHAMPION = "champion"  # the registry alias serving loads (`models:/<name>@champion`)


class TrackingError(AiengError):
    """The tracking store cannot be opened or does not hold what was asked for."""


def default_uri(home: Path | None = None) -> str:
    """The embedded store: ``sqlite:///<home>/mlflow/mlflow.db``."""
    root = (home or get_settings().home) / "mlflow"
    return f"sqlite:///{root / 'mlflow.db'}"


def artifact_root(uri: str) -> str | None:
    """Where an embedded store keeps artifacts (beside its database); None: the server decides."""
    if uri.startswith("sqlite:///"):
        return (Path(uri.removeprefix("sqlite:///")).parent / "artifacts").as_uri()
    return None


def quiet_mlflow() -> None:
    """Keep MLflow offline and quiet: no usage telemetry, no INFO lines between our output."""
    # The project works without internet; telemetry would try to reach a server on every run.
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    import mlflow  # noqa: F401  (MLflow configures its loggers on import: quiet them after)

    for name in ("mlflow", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)


def connect(uri: str | None = None) -> MlflowClient:
    """A client on ``uri`` (default: the embedded store, created on first use)."""
    uri = uri or default_uri()
    if uri.partition(":")[0].partition("+")[0] in DATABASES:
        # A store in a database is MLflow's server-side code (SQLAlchemy, Alembic): the full
        # package, of the pipeline extra. The serve extra's MLflow-skinny talks to a server.
        require_package(
            "mlflow",
            extra="pipeline",
            by=f"the MLflow tracking store {uri!r}",
            otherwise="or use a tracking server: --tracking-uri http://HOST:5000",
        )
    quiet_mlflow()
    import mlflow

    if uri.startswith("sqlite:///"):
        Path(uri.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    try:
        client = mlflow.MlflowClient(tracking_uri=uri, registry_uri=uri)
        client.search_experiments(max_results=1)  # fails here, not halfway through a run
    except Exception as exc:  # MLflow raises many types; the user needs one message
        raise TrackingError(
            f"cannot open the tracking store {uri!r}: {exc}",
            hint="check --tracking-uri (e.g. sqlite:///path/mlflow.db or http://host:5000); "
            "without it aieng uses the embedded store under $AIENG_HOME/mlflow.",
        ) from exc
    return client


def experiment_id(client: MlflowClient, name: str) -> str:
    """The id of experiment ``name``, created (with artifacts beside an embedded store) if new."""
    found = client.get_experiment_by_name(name)
    if found is not None:
        return str(found.experiment_id)
    return str(client.create_experiment(name, artifact_location=artifact_root(client.tracking_uri)))


def use_store(client: MlflowClient) -> None:
    """Point MLflow's module-level API (log_model, models:/ URIs) at ``client``'s store.

    Both URIs: resolving models:/ asks the tracking store too, and MLflow's default one is a
    mlflow.db in the current folder — which it would create there.
    """
    import mlflow

    mlflow.set_tracking_uri(client.tracking_uri)
    mlflow.set_registry_uri(client.tracking_uri)

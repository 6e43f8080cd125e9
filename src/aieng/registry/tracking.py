"""Where aieng records its experiments and models: an MLflow tracking store and model registry.

By default the store is *embedded*: a SQLite file and an artifact folder under
``$AIENG_HOME/mlflow/``, so a learner needs no server. Any tracking server works too
(``--tracking-uri http://127.0.0.1:5000``), and ``mlflow ui --backend-store-uri <uri>`` browses
either. Every name written to the store is defined here, once, so the pipeline that writes and
``aieng experiments`` that reads can never disagree.

The artifacts (a model's files, the report) can live apart from the runs' metadata, on an
S3-compatible object store, as they do on a cloud: ``--artifacts s3://bucket/prefix`` (or
``$AIENG_ARTIFACTS``) when an experiment is created. The endpoint and the credentials are MLflow's
and boto3's standard variables, read from the environment only: ``MLFLOW_S3_ENDPOINT_URL`` (unset:
AWS itself), ``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY`` (or a cloud machine's role).
Never a config file, a URI or a log line: a config file is committed and copied, an artifact URI
is stored on the experiment and shown by MLflow's UI, and a log is read by whoever debugs. So
aieng refuses a key inside the URI and never prints one.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from aieng.errors import AiengError, UsageError
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

ARTIFACTS_ENV = "AIENG_ARTIFACTS"  # the artifact root of new experiments, e.g. s3://bucket/prefix
ENDPOINT_ENV = "MLFLOW_S3_ENDPOINT_URL"  # MLflow's: an S3-compatible store's URL (unset: AWS)
HINT_CREDENTIALS = (
    "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment (never in a config "
    "file or the URI), with a key that may read and write the bucket."
)


class TrackingError(AiengError):
    """The tracking store cannot be opened or does not hold what was asked for."""


def default_uri(home: Path | None = None) -> str:
    """The embedded store: ``sqlite:///<home>/mlflow/mlflow.db``."""
    root = (home or get_settings().home) / "mlflow"
    return f"sqlite:///{root / 'mlflow.db'}"


def artifact_root(uri: str, artifacts: str | None = None) -> str | None:
    """Where a new experiment on store ``uri`` keeps its artifacts.

    ``artifacts`` (or ``$AIENG_ARTIFACTS``) if given; else beside an embedded store's database;
    else None: a tracking server decides (its ``--artifacts-destination``).
    """
    chosen = requested_artifacts(artifacts)
    if chosen is not None:
        return chosen
    if uri.startswith("sqlite:///"):
        return (Path(uri.removeprefix("sqlite:///")).parent / "artifacts").as_uri()
    return None


def requested_artifacts(artifacts: str | None = None) -> str | None:
    """The artifact root asked for, ``artifacts`` or else ``$AIENG_ARTIFACTS``, checked; or None."""
    if artifacts:
        return check_artifact_root(artifacts)
    from_env = os.environ.get(ARTIFACTS_ENV, "").strip()
    return check_artifact_root(from_env, source=ARTIFACTS_ENV) if from_env else None


def check_artifact_root(root: str, *, source: str = "--artifacts") -> str:
    """``root`` if it is an ``s3://bucket[/prefix]`` URI without credentials (no trailing ``/``).

    ``source`` names where it came from, for the error.

    >>> check_artifact_root("s3://models/churn/")
    's3://models/churn'
    """
    parts = urlsplit(root)
    if parts.scheme != "s3" or not parts.hostname:
        raise UsageError(
            f"{source} {root!r} is not an s3://BUCKET/PREFIX URI",
            hint="e.g. s3://mlflow-artifacts/aieng; the endpoint of an S3-compatible store goes "
            f"in {ENDPOINT_ENV} (e.g. http://127.0.0.1:9000), not in this URI.",
        )
    if parts.username or parts.password or "@" in parts.netloc:
        # Not even echoed back: the URI would be stored on the experiment and shown by the UI.
        raise UsageError(
            f"{source} holds credentials (user:key@ before the bucket): aieng never stores them",
            hint=HINT_CREDENTIALS,
        )
    return root.rstrip("/")


def check_artifact_store(root: str) -> None:
    """Ask the S3 store now whether the bucket of ``root`` is there and these keys may use it.

    A wrong endpoint, key or bucket name then fails before a run starts, not at the register
    stage after minutes of training. The question is the one MLflow's uploads will ask (same
    endpoint variable, same credential chain), tried once: a wrong endpoint fails in seconds.
    """
    with s3_errors(f"use the artifact store {root}"):
        client = _s3_client()
        client.head_bucket(Bucket=urlsplit(root).netloc)


def _s3_client() -> Any:
    require_package("boto3", extra="pipeline", by="an s3:// artifact store")
    import boto3
    from botocore.config import Config

    # MLflow's own variables, read as MLflow reads them (mlflow/store/artifact/s3_artifact_repo.py).
    ignore_tls = os.environ.get("MLFLOW_S3_IGNORE_TLS", "").strip().lower() in {"true", "1"}
    # A session of its own: boto3's default one keeps the first credentials it found, and the
    # check is about the environment as it is now.
    return boto3.session.Session().client(
        "s3",
        endpoint_url=os.environ.get(ENDPOINT_ENV) or None,  # None: AWS's endpoint for the region
        verify=False if ignore_tls else None,
        config=Config(connect_timeout=5, read_timeout=10, retries={"max_attempts": 1}),
    )


@contextlib.contextmanager
def s3_errors(action: str) -> Iterator[None]:
    """Turn a boto3 failure while doing ``action`` into a :class:`TrackingError` with a hint."""
    try:
        yield
    except Exception as exc:
        error = s3_error(exc, action)
        if error is None:
            raise
        raise error from exc


def s3_error(exc: BaseException, action: str) -> TrackingError | None:
    """The house error for a boto3/botocore exception (None: ``exc`` is not one of theirs).

    boto3 raises its own types, often wrapping the S3 error code (an upload failure holds a
    ClientError): the code, not the wording, says what the user must fix.
    """
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and cause not in chain:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    ours = [e for e in chain if type(e).__module__.split(".")[0] in {"botocore", "boto3"}]
    if not ours:
        return None
    endpoint = os.environ.get(ENDPOINT_ENV) or "AWS S3 (no MLFLOW_S3_ENDPOINT_URL set)"
    names = {type(e).__name__ for e in ours}
    # A ClientError carries S3's error code in .response. A HEAD request has no body, so its
    # code is the HTTP status, and only the operation tells a missing bucket from a missing file.
    codes = {str(getattr(e, "response", {}).get("Error", {}).get("Code", "")) for e in ours}
    on_bucket = any(getattr(e, "operation_name", "") == "HeadBucket" for e in ours)
    if names & {"EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError"}:
        reason = f"the S3 endpoint {endpoint} does not answer"
        hint = (
            f"check {ENDPOINT_ENV} (scheme, host and port of the store; unset for AWS) and that "
            "the store is running and reachable from here."
        )
    elif "NoCredentialsError" in names:
        reason = "no S3 credentials were found"
        hint = HINT_CREDENTIALS
    elif "NoSuchBucket" in codes or ("404" in codes and on_bucket):
        reason = f"its bucket does not exist at {endpoint}"
        hint = (
            "create the bucket first (buckets are made once, by whoever runs the store: "
            "`aws s3 mb s3://NAME --endpoint-url URL`), or fix its name in --artifacts / "
            f"{ARTIFACTS_ENV}."
        )
    elif codes & {"NoSuchKey", "404"}:
        reason = f"a file is missing from the store at {endpoint}"
        hint = "something deleted it after it was logged: register the model again."
    elif codes & {"InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "403"}:
        reason = f"the store at {endpoint} refused these credentials"
        hint = HINT_CREDENTIALS
    else:
        reason = f"{type(ours[0]).__name__}: {ours[0]}"
        hint = f"check the store at {endpoint}; `aieng --debug` shows boto3's traceback."
    return TrackingError(f"cannot {action}: {reason}", hint=hint)


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


def experiment_id(client: MlflowClient, name: str, artifacts: str | None = None) -> str:
    """The id of experiment ``name``, created with its artifact root (:func:`artifact_root`) if new.

    An experiment's artifact location is fixed when it is created, so asking an existing one for
    another root is an error, not a silent fallback. An S3 root is checked before returning.
    """
    wanted = requested_artifacts(artifacts)
    found = client.get_experiment_by_name(name)
    location = found.artifact_location if found else artifact_root(client.tracking_uri, wanted)
    if found is not None and wanted is not None and str(location).rstrip("/") != wanted:
        raise TrackingError(
            f"experiment {name!r} keeps its artifacts at {location}, not {wanted}",
            hint="an experiment's artifact location is fixed when it is created: use a new "
            "tracking store (--tracking-uri) for the new location, or drop --artifacts "
            f"(and unset {ARTIFACTS_ENV}) to keep this one.",
        )
    if location and location.startswith("s3://"):
        check_artifact_store(location)
    if found is not None:
        return str(found.experiment_id)
    return str(client.create_experiment(name, artifact_location=location))


def use_store(client: MlflowClient) -> None:
    """Point MLflow's module-level API (log_model, models:/ URIs) at ``client``'s store.

    Both URIs: resolving models:/ asks the tracking store too, and MLflow's default one is a
    mlflow.db in the current folder — which it would create there.
    """
    import mlflow

    mlflow.set_tracking_uri(client.tracking_uri)
    mlflow.set_registry_uri(client.tracking_uri)

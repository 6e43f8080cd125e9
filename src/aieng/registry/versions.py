"""Registered models and their versions: the champion alias, references, digests, export.

A model version carries tags written when it was registered (``aieng.registry.tracking``): the key
of the training stage that made it (so an unchanged pipeline finds it again instead of
registering a copy), the digest of its files (checked before anything loads them), its flavor and
its task. The ``champion`` alias names the version serving loads, and it moves in one update.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aieng.registry import tracking

if TYPE_CHECKING:
    from mlflow import MlflowClient

TRAIN_KEY = tracking.TAG + "train_key"  # on a model version: the training stage's key
HINT_REGISTER = (
    "run `aieng pipeline run` (or `aieng run m06`) to register one; "
    "`aieng experiments list` shows the versions."
)


@dataclass(frozen=True)
class Champion:
    """The model version that holds the ``champion`` alias now."""

    version: str
    run_id: str
    train_key: str | None  # None for a version registered by something other than aieng


def current_champion(client: MlflowClient, name: str) -> Champion | None:
    """The version aliased ``champion`` of registered model ``name``, if any."""
    from mlflow.exceptions import MlflowException

    try:
        mv = client.get_model_version_by_alias(name, tracking.CHAMPION)
    except MlflowException:
        return None  # no such model, or no alias yet
    return Champion(str(mv.version), str(mv.run_id), (mv.tags or {}).get(TRAIN_KEY))


def registered_version(client: MlflowClient, name: str, train_key: str) -> str | None:
    """The version already registered for a training stage with ``train_key``, if any."""
    for mv in client.search_model_versions(f"name = '{name}'"):
        if (mv.tags or {}).get(TRAIN_KEY) == train_key:
            return str(mv.version)
    return None


def recorded_digest(client: MlflowClient, ref: str) -> tuple[str, str | None]:
    """``(version, sha256)`` of the version ``ref`` names; sha256 None if none was recorded.

    Versions registered before aieng recorded digests, or by another tool, have none.
    """
    from mlflow.exceptions import MlflowException

    from aieng.errors import NotFoundError

    name, which = parse_reference(ref)
    try:
        if which.isdigit():
            mv = client.get_model_version(name, which)
        else:
            mv = client.get_model_version_by_alias(name, which)
    except MlflowException as exc:
        raise NotFoundError(
            f"no model {ref!r} in the registry at {client.tracking_uri}: {exc.message}",
            hint=HINT_REGISTER,
        ) from None
    return str(mv.version), (mv.tags or {}).get(tracking.SHA256)


def ensure_registered_model(client: MlflowClient, name: str, description: str) -> None:
    """Create registered model ``name`` if it does not exist yet."""
    from mlflow.exceptions import MlflowException

    try:
        client.get_registered_model(name)
    except MlflowException:
        client.create_registered_model(name, description=description)


def promote(client: MlflowClient, name: str, version: str) -> None:
    """Move the ``champion`` alias to ``version`` (one update: serving never sees no champion)."""
    client.set_registered_model_alias(name, tracking.CHAMPION, version)


def parse_reference(ref: str) -> tuple[str, str]:
    """``"churn@champion"`` → ("churn", "champion"); ``"churn/3"`` → ("churn", "3")."""
    from aieng.errors import UsageError

    for sep in ("@", "/"):
        name, found, which = ref.partition(sep)
        if found and name and which:
            return name, which
    raise UsageError(
        f"model reference {ref!r} is not NAME@ALIAS or NAME/VERSION",
        hint="e.g. churn@champion (what the pipeline promotes) or churn/3.",
    )


def model_uri(ref: str) -> str:
    """The ``models:/`` URI of a reference: ``models:/churn@champion`` or ``models:/churn/3``."""
    name, which = parse_reference(ref)
    return f"models:/{name}/{which}" if which.isdigit() else f"models:/{name}@{which}"


def check_export_folder(out_dir: Path) -> None:
    """Refuse a model folder that exists, or that its parent folder would not take.

    :func:`export_model` calls it; the CLI calls it first too, before MLflow starts.
    """
    from aieng.errors import InputFileError
    from aieng.io import check_writable

    if out_dir.exists():
        raise InputFileError(
            f"the output folder {str(out_dir)!r} already exists",
            hint="give a new folder name; a model folder is never merged into another.",
        )
    check_writable(out_dir)  # a file and a folder need the same right: to add to the parent


def export_model(client: MlflowClient, ref: str, out_dir: Path) -> Path:
    """Copy the MLflow model folder of ``ref`` to ``out_dir`` (which must not exist yet).

    The folder (``MLmodel``, the pickled Pipeline, its requirements and metadata) is what
    ``aieng serve --model-dir`` and the container load, without a tracking store. Its files are
    checked against the digest the registry recorded (a changed artifact store stops the export
    here), and the digest is written beside them, in ``sha256.txt`` (:mod:`aieng.integrity`).
    """
    import shutil
    import tempfile

    import mlflow.artifacts
    from mlflow.exceptions import MlflowException

    from aieng.errors import InputFileError, NotFoundError
    from aieng.integrity import DIGEST_FILE, check, folder_digest

    check_export_folder(out_dir)
    version, recorded = recorded_digest(client, ref)
    name = parse_reference(ref)[0]
    uri = model_uri(f"{name}/{version}")  # the version whose digest this is, if the alias moves
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        tracking.use_store(client)
        with tracking.s3_errors(f"download {name} version {version}"):
            mlflow.artifacts.download_artifacts(
                artifact_uri=uri, dst_path=str(tmp), tracking_uri=client.tracking_uri
            )
        if recorded:
            digest = check(tmp, recorded, recorded_by=f"the registry ({name} version {version})")
        else:  # registered before digests were recorded: at least later damage is caught
            digest = folder_digest(tmp)
        (tmp / DIGEST_FILE).write_text(digest + "\n", encoding="utf-8")
        # mkdtemp makes the folder private (0700); a model folder is meant to be read by
        # others, e.g. the non-root user of the container it is mounted into.
        tmp.chmod(0o755)
        tmp.rename(out_dir)
    except MlflowException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        # The version exists (its digest was just read): on S3, what failed is the files' store.
        store = client.get_model_version_download_uri(name, version)
        if store.startswith("s3://"):
            raise tracking.TrackingError(
                f"cannot download {name} version {version} from {store}: {exc.message}",
                hint=f"check that the store holds it, and {tracking.ENDPOINT_ENV} and the "
                "credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).",
            ) from exc
        raise NotFoundError(
            f"no model {ref!r} in the registry at {client.tracking_uri}: {exc.message}",
            hint=HINT_REGISTER,
        ) from None
    except OSError as exc:  # a full disk, a folder removed meanwhile: not a bug in aieng
        shutil.rmtree(tmp, ignore_errors=True)
        raise InputFileError(
            f"cannot export {ref!r} to {str(out_dir)!r}: {exc.strerror or exc}",
            hint="check that the disk has room and the folder can be written; "
            "`aieng --debug` shows the file that failed.",
        ) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir

"""The model a service serves: the month-6 champion, with its contract and its threshold.

Loaded from the registry (``churn@champion``) or from an exported model folder
(``aieng pipeline export``): either way it is an MLflow model folder whose metadata carries what
serving needs beside the fitted Pipeline — the data contract the requests are checked against,
the feature columns, the positive class and the decision threshold chosen in month 4.

Before anything in the folder is unpickled, its files are checked against a digest recorded
elsewhere (:mod:`aieng.integrity`): a model folder is code.

When it is loaded, the Pipeline is also compiled to NumPy (:mod:`aieng.serve.compiled`) and the
two are compared on the model's input example and on rows made from its contract; the compiled
scorer is used only if they agree to 1e-9.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml  # type: ignore[import-untyped]

from aieng.contract import Contract
from aieng.errors import InputFileError
from aieng.integrity import DIGEST_FILE, check, folder_digest, written_by_others
from aieng.serve.compiled import CompiledPipeline, NotCompilable, compile_pipeline, verify

log = logging.getLogger("aieng.serve")
NUMBER_TYPES = ("int", "float", "bool")  # the model sees them as float64 (select_features)


@dataclass(frozen=True)
class ServedModel:
    """A fitted Pipeline and everything needed to check its inputs and explain its outputs."""

    name: str
    version: str
    source: str  # where it was loaded from (a models:/ URI or a folder)
    pipeline: Any  # the scikit-learn Pipeline; predict_proba(frame)[:, 1] is P(positive)
    contract: Contract
    features: tuple[str, ...]  # the model's input columns, in order
    extra: tuple[str, ...]  # columns a request may carry for the log only (e.g. audit columns)
    target: str
    positive_class: str
    negative_class: str
    threshold: float  # decide "positive" at or above this probability
    primary_metric: str
    test_scores: dict[str, float]
    data_hash: str
    loaded_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    compiled: CompiledPipeline | None = None  # the Pipeline as NumPy, checked against it
    scoring: str = "scikit-learn Pipeline"  # how requests are scored, and why: GET /v1/model
    flavor: str = "sklearn"  # how its files were loaded (aieng.registry.flavors)
    task: str = "binary"  # what its output means: the probability of the positive class
    sha256: str = ""  # the digest of the folder's files (aieng.integrity)
    integrity: str = ""  # what that digest was checked against, in words: GET /v1/model

    def columns(self, records: list[dict[str, Any]]) -> dict[str, np.ndarray]:
        """Validated records → the model's input columns: numbers as float64, text as object."""
        columns: dict[str, np.ndarray] = {}
        for name in self.features:
            values = [r.get(name) for r in records]
            if self.contract.columns[name].type in NUMBER_TYPES:
                columns[name] = np.array(
                    [np.nan if v is None else float(v) for v in values], dtype=np.float64
                )
            else:
                columns[name] = np.array([np.nan if v is None else v for v in values], dtype=object)
        return columns

    def frame(self, records: list[dict[str, Any]]) -> pd.DataFrame:
        """The model's input as the Pipeline takes it: a DataFrame of :meth:`columns`."""
        return pd.DataFrame(self.columns(records))

    def probabilities(self, records: list[dict[str, Any]]) -> np.ndarray:
        """P(positive class) per record, shape ``(len(records),)``."""
        if self.compiled is not None:
            return self.compiled.probabilities(self.columns(records))
        return np.asarray(self.pipeline.predict_proba(self.frame(records))[:, 1], dtype=float)

    def describe(self) -> dict[str, Any]:
        """What ``GET /v1/model`` shows."""
        return {
            "name": self.name,
            "version": self.version,
            "source": self.source,
            "loaded_at": self.loaded_at.isoformat(),
            "target": self.target,
            "positive_class": self.positive_class,
            "threshold": self.threshold,
            "primary_metric": self.primary_metric,
            "test_scores": self.test_scores,
            "data_hash": self.data_hash,
            "scoring": self.scoring,
            "flavor": self.flavor,
            "task": self.task,
            "sha256": self.sha256,
            "integrity": self.integrity,
            "features": list(self.features),
            "contract": self.contract.to_dict(),
        }


@dataclass(frozen=True)
class Pin:
    """The digest a model folder must have, and who recorded it (for messages and /v1/model)."""

    sha256: str | None  # None: nothing was recorded (a version registered before digests were)
    by: str  # "the registry (churn version 3)", "AIENG_SERVE_MODEL_SHA256"


def load_dir(
    folder: Path, *, source: str | None = None, compile: bool = True, pin: Pin | None = None
) -> ServedModel:
    """Load an MLflow model folder written by the month-6 pipeline (``compile``: see above).

    The folder is checked first (:func:`verify_folder`): against ``pin`` when given, else
    against its own ``sha256.txt`` if it has one.
    """
    from mlflow.models import Model

    from aieng.registry.flavors import flavor_of_folder

    mlmodel = folder / "MLmodel"
    if not mlmodel.is_file():
        raise InputFileError(
            f"{str(folder)!r} is not an MLflow model folder (no MLmodel file)",
            hint="export one with `aieng pipeline export DIR`, or serve from the registry "
            "with --model churn@champion.",
        )
    sha256, integrity = verify_folder(folder, pin)  # before any pickle in it is opened
    meta = Model.load(str(mlmodel)).metadata or {}
    if "contract" not in meta or "features" not in meta:
        raise InputFileError(
            f"the model in {str(folder)!r} has no data contract in its metadata",
            hint="serve a model registered by `aieng pipeline run`: it carries its contract.",
        )
    registered = folder / "registered_model_meta"
    info = yaml.safe_load(registered.read_text()) if registered.is_file() else {}
    contract = Contract.from_mapping(meta["contract"], source=f"{folder}/MLmodel")
    features = tuple(meta["features"])
    missing = [f for f in features if f not in contract.columns]
    if missing:
        raise InputFileError(
            f"the model's features {missing} have no rule in its contract",
            hint="declare them in the pipeline's [contract] and register the model again.",
        )
    extra = tuple(c for c in meta.get("dropped", []) if c in contract.columns)
    task = str(meta.get("task", "binary"))  # models registered before tasks were recorded: binary
    if task != "binary":
        raise InputFileError(
            f"the model in {str(folder)!r} is a {task} model; the service answers with the "
            "probability of one positive class, so it serves binary classifiers",
            hint="register a binary classifier with `aieng pipeline run`.",
        )
    flavor = flavor_of_folder(folder)  # a flavor aieng cannot load is said before loading
    pipeline = flavor.load(folder)
    if not hasattr(pipeline, "predict_proba"):
        raise InputFileError(
            f"the model in {str(folder)!r} is a {type(pipeline).__name__}, not a classifier "
            "with predict_proba",
            hint="serve a model registered by `aieng pipeline run`.",
        )
    model = ServedModel(
        name=str(info.get("model_name", meta.get("aieng_pipeline", folder.name))),
        version=str(info.get("model_version", "local")),
        source=source or str(folder),
        pipeline=pipeline,
        contract=contract,
        features=features,
        extra=extra,
        target=str(meta["target"]),
        positive_class=str(meta["positive_class"]),
        negative_class=str(meta["negative_class"]),
        threshold=float(meta["threshold"]) if meta.get("threshold") is not None else 0.5,
        primary_metric=str(meta.get("primary_metric", "")),
        test_scores={k: float(v) for k, v in meta.get("test_scores", {}).items()},
        data_hash=str(meta.get("data_hash", "")),
        sha256=sha256,
        integrity=integrity,
        flavor=flavor.name,
        task=task,
    )
    return compile_scoring(model, _example(folder)) if compile else model


def verify_folder(folder: Path, pin: Pin | None) -> tuple[str, str]:
    """``(sha256, what it was checked against)``; :class:`IntegrityError` on a mismatch.

    Also warns when users other than the owner may write the folder: whoever can replace the
    pickle can run code in the service.
    """
    others = written_by_others(folder)
    if others:
        log.warning(
            "others may write the model folder, and a model's pickle runs code when loaded: %s",
            ", ".join(others[:5]),
            extra={"hint": "chmod -R go-w the folder, or mount it read-only"},
        )
    own = folder / DIGEST_FILE
    if pin is not None and pin.sha256:
        return check(folder, pin.sha256, recorded_by=pin.by), f"verified: {pin.by}"
    if pin is None and own.is_file():
        digest = check(folder, own.read_text(encoding="utf-8"), recorded_by=f"its own {own}")
        return digest, (
            f"checked against the folder's own {DIGEST_FILE}: that catches damage, not "
            "tampering; pin AIENG_SERVE_MODEL_SHA256 to catch that"
        )
    why = f"{pin.by} recorded no digest" if pin else "no digest to check it against"
    log.warning("the model folder %s is not verified: %s", folder, why)
    return folder_digest(folder), f"unverified: {why}"


def compile_scoring(model: ServedModel, example: list[dict[str, Any]]) -> ServedModel:
    """``model`` scored by its compiled Pipeline if that gives the same probabilities.

    They are compared on ``example`` (real rows) and on rows made from the contract, which
    reach every allowed category, both ends of every range and every gap the contract allows.
    Otherwise the Pipeline stays, and ``scoring`` says why.
    """
    rows = example + contract_rows(model.contract, model.features)
    try:
        fast = compile_pipeline(model.pipeline)
        worst = verify(fast, model.pipeline, model.columns(rows))
    except NotCompilable as exc:
        log.warning("serving the scikit-learn Pipeline: %s", exc)
        return dataclasses.replace(model, scoring=f"scikit-learn Pipeline (not compiled: {exc})")
    note = f"compiled to NumPy: {fast.describe()}; equal to the Pipeline on {len(rows)} rows"
    return dataclasses.replace(model, compiled=fast, scoring=f"{note} (largest gap {worst:.1g})")


def contract_rows(
    contract: Contract, features: tuple[str, ...], *, n: int = 256, seed: int = 0
) -> list[dict[str, Any]]:
    """``n`` valid records made from the contract's rules alone (plain JSON values)."""
    rng = np.random.default_rng(seed)
    rows: list[dict[str, Any]] = [{} for _ in range(n)]
    for name in features:
        rule = contract.columns[name]
        if rule.type in ("int", "float"):
            lo, hi = rule.min, rule.max  # an open end: a span of 1,000 from the other
            if lo is None:
                lo = (hi if hi is not None else 1e3) - 1e3
            if hi is None:
                hi = lo + 1e3
            between = rng.uniform(lo, hi, n - 2).tolist()
            values: list[Any] = [float(lo), float(hi), *between]  # both ends, then between
            if rule.type == "int":
                values = [round(v) for v in values]
        elif rule.type == "bool":
            values = [v == 1 for v in rng.integers(0, 2, n).tolist()]
        else:  # every allowed level in turn; free text gets texts the model never saw
            levels = list(rule.allowed or ("unseen text", "another one"))
            values = [levels[i % len(levels)] for i in rng.permutation(n)]
        gaps = rng.random(n) < (0.1 if rule.nullable else 0.0)
        for row, value, gap in zip(rows, values, gaps, strict=True):
            row[name] = None if gap else value
    return rows


def _example(folder: Path) -> list[dict[str, Any]]:
    """The input example MLflow saved with the model (real rows), as records; [] if none."""
    path = folder / "input_example.json"
    if not path.is_file():
        return []
    example = json.loads(path.read_text())
    if not isinstance(example, dict) or set(example) < {"columns", "data"}:
        return []
    return [dict(zip(example["columns"], row, strict=True)) for row in example["data"]]


def check_source(
    *, model_dir: Path | None, ref: str, tracking_uri: str | None, pin: Pin | None
) -> str:
    """What would be served, in words, checked without loading it: the folder exists, is an
    MLflow model and has its digest; or the registry has that version. Raises the error the
    load would (so ``aieng serve`` says it before a server starts, not in a log line)."""
    if model_dir is not None:
        if not model_dir.is_dir():
            raise InputFileError(
                f"--model-dir {str(model_dir)!r} is not a folder",
                hint="export one with `aieng pipeline export DIR`.",
            )
        if not (model_dir / "MLmodel").is_file():
            raise InputFileError(
                f"{str(model_dir)!r} is not an MLflow model folder (no MLmodel file)",
                hint="export one with `aieng pipeline export DIR`.",
            )
        verify_folder(model_dir, pin)
        return str(model_dir)
    from aieng.registry import tracking, versions

    version, _ = versions.recorded_digest(tracking.connect(tracking_uri), ref)
    return f"{ref} (version {version})"


def load_registered(
    ref: str, *, tracking_uri: str | None = None, compile: bool = True, pin: Pin | None = None
) -> ServedModel:
    """Load ``NAME@ALIAS`` or ``NAME/VERSION`` from the registry (downloaded, then loaded).

    The files are checked against the digest the registry recorded for that version, or
    against ``pin`` when one is given.
    """
    from aieng.registry import tracking, versions

    client = tracking.connect(tracking_uri)
    version, recorded = versions.recorded_digest(client, ref)
    name = versions.parse_reference(ref)[0]
    if pin is None:
        pin = Pin(recorded, f"the registry ({name} version {version})")
    with tempfile.TemporaryDirectory(prefix="aieng-model-") as tmp:
        # By version, not alias: the alias may move meanwhile, and the digest is this version's.
        folder = versions.export_model(client, f"{name}/{version}", Path(tmp) / "model")
        model = load_dir(folder, source=versions.model_uri(ref), compile=compile, pin=pin)
        shutil.rmtree(folder, ignore_errors=True)
    return model

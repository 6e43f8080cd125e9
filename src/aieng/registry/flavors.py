"""How each kind of model is saved to an MLflow model folder and loaded back: its flavor.

MLflow writes, in a model folder's ``MLmodel`` file, one entry per *flavor*: the library that can
load the files back (``sklearn``, ``pytorch``, ``onnx``), plus ``python_function``, the generic
wrapper every flavor also offers. aieng loads a model with its own library, never through the
generic wrapper: the service compiles a scikit-learn Pipeline to NumPy, and month 9 compares an
ONNX model with the PyTorch model it came from, which needs each model as itself.

The *task* says what the model's output means: ``binary`` (the probability of the positive
class), ``multiclass`` (one probability per class) or ``regression`` (a number). It is recorded
with the model, so a loader can refuse a model it cannot serve before a request reaches it.

One flavor is known today; months 7 and 9 add ``pytorch`` and ``onnx`` here, an entry each.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from aieng.errors import AiengError, unknown_value

Task = Literal["binary", "multiclass", "regression"]
TASKS: tuple[str, ...] = get_args(Task)


class FlavorError(AiengError):
    """A model of a kind the registry cannot save or load."""


@dataclass(frozen=True)
class Flavor:
    """One kind of model: the MLflow module that saves and loads it, and how it is saved."""

    name: str  # the key MLflow writes under `flavors` in MLmodel
    module: str  # the MLflow module whose log_model / load_model handle it
    log_options: Mapping[str, Any] = field(default_factory=dict)  # extra log_model arguments
    requirements: tuple[str, ...] = ()  # the packages a model of this flavor needs to load

    def load(self, where: str | Path) -> Any:
        """The model in a folder or at a ``models:/`` / ``runs:/`` URI, as its own library's."""
        return importlib.import_module(self.module).load_model(str(where))


SKLEARN = Flavor(
    "sklearn",
    "mlflow.sklearn",
    # cloudpickle, not skops: the Pipeline holds our own classes (the churn features, month 3's
    # estimator), which skops would have to be told to trust one by one. Pickles run code when
    # loaded: a model's files are checked against their recorded digest first (aieng.integrity).
    log_options={"serialization_format": "cloudpickle"},
    requirements=("aieng", "scikit-learn", "lightgbm"),
)
FLAVORS: dict[str, Flavor] = {flavor.name: flavor for flavor in (SKLEARN,)}
LATER = "months 7 and 9 add pytorch and onnx"


def flavor_named(name: str) -> Flavor:
    """The flavor called ``name``; :class:`FlavorError` if aieng does not know it."""
    if name not in FLAVORS:
        err = unknown_value("model flavor", name, FLAVORS, listing="The flavors aieng loads are")
        raise FlavorError(err.message, hint=f"{err.hint} ({LATER}).")
    return FLAVORS[name]


def flavor_of(model: Any) -> Flavor:
    """The flavor to save ``model`` with (a fitted scikit-learn estimator or Pipeline today)."""
    from sklearn.base import BaseEstimator

    if isinstance(model, BaseEstimator):
        return SKLEARN
    raise FlavorError(
        f"cannot register a {type(model).__name__}: aieng saves scikit-learn models",
        hint=f"wrap it as a scikit-learn estimator ({LATER}).",
    )


def flavor_of_folder(folder: Path) -> Flavor:
    """The flavor a model folder's ``MLmodel`` names that aieng can load."""
    from mlflow.models import Model

    written = list(Model.load(str(folder / "MLmodel")).flavors)
    for name in written:
        if name in FLAVORS:
            return FLAVORS[name]
    raise FlavorError(
        f"the model in {str(folder)!r} has the flavors {written}, none of which aieng loads "
        f"(it loads {', '.join(FLAVORS)})",
        hint=f"serve a model registered by `aieng pipeline run` ({LATER}).",
    )


def task_of(model: Any, *, classification: bool) -> Task:
    """``binary`` or ``multiclass`` for a fitted classifier (from its classes), else regression."""
    if not classification:
        return "regression"
    classes = getattr(model, "classes_", ())
    return "binary" if len(classes) == 2 else "multiclass"

"""Month 6: the ML pipeline — ingest, validate, clean, split, train, evaluate, register.

``run_pipeline(load_config())`` runs the churn pipeline of ``churn.toml``: the data is checked
against a declared contract (pandera), cleaned by month 1, split once, compared by month 4,
gated against a baseline, and registered in MLflow, where the ``champion`` alias moves only to
a model that beats the current champion on the same held-out rows::

    from aieng.pipeline import load_config, run_pipeline
    result = run_pipeline(load_config())          # or load_config(Path("pipeline.toml"))
    result.decision.reason                        # why it is (or is not) the champion

Unchanged stages are skipped by content hash. Importing this package is cheap: pandas, pandera,
scikit-learn and MLflow load when a pipeline runs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aieng.pipeline.config import PipelineConfig, load_config
    from aieng.pipeline.result import PipelineResult
    from aieng.pipeline.runner import run_pipeline

_LAZY = {
    "PipelineConfig": "aieng.pipeline.config",
    "load_config": "aieng.pipeline.config",
    "PipelineResult": "aieng.pipeline.result",
    "run_pipeline": "aieng.pipeline.runner",
}

__all__ = [
    "PipelineConfig",
    "PipelineResult",
    "load_config",
    "run_pipeline",
]


def __getattr__(name: str) -> Any:
    # PEP 562: the heavy names are imported only when someone asks for them.
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

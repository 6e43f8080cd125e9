"""Month 4: supervised learning — a model comparison that would survive a reviewer.

``compare(frame, target=..., config=...)`` cross-validates a dummy baseline, linear/logistic
regression (scikit-learn's and month 3's), a decision tree, a random forest and two gradient
boosting libraries inside leak-free Pipelines, tests whether the winner really beats the
runner-up, scores it once on an untouched test split and, for churn, picks the decision
threshold worth the most money. ``build_report(comparison)`` draws it all::

    from aieng.supervised import CompareConfig, build_report, compare
    result = compare(frame, target="churn", config=CompareConfig(positive_class="Yes"))
    build_report(result).write("report.html")

Importing this package is cheap: pandas and scikit-learn load on first use of ``compare``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from aieng.supervised.config import CANDIDATES, BusinessCase, CompareConfig, load_config

if TYPE_CHECKING:
    from aieng.supervised.artifacts import save_artifacts
    from aieng.supervised.comparison import Comparison, FeatureTest, compare
    from aieng.supervised.report import build_report

_LAZY = {
    "Comparison": "aieng.supervised.comparison",
    "FeatureTest": "aieng.supervised.comparison",
    "compare": "aieng.supervised.comparison",
    "build_report": "aieng.supervised.report",
    "save_artifacts": "aieng.supervised.artifacts",
}

__all__ = [
    "CANDIDATES",
    "BusinessCase",
    "CompareConfig",
    "Comparison",
    "FeatureTest",
    "build_report",
    "compare",
    "load_config",
    "save_artifacts",
]


def __getattr__(name: str) -> Any:
    # PEP 562: the pandas/sklearn-backed names are imported only when someone asks for them.
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

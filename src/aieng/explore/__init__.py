"""Month 2: exploratory data analysis that a data scientist can trust, with a bias audit.

::

    from aieng.explore import explore, build_report
    ex = explore(frame, target="churn", positive="Yes", sensitive=["female", "senior_citizen"])
    ex.mutual_information.head()            # features ranked by what they tell about the target
    ex.bias[1].disparity                    # the largest gap between groups, with its interval
    build_report(ex, frame, title="Telco churn").write(Path("report.html"))

Modules, one concept each: ``profile`` (kinds, overview, per-column statistics), ``associations``
(Pearson, Spearman, Cramér's V, correlation ratio), ``target`` (balance, per-feature rates,
mutual information), ``bias`` (Beta-Binomial credible intervals, disparities, proxies),
``insights`` (plain-word sentences), ``figures`` and ``report`` (the only code that draws),
``analysis`` (one call for all of it) and ``project`` (``aieng run m02``).

Importing this package loads nothing heavy; pandas and SciPy come with the first attribute used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aieng.explore.analysis import Exploration, explore
    from aieng.explore.report import build_report

_LAZY = {
    "Exploration": "aieng.explore.analysis",
    "explore": "aieng.explore.analysis",
    "build_report": "aieng.explore.report",
}

__all__ = ["Exploration", "build_report", "explore"]


def __getattr__(name: str) -> Any:
    # PEP 562: import the pandas-backed modules only when someone asks for them.
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

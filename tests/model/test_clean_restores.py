"""The measured bar of month 1: default cleaning restores corrupted cells and spares clean ones.

On corrupted copies of three catalog datasets (injected typos, case and spacing variants, mixed
number and yes/no formats, missing tokens, outliers and duplicate rows; :mod:`aieng.clean.corrupt`)
``clean`` with default settings must restore or flag at least 95 % of the faults and wrongly alter
at most 0.5 % of the clean cells (:mod:`aieng.clean.score` defines both). The figures are printed:
``pytest tests/model/test_clean_restores.py -s`` shows them.
"""

from __future__ import annotations

import pytest

from aieng.clean import clean
from aieng.clean.corrupt import corrupt
from aieng.clean.score import score

DATASETS = ("telco_churn", "islr_wage", "credit_scoring")
RESTORE_FLOOR = 0.95
ALTERATION_CEILING = 0.005


@pytest.mark.slow
@pytest.mark.parametrize("name", DATASETS)
def test_default_cleaning_restores_corrupted_copies(name: str) -> None:
    dirty = corrupt(name, seed=0)
    result = clean(dirty.dirty)
    figures = score(dirty, result)
    kinds = ", ".join(f"{k} {r + f}/{t}" for k, (r, f, t) in figures.by_kind.items())
    print(
        f"\n{name}: {figures.units} faults, restored or flagged {figures.restore_rate:.2%} "
        f"(exact {figures.exact_rate:.2%}); clean cells wrongly altered "
        f"{figures.altered}/{figures.clean_cells} = {figures.false_alteration_rate:.3%}\n  {kinds}"
    )
    assert figures.units > 1000  # the corrupter really corrupted something
    assert figures.restore_rate >= RESTORE_FLOOR
    assert figures.false_alteration_rate <= ALTERATION_CEILING
    # Every kind of fault is mostly handled, not just the easy ones carrying the average.
    for kind, (restored, flagged, total) in figures.by_kind.items():
        assert (restored + flagged) / total >= 0.7, kind


def test_scoring_is_not_vacuous() -> None:
    """Doing nothing must fail the bar: the scorer really compares cells with the truth."""
    dirty = corrupt("islr_wage", seed=0)
    from aieng.clean.config import parse_config

    off = parse_config(
        {
            step: {"enabled": False}
            for step in (
                "names",
                "trim",
                "missing_tokens",
                "types",
                "categories",
                "duplicates",
                "missing_values",
                "outliers",
            )
        }
    )
    figures = score(dirty, clean(dirty.dirty, off))
    assert figures.restore_rate < 0.5
    assert figures.flagged == 0

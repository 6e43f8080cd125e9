"""Canonical category spellings: ``"yes"``, ``"YES "`` and ``"Yse"`` become ``"Yes"``.

Two kinds of merge, both into the **most frequent spelling** (so the spelling most rows use wins,
which in real data is almost always the intended one):

1. *Same letters*: values equal after case-folding and collapsing spaces are one category.
2. *Near duplicates*: a rare value merges into a much more common one when their rapidfuzz
   similarity (0–100) reaches ``similarity``, guarded so genuinely different categories survive:
   both at least ``min_length`` characters (``"NY"``/``"WY"`` are different states), the common one
   at least ``min_frequency_ratio`` × as frequent (``"Male"``/``"Female"`` are close in spelling
   but similar in frequency: a typo is rare), and the same digits (``"A1"``/``"A2"``).

A rare value one slip away from a common one that the guards kept apart is *flagged*, not
changed (``flag_suspects``): a person decides. For values shorter than ``min_length`` only a
dropped, doubled or swapped letter counts as a slip — one substituted letter turns a code into
another code (``"NY"``/``"NV"``). Every merge is one change-log entry.
"""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from aieng.clean.changelog import Change, flag_frame
from aieng.clean.config import CategoriesStep

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")


def key(value: str) -> str:
    """The comparison key of a spelling: case-folded, spaces collapsed and trimmed."""
    return _SPACES.sub(" ", value).strip().casefold()


def canonicalize(
    series: pd.Series, step: CategoriesStep
) -> tuple[pd.Series, list[Change], pd.DataFrame | None]:
    """Merge the spellings of each category; return the column, its merges and its flags."""
    counts = series.value_counts(dropna=True)
    if len(counts) < 2 or len(counts) > step.max_levels:
        return series, [], None
    spellings = pd.DataFrame({"value": counts.index.astype(str), "rows": counts.to_numpy()})
    spellings["key"] = spellings["value"].map(key)
    # Most frequent spelling per key; ties go to the alphabetically first, so runs repeat.
    ranked = spellings.sort_values(["key", "rows", "value"], ascending=[True, False, True])
    canonical = ranked.groupby("key", sort=False)["value"].first()
    key_rows = spellings.groupby("key")["rows"].sum().sort_values(ascending=False)
    target = {k: canonical[k] for k in key_rows.index}  # key -> canonical spelling
    why = {k: "same letters up to case and spacing" for k in key_rows.index}
    suspects: dict[str, str] = {}
    _merge_near_duplicates(key_rows, target, why, suspects, step)

    mapping = {v: target[k] for v, k in zip(spellings["value"], spellings["key"], strict=True)}
    changes = []
    for value, rows, k in spellings.itertuples(index=False, name=None):
        new = mapping[value]
        if new != value:
            changes.append(
                Change(
                    "categories",
                    str(series.name),
                    int(rows),
                    f"{value!r} merged into {new!r} ({why[k]})",
                    ((value, new),),
                )
            )
    after = series.map(mapping).astype("str") if changes else series
    flags = None
    if suspects:
        odd = {
            mapping[v]: k
            for v, k in zip(spellings["value"], spellings["key"], strict=True)
            if k in suspects
        }
        rows = after.isin(list(odd)).to_numpy(dtype=bool)
        reasons = [
            f"rare spelling {v!r} is one edit from {target[suspects[odd[v]]]!r}: check it"
            for v in after[rows]
        ]
        flags = flag_frame(series.index[rows], str(series.name), "categories", reasons)
        for k, common in suspects.items():
            changes.append(
                Change(
                    "categories",
                    str(series.name),
                    0,
                    f"{canonical[k]!r} ({int(key_rows[k]):,} rows) is one edit from "
                    f"{target[common]!r} ({int(key_rows[common]):,} rows) but too short or too "
                    "common to merge safely: flagged for review, not changed",
                )
            )
    return after, changes, flags


def _merge_near_duplicates(
    key_rows: pd.Series,
    target: dict[str, str],
    why: dict[str, str],
    suspects: dict[str, str],
    step: CategoriesStep,
) -> None:
    """Point each rare key at a common similar key (in place), or list it as a suspect."""
    keys = list(key_rows.index)  # most frequent first
    rows = key_rows.to_numpy()
    merged: set[str] = set()
    for i in range(len(keys) - 1, 0, -1):  # rarest first; only more frequent keys absorb
        rare = keys[i]
        best, best_score = None, 0.0
        for j in range(i):
            common = keys[j]
            if common in merged or rows[j] < step.min_frequency_ratio * rows[i]:
                continue
            if _DIGITS.findall(rare) != _DIGITS.findall(common):
                continue
            score = fuzz.ratio(rare, common)
            long_enough = min(len(rare), len(common)) >= step.min_length
            if long_enough and score >= step.similarity and score > best_score:
                best, best_score = common, score
            elif step.flag_suspects and rare not in suspects and _one_slip(rare, common, step):
                suspects[rare] = common
        if best is not None:
            ratio = rows[keys.index(best)] / rows[i]
            target[rare] = target[best]
            why[rare] = f"similar spelling: {best_score:.0f}/100, {ratio:.0f}× rarer"
            merged.add(rare)
            suspects.pop(rare, None)


def _one_slip(rare: str, common: str, step: CategoriesStep) -> bool:
    """One edit apart — for short codes only a dropped, doubled or swapped letter.

    Codes such as "NY"/"NV" or "B4"/"F4" differ by one substituted letter and are different
    things; "Noo" or "oN" for "No" are slips of the hand.
    """
    if OSA.distance(rare, common) != 1:
        return False
    if min(len(rare), len(common)) >= step.min_length:
        return True
    return len(rare) != len(common) or sorted(rare) == sorted(common)

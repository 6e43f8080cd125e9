"""Save what a comparison produced: the fitted winner and the leaderboard, atomically.

Month 6 reloads the winner with ``joblib.load(path)``: it is the whole scikit-learn Pipeline
(domain features, preprocessing, model), so it takes rows shaped like the table it was trained
on, after :func:`aieng.supervised.features.select_features`.
"""

from __future__ import annotations

import json
from pathlib import Path

import joblib  # type: ignore[import-untyped]

from aieng.datasets.writer import write_frame
from aieng.io import atomic_path, atomic_write
from aieng.supervised.comparison import Comparison


def save_artifacts(c: Comparison, out_dir: Path, *, stem: str = "") -> dict[str, Path]:
    """Write ``<stem>model.joblib``, ``<stem>leaderboard.csv`` and ``<stem>summary.json``."""
    out_dir = Path(out_dir)
    model = out_dir / f"{stem}model.joblib"
    with atomic_path(model) as tmp:
        joblib.dump(c.pipeline, tmp)
    board = out_dir / f"{stem}leaderboard.csv"
    with atomic_path(board) as tmp:
        write_frame(c.leaderboard, tmp, "csv")
    summary = {
        "target": c.target.name,
        "task": c.task,
        "positive_class": c.target.positive_class,
        "winner": c.winner,
        "primary_metric": c.primary,
        "test_scores": c.test_scores,
        "features": c.features,
        "threshold": None if c.threshold is None else c.threshold.threshold,
        "winner_vs_runner_up": None
        if c.top_two is None
        else {"a": c.top_two.a, "b": c.top_two.b, "t": c.top_two.t, "p": c.top_two.p_value},
        "seed": c.config.seed,
    }
    path = atomic_write(out_dir / f"{stem}summary.json", json.dumps(summary, indent=2) + "\n")
    return {f"{stem}model": model, f"{stem}leaderboard": board, f"{stem}summary": path}

"""Month 6's pipeline, as data: each stage, the stages it reads, its slice of the config.

The runner (:mod:`aieng.pipeline.runner`) walks :data:`PLAN` in order and knows no stage by
name: adding a stage (month 9's tuning, month 11's reference profile) is one entry here and a
``Params`` / ``build_*`` pair beside its kin. Each stage's builder sees only its own params, and
its cache key is made from the same params, so changing a setting a builder reads always reruns
its stage (``tests/code/test_pipeline.py`` checks that for every setting of every stage).
"""

from __future__ import annotations

from typing import Any

from aieng.pipeline import data, modelling
from aieng.pipeline.stages import Stage

PLAN: tuple[Stage[Any], ...] = (
    Stage("ingest", (), data.IngestParams.of, data.build_ingest),
    Stage("validate", ("ingest",), data.ValidateParams.of, data.build_validate),
    Stage("clean", ("validate",), data.CleanParams.of, data.build_clean),
    Stage("split", ("clean",), data.SplitParams.of, data.build_split),
    Stage("features", ("clean",), data.FeaturesParams.of, data.build_features),
    Stage("train", ("features", "split"), modelling.TrainParams.of, modelling.build_train),
    Stage(
        "evaluate",
        ("train", "split", "features"),
        modelling.EvaluateParams.of,
        modelling.build_evaluate,
    ),
)
STAGES = (*(stage.name for stage in PLAN), "register")  # register: a side effect, not cached

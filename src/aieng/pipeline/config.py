"""The pipeline config: one TOML file says what data, which contract, how to split, train and gate.

The default is a file, not code: ``src/aieng/pipeline/churn.toml`` (``aieng pipeline init``
copies it), so what ``aieng run m06`` runs is something a learner can read and edit. Unknown
keys and values of the wrong type are refused with the key named; an unknown model name gets a
did-you-mean, because a misspelt candidate that silently drops out changes the winner.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from aieng import tomlfile
from aieng.clean.config import (
    CategoriesStep,
    CleanConfig,
    MissingValuesStep,
    TypesStep,
    parse_config,
    steps_that_learn,
)
from aieng.contract import Contract
from aieng.errors import ConfigError, unknown_name
from aieng.supervised.config import CANDIDATES, BusinessCase

DEFAULT = "churn.toml"  # packaged beside this module
HINT = "see docs/m06-pipeline.md for every key; `aieng pipeline init` writes a full example."


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DataSection(_Section):
    """What to learn from: a catalog dataset or a file, and which column to predict."""

    source: str  # catalog name (`aieng data list`) or a path, relative to the config file
    target: str  # the column to predict
    positive_class: str | None = None  # the class to detect; None: the rarer one
    drop: tuple[str, ...] = ()  # never features: protected attributes, leaks, identifiers


class SplitSection(_Section):
    """The held-out rows: never seen by any stage that learns."""

    test_size: float = Field(0.2, gt=0.0, lt=1.0)  # share of rows held out
    seed: int = 0  # the split (and every model's randomness) follows this seed


class TrainSection(_Section):
    """Month 4's comparison, as the pipeline runs it."""

    candidates: tuple[str, ...] = ("dummy", "linear", "hist_gradient_boosting", "lightgbm")
    folds: int = Field(5, ge=2)  # k of the stratified k-fold CV
    repeats: int = Field(1, ge=1)  # repeats of the k folds (2+ for a sharper t-test)
    domain_features: bool = True  # churn's engineered features, when their columns exist
    n_jobs: int = Field(1, ge=1)  # threads per model
    business: BusinessCase = Field(default_factory=BusinessCase)  # the decision threshold

    @field_validator("candidates")
    @classmethod
    def _known_models(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        if "dummy" not in names:
            raise ConfigError(
                f"train.candidates must include 'dummy', got {list(names)}",
                hint="the dummy model is the baseline every gate compares against; add it.",
            )
        for name in names:
            if name not in CANDIDATES:
                err = unknown_name("model", name, CANDIDATES, list_command="aieng compare --help")
                raise ConfigError(f"{err.message} in train.candidates", hint=err.hint)
        return names


class GatesSection(_Section):
    """What a candidate must achieve, on the held-out rows, to be registered and promoted."""

    min_margin: float = Field(0.05, ge=0.0)  # beat the dummy baseline by at least this
    min_improvement: float = Field(0.0, ge=0.0)  # beat the champion by more than this


def _clean_default() -> CleanConfig:
    # Only row-local steps (see clean.config.steps_that_learn): the clean stage runs before the
    # split. Types: the contract has already given every column its declared type. Categories:
    # the contract refused any spelling it does not allow, and merging learns from frequencies.
    # Missing values: a median would let the test rows shape the training rows, so the model's
    # own Pipeline imputes, on training folds only.
    return CleanConfig(
        types=TypesStep(enabled=False),
        categories=CategoriesStep(enabled=False),
        missing_values=MissingValuesStep(enabled=False),
    )


class PipelineConfig(_Section):
    """Everything one pipeline run needs; read it with :func:`load_config`."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,62}$")  # experiment and registered model
    data: DataSection
    contract: Contract
    clean: CleanConfig = Field(default_factory=_clean_default)  # month 1, row-local steps
    split: SplitSection = SplitSection()
    train: TrainSection = TrainSection()
    gates: GatesSection = GatesSection()
    base_dir: Path = Path()  # where a relative data.source is resolved (the config's folder)

    def source_path(self) -> Path | None:
        """The data file, or None when ``data.source`` names a catalog dataset.

        A name with a folder or a file extension is a file; a bare name is a catalog dataset.
        """
        source = Path(self.data.source)
        if source.suffix or len(source.parts) > 1:
            return (self.base_dir / source.expanduser()).resolve()
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able copy (the contract as its dict), what the config hash is taken of."""
        out = self.model_dump(mode="json", exclude={"contract", "base_dir"})
        out["contract"] = self.contract.to_dict()
        return out

    def digest(self) -> str:
        """sha256 of the config's canonical JSON: equal configs, equal digests."""
        text = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def params(self) -> dict[str, str]:
        """The config as flat ``section.key`` strings, as MLflow logs parameters."""
        flat: dict[str, str] = {"name": self.name}
        for section in ("data", "split", "train", "gates"):
            for key, value in self.to_dict()[section].items():
                if isinstance(value, dict):
                    for sub, v in value.items():
                        flat[f"{section}.{key}.{sub}"] = str(v)
                elif isinstance(value, list):
                    flat[f"{section}.{key}"] = ",".join(str(v) for v in value)
                else:
                    flat[f"{section}.{key}"] = str(value)
        flat["contract.columns"] = str(len(self.contract.columns))
        return flat


def default_text() -> str:
    """The packaged churn config, comments and all (what ``aieng pipeline init`` writes)."""
    return resources.files("aieng.pipeline").joinpath(DEFAULT).read_text(encoding="utf-8")


def load_config(path: Path | None = None) -> PipelineConfig:
    """Read a pipeline config file; ``None``: the packaged churn pipeline."""
    if path is None:
        values = tomlfile.loads(default_text(), source=f"the default config {DEFAULT}")
        return parse(values, source=DEFAULT, base_dir=Path.cwd())
    values = tomlfile.read(path, what="pipeline config", hint=HINT)
    return parse(values, source=str(path), base_dir=Path(path).expanduser().resolve().parent)


def _refuse_learning(clean: CleanConfig, source: str) -> None:
    """A clean step that learns from the rows would run on test rows too: refuse it."""
    learning = steps_that_learn(clean)
    if learning:
        step, why = learning[0]
        raise ConfigError(
            f"{source}: [clean.{step}] learns from the rows ({why}); the clean stage runs "
            "before the split, so the test rows would shape what training sees, and serving "
            "could not do the same to one request",
            hint=f"set [clean.{step}] enabled = false"
            + (' (or action = "flag")' if step == "outliers" else "")
            + ": the model's own Pipeline imputes gaps and scales values, fitted on training "
            "rows only, and the contract declares types and categories.",
        )


def parse(values: dict[str, Any], *, source: str, base_dir: Path) -> PipelineConfig:
    """Validate a parsed TOML mapping; the first problem is named as ``section.key``."""
    values = dict(values)
    if "contract" not in values:
        raise ConfigError(
            f"{source} has no [contract] section",
            hint="declare the columns a row must have ([contract.columns.<name>] with a type); "
            "`aieng pipeline contract FILE` drafts one from a table you trust.",
        )
    values["contract"] = Contract.from_mapping(values["contract"], source=source)
    # Keys the user gives in [clean] override the pipeline's defaults, section by section.
    default_clean = _clean_default().model_dump()
    given = values.get("clean", {})
    if not isinstance(given, dict):
        raise ConfigError(f"{source}: clean must be a table, got {given!r}", hint=HINT)
    for section, keys in given.items():
        if isinstance(keys, dict) and isinstance(default_clean.get(section), dict):
            default_clean[section] = {**default_clean[section], **keys}
        else:
            default_clean[section] = keys
    values["clean"] = parse_config(default_clean, source=f"{source} [clean]")
    _refuse_learning(values["clean"], source)
    if "base_dir" in values:
        raise ConfigError(f"{source}: unknown key 'base_dir'", hint=HINT)
    try:
        return PipelineConfig.model_validate({**values, "base_dir": base_dir})
    except ValidationError as exc:
        raise tomlfile.invalid(exc, source=source, hint=HINT, model=PipelineConfig) from None

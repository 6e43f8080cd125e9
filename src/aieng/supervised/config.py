"""What a comparison runs: candidates, folds, repeats, test split, and the business case.

Every field has a default and a one-line reason. A TOML file may override any of them; a key
that is not a field is refused (with the closest names suggested) rather than silently ignored,
because a misspelt ``fold = 10`` that does nothing is worse than an error::

    folds = 10
    candidates = ["dummy", "linear", "lightgbm"]

    [business]
    offer_cost = 40.0
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, TypeAdapter, ValidationError

from aieng import tomlfile
from aieng.errors import ConfigError, unknown_name

Task = Literal["classification", "regression"]

# Names a config (or `--models`) may use; candidates.py maps each to an estimator per task.
CANDIDATES: tuple[str, ...] = (
    "dummy",
    "linear",
    "scratch_linear",
    "tree",
    "forest",
    "hist_gradient_boosting",
    "lightgbm",
)


@dataclass(frozen=True, kw_only=True)
class BusinessCase:
    """The churn retention campaign: what contacting a customer costs and what it saves.

    A customer whose churn probability is at or above the threshold gets a retention offer.
    Relative to doing nothing, contacting a customer who would have stayed costs
    ``offer_cost``; contacting one who would have left costs ``offer_cost`` and saves
    ``saved_value`` with probability ``success_rate``. So contacting pays on average when
    ``p × success_rate × saved_value > offer_cost``, i.e. above
    ``offer_cost / (success_rate × saved_value)`` if the probabilities are calibrated.
    """

    __pydantic_config__ = ConfigDict(extra="forbid")

    offer_cost: float = 60.0  # a one-month discount, about one average monthly bill (≈ 65)
    saved_value: float = 600.0  # margin of a customer kept about a year longer (assumption)
    success_rate: float = 0.3  # share of would-be churners the offer really keeps (assumption)


@dataclass(frozen=True, kw_only=True)
class CompareConfig:
    """Settings of one model comparison; every field has a default."""

    __pydantic_config__ = ConfigDict(extra="forbid")

    task: Task | None = None  # None: classification for a two-valued or text target
    candidates: tuple[str, ...] = CANDIDATES  # models to compare, by name (see CANDIDATES)
    folds: int = 5  # k of the (stratified) k-fold cross-validation
    repeats: int = 2  # repeat the k folds with new shuffles: more pairs for the t-test
    test_size: float = 0.2  # share held out, untouched until the winner is scored once
    seed: int = 0  # the one seed for splits, shuffles and every model's randomness
    positive_class: str | None = None  # the class to detect; None: the minority class
    drop: tuple[str, ...] = ()  # columns never used as features (sensitive, leaking, ids)
    domain_features: bool = True  # add the churn domain features when their columns exist
    n_jobs: int = 1  # threads for forests, LightGBM and OpenMP: a laptop stays responsive
    tree_depths: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 8, 10, 14, 20)  # validation curve
    learning_curve_points: int = 5  # training sizes on the winner's learning curve
    permutation_repeats: int = 5  # shuffles per column for permutation importance
    # more feature columns than this: every model keeps the best this many (aieng.supervised.screen)
    max_features: int = 100
    business: BusinessCase = field(default_factory=BusinessCase)  # classification only

    def __post_init__(self) -> None:
        _check(self.folds >= 2, "folds", self.folds, "at least 2")
        _check(self.repeats >= 1, "repeats", self.repeats, "at least 1")
        _check(0 < self.test_size < 1, "test_size", self.test_size, "between 0 and 1")
        _check(self.n_jobs >= 1, "n_jobs", self.n_jobs, "at least 1")
        _check(self.learning_curve_points >= 2, "learning_curve_points", 0, "at least 2")
        _check(self.permutation_repeats >= 1, "permutation_repeats", 0, "at least 1")
        _check(self.max_features >= 1, "max_features", self.max_features, "at least 1")
        _check(len(self.candidates) >= 1, "candidates", list(self.candidates), "not empty")
        b = self.business
        _check(b.offer_cost > 0, "business.offer_cost", b.offer_cost, "positive")
        _check(b.saved_value > 0, "business.saved_value", b.saved_value, "positive")
        _check(0 < b.success_rate <= 1, "business.success_rate", b.success_rate, "in (0, 1]")
        for name in self.candidates:
            if name not in CANDIDATES:
                err = unknown_name("model", name, CANDIDATES, list_command="aieng compare --help")
                raise ConfigError(f"{err.message} in candidates", hint=err.hint)


def _check(ok: bool, name: str, value: object, rule: str) -> None:
    if not ok:
        raise ConfigError(
            f"{name} must be {rule}, got {value!r}", hint=f"set {name} to a value {rule}."
        )


def config_from_mapping(
    values: dict[str, Any], *, base: CompareConfig | None = None
) -> CompareConfig:
    """Override ``base`` (default: the defaults) with ``values``; unknown keys are refused."""
    base = base or CompareConfig()
    _refuse_unknown(values, CompareConfig, "config key")
    business = values.get("business", {})
    if not isinstance(business, dict):
        raise ConfigError(
            f"business must be a table, got {business!r}",
            hint="write it as a [business] section with offer_cost, saved_value, success_rate.",
        )
    _refuse_unknown(business, BusinessCase, "business key")
    merged = {f.name: getattr(base, f.name) for f in fields(CompareConfig)}
    merged["business"] = {**vars(base.business), **business}
    merged.update({k: v for k, v in values.items() if k != "business"})
    try:
        return TypeAdapter(CompareConfig).validate_python(merged)
    except ValidationError as exc:
        raise tomlfile.invalid(
            exc,
            source="config",
            hint="see the field list and types in docs/m04-compare.md.",
            model=CompareConfig,
        ) from None


def load_config(path: Path, *, base: CompareConfig | None = None) -> CompareConfig:
    """Read a TOML config file (see the module docstring) over ``base``."""
    values = tomlfile.read(
        path,
        what="config file",
        hint="fix the line it names; strings need quotes, lists square brackets.",
    )
    return config_from_mapping(values, base=base)


def with_overrides(config: CompareConfig, **values: Any) -> CompareConfig:
    """A copy of ``config`` with the fields given (None values are ignored: not overridden)."""
    return replace(config, **{k: v for k, v in values.items() if v is not None})


def _refuse_unknown(values: dict[str, Any], kind: type, label: str) -> None:
    known = [f.name for f in fields(kind)]
    for key in values:
        if key not in known:
            err = unknown_name(label, key, known, list_command="aieng compare --help")
            raise ConfigError(err.message, hint=err.hint)

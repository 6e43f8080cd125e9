"""Month 4's project: a model comparison on two real data sets, one classification, one regression.

``aieng run m04``

1. **Telco churn** (classification, positive class "Yes"): seven candidates from a dummy to
   LightGBM, repeated stratified CV, the corrected t-test of the top two, the domain features
   measured with and without, the winner scored once on a held-out 20 %, and the retention
   offer's decision threshold chosen by expected value;
2. **ISLR Wage** (regression): the same candidates predicting the wage.

It writes ``report.html`` (both comparisons), each winner as a fitted Pipeline (joblib), and
each leaderboard as CSV plus a JSON summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aieng.datasets import get_card, load
from aieng.reports import Report
from aieng.runs.result import RunConfig, RunResult
from aieng.supervised.artifacts import save_artifacts
from aieng.supervised.comparison import Comparison, compare
from aieng.supervised.config import CANDIDATES, BusinessCase, CompareConfig
from aieng.supervised.report import add_sections

# Not features of churn: `female` (sex) and `senior_citizen` (age group) are protected
# characteristics (see the data card). A model that decides who gets a retention offer must not
# treat customers differently by sex or age; month 12's fairness audit uses them, not the model.
CHURN_DROP = ("female", "senior_citizen")
# Not features of wage: `logwage` is log(wage), the target in disguise (a perfect leak); `race`
# is a protected attribute, as in month 3; `region` has a single level (dropped anyway).
WAGE_DROP = ("logwage", "race")


@dataclass(frozen=True, kw_only=True)
class Config(RunConfig):
    """Month 4 settings; every field has a default, so ``aieng run m04`` needs none."""

    churn: str = "telco_churn"  # catalog dataset for the classification comparison
    wage: str = "islr_wage"  # catalog dataset for the regression comparison
    candidates: tuple[str, ...] = CANDIDATES  # the models compared on both
    folds: int = 5  # k of the k-fold cross-validation
    repeats: int = 2  # 2×5 folds: ten pairs for the t-test, about a minute per data set
    test_size: float = 0.2  # share held out until the winner is scored once
    n_jobs: int = 1  # threads per model; the 2-core machine is shared
    business: BusinessCase = field(default_factory=BusinessCase)  # the retention campaign


def comparison_config(
    config: Config, *, drop: tuple[str, ...], positive: str | None
) -> CompareConfig:
    """The library config for one of the two data sets."""
    return CompareConfig(
        candidates=config.candidates,
        folds=config.folds,
        repeats=config.repeats,
        test_size=config.test_size,
        seed=config.seed,
        n_jobs=config.n_jobs,
        drop=drop,
        positive_class=positive,
        business=config.business,
    )


def run(config: Config) -> RunResult:
    """Compare on churn and on wage; write the report and the artifacts into ``out_dir``."""
    churn_card = get_card(config.churn)
    churn = compare(
        load(config.churn),
        target=churn_card.target,
        config=comparison_config(config, drop=CHURN_DROP, positive=churn_card.positive_class),
    )
    wage_card = get_card(config.wage)
    wage = compare(
        load(config.wage),
        target=wage_card.target,
        config=comparison_config(config, drop=WAGE_DROP, positive=None),
    )
    report = Report(
        title="Month 4 — supervised learning: a model comparison that survives review",
        subtitle=f"{churn_card.title} ({churn.n_train + churn.n_test:,} customers) and "
        f"{wage_card.title} ({wage.n_train + wage.n_test:,} workers)",
    )
    report.metrics(_cards(churn, wage))
    add_sections(report, churn, prefix="Churn · ")
    add_sections(report, wage, prefix="Wage · ")
    path = report.write(config.out_dir / "report.html")
    artifacts = {
        **save_artifacts(churn, config.out_dir, stem="churn_"),
        **save_artifacts(wage, config.out_dir, stem="wage_"),
    }
    return RunResult(
        summary=_summary(churn, wage),
        metrics=_metrics(churn, wage),
        report=path,
        artifacts=artifacts,
    )


def _cards(churn: Comparison, wage: Comparison) -> dict[str, float | str]:
    cards: dict[str, float | str] = {
        "churn winner": churn.winner,
        "churn ROC-AUC (test)": churn.test_scores["roc_auc"],
        "wage winner": wage.winner,
        "wage R² (test)": wage.test_scores["r2"],
    }
    if churn.threshold is not None:
        cards["offer threshold"] = churn.threshold.threshold
    return cards


def _metrics(churn: Comparison, wage: Comparison) -> dict[str, float]:
    m = {f"churn_{k}_test": v for k, v in churn.test_scores.items()}
    m["churn_roc_auc_cv"] = float(churn.leaderboard["roc_auc"].iloc[0])
    if churn.top_two is not None:
        m["churn_top_two_p"] = churn.top_two.p_value
    if churn.threshold is not None:
        m["churn_threshold"] = churn.threshold.threshold
        m["churn_value_per_customer_test"] = churn.threshold.test_value
        m["churn_value_default_test"] = churn.threshold.test_value_default
    m.update({f"wage_{k}_test": v for k, v in wage.test_scores.items()})
    m["wage_rmse_cv"] = float(wage.leaderboard["rmse"].iloc[0])
    if wage.top_two is not None:
        m["wage_top_two_p"] = wage.top_two.p_value
    return m


def _summary(churn: Comparison, wage: Comparison) -> str:
    return (
        f"Churn: {churn.winner} wins (test ROC-AUC {churn.test_scores['roc_auc']:.3f}); "
        f"wage: {wage.winner} (test R² {wage.test_scores['r2']:.3f}, "
        f"RMSE {wage.test_scores['rmse']:.1f})."
    )

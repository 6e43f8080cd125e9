"""Read what month 6 wrote to the tracking store: list its runs, find one by id, compare two.

The pipeline (:mod:`aieng.pipeline`) writes one MLflow run per invocation, with the params,
metrics and tags named in :mod:`aieng.registry.tracking`. This module only reads them back as
tables, so ``aieng experiments`` (and a notebook) can answer "which run is serving, and why?"
and "what changed between these two runs?" without opening the MLflow UI.

Reading never creates anything: :func:`open_store` returns ``None`` for an embedded store whose
SQLite file does not exist yet, instead of creating an empty one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from aieng.errors import NotFoundError, UsageError, unknown_name
from aieng.registry import tracking
from aieng.registry.versions import current_champion

if TYPE_CHECKING:
    import pandas as pd
    from mlflow import MlflowClient
    from mlflow.entities import Run

MIN_PREFIX = 4  # like git: shorter prefixes would match too often to be useful
LIST_COMMAND = "aieng experiments list"
FIRST_RUN = "Run `aieng pipeline run` (or `aieng run m06`) to record one"
ROW_PARAMS = ("data.", "split.")  # params that can change which rows are held out
# Metric groups in the order a comparison shows them: the held-out result first.
_GROUPS = (
    ("held-out", "test_"),
    ("baseline", "baseline_test_"),
    ("champion", "champion_test_"),
    ("cv", "cv_"),
    ("folds", "fold_"),
)


@dataclass(frozen=True, kw_only=True)
class RunSummary:
    """One run's identity and verdict, as the tags written by the pipeline state it."""

    run_id: str  # the full 32-character MLflow run id
    name: str  # "<pipeline>-<YYYYmmdd-HHMMSS>"
    experiment: str  # the pipeline name (= the registered model name)
    started: datetime | None  # local time; None if MLflow recorded none
    status: str  # FINISHED, FAILED, RUNNING, …
    primary: str  # the primary metric, e.g. "roc_auc" ("" if the run never got that far)
    winner: str  # the model the comparison chose ("" if none)
    decision: str  # champion / challenger / rejected ("" if none)
    reason: str  # the decision in one sentence
    model_version: str  # the registered version this run produced or reused ("" if none)
    data_hash: str  # sha256 of the ingested data
    config_hash: str  # sha256 of the pipeline config


@dataclass(frozen=True, kw_only=True)
class RunDiff:
    """What differs between run ``a`` and run ``b`` (deltas are ``b - a``)."""

    a: RunSummary
    b: RunSummary
    params_changed: pd.DataFrame  # columns param, a, b (None where a run lacks the param)
    params_same_count: int  # how many params both runs have with the same value
    metrics: pd.DataFrame  # columns metric, group, a, b, delta (NaN where a run lacks it)

    @property
    def same_data(self) -> bool:
        """Both runs trained on byte-identical data (same content hash)."""
        return bool(self.a.data_hash) and self.a.data_hash == self.b.data_hash

    @property
    def same_config(self) -> bool:
        """Both runs used the same pipeline config (same config hash)."""
        return bool(self.a.config_hash) and self.a.config_hash == self.b.config_hash

    @property
    def split_changes(self) -> list[str]:
        """The changed params that can change which rows are held out (``data.*``, ``split.*``)."""
        return [p for p in self.params_changed["param"] if str(p).startswith(ROW_PARAMS)]

    @property
    def same_test_rows(self) -> bool:
        """Both runs were scored on the same held-out rows, so their test metrics compare fairly."""
        return self.same_data and not self.split_changes


def open_store(uri: str | None = None) -> MlflowClient | None:
    """A client on ``uri`` (default: the embedded store), or None if that SQLite file is absent.

    A read must not leave an empty database (and its folder) behind, so a missing embedded store
    means "no experiments yet" rather than one to create.
    """
    uri = uri or tracking.default_uri()
    if uri.startswith("sqlite:///") and not Path(uri.removeprefix("sqlite:///")).is_file():
        return None
    return tracking.connect(uri)


def require_store(uri: str | None = None) -> MlflowClient:
    """Like :func:`open_store`, but a missing store is an error (there is nothing to read)."""
    client = open_store(uri)
    if client is None:
        raise NotFoundError(
            f"there are no experiments yet: no tracking store at {uri or tracking.default_uri()}",
            hint=f"{FIRST_RUN}, or pass --tracking-uri.",
        )
    return client


def experiment_names(client: MlflowClient) -> dict[str, str]:
    """Every active experiment in the store: ``{id: name}``."""
    return {str(e.experiment_id): e.name for e in client.search_experiments()}


def list_runs(
    client: MlflowClient, *, experiment: str | None = None, limit: int = 20
) -> pd.DataFrame:
    """The newest ``limit`` runs (of ``experiment``, or of every experiment), newest first.

    Columns: the fields of :class:`RunSummary`, then test (the winner's primary metric on the
    held-out split), baseline (the dummy baseline on the same rows) and champion (True on runs
    whose model version now holds the ``champion`` alias). Raises :class:`NotFoundError` for an
    unknown experiment.
    """
    import pandas as pd
    from mlflow.entities import ViewType

    if limit < 1:
        raise UsageError(
            f"--limit must be at least 1, got {limit}", hint="give how many runs to show, e.g. 20."
        )
    names = experiment_names(client)
    ids = list(names)
    if experiment is not None:
        ids = [i for i, name in names.items() if name == experiment]
        if not ids:
            raise unknown_name("experiment", experiment, names.values(), list_command=LIST_COMMAND)
    runs = (
        client.search_runs(
            ids,
            run_view_type=ViewType.ACTIVE_ONLY,
            max_results=limit,
            order_by=["attributes.start_time DESC"],
        )
        if ids
        else []
    )
    summaries = [summarize(run, names) for run in runs]
    champions = {s.experiment: current_champion(client, s.experiment) for s in summaries}
    rows = []
    for run, s in zip(runs, summaries, strict=True):
        metrics = run.data.metrics
        held = champions[s.experiment]  # the registered model is named after the experiment
        rows.append(
            asdict(s)
            | {
                "test": metrics.get(f"test_{s.primary}", float("nan")),
                "baseline": metrics.get(f"baseline_test_{s.primary}", float("nan")),
                # A rerun that reused the champion's version holds the alias too.
                "champion": held is not None
                and (s.run_id == held.run_id or s.model_version == held.version),
            }
        )
    columns = [f.name for f in fields(RunSummary)] + ["test", "baseline", "champion"]
    return pd.DataFrame(rows, columns=columns)


def summarize(run: Run, names: dict[str, str] | None = None) -> RunSummary:
    """The identity and verdict of ``run`` (``names`` maps experiment ids to names)."""
    tags = run.data.tags
    info = run.info
    started = datetime.fromtimestamp(info.start_time / 1000) if info.start_time else None
    return RunSummary(
        run_id=info.run_id,
        name=info.run_name or "",
        experiment=(names or {}).get(str(info.experiment_id), str(info.experiment_id)),
        started=started,
        status=str(info.status),
        primary=tags.get(tracking.PRIMARY, ""),
        winner=tags.get(tracking.WINNER, ""),
        decision=tags.get(tracking.DECISION, ""),
        reason=tags.get(tracking.REASON, ""),
        model_version=tags.get(tracking.MODEL_VERSION, ""),
        data_hash=tags.get(tracking.DATA_HASH, ""),
        config_hash=tags.get(tracking.CONFIG_HASH, ""),
    )


def find_run(client: MlflowClient, ref: str) -> Run:
    """The run whose id is ``ref`` or starts with it (at least 4 characters, like git)."""
    from mlflow.entities import ViewType
    from mlflow.exceptions import MlflowException

    ref = ref.strip().lower()
    if len(ref) < MIN_PREFIX:
        raise UsageError(
            f"run id {ref!r} is too short ({len(ref)} characters; a prefix needs {MIN_PREFIX})",
            hint=f"give at least {MIN_PREFIX} characters of the id; `{LIST_COMMAND}` shows them.",
        )
    if len(ref) == 32:  # a full id: one direct lookup
        try:
            return client.get_run(ref)
        except MlflowException as exc:
            if exc.error_code != "RESOURCE_DOES_NOT_EXIST":
                raise
    else:
        ids = list(experiment_names(client))
        matches: list[Run] = []
        token: str | None = None
        while ids:  # stores are small here; MLflow cannot filter run ids by prefix
            page = client.search_runs(
                ids, run_view_type=ViewType.ACTIVE_ONLY, max_results=1000, page_token=token
            )
            matches += [run for run in page if run.info.run_id.startswith(ref)]
            token = page.token
            if not token:
                break
        if len(matches) == 1:
            return matches[0]
        if matches:
            shown = ", ".join(sorted(run.info.run_id[:12] for run in matches)[:5])
            raise UsageError(
                f"run id prefix {ref!r} is ambiguous: it matches {len(matches)} runs ({shown})",
                hint=f"give more characters of the id; `{LIST_COMMAND}` shows them.",
            )
    raise NotFoundError(
        f"no run with id {ref!r} in the tracking store {client.tracking_uri}",
        hint=f"`{LIST_COMMAND}` shows the run ids (--tracking-uri picks another store).",
    )


def compare_runs(client: MlflowClient, a: str, b: str) -> RunDiff:
    """Compare runs ``a`` and ``b`` (ids or unique prefixes): params, metrics, hashes, verdicts."""
    import pandas as pd

    run_a, run_b = find_run(client, a), find_run(client, b)
    names = experiment_names(client)
    pa, pb = run_a.data.params, run_b.data.params
    changed = [
        (k, pa.get(k), pb.get(k)) for k in sorted(pa.keys() | pb.keys()) if pa.get(k) != pb.get(k)
    ]
    same = sum(1 for k in pa.keys() & pb.keys() if pa[k] == pb[k])
    ma, mb = _comparable_metrics(client, run_a), _comparable_metrics(client, run_b)
    primary = run_b.data.tags.get(tracking.PRIMARY) or run_a.data.tags.get(tracking.PRIMARY, "")
    rows = [
        (name, group, ma.get(name, float("nan")), mb.get(name, float("nan")))
        for name, group in _ordered(ma.keys() | mb.keys(), primary)
    ]
    metrics = pd.DataFrame(rows, columns=["metric", "group", "a", "b"])
    metrics["delta"] = metrics["b"] - metrics["a"]
    return RunDiff(
        a=summarize(run_a, names),
        b=summarize(run_b, names),
        params_changed=pd.DataFrame(changed, columns=["param", "a", "b"]),
        params_same_count=same,
        metrics=metrics,
    )


def _comparable_metrics(client: MlflowClient, run: Run) -> dict[str, float]:
    """The run's metrics, each per-fold ``fold_<m>`` series replaced by its min, max and count.

    MLflow keeps only a series' last step in ``run.data.metrics``; the whole history says more.
    """
    out: dict[str, float] = {}
    for key, value in run.data.metrics.items():
        if not key.startswith("fold_"):
            out[key] = value
            continue
        values = [m.value for m in client.get_metric_history(run.info.run_id, key)]
        out[f"{key} min"], out[f"{key} max"] = min(values), max(values)
        out[f"{key} count"] = float(len(values))
    return out


def _ordered(keys: set[str], primary: str) -> list[tuple[str, str]]:
    """``(metric, group)`` pairs: held-out, baseline, champion, cv, folds, other; primary first."""

    def group_of(key: str) -> tuple[int, str]:
        for rank, (group, prefix) in enumerate(_GROUPS):
            if key.startswith(prefix):  # no prefix starts another one
                return rank, group
        return len(_GROUPS), "other"  # threshold, rows_train, rows_test

    def sort_key(key: str) -> tuple[int, bool, str]:
        rank, _ = group_of(key)
        return rank, primary == "" or primary not in key, key

    return [(key, group_of(key)[1]) for key in sorted(keys, key=sort_key)]

"""Month 10's project: the lesson of serving, run end to end on 127.0.0.1.

``aieng run m10``

1. finds the month-6 champion in the registry (and runs the month-6 pipeline first if there is
   none yet: each month builds on the one before);
2. starts the service (uvicorn, one worker) on a free local port, as ``aieng serve`` would;
3. sends what a client sends: one customer, a batch of 1,000 customers through the Python
   client, and requests that break the contract — to show the 422s;
4. sends the true outcomes back as feedback, reads the prediction log, scrapes ``/metrics``;
5. writes a report: latency, the probability distribution, decisions against outcomes, the
   error bodies, the log.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from aieng.datasets import load
from aieng.io import atomic_write
from aieng.reports import PALETTE, Report, new_figure
from aieng.runs.result import RunConfig, RunResult

BAD_REQUESTS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("a tenure below the contract's range", {"tenure": -4}),
    ("a contract type the model never saw", {"contract": "Monthly"}),
    ("text where a number belongs", {"monthly_charges": "ninety"}),
    ("a misspelt field name", {"tenur": 12}),
)


@dataclass(frozen=True, kw_only=True)
class Config(RunConfig):
    """Month 10 settings; every field has a default, so ``aieng run m10`` needs none."""

    model: str = "churn@champion"  # what the service loads from the registry
    customers: int = 1000  # rows scored through the API in batches
    batch: int = 100  # records per request
    single_requests: int = 200  # one-record requests, for the latency picture
    tracking_uri: str | None = None  # None: the embedded store under $AIENG_HOME/mlflow


@dataclass(frozen=True)
class Served:
    """What using the service showed: what the report is drawn from."""

    info: dict[str, Any]  # GET /v1/model
    frame: pd.DataFrame  # the customers sent
    scored: pd.DataFrame  # their answers, from ServiceClient.predict_frame
    latencies: np.ndarray  # ms per single-record request, as the client measured them
    batch_seconds: float  # for the whole batch
    errors: list[dict[str, Any]]  # the first problem of each refused request
    logged: pd.DataFrame  # the prediction log, read back
    metrics_text: str  # GET /metrics

    @property
    def rows_per_s(self) -> float:
        return len(self.scored) / self.batch_seconds

    def latency(self, percentile: float) -> float:
        return float(np.percentile(self.latencies, percentile))


def run(config: Config) -> RunResult:
    """Serve the champion locally, use it like a client, report what happened."""
    from aieng.registry import tracking, versions
    from aieng.serve.app import create_app
    from aieng.serve.local import running
    from aieng.serve.settings import ServeSettings

    client = tracking.connect(config.tracking_uri)
    name, _ = versions.parse_reference(config.model)
    if versions.current_champion(client, name) is None:
        _run_month_six(config)
    log_db = config.out_dir / "predictions.db"
    settings = ServeSettings(
        model=config.model,
        tracking_uri=config.tracking_uri,
        log_url=f"sqlite:///{log_db}",
    )
    app = create_app(settings)
    with running(app) as url:
        served = _use(config, url)
        served = dataclasses.replace(served, logged=app.state.service.predlog.frame())
    return _report(config, served)


def _use(config: Config, url: str) -> Served:
    """What a client does: single requests, a batch, bad requests, feedback, /metrics."""
    import httpx

    from aieng.serve.client import ServiceClient, records

    frame = load("telco_churn").sample(config.customers, random_state=config.seed)
    with ServiceClient(url) as api, httpx.Client(base_url=url, timeout=30) as raw:
        info = api.model()
        features = list(info["features"])
        first = next(iter(records(frame.head(1)[features])))
        latencies = []
        for record in records(frame.head(config.single_requests)[features]):
            started = time.perf_counter()
            api.predict(record)
            latencies.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        scored = api.predict_frame(frame, batch=config.batch)
        batch_seconds = time.perf_counter() - started
        errors = []
        for why, change in BAD_REQUESTS:
            r = raw.post("/v1/predict", json={**first, **change})
            errors.append({"request": why, "status": r.status_code, **r.json()["detail"][0]})
        for pid, outcome in zip(scored["prediction_id"], frame["churn"], strict=True):
            api.feedback(pid, str(outcome))
        metrics_text = raw.get("/metrics").text
    return Served(info, frame, scored, np.array(latencies), batch_seconds, errors,
                  pd.DataFrame(), metrics_text)  # fmt: skip


def _run_month_six(config: Config) -> None:
    """No champion yet: run the month-6 pipeline, which registers one."""
    from aieng.pipeline.config import load_config
    from aieng.pipeline.runner import run_pipeline

    run_pipeline(load_config(), tracking_uri=config.tracking_uri)


def _report(config: Config, s: Served) -> RunResult:
    """The report, one section per thing the client did; the run's result."""
    report = Report(
        title="Month 10 — the champion as a REST service",
        subtitle=f"model {s.info['name']} version {s.info['version']} on 127.0.0.1 · "
        f"{len(s.logged):,} predictions logged",
    )
    report.metrics(
        {
            "p50 latency (ms)": s.latency(50),
            "p99 latency (ms)": s.latency(99),
            "batch rows/s": s.rows_per_s,
            "threshold": float(s.info["threshold"]),
        }
    )
    _single_section(report, s)
    _batch_section(report, s, config.batch)
    _refused_section(report, s)
    with_feedback = _log_section(report, s)
    path = report.write(config.out_dir / "report.html")
    metrics_file = atomic_write(config.out_dir / "metrics.txt", s.metrics_text)
    return RunResult(
        summary=f"Served {s.info['name']} v{s.info['version']}: p50 {s.latency(50):.1f} ms, "
        f"p99 {s.latency(99):.1f} ms per request, {s.rows_per_s:,.0f} rows/s in batches; "
        f"{len(s.logged):,} predictions logged.",
        metrics={
            "latency_p50_ms": s.latency(50),
            "latency_p99_ms": s.latency(99),
            "batch_rows_per_s": s.rows_per_s,
            "logged": float(len(s.logged)),
            "feedback": float(with_feedback),
            "refused": float(sum(e["status"] == 422 for e in s.errors)),
        },
        report=path,
        artifacts={
            "predictions": Path(str(config.out_dir / "predictions.db")),
            "metrics": metrics_file,
        },
    )


def _single_section(report: Report, s: Served) -> None:
    sec = report.section(
        "One record at a time",
        intro=f"{len(s.latencies)} requests of one customer each, one after the other, through "
        "aieng.serve.client: validation against the contract, the model, the prediction log "
        "committed, the response.",
    )
    sec.notes(
        [
            f"Median {s.latency(50):.1f} ms, p99 {s.latency(99):.1f} ms per request, measured by "
            "the client (HTTP included).",
            f"How the model scores (GET /v1/model): {s.info['scoring']}.",
        ]
    )
    fig, ax = new_figure(height=3.0)
    ax.hist(s.latencies, bins=30, color=PALETTE[0])
    ax.set_xlabel("latency (ms)")
    ax.set_ylabel("requests")
    sec.figure(fig, caption="Latency of single-record requests", alt="Histogram of latencies")


def _batch_section(report: Report, s: Served, batch: int) -> None:
    truth = (s.frame["churn"] == s.info["positive_class"]).to_numpy()
    decided = s.scored["decision"].to_numpy(dtype=bool)
    sec = report.section(
        "A batch of customers",
        intro=f"{len(s.scored):,} customers sent {batch} per request with "
        "ServiceClient.predict_frame (what `aieng predict --url` does); the true churn sent "
        "back as feedback, which month 11's monitoring reads from the log.",
    )
    tp = int((decided & truth).sum())
    sec.notes(
        [
            f"{s.rows_per_s:,.0f} rows/s through the API.",
            f"{int(decided.sum()):,} customers at or above the threshold "
            f"{s.info['threshold']:.2f} would get the retention offer; {tp:,} of them did churn "
            f"({tp / max(int(decided.sum()), 1):.0%}), of {int(truth.sum()):,} churners.",
        ]
    )
    fig, ax = new_figure(height=3.0)
    probs = s.scored["probability"].to_numpy()
    ax.hist([probs[truth], probs[~truth]], bins=20, stacked=True, label=["churned", "stayed"],
            color=[PALETTE[3], PALETTE[0]])  # fmt: skip
    ax.axvline(float(s.info["threshold"]), color="black", linestyle="--", label="threshold")
    ax.set_xlabel("predicted probability of churn")
    ax.set_ylabel("customers")
    ax.legend()
    sec.figure(fig, caption="Probabilities by true outcome", alt="Stacked histogram")


def _refused_section(report: Report, s: Served) -> None:
    sec = report.section(
        "Requests that break the contract",
        intro="The request schema is generated from the month-6 data contract, so a bad field "
        "gets a 422 that names it, shows what was received and says what is allowed.",
    )
    sec.table(pd.DataFrame(s.errors), caption="The first problem of each refused request")


def _log_section(report: Report, s: Served) -> int:
    """The log's section; the number of predictions with feedback."""
    sec = report.section(
        "The prediction log",
        intro="Every prediction is committed before its 200 is sent (group commit: one "
        "transaction for the requests that arrive together).",
    )
    with_feedback = int(s.logged["outcome"].notna().sum())
    # No plot: two bars of 1,200 and 1,000 would only repeat the sentence below.
    sec.notes(
        [
            f"{len(s.logged):,} predictions logged; {with_feedback:,} with feedback.",
            # The log's latency is not the client's: a reader comparing 1.4 ms here with the
            # 21.8 ms above needs to know the two clocks start and stop in different places.
            "latency_ms is the service's own time for a request, from reading its body to its "
            "probabilities, shared by the rows of a batch; it leaves out the log's commit and "
            "HTTP, which the client's latency above includes.",
        ]
    )
    shown = ["id", "created_at", "model_version", "probability", "decision", "latency_ms",
             "outcome"]  # fmt: skip
    sec.table(s.logged[shown].head(10), caption="The newest predictions (inputs are logged too)")
    return with_feedback

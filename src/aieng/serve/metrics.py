"""Prometheus metrics of one service instance (``GET /metrics``).

Each app has its own registry, so tests (and two apps in one process) never share counters.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

# Latency buckets in seconds, dense where a fast model lives (1–50 ms).
LATENCY = (0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1.0, 2.5)


class Metrics:
    """Requests, latency, errors, predictions and the probability distribution."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "aieng_requests", "HTTP requests by route and status.", ["route", "status"], registry=r
        )
        self.latency = Histogram(
            "aieng_request_seconds", "Request latency by route.", ["route"], buckets=LATENCY,
            registry=r,
        )  # fmt: skip
        self.errors = Counter(
            "aieng_errors", "Requests that failed on the server (5xx).", ["route"], registry=r
        )
        self.predictions = Counter(
            "aieng_predictions", "Records scored, by decision.", ["decision"], registry=r
        )
        self.probability = Histogram(
            "aieng_prediction_probability", "Predicted probability of the positive class.",
            buckets=tuple(i / 10 for i in range(1, 11)), registry=r,
        )  # fmt: skip
        self.batch_rows = Histogram(
            "aieng_batch_rows", "Rows per model call (dynamic batching).",
            buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024), registry=r,
        )  # fmt: skip
        self.model_seconds = Histogram(
            "aieng_model_seconds", "Time of one model call (a batch).", buckets=LATENCY,
            registry=r,
        )  # fmt: skip
        self.model = Gauge(
            "aieng_model_info", "The model being served (value 1).", ["name", "version"],
            registry=r,
        )  # fmt: skip

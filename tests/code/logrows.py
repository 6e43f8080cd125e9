"""Helpers of the prediction-log tests: a valid Prediction, and a bounded asyncio.run."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Coroutine
from datetime import UTC, datetime
from typing import Any

from aieng.serve.predlog import Prediction

TIMEOUT_S = 20.0  # every wait on the log is bounded: a hang fails the test instead of CI


def make(**changes: Any) -> Prediction:
    fields: dict[str, Any] = {
        "id": uuid.uuid4().hex,
        "created_at": datetime.now(UTC),
        "model_name": "churn",
        "model_version": "3",
        "request_id": "req-1",
        "inputs": {"tenure": 12, "contract": "Month-to-month", "charges": 70.25, "senior": True},
        "probability": 0.75,
        "decision": True,
        "latency_ms": 3.5,
    }
    return Prediction(**{**fields, **changes})


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    async def bounded() -> Any:
        return await asyncio.wait_for(coro, TIMEOUT_S)

    return asyncio.run(bounded())

"""Exercise m10.endpoint — a FastAPI endpoint whose pydantic schema refuses bad requests.

A deployed model is a function other programs call over HTTP. The service must answer a good
request with numbers, and refuse a bad one with a 422 that names the field, *before* the model
sees it: scikit-learn would happily score a tenure of -5 months or a contract type nobody has
heard of (its one-hot encoder ignores unknown levels), silently.

Write two things:

1. ``Customer``, a pydantic model of one request body (``POST /predict``), with this contract:

   ============================  ==================================================  ========
   field                         allowed                                              required
   ============================  ==================================================  ========
   ``tenure``                    an integer from 0 to 120 (months; both inclusive)    yes
   ``monthly_charges``           a number from 0 to 200                               yes
   ``contract``                  one of "Month-to-month", "One year", "Two year"      yes
   ``paperless_billing``         true or false                                        yes
   ``total_charges``             a number of at least 0, or null                      no: null
   ============================  ==================================================  ========

   Any other field is refused (a misspelt ``total_charge`` must be a 422, not silently
   dropped), and a value must already have its field's JSON type (``"5"`` is not a tenure and
   ``"true"`` is not a boolean: a client sending them has a bug that guessing would hide):
   ``model_config = ConfigDict(extra="forbid", strict=True)``. Bounds with
   ``Field(ge=..., le=...)``, the allowed texts with ``Literal[...]``, the optional field as
   ``float | None = Field(None, ge=0)``.

2. ``create_app()``, returning a ``FastAPI`` application with one route, ``POST /predict``,
   whose body is a ``Customer`` and whose answer is the JSON object
   ``{"probability": p, "churn": p >= THRESHOLD}``, with ``p = churn_probability(customer)``
   (written for you below). FastAPI validates the body against ``Customer`` by itself and
   answers 422 when it does not fit — you write no validation code.

``call_predict`` is written for you and is what the grader calls: it sends ``body`` to your
app with FastAPI's ``TestClient`` (no server, no network) and returns the status code, the
probability and the churn flag (-1 when the answer is not a 200), and, for a 422, which fields
the error names (one 0/1 entry per field of ``FIELDS``, the last for any other location).

Check it with ``aieng check m10.endpoint``; stuck? ``aieng hint m10.endpoint``.
"""

import math
from typing import Any, Literal

import numpy as np
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field

THRESHOLD = 0.35  # churn when the probability reaches it (month 4 chose it by expected value)
FIELDS = ("tenure", "monthly_charges", "contract", "paperless_billing", "total_charges")
CONTRACT_EFFECT = {"Month-to-month": 0.0, "One year": -1.2, "Two year": -2.4}


class Customer(BaseModel):
    """One customer record: the body of ``POST /predict``."""

    # TODO: model_config = ConfigDict(extra="forbid", strict=True)
    # TODO: tenure: int from 0 to 120; monthly_charges: float from 0 to 200
    # TODO: contract: Literal["Month-to-month", "One year", "Two year"]; paperless_billing: bool
    # TODO: total_charges: float | None, at least 0, default None


def churn_probability(customer: Customer) -> float:
    """A toy logistic model (given): the probability that ``customer`` leaves."""
    z = (
        0.8
        - 0.05 * customer.tenure
        + 0.02 * customer.monthly_charges
        + CONTRACT_EFFECT[customer.contract]
        + 0.3 * customer.paperless_billing
        - 0.0002 * (customer.total_charges or 0.0)
    )
    return 1.0 / (1.0 + math.exp(-z))


def create_app() -> FastAPI:
    # TODO: app = FastAPI()
    # TODO: @app.post("/predict") def predict(customer: Customer) -> dict[str, Any]: ...
    # TODO:     p = churn_probability(customer); return {"probability": p, "churn": p >= THRESHOLD}
    # TODO: return app
    raise NotImplementedError("write create_app")


_client: TestClient | None = None


def call_predict(body: Any) -> tuple[float, float, float, np.ndarray]:
    """Graded (leave as is): POST ``body`` to /predict; (status, probability, churn, fields)."""
    global _client
    if _client is None:
        _client = TestClient(create_app())
    if isinstance(body, str):  # raw text: sent as it is, to see what invalid JSON gets
        response = _client.post(
            "/predict", content=body, headers={"content-type": "application/json"}
        )
    else:
        response = _client.post("/predict", json=body)
    fields = np.zeros(len(FIELDS) + 1)
    if response.status_code == 422:
        for error in response.json().get("detail", []):
            named = [part for part in error.get("loc", []) if part in FIELDS]
            fields[FIELDS.index(named[0]) if named else len(FIELDS)] = 1.0
    if response.status_code != 200:
        return float(response.status_code), -1.0, -1.0, fields
    answer = response.json()
    if not isinstance(answer, dict) or set(answer) != {"probability", "churn"}:
        raise ValueError(f'/predict must answer {{"probability": p, "churn": …}}, got {answer!r}')
    if not isinstance(answer["churn"], bool):
        raise TypeError(f"churn must be true or false, got {answer['churn']!r}")
    return 200.0, float(answer["probability"]), float(answer["churn"]), fields

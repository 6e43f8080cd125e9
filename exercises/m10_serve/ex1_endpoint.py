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
   ``"true"`` is not a boolean: a client sending them has a bug that guessing would hide).

2. ``create_app()``, returning a ``FastAPI`` application with one route, ``POST /predict``,
   whose body is a ``Customer`` and whose answer is the JSON object
   ``{"probability": p, "churn": p >= THRESHOLD}`` (``churn`` a JSON boolean), with
   ``p = churn_probability(customer)`` (written for you below).

The idea: pydantic checks a value against a model's type annotations — and the constraints and
configuration written beside them — and FastAPI does that with the body of a request before
your route runs, answering 422 with every problem's location when the body does not fit. So you
write no validation code: you write down the contract.

The grader sends good and bad bodies to your app through FastAPI's ``TestClient`` (no server,
no network) and compares the status, the fields a 422 names, the probability and ``churn``.

Check it with ``aieng check m10.endpoint``; stuck? ``aieng hint m10.endpoint``.
"""

import math
from typing import Any, Literal

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

THRESHOLD = 0.35  # churn when the probability reaches it (month 4 chose it by expected value)
CONTRACT_EFFECT = {"Month-to-month": 0.0, "One year": -1.2, "Two year": -2.4}


class Customer(BaseModel):
    """One customer record: the body of ``POST /predict``."""

    # TODO: the configuration: no other fields, no guessing of types
    # TODO: one annotated field per row of the table, with its bounds or its allowed texts


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
    # TODO: an application with one route, POST /predict, whose body is a Customer
    raise NotImplementedError("write create_app")

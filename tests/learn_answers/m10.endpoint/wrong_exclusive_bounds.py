# mistake: gt/lt instead of ge/le: a tenure of 0 months, or charges of exactly 200, are refused
# fails: status matches the reference
import math
from typing import Any, Literal

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

THRESHOLD = 0.35
CONTRACT_EFFECT = {"Month-to-month": 0.0, "One year": -1.2, "Two year": -2.4}


class Customer(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    tenure: int = Field(gt=0, lt=120)
    monthly_charges: float = Field(gt=0, lt=200)
    contract: Literal["Month-to-month", "One year", "Two year"]
    paperless_billing: bool
    total_charges: float | None = Field(None, ge=0)


def churn_probability(customer: Customer) -> float:
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
    app = FastAPI()

    @app.post("/predict")
    def predict(customer: Customer) -> dict[str, Any]:
        p = churn_probability(customer)
        return {"probability": p, "churn": p >= THRESHOLD}

    return app

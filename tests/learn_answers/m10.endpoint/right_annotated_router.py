# right: Annotated constraints, strict per field, and the route on an APIRouter
import math
from typing import Annotated, Literal

from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, ConfigDict, Field

THRESHOLD = 0.35
CONTRACT_EFFECT = {"Month-to-month": 0.0, "One year": -1.2, "Two year": -2.4}

Tenure = Annotated[int, Field(ge=0, le=120, strict=True)]
Charge = Annotated[float, Field(ge=0, strict=True)]


class Customer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tenure: Tenure
    monthly_charges: Annotated[float, Field(ge=0, le=200, strict=True)]
    contract: Literal["Month-to-month", "One year", "Two year"]
    paperless_billing: Annotated[bool, Field(strict=True)]
    total_charges: Charge | None = None


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
    router = APIRouter()

    @router.post("/predict")
    def predict(customer: Customer) -> dict[str, object]:
        probability = churn_probability(customer)
        return {"probability": probability, "churn": bool(probability >= THRESHOLD)}

    app = FastAPI(title="churn")
    app.include_router(router)
    return app

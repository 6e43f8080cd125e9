"""A Python client of ``aieng serve`` (httpx): score records or a whole table through the API.

::

    from aieng.serve.client import ServiceClient
    with ServiceClient("http://127.0.0.1:8000", api_key="…") as api:
        api.predict({"tenure": 2, …})                  # one record → one prediction
        scored = api.predict_frame(customers, batch=100)  # a DataFrame, 100 rows per request

Errors come back as :class:`ServiceError` with the service's own explanation (a 422 names the
field, what was received and what is allowed).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import httpx
import pandas as pd

from aieng.errors import AiengError


class ServiceError(AiengError):
    """The service refused a request, or could not be reached."""


class ServiceClient:
    """One connection pool to one service; use it as a context manager."""

    def __init__(self, url: str, *, api_key: str | None = None, timeout: float = 30.0) -> None:
        headers = {"X-API-Key": api_key} if api_key else {}
        self.url = url.rstrip("/")
        self._http = httpx.Client(base_url=self.url, headers=headers, timeout=timeout)

    def __enter__(self) -> ServiceClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections."""
        self._http.close()

    def model(self) -> dict[str, Any]:
        """``GET /v1/model``: name, version, threshold, features, the request schema."""
        out: dict[str, Any] = self._call("GET", "/v1/model")
        return out

    def predict(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Score one record."""
        out: dict[str, Any] = self._call("POST", "/v1/predict", json=dict(record))
        return out

    def predict_many(self, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Score a list of records in one request."""
        out: list[dict[str, Any]] = self._call("POST", "/v1/predict", json=records)["predictions"]
        return out

    def feedback(self, prediction_id: str, outcome: bool | str) -> dict[str, Any]:
        """Send the true outcome of an earlier prediction."""
        body = {"prediction_id": prediction_id, "outcome": outcome}
        out: dict[str, Any] = self._call("POST", "/v1/feedback", json=body)
        return out

    def predict_frame(
        self,
        frame: pd.DataFrame,
        *,
        batch: int = 100,
        progress: Callable[[int], None] | None = None,
    ) -> pd.DataFrame:
        """``frame`` (not modified) with ``prediction_id``, ``probability``, ``decision`` and
        ``label`` columns; the columns the model does not take are kept but not sent."""
        schema = self.model()["request_schema"]["properties"]
        fields = [c for c in frame.columns if c in schema]
        results: list[dict[str, Any]] = []
        for start in range(0, len(frame), batch):
            part = frame.iloc[start : start + batch]
            results += self.predict_many(list(records(part[fields])))
            if progress is not None:
                progress(len(part))
        scored = pd.DataFrame(results, index=frame.index)
        return pd.concat(
            [frame, scored[["prediction_id", "probability", "decision", "label"]]], axis=1
        )

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            r = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise ServiceError(
                f"cannot reach the service at {self.url}: {exc}",
                hint="start it with `aieng serve`, or check the --url.",
            ) from None
        if r.status_code == 200:
            return r.json()
        try:
            body = r.json()
        except ValueError:
            body = {"error": r.text[:200]}
        if r.status_code == 422 and "detail" in body:
            first = body["detail"][0]
            raise ServiceError(
                f"the service refused the request (422): {first['field']} = "
                f"{first['received']!r}: {first['message']}",
                hint=f"allowed: {first['allowed']}"
                + (f" ({len(body['detail'])} problems in all)" if len(body["detail"]) > 1 else ""),
            )
        raise ServiceError(
            f"the service answered {r.status_code}: {body.get('error', body)}",
            hint=str(body.get("hint", ""))
            or "see the service's log for this request id: " + r.headers.get("x-request-id", "?"),
        )


def records(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    """Rows as JSON-ready dicts: NumPy scalars to Python, missing values to None."""
    for row in frame.to_dict(orient="records"):
        yield {str(k): _plain(v) for k, v in row.items()}


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item"):  # NumPy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value

"""What the in-process service tests share: a churn record, the keys, the settings, a log row."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from aieng.serve.settings import ServeSettings

if TYPE_CHECKING:
    import pandas as pd
    from fastapi.testclient import TestClient

KEY = "predict-key-0123456789"
ADMIN = "admin-key-0123456789ab"
RECORD: dict[str, Any] = {
    "partner": True,
    "dependents": False,
    "tenure": 2,
    "phone_service": True,
    "multiple_lines": "No",
    "internet_service": "Fiber optic",
    "online_security": "No",
    "online_backup": "No",
    "device_protection": "No",
    "tech_support": "No",
    "streaming_tv": "Yes",
    "streaming_movies": "Yes",
    "contract": "Month-to-month",
    "paperless_billing": True,
    "payment_method": "Electronic check",
    "monthly_charges": 99.5,
    "total_charges": 199.0,
}


def settings_for(tmp_path: Path, model_dir: Path, **kw: Any) -> ServeSettings:
    """The service on ``model_dir`` with keys required, its log in ``tmp_path``; ``kw`` wins."""
    values = {
        "model_dir": model_dir,
        "log_url": f"sqlite:///{tmp_path / 'predictions.db'}",
        "api_keys": (KEY,),
        "admin_key": ADMIN,
        **kw,
    }
    return ServeSettings(**values)


def logged_row(client: TestClient, prediction_id: str) -> pd.Series:
    """The prediction log's row of ``prediction_id``, found by id: a log may hold other rows.

    The service that the reading tests share (``shared_client``) logs every one of their
    predictions, so "the first row" would be whichever test came first."""
    frame = client.app.state.service.predlog.frame()  # type: ignore[attr-defined]
    return frame.set_index("id").loc[prediction_id]

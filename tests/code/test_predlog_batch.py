"""The service's side of the prediction log: UUIDv7 ids, the columnar Predictions batch, and
multi-row INSERTs. Round trips run on SQLite and PostgreSQL (the ``log`` fixture)."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

import numpy as np
import pytest
from logrows import make, run

from aieng.serve import predlog_db as db
from aieng.serve.prediction import rows_of
from aieng.serve.predlog import LogError, PredictionLog, Predictions, new_ids

INPUTS = {"tenure": 12, "contract": "Month-to-month", "charges": 70.25, "senior": None}


def batch(n: int, **changes: object) -> Predictions:
    rng = np.random.default_rng(n)
    p = rng.random(n)
    fields: dict[str, object] = {
        "ids": new_ids(n),
        "inputs": [dict(INPUTS, tenure=i) for i in range(n)],
        "probabilities": p.tolist(),
        "decisions": (p >= 0.5).tolist(),
        "created_at": datetime.now(UTC),
        "model_name": "churn",
        "model_version": "3",
        "request_id": "req-9",
        "latency_ms": 2.5,
    }
    return Predictions(**{**fields, **changes})  # type: ignore[arg-type]


def test_new_ids_are_uuid7_unique_and_in_time_order() -> None:
    before = time.time_ns() // 1_000_000
    first = new_ids(5000)
    time.sleep(0.002)
    later = new_ids(3)
    assert len(set(first)) == 5000 and all(len(i) == 32 for i in first)
    parsed = [uuid.UUID(i) for i in first]
    assert {u.version for u in parsed} == {7} and {u.variant for u in parsed} == {uuid.RFC_4122}
    millis = {int(i[:12], 16) for i in first}
    assert len(millis) == 1 and before <= millis.pop() <= time.time_ns() // 1_000_000
    assert max(first) < min(later)  # a later millisecond sorts after: the index grows at its end


def test_a_batch_is_stored_as_its_rows_would_be(log: PredictionLog) -> None:
    rows = batch(250)  # more than one multi-row INSERT (db.ROWS_PER_INSERT)
    assert len(rows) > db.ROWS_PER_INSERT
    run(log.write(rows))
    assert log.count() == 250
    stored = log.frame().set_index("id").loc[list(rows.ids)]
    assert stored["inputs"].tolist() == list(rows.inputs)
    assert stored["probability"].tolist() == list(rows.probabilities)
    assert stored["decision"].tolist() == list(rows.decisions)
    assert set(stored["request_id"]) == {"req-9"} and set(stored["latency_ms"]) == {2.5}
    # The same table rows as one Prediction object per row gives.
    one_by_one = rows_of(list(rows), text_time=True)
    assert rows.table_rows(text_time=True) == one_by_one


def test_a_batch_is_checked_when_made() -> None:
    with pytest.raises(LogError, match="3 ids, 2 inputs"):
        batch(3, inputs=[INPUTS, INPUTS])
    with pytest.raises(LogError, match=r"probability 1.5 is not in \[0, 1\]"):
        batch(2, probabilities=[0.5, 1.5])
    with pytest.raises(LogError, match=r"probability nan is not in \[0, 1\]"):
        batch(2, probabilities=[float("nan"), 0.5])
    with pytest.raises(LogError, match="has no timezone"):
        batch(1, created_at=datetime(2026, 11, 25, 12, 0))


def test_nan_in_inputs_fails_its_write_unless_declared_finite(log: PredictionLog) -> None:
    bad = batch(2, inputs=[INPUTS, {**INPUTS, "charges": float("inf")}])
    with pytest.raises(LogError, match="NaN or infinity"):
        run(log.write(bad))
    run(log.write([make()]))  # the log goes on
    assert log.count() == 1
    assert db.to_json({"x": [1.0, {"y": np.float32("nan")}]}, finite=True)  # not looked at
    with pytest.raises(ValueError, match="NaN or infinity"):
        db.to_json({"x": [1.0, {"y": np.float32("nan")}]})


def test_insert_statements_are_built_once_per_size() -> None:
    sql = db.insert_sql("qmark", 2)
    assert sql.count("(?, ?, ?, ?, ?, ?, ?, ?, ?)") == 2
    assert db.insert_sql("qmark", 2) is sql
    assert "%s" in db.insert_sql("pyformat")

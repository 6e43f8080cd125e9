"""A logged prediction, as the prediction log stores it: one row (:class:`Prediction`), or the
rows of one request held column by column (:class:`Predictions`), and the ids they get.

Both are checked when they are made (a naive time, a probability outside [0, 1]), so a bad row
is refused where it is created, not when a transaction fails later.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import repeat
from operator import attrgetter
from typing import Any

import numpy as np

from aieng.serve import predlog_db as db
from aieng.serve.predlog_db import PREDICTIONS, LogError


def new_ids(n: int) -> list[str]:
    """``n`` new prediction ids: UUIDv7s (RFC 9562) as 32 hex digits, from one system call.

    A UUIDv7 begins with the time in milliseconds; the other 74 of its bits are random, so ids
    stay unique across workers and hosts. Time first matters for the database: new rows land at
    the end of the primary-key index. With random uuid4 ids every row went to a different index
    page, SQLite wrote each of those pages to its journal, and inserting 100 rows took 1.7× as
    long.
    """
    millis = (time.time_ns() // 1_000_000).to_bytes(6, "big")
    raw = np.frombuffer(os.urandom(16 * n), dtype=np.uint8).reshape(n, 16).copy()
    raw[:, :6] = np.frombuffer(millis, dtype=np.uint8)  # 48 bits of Unix time in ms
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x70  # version 7
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80  # the RFC's variant
    text = raw.tobytes().hex()
    return [text[i : i + 32] for i in range(0, 32 * n, 32)]


@dataclass(frozen=True, slots=True)
class Prediction:
    """One logged prediction (a row of the ``predictions`` table)."""

    id: str  # a UUIDv7 as 32 hex digits, made by the service (new_ids)
    created_at: datetime  # when it was made; timezone-aware (stored as UTC)
    model_name: str
    model_version: str
    request_id: str
    inputs: Mapping[str, Any]  # the validated record, stored as JSON
    probability: float  # of the positive class, in [0, 1]
    decision: bool  # probability ≥ the model's threshold
    latency_ms: float

    def __post_init__(self) -> None:
        # Naive datetimes are ambiguous (local time? UTC?); month 11 compares times across hosts.
        if self.created_at.tzinfo is None:
            raise LogError(
                f"prediction {self.id!r}: created_at {self.created_at.isoformat()} has no timezone",
                hint="pass a timezone-aware time, e.g. datetime.now(UTC).",
            )
        if not 0.0 <= self.probability <= 1.0:  # also catches NaN
            raise LogError(
                f"prediction {self.id!r}: probability {self.probability!r} is not in [0, 1]",
                hint="log the model's predict_proba output for the positive class.",
            )


@dataclass(frozen=True)
class Predictions:
    """The predictions of one request, column by column: what its rows share is stored once.

    This is what the service writes. One :class:`Prediction` object per row, checked one by
    one, cost about as much as the model on 100-row requests; here the checks run once per
    request and the table rows are zipped together from the columns.
    """

    ids: Sequence[str]  # UUIDv7s (new_ids), one per row
    inputs: Sequence[Mapping[str, Any]]  # the validated records
    probabilities: Sequence[float]  # of the positive class, each in [0, 1]
    decisions: Sequence[bool]
    created_at: datetime  # timezone-aware, as for Prediction
    model_name: str
    model_version: str
    request_id: str
    latency_ms: float
    # True when the inputs are known to hold no NaN or infinity, as the service's validated
    # records (its request model refuses them); the check per value is then skipped.
    inputs_finite: bool = False

    def __post_init__(self) -> None:
        n = len(self.ids)
        sizes = {len(self.inputs), len(self.probabilities), len(self.decisions)}
        if sizes != {n}:
            raise LogError(
                f"predictions of request {self.request_id!r}: {n} ids, {len(self.inputs)} "
                f"inputs, {len(self.probabilities)} probabilities, {len(self.decisions)} decisions",
                hint="pass one of each per row.",
            )
        if self.created_at.tzinfo is None:
            raise LogError(
                f"predictions of request {self.request_id!r}: created_at "
                f"{self.created_at.isoformat()} has no timezone",
                hint="pass a timezone-aware time, e.g. datetime.now(UTC).",
            )
        p = np.asarray(self.probabilities, dtype=float)
        outside = ~((p >= 0.0) & (p <= 1.0))  # also catches NaN
        if outside.any():
            bad = float(p[outside][0])
            raise LogError(
                f"predictions of request {self.request_id!r}: probability {bad!r} is not in [0, 1]",
                hint="log the model's predict_proba output for the positive class.",
            )

    def __len__(self) -> int:
        return len(self.ids)

    def table_rows(self, text_time: bool) -> list[tuple[Any, ...]]:
        """The ``predictions`` rows (``predlog_db.to_rows``): the shared values repeated."""
        n = len(self.ids)
        return db.to_rows(
            self.ids,
            repeat(self.created_at, n),
            repeat(self.model_name, n),
            repeat(self.model_version, n),
            repeat(self.request_id, n),
            self.inputs,
            self.probabilities,
            self.decisions,
            repeat(self.latency_ms, n),
            text_time=text_time,
            finite=self.inputs_finite,
        )

    def __iter__(self) -> Iterator[Prediction]:
        """The rows, one :class:`Prediction` each."""
        for pid, inputs, p, d in zip(
            self.ids, self.inputs, self.probabilities, self.decisions, strict=True
        ):
            yield Prediction(
                id=pid,
                created_at=self.created_at,
                model_name=self.model_name,
                model_version=self.model_version,
                request_id=self.request_id,
                inputs=inputs,
                probability=p,
                decision=d,
                latency_ms=self.latency_ms,
            )


_FIELDS = attrgetter(*PREDICTIONS.c.keys())  # a Prediction's fields are the table's columns


def rows_of(predictions: Sequence[Prediction], text_time: bool) -> list[tuple[Any, ...]]:
    """:func:`to_rows` for Prediction objects (none: no rows, e.g. for a feedback job)."""
    if not predictions:
        return []
    return db.to_rows(*zip(*map(_FIELDS, predictions), strict=True), text_time=text_time)

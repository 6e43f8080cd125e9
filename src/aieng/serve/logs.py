"""Structured logs: one JSON object per line, with the request id, ready for any log shipper.

API keys are never logged: the access log records the method, path, status and time only.
"""

from __future__ import annotations

import logging
import logging.config
from datetime import UTC, datetime
from typing import Any

import orjson

# The attributes every LogRecord has; anything else came from ``extra=`` and is logged.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """``{"time": …, "level": …, "logger": …, "message": …, <extra fields>}``."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        out.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            out["error"] = self.formatException(record.exc_info)
        return orjson.dumps(out, default=str).decode()  # str(): whatever orjson cannot encode


def dict_config(level: str = "info") -> dict[str, Any]:
    """JSON lines on stderr for our loggers and uvicorn's; uvicorn's access log is off (ours
    has the request id). A ``logging.config.dictConfig`` dict: uvicorn applies it in every
    worker process, so ``--workers 2`` logs the same way as one."""
    handler = {"class": "logging.StreamHandler", "formatter": "json"}
    named = {"handlers": ["json"], "level": level.upper(), "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {"json": handler},
        "loggers": {
            "aieng.serve": named,
            "uvicorn": named,
            "uvicorn.error": named,
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
        },
    }


def configure(level: str = "info") -> None:
    """Apply :func:`dict_config` in this process."""
    logging.config.dictConfig(dict_config(level))

"""The service's settings: environment variables (``AIENG_SERVE_…``), or an env file if asked.

Twelve-factor style: the same image runs in development and production, and only the
environment differs. Secrets are ``SecretStr`` (never printed, never logged). Outside
development the service refuses to start with a placeholder or short admin key: a default
secret is the first thing an attacker tries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from aieng.errors import ConfigError

PLACEHOLDERS = {"", "change-me", "changeme", "admin", "secret", "password", "test", "dev"}
MIN_KEY_LENGTH = 16  # shorter keys can be guessed; `openssl rand -hex 16` makes a good one


class ServeSettings(BaseSettings):
    """Everything ``aieng serve`` can be told; CLI options override the environment."""

    # No env_file here: a .env in whatever folder the service starts from could point it at
    # another model and another log. One is read only when asked: `aieng serve --env-file F`.
    model_config = SettingsConfigDict(env_prefix="AIENG_SERVE_", extra="ignore", frozen=True)

    model: str = "churn@champion"  # NAME@ALIAS or NAME/VERSION in the registry
    model_dir: Path | None = None  # an exported MLflow model folder instead of the registry
    tracking_uri: str | None = None  # None: the embedded store under $AIENG_HOME/mlflow
    host: str = "127.0.0.1"  # 0.0.0.0 in a container, to accept connections from outside it
    port: int = Field(8000, ge=1, le=65535)
    workers: int = Field(1, ge=1, le=64)  # measure before adding: see docs/m10-serve.md
    environment: Literal["development", "production"] = "development"
    # Empty: /v1/predict is open (development). Comma-separated in the environment.
    api_keys: Annotated[tuple[SecretStr, ...], NoDecode] = ()
    admin_key: SecretStr = SecretStr("")  # empty: the admin endpoints are switched off
    max_batch: int = Field(1000, ge=1)  # records in one /v1/predict request
    max_body_bytes: int = Field(1_048_576, ge=1024)  # larger bodies get 413 before parsing
    log_url: str | None = None  # prediction log; None: SQLite under $AIENG_HOME/serve
    # The model in a child process, off the event loop's GIL (see aieng.serve.worker). None:
    # only a model that is not compiled (a compiled one scores in microseconds, less than the
    # trip to the child costs); True / False: always / never.
    model_process: bool | None = None
    # Score with the Pipeline compiled to NumPy when it gives the same probabilities (see
    # aieng.serve.compiled); False always calls the scikit-learn Pipeline itself.
    compile_model: bool = True
    # What one client may cost (aieng.serve.protocol; measured figures in docs/m10-serve.md).
    max_header_bytes: int = Field(16_384, ge=1024)  # request line + headers; 431 beyond
    header_timeout_s: float = Field(10.0, gt=0)  # first byte to last header; 408 beyond
    body_timeout_s: float = Field(30.0, gt=0)  # the whole body, however slowly sent; 408
    keep_alive_s: int = Field(5, ge=1)  # an idle connection between two requests is closed
    max_connections: int = Field(1000, ge=1)  # per worker; the longest-waiting one makes room
    max_in_flight: int = Field(256, ge=1)  # requests handled at once per worker; 503 beyond
    # The sha256 the model's files must have (`aieng pipeline export` prints it). None: the
    # registry's recorded digest, or a --model-dir folder's own sha256.txt (aieng.integrity).
    model_sha256: str | None = Field(None, pattern=r"^[0-9a-fA-F]{64}$")

    def to_env(self) -> dict[str, str]:
        """The settings that differ from the defaults, as the environment variables that set
        them: how ``aieng serve --workers N`` hands its options to the worker processes."""
        out = {}
        for name, spec in type(self).model_fields.items():
            value = getattr(self, name)
            if value is not None and value != spec.default:
                out[f"AIENG_SERVE_{name.upper()}"] = _env_text(value)
        return out

    @field_validator("api_keys", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        """ "a, b" → ("a", "b"). A blank key is dropped: it would match a request sending none."""
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list | tuple):
            return tuple(k for k in (_text(v).strip() for v in value) if k)
        return value

    @model_validator(mode="after")
    def _safe_keys(self) -> ServeSettings:
        if self.environment == "development":
            return self
        admin = self.admin_key.get_secret_value()
        if admin.lower() in PLACEHOLDERS or len(admin) < MIN_KEY_LENGTH:
            raise ConfigError(
                "refusing to start in production with a placeholder or short admin key "
                f"({len(admin)} characters)",
                hint=f"set AIENG_SERVE_ADMIN_KEY to a random secret of {MIN_KEY_LENGTH}+ "
                "characters (e.g. `openssl rand -hex 16`), or AIENG_SERVE_ENVIRONMENT="
                "development on your own machine.",
            )
        if not self.api_keys:
            raise ConfigError(
                "refusing to start in production with no API key: /v1/predict would be open "
                "to anyone who can reach the port",
                hint="set AIENG_SERVE_API_KEYS to one or more random keys, comma-separated "
                "(e.g. `openssl rand -hex 16` each).",
            )
        short = [k for k in self.api_keys if len(k.get_secret_value()) < MIN_KEY_LENGTH]
        if short:
            raise ConfigError(
                f"refusing to start in production: {len(short)} API key(s) shorter than "
                f"{MIN_KEY_LENGTH} characters",
                hint="use random keys, e.g. `openssl rand -hex 16`.",
            )
        return self


def _text(value: object) -> str:
    return value.get_secret_value() if isinstance(value, SecretStr) else str(value)


def _env_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ",".join(_text(v) for v in value)
    return _text(value)

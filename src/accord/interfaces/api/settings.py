"""Server settings: from arguments, else from the environment, else safe defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass

from accord.errors import AccordError

DEFAULT_MAX_BODY_BYTES = 1_048_576  # 1 MiB: about 170,000 words of article text per request
DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_DOCUMENTS = 100
LOOPBACK_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "::1", "[::1]")


class SettingsError(AccordError):
    code = "bad_setting"
    exit_code = 2


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """How the server behaves. `token` None means writing is disabled (never open).

    - `token`: the bearer token that `POST /v1/documents` requires (env `ACCORD_API_TOKEN`).
    - `max_body_bytes`: larger request bodies are refused with 413 (env `ACCORD_MAX_BODY_BYTES`).
    - `timeout_s`: a request still running after this many seconds is answered 504
      (env `ACCORD_REQUEST_TIMEOUT`).
    - `cors_origins`: origins allowed to call the API from a browser; empty = CORS closed.
    - `allowed_hosts`: Host header values accepted (guards against DNS rebinding); `*` = any.
    - `max_documents`: documents per `POST /v1/documents`.
    - `pool_size`: store connections kept open for concurrent requests.
    """

    token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    timeout_s: float = DEFAULT_TIMEOUT_S
    cors_origins: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = ("*",)
    max_documents: int = DEFAULT_MAX_DOCUMENTS
    pool_size: int = 8

    def __post_init__(self) -> None:
        if self.token is not None and len(self.token) < 16:
            raise SettingsError("ACCORD_API_TOKEN is too short", input="<hidden>", valid="16 characters or more")
        if self.max_body_bytes < 1024:
            raise SettingsError(f"max body size {self.max_body_bytes} is too small",
                                input=str(self.max_body_bytes), valid="1024 bytes or more")
        if not self.timeout_s > 0:
            raise SettingsError(f"timeout {self.timeout_s} must be positive", input=str(self.timeout_s))
        if self.pool_size < 1 or self.max_documents < 1:
            raise SettingsError("pool size and max documents must be 1 or more",
                                input=f"{self.pool_size},{self.max_documents}")

    @classmethod
    def from_env(cls, **overrides: object) -> ApiSettings:
        """Settings from ACCORD_API_TOKEN, ACCORD_MAX_BODY_BYTES and ACCORD_REQUEST_TIMEOUT;
        keyword arguments that are not None win."""
        values: dict[str, object] = {
            "token": os.environ.get("ACCORD_API_TOKEN") or None,
            "max_body_bytes": _env_number("ACCORD_MAX_BODY_BYTES", int, DEFAULT_MAX_BODY_BYTES),
            "timeout_s": _env_number("ACCORD_REQUEST_TIMEOUT", float, DEFAULT_TIMEOUT_S),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _env_number(name: str, kind: type[int] | type[float], default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return kind(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number", input=raw) from None


def loopback_hosts(host: str) -> tuple[str, ...]:
    """Host header values to accept when serving on `host`: loopback names, else any."""
    return LOOPBACK_HOSTS if host in LOOPBACK_HOSTS else ("*",)

"""One settings object for every stage, instead of long keyword lists.

`Settings.resolve(None | dict | Settings)` gives a frozen, validated object. Fields can be
set from the environment with the `VPDOCS_` prefix (`VPDOCS_CACHE_DIR`, `VPDOCS_DOCS_URL`,
`VPDOCS_OPENDATA_URL`, ...), so tests and deployments point vpdocs elsewhere without code.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Backend = Literal["pdfplumber", "pdfium"]


def _default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("vpdocs"))


class Settings(BaseSettings):
    """How vpdocs runs: PDF backend, network politeness, cache, limits."""

    model_config = SettingsConfigDict(env_prefix="VPDOCS_", frozen=True, extra="forbid")

    # extract
    backend: Backend = "pdfplumber"
    # fetch
    docs_url: str = "https://docs.vlaamsparlement.be"
    opendata_url: str = "https://ws.vlpar.be/e/opendata"
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    timeout: float = Field(default=30.0, gt=0, description="Seconds per HTTP request.")
    retries: int = Field(default=4, ge=0)
    backoff: float = Field(default=1.0, ge=0, description="First retry delay in seconds; doubles.")
    max_backoff: float = Field(default=60.0, ge=0)
    rate_limit: float = Field(default=2.0, gt=0, description="Requests per second per host.")
    max_parallel_downloads: int = Field(default=4, ge=1)
    max_download_bytes: int = Field(default=200 * 1024 * 1024, gt=0)
    cache_max_age: float = Field(
        default=30 * 24 * 3600.0, ge=0, description="Seconds before a cached file is revalidated."
    )
    ignore_robots: bool = False

    @field_validator("docs_url", "opendata_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @classmethod
    def resolve(
        cls, value: Settings | Mapping[str, Any] | None = None, **overrides: Any
    ) -> Settings:
        """Accept None (defaults and environment), a mapping or an instance; apply overrides."""
        base = value if isinstance(value, Settings) else cls(**dict(value or {}))
        changes = {key: val for key, val in overrides.items() if val is not None}
        if not changes:
            return base
        return cls(**{**base.model_dump(), **changes})

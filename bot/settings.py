"""Every knob credbot has, read from the environment or a `.env` file.

One place, so `credbot doctor` and the README can list them and nothing reads os.environ ad hoc.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    data = Path(platformdirs.user_data_dir("credbot", appauthor=False))
    return f"sqlite:///{data / 'credbot.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = Field(default_factory=default_database_url, alias="DATABASE_URL")
    knowledge_dir: Path | None = Field(default=None, alias="CREDBOT_KNOWLEDGE_DIR")
    staff: str = Field(default="", alias="CREDBOT_STAFF")
    secret: str = Field(default="", alias="CREDBOT_SECRET")
    http_port: int | None = Field(default=None, alias="CREDBOT_HTTP_PORT")
    context_ttl_seconds: float = Field(default=900.0, alias="CREDBOT_CONTEXT_TTL")
    log_level: str = Field(default="WARNING", alias="CREDBOT_LOG_LEVEL")

"""Every knob credbot has, read from the environment or a `.env` file.

One place, so `credbot doctor` and the README can list them and nothing reads os.environ ad hoc.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_database_url() -> str:
    data = Path(platformdirs.user_data_dir("credbot", appauthor=False))
    return f"sqlite:///{data / 'credbot.sqlite3'}"


class Settings(BaseSettings):
    # An empty variable ("CREDBOT_KNOWLEDGE_DIR=" in an env file) means not set, not "." or "".
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      populate_by_name=True, env_ignore_empty=True)

    # core
    database_url: str = Field(default_factory=default_database_url, alias="DATABASE_URL")
    knowledge_dir: Path | None = Field(default=None, alias="CREDBOT_KNOWLEDGE_DIR")
    staff: str = Field(default="", alias="CREDBOT_STAFF")  # comma-separated platform:user ids
    # comma-separated slack:TEAM and discord:SERVER-ID whose admins (and DISCORD_STAFF_ROLE) are staff:
    # a Discord bot can be invited to anyone's server, and a Slack app installed in any workspace
    staff_spaces: str = Field(default="", alias="CREDBOT_STAFF_SPACES")
    secret: str = Field(default="", alias="CREDBOT_SECRET")  # keys the hashes of user ids in records
    # at least a day: 0 read as "keep nothing" deleted every record at the first start; at most a
    # hundred years, as reports look back (999999 overflowed the calendar at every start)
    retention_days: int = Field(default=90, ge=1, le=36_500, alias="CREDBOT_RETENTION_DAYS")
    # whom learners write to about their data ("privacy@example.edu, the data protection officer"): named
    # when they ask what is kept, who sees their badges, or whom to ask for a copy or deletion
    privacy_contact: str = Field(default="", max_length=200, alias="CREDBOT_PRIVACY_CONTACT")
    http_port: int | None = Field(default=None, ge=1, le=65535, alias="CREDBOT_HTTP_PORT")
    # (0 or less forgot every conversation at once: follow-ups silently stopped working)
    context_ttl_seconds: float = Field(default=900.0, gt=0, alias="CREDBOT_CONTEXT_TTL")
    watch_knowledge: bool = Field(default=False, alias="CREDBOT_WATCH_KNOWLEDGE")  # reload on file change
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(default="WARNING",
                                                                                alias="CREDBOT_LOG_LEVEL")
    log_format: Literal["text", "json"] = Field(default="text", alias="CREDBOT_LOG_FORMAT")
    semantic: bool = Field(default=False, alias="CREDBOT_SEMANTIC")  # match by meaning as well (pip install '.[semantic]' in credbot's folder)
    embedding_model_dir: Path | None = Field(default=None, alias="CREDBOT_EMBEDDING_MODEL_DIR")
    cache_dir: Path = Field(default_factory=lambda: Path(platformdirs.user_cache_dir("credbot", appauthor=False)),
                            alias="CREDBOT_CACHE_DIR")

    # Slack
    slack_bot_token: str = Field(default="", alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str = Field(default="", alias="SLACK_SIGNING_SECRET")
    slack_app_token: str = Field(default="", alias="SLACK_APP_TOKEN")  # Socket Mode when set
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")
    slack_client_id: str = Field(default="", alias="SLACK_CLIENT_ID")
    slack_client_secret: str = Field(default="", alias="SLACK_CLIENT_SECRET")
    slack_state_secret: str = Field(default="", alias="SLACK_STATE_SECRET")

    # Discord
    discord_token: str = Field(default="", alias="DISCORD_TOKEN")
    discord_api_url: str = Field(default="", alias="DISCORD_API_URL")  # e.g. http://host/api/v10
    discord_gateway_url: str = Field(default="", alias="DISCORD_GATEWAY_URL")
    discord_guild_ids: str = Field(default="", alias="DISCORD_GUILD_IDS")  # comma-separated
    discord_message_content: bool = Field(default=False, alias="DISCORD_MESSAGE_CONTENT")
    # with DISCORD_MESSAGE_CONTENT=1: channels (comma-separated ids, threads included) answered in full
    discord_channel_ids: str = Field(default="", alias="DISCORD_CHANNEL_IDS")
    discord_shards: int | None = Field(default=None, ge=1, alias="DISCORD_SHARDS")
    # with DISCORD_SHARDS: which of them this process runs ("0-3", "4,5"), to spread shards over processes
    discord_shard_ids: str = Field(default="", alias="DISCORD_SHARD_IDS")
    discord_staff_role: str = Field(default="", alias="DISCORD_STAFF_ROLE")

    @field_validator("log_level", "log_format", mode="before")
    @classmethod
    def _any_case(cls, value: object) -> object:
        """`info` is as good as `INFO`, `JSON` as `json`; a level that is none ("LOUD") is refused."""
        if not isinstance(value, str):
            return value
        return value.strip().lower() if value.strip().lower() in ("text", "json") else value.strip().upper()

    @property
    def staff_ids(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.staff.split(",") if part.strip())

    @property
    def staff_space_ids(self) -> frozenset[str]:
        return frozenset(part.strip().lower() for part in self.staff_spaces.split(",") if part.strip())

"""The badge features' settings, read from the environment or `.env` like every credbot setting."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.badges.fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT


class BadgeSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      populate_by_name=True, env_ignore_empty=True)  # "NAME=" is not set

    # 1: never fetch anything while verifying (hosted badges then stay "unverified")
    offline: bool = Field(default=False, alias="CREDBOT_BADGES_OFFLINE")
    http_timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0, alias="CREDBOT_BADGES_HTTP_TIMEOUT")
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1024, alias="CREDBOT_BADGES_MAX_BYTES")
    # 1: also fetch from loopback and private network addresses (an issuer or Badgr server on your own
    # network); off, a badge pasted in a chat cannot make the bot reach them
    private_hosts: bool = Field(default=False, alias="CREDBOT_BADGES_PRIVATE_HOSTS")
    # where `badges import --badgr-token` and `--credly` read from, when not given on the command line
    badgr_url: str = Field(default="https://api.badgr.io", alias="CREDBOT_BADGES_BADGR_URL")
    credly_url: str = Field(default="https://www.credly.com", alias="CREDBOT_BADGES_CREDLY_URL")
    # where to send people who are not linked to a learner yet
    link_help: str = Field(default="", alias="CREDBOT_BADGES_LINK_HELP")

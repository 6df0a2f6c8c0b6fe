"""The one Discord setting only this adapter reads, from the environment or `.env` like the rest."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class DiscordExtras(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      populate_by_name=True)

    # With DISCORD_MESSAGE_CONTENT=1: channels (comma-separated ids) where credbot answers every
    # message, not only mentions. Threads inside them count too.
    discord_channel_ids: str = Field(default="", alias="DISCORD_CHANNEL_IDS")

"""The Slack adapter's tables (OAuth installations and states), free of any Slack library import so
the migrations can load them without pulling Slack into the core.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.records import utcnow


class SlackInstallation(SQLModel, table=True):
    """One workspace (or Enterprise Grid org) that installed credbot, with its bot token."""

    __tablename__ = "slack_installation"
    __table_args__ = (sa.UniqueConstraint("client_id", "enterprise_id", "team_id", name="uq_slack_installation"),)

    id: int | None = Field(default=None, primary_key=True)
    client_id: str = Field(max_length=64)
    enterprise_id: str = Field(default="", max_length=32)  # "" rather than NULL keeps the key unique
    team_id: str = Field(default="", max_length=32)
    is_enterprise_install: bool = False
    app_id: str | None = Field(default=None, max_length=32)
    bot_token: str
    bot_id: str | None = Field(default=None, max_length=32)
    bot_user_id: str | None = Field(default=None, max_length=32)
    bot_scopes: str = ""
    installer_user_id: str | None = Field(default=None, max_length=32)
    installed_at: dt.datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class SlackOAuthState(SQLModel, table=True):
    """A state handed to Slack at the start of an install; valid once, for ten minutes."""

    __tablename__ = "slack_oauth_state"

    state: str = Field(primary_key=True, max_length=200)
    expires_at: dt.datetime = Field(index=True, sa_type=sa.DateTime(timezone=True))

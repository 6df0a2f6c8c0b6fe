"""Several workspaces: the OAuth install flow's tokens and states, kept in credbot's own database.

Bolt's ready-made stores keep their own tables outside our migrations (or in local files a second
process cannot see); these two small stores keep the same facts in tables under credbot's Alembic
migrations, on the same database every bot process shares. Only the bot token is needed: credbot
asks for no user scopes.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import hmac
import logging
import secrets
from logging import Logger

import sqlalchemy as sa
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from bot.records import utcnow
from bot.settings import Settings

from adapters.slack.models import SlackInstallation, SlackOAuthState

log = logging.getLogger(__name__)
BOT_SCOPES = ("app_mentions:read", "chat:write", "commands", "files:read", "im:history", "im:read",
              "users:read", "users:read.email")
STATE_LIFETIME = dt.timedelta(minutes=10)


def _key(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None) -> tuple[str, str]:
    # an org-wide install answers for every workspace of the org
    return (enterprise_id or "", "" if is_enterprise_install else (team_id or ""))


class DatabaseInstallationStore(AsyncInstallationStore):
    def __init__(self, db: sa.Engine, client_id: str):
        self.db, self.client_id = db, client_id
        self._logger = log

    @property
    def logger(self) -> Logger:
        return self._logger

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self._save, installation)

    def _save(self, installation: Installation) -> None:
        enterprise, team = _key(installation.enterprise_id, installation.team_id, installation.is_enterprise_install)
        table = SlackInstallation.__table__
        row = dict(client_id=self.client_id, enterprise_id=enterprise, team_id=team,
                   is_enterprise_install=bool(installation.is_enterprise_install), app_id=installation.app_id,
                   bot_token=installation.bot_token or "", bot_id=installation.bot_id,
                   bot_user_id=installation.bot_user_id, bot_scopes=",".join(installation.bot_scopes or []),
                   installer_user_id=installation.user_id, installed_at=utcnow())
        with self.db.begin() as conn:  # a reinstall replaces the old token in one transaction
            conn.execute(sa.delete(table).where(table.c.client_id == self.client_id,
                                                table.c.enterprise_id == enterprise, table.c.team_id == team))
            conn.execute(sa.insert(table).values(**row))

    async def async_save_bot(self, bot: Bot) -> None:
        await self.async_save(Installation(app_id=bot.app_id, enterprise_id=bot.enterprise_id, team_id=bot.team_id,
                                           bot_token=bot.bot_token, bot_id=bot.bot_id, bot_user_id=bot.bot_user_id,
                                           bot_scopes=bot.bot_scopes, user_id="",
                                           is_enterprise_install=bot.is_enterprise_install))

    def _find(self, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None):
        enterprise, team = _key(enterprise_id, team_id, is_enterprise_install)
        table = SlackInstallation.__table__
        with self.db.connect() as conn:
            return conn.execute(sa.select(table).where(
                table.c.client_id == self.client_id, table.c.enterprise_id == enterprise,
                table.c.team_id == team)).mappings().first()

    async def async_find_bot(self, *, enterprise_id: str | None, team_id: str | None,
                             is_enterprise_install: bool | None = False) -> Bot | None:
        row = await asyncio.to_thread(self._find, enterprise_id, team_id, is_enterprise_install)
        if row is None:
            return None
        return Bot(app_id=row["app_id"], enterprise_id=row["enterprise_id"] or None, team_id=row["team_id"] or None,
                   bot_token=row["bot_token"], bot_id=row["bot_id"], bot_user_id=row["bot_user_id"],
                   bot_scopes=row["bot_scopes"], is_enterprise_install=row["is_enterprise_install"],
                   installed_at=row["installed_at"].timestamp() if row["installed_at"] else None)

    async def async_find_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                      user_id: str | None = None,
                                      is_enterprise_install: bool | None = False) -> Installation | None:
        row = await asyncio.to_thread(self._find, enterprise_id, team_id, is_enterprise_install)
        if row is None:
            return None
        return Installation(app_id=row["app_id"], enterprise_id=row["enterprise_id"] or None,
                            team_id=row["team_id"] or None, bot_token=row["bot_token"], bot_id=row["bot_id"],
                            bot_user_id=row["bot_user_id"], bot_scopes=row["bot_scopes"],
                            user_id=row["installer_user_id"] or "", is_enterprise_install=row["is_enterprise_install"])

    async def async_delete_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                        user_id: str | None = None) -> None:
        await asyncio.to_thread(self._delete, enterprise_id, team_id)

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await asyncio.to_thread(self._delete, enterprise_id, team_id)

    def _delete(self, enterprise_id: str | None, team_id: str | None) -> None:
        table = SlackInstallation.__table__
        with self.db.begin() as conn:
            conn.execute(sa.delete(table).where(table.c.client_id == self.client_id,
                                                table.c.enterprise_id == (enterprise_id or ""),
                                                table.c.team_id.in_([team_id or "", ""])))


class DatabaseStateStore(AsyncOAuthStateStore):
    """States signed with SLACK_STATE_SECRET and stored once: a forged or replayed one fails."""

    def __init__(self, db: sa.Engine, secret: str):
        self.db, self.secret = db, secret.encode()
        self._logger = log

    @property
    def logger(self) -> Logger:
        return self._logger

    def _sign(self, nonce: str) -> str:
        return hmac.new(self.secret, nonce.encode(), hashlib.sha256).hexdigest()[:32]

    async def async_issue(self, *args, **kwargs) -> str:
        nonce = secrets.token_urlsafe(24)
        state = f"{nonce}.{self._sign(nonce)}"
        table = SlackOAuthState.__table__

        def insert() -> None:
            with self.db.begin() as conn:
                conn.execute(sa.delete(table).where(table.c.expires_at < utcnow()))
                conn.execute(sa.insert(table).values(state=state, expires_at=utcnow() + STATE_LIFETIME))

        await asyncio.to_thread(insert)
        return state

    async def async_consume(self, state: str) -> bool:
        nonce, _, signature = state.partition(".")
        if not nonce or not hmac.compare_digest(signature, self._sign(nonce)):
            return False
        table = SlackOAuthState.__table__

        def consume() -> bool:
            with self.db.begin() as conn:
                done = conn.execute(sa.delete(table).where(table.c.state == state, table.c.expires_at >= utcnow()))
                return done.rowcount == 1

        return await asyncio.to_thread(consume)


def oauth_settings(settings: Settings, db: sa.Engine) -> AsyncOAuthSettings | None:
    """The OAuth flow when SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are all set."""
    if not (settings.slack_client_id and settings.slack_client_secret and settings.slack_state_secret):
        return None
    return AsyncOAuthSettings(
        client_id=settings.slack_client_id, client_secret=settings.slack_client_secret, scopes=list(BOT_SCOPES),
        user_scopes=[], installation_store=DatabaseInstallationStore(db, settings.slack_client_id),
        installation_store_bot_only=True, state_store=DatabaseStateStore(db, settings.slack_state_secret),
    )

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from adapters.slack.app import SlackBot
from adapters.slack.installations import oauth_settings
from adapters.slack.serve import start_site, web_app
from bot.runtime import Runtime, running
from bot.settings import Settings
from tests.postgres import throwaway_database
from tests.slack.fakes import TEAM, FakeSlack, sign

SECRET = "test-signing-secret"
TOKEN = "xoxb-test-token"
@pytest.fixture
def postgres_url() -> Iterator[str]:
    with throwaway_database("credbot_slack") as url:
        yield url


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    slack = FakeSlack()
    runner, slack.port = await start_site(slack.app(), "127.0.0.1", 0)
    slack.users = {
        "ULEARNER": {"id": "ULEARNER", "name": "lea", "is_admin": False,
                     "profile": {"email": "lea@example.org", "display_name": "Lea"}},
        "UADMIN": {"id": "UADMIN", "name": "ada", "is_admin": True, "profile": {"email": "ada@example.org"}},
    }
    yield slack
    await runner.cleanup()


def settings_for(fake: FakeSlack, database: Path | str, **extra: Any) -> Settings:
    """Settings for a bot talking to the fake; `database` is an SQLite file or a database URL."""
    url = database if isinstance(database, str) else f"sqlite:///{database}"
    values = {"DATABASE_URL": url, "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SECRET,
              "SLACK_API_URL": fake.api_url, "CREDBOT_SECRET": "x",
              "CREDBOT_STAFF_SPACES": f"slack:{TEAM}", **extra}
    return Settings(_env_file=None, **values)


class Bot:
    """A running credbot Slack app (HTTP mode) and a way to send it signed requests."""

    def __init__(self, bot: SlackBot, url: str, session: aiohttp.ClientSession):
        self.bot, self.url, self.session = bot, url, session

    @property
    def runtime(self) -> Runtime:
        return self.bot.runtime

    async def post(self, body: str, content_type: str, headers: dict[str, str] | None = None,
                   timestamp: int | None = None, secret: str = SECRET) -> tuple[int, str]:
        all_headers = {"Content-Type": content_type, **sign(secret, body, timestamp), **(headers or {})}
        async with self.session.post(self.url + "/slack/events", data=body.encode(), headers=all_headers) as r:
            return r.status, await r.text()

    async def event(self, event: dict[str, Any], event_id: str = "Ev1", headers: dict[str, str] | None = None,
                    **kwargs: Any) -> tuple[int, str]:
        payload = {"token": "t", "team_id": TEAM, "api_app_id": "A1", "type": "event_callback",
                   "event_id": event_id, "event_time": int(time.time()), "event": event,
                   "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}]}
        return await self.post(json.dumps(payload), "application/json", headers, **kwargs)

    async def command(self, text: str, user: str = "ULEARNER", channel: str = "C1",
                      response_url: str = "") -> tuple[int, str]:
        form = {"token": "t", "team_id": TEAM, "channel_id": channel, "user_id": user, "command": "/credbot",
                "text": text, "response_url": response_url, "trigger_id": "trig1", "api_app_id": "A1"}
        return await self.post(urlencode(form), "application/x-www-form-urlencoded")

    async def interact(self, payload: dict[str, Any]) -> tuple[int, str]:
        payload = {"team": {"id": TEAM}, "api_app_id": "A1", "trigger_id": "trig2", **payload}
        return await self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")


@asynccontextmanager
async def serving(settings: Settings, **bot_kwargs: Any) -> AsyncIterator[Bot]:
    with running(settings) as rt:
        if "skills" in bot_kwargs:
            for name, skill in bot_kwargs.pop("skills").items():
                setattr(rt.engine, name, skill)
        if bot_kwargs.pop("oauth", False):
            bot_kwargs["oauth_settings"] = oauth_settings(settings, rt.db)
        bot = SlackBot(rt, **bot_kwargs)
        runner, port = await start_site(web_app(bot), "127.0.0.1", 0)
        async with aiohttp.ClientSession() as session:
            try:
                yield Bot(bot, f"http://127.0.0.1:{port}", session)
            finally:
                await runner.cleanup()
                await bot.close()


@pytest.fixture
async def slack(fake: FakeSlack, tmp_path: Path) -> AsyncIterator[Bot]:
    async with serving(settings_for(fake, tmp_path / "credbot.sqlite3")) as bot:
        yield bot


def mention(text: str, ts: str = "1700000001.000100", thread_ts: str | None = None, user: str = "ULEARNER",
            channel: str = "C1") -> dict[str, Any]:
    event = {"type": "app_mention", "user": user, "text": f"<@UBOT> {text}", "ts": ts, "channel": channel,
             "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct(text: str, ts: str = "1700000002.000100", user: str = "ULEARNER") -> dict[str, Any]:
    return {"type": "message", "channel_type": "im", "user": user, "text": text, "ts": ts, "channel": "D1",
            "event_ts": ts}


def texts(call) -> str:
    """Every piece of text a posted message would show (blocks and fallback), joined."""
    parts = [call.body.get("text") or ""]
    for block in call.blocks():
        if "text" in block and isinstance(block["text"], dict):
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            parts.append(element["text"]["text"] if isinstance(element.get("text"), dict) else element.get("text", ""))
    return "\n".join(parts)



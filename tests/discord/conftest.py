"""A real credbot Discord client connected to a fake Discord on 127.0.0.1, with a real database."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from adapters.discord import endpoints
from adapters.discord.client import Credbot
from bot.dedupe import SeenEvents
from bot.engine import Engine
from tests.discord.fake_discord import FakeDiscord

TOKEN = "fake-token"


@pytest.fixture
async def fake():
    server = FakeDiscord()
    await server.start()
    endpoints.configure(server.api_url, server.gateway_url)
    yield server
    endpoints.configure()
    await server.stop()
    unsafe = [r for r in server.requests if sends_message(r) and not mentions_off(r)]
    assert not unsafe, f"messages sent without allowed_mentions none: {unsafe}"


def sends_message(request) -> bool:
    """A request that posts or edits a message (deferrals and command syncs carry no message)."""
    if request.method == "POST" and request.path.endswith("/callback"):
        return (request.body or {}).get("type") in (4, 7)
    if request.path.startswith("/webhooks/"):
        return request.method in ("POST", "PATCH")
    return request.method in ("POST", "PATCH") and "/messages" in request.path and request.path.startswith("/channels/")


def message_body(request) -> dict:
    body = request.body or {}
    return body.get("data", body) if request.path.endswith("/callback") else body


def mentions_off(request) -> bool:
    allowed = message_body(request).get("allowed_mentions")
    return (allowed is not None and allowed.get("parse") == [] and not allowed.get("users")
            and not allowed.get("roles") and not allowed.get("replied_user"))


@contextlib.asynccontextmanager
async def connected(fake: FakeDiscord, db, engine: Engine, client=Credbot, **options):
    """A started client, ready (READY and the server received), closed afterwards."""
    options.setdefault("guild_ready_timeout", 0.05)
    bot = client(engine=engine, db=db, seen=SeenEvents(db), **options)
    task = asyncio.create_task(bot.start(TOKEN, reconnect=False))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        await asyncio.wait_for(asyncio.shield(bot.sync_task), 10)
        yield bot
    finally:
        await bot.close()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(task, 5)


@pytest.fixture
async def bot(fake, db, engine):
    async with connected(fake, db, engine) as client:
        yield client


@pytest.fixture(scope="session")
def _indexed(bundled_kb) -> Engine:
    return Engine(bundled_kb)


@pytest.fixture
def engine(_indexed) -> Engine:
    """A fresh engine on the bundled knowledge base, sharing the index built once (it is read-only)."""
    import copy

    from bot.conversation import ConversationStore
    from bot.engine import NoBadgeStore, NoStaffTools, NullRecorder

    fresh = copy.copy(_indexed)
    fresh.badges, fresh.staff, fresh.recorder = NoBadgeStore(), NoStaffTools(), NullRecorder()
    fresh.conversations = ConversationStore(900.0)
    return fresh

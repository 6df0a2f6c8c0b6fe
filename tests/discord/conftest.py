"""A real credbot Discord client connected to a fake Discord on 127.0.0.1, with a real database."""

from __future__ import annotations

import asyncio
import contextlib

import pytest

from adapters.discord import endpoints
from adapters.discord.client import Credbot
from bot import database
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


@pytest.fixture
def db(tmp_path):
    engine = database.create(f"sqlite:///{tmp_path / 'credbot.sqlite3'}")
    database.upgrade(engine)
    yield engine
    engine.dispose()


@contextlib.asynccontextmanager
async def connected(fake: FakeDiscord, db, engine: Engine, **options):
    """A started client, ready (READY and the server received), closed afterwards."""
    bot = Credbot(engine=engine, db=db, seen=SeenEvents(db), **options)
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

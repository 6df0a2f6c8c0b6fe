"""The auto-sharded client against a fake Discord that shards as Discord does: each connection
identifies as its shard, gets READY with `shard: [id, count]` and only its own servers, and events
about a server arrive on that server's shard."""

from __future__ import annotations

import asyncio

import pytest

from adapters.discord.client import ShardedCredbot
from tests.discord.conftest import connected
from tests.discord.fake_discord import (APP_ID, BOTH_GUILDS, GUILD_ID, OTHER_CHANNEL_ID, OTHER_GUILD_ID,
                                        FakeDiscord)
from tests.discord.test_cli import credbot, free_port, healthy, sigterm
from tests.discord.test_e2e import callback


@pytest.fixture
async def sharded_fake(fake):
    fake.guilds = BOTH_GUILDS
    fake.max_concurrency = 2  # both shards may identify at once, as Discord allows large bots
    return fake


async def test_two_shards_each_answer_their_own_server(sharded_fake, db, engine):
    fake = sharded_fake
    async with connected(fake, db, engine, client=ShardedCredbot, shard_count=2, max_concurrency=2) as bot:
        assert sorted(i["shard"] for i in fake.identifies) == [[0, 2], [1, 2]]
        assert bot.shard_count == 2 and sorted(bot.shards) == [0, 1]
        assert all(not info.is_closed() for info in bot.shards.values())
        here, there = bot.get_guild(int(GUILD_ID)), bot.get_guild(int(OTHER_GUILD_ID))
        assert (here.shard_id, there.shard_id) == (1, 0)
        assert fake.shard_of(GUILD_ID) == 1 and fake.shard_of(OTHER_GUILD_ID) == 0

        first = await fake.slash("ask", {"question": "can a badge expire?"}, guild_id=GUILD_ID)  # on shard 1
        second = await fake.slash("ask", {"question": "what is an open badge?"}, guild_id=OTHER_GUILD_ID)  # shard 0
        answers = [await callback(fake, iid) for iid in (first, second)]
        assert all(a["type"] == 4 and a["data"]["embeds"] for a in answers)
        assert "expire" in answers[0]["data"]["embeds"][0]["title"].lower()
        assert answers[0]["data"]["embeds"][0]["title"] != answers[1]["data"]["embeds"][0]["title"]

        mid = await fake.mention("what is an open badge?", guild_id=OTHER_GUILD_ID)  # a message on shard 0
        (sent,) = await fake.wait_for("POST", f"/channels/{OTHER_CHANNEL_ID}/messages")
        assert sent.body["message_reference"]["message_id"] == int(mid)
    assert len(fake.calls("PUT", f"/applications/{APP_ID}/commands")) == 1  # one sync, not one per shard


async def test_run_discord_shards_when_discord_advises_it(tmp_path, monkeypatch):
    """`credbot run discord` without DISCORD_SHARDS asks `GET /gateway/bot`; advised two, it runs
    the auto-sharded client, and both shards answer."""
    monkeypatch.delenv("DISCORD_SHARDS", raising=False)
    fake = FakeDiscord(recommended_shards=2, max_concurrency=2, guilds=BOTH_GUILDS)
    await fake.start()
    port = free_port()
    env = {"DISCORD_TOKEN": "fake-token", "DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'credbot.sqlite3'}", "CREDBOT_HTTP_PORT": str(port),
           "CREDBOT_LOG_LEVEL": "INFO"}
    process = await credbot(env, "run", "discord")
    try:
        await fake.wait_for("PUT", f"/applications/{APP_ID}/commands", timeout=30)
        assert await healthy(port)  # ready only once both shards are
        assert sorted(i["shard"] for i in fake.identifies) == [[0, 2], [1, 2]]
        for guild in (GUILD_ID, OTHER_GUILD_ID):
            iid = await fake.slash("ask", {"question": "is a micromasters a degree?"}, guild_id=guild)
            (answer,) = await fake.wait_for("POST", f"/interactions/{iid}/", timeout=10)
            assert answer.body["type"] == 4
    finally:
        code, stderr = await sigterm(process, fake)
    assert code == 0, stderr
    assert "connecting 2 shards" in stderr and "Traceback" not in stderr


async def test_sigterm_while_shards_are_still_connecting_stops_cleanly(tmp_path):
    """Discord lets this bot identify one shard at a time, so the second shard waits its turn; a
    SIGTERM then must stop the process, not leave discord.py launching shards after close."""
    fake = FakeDiscord(max_concurrency=1, guilds=BOTH_GUILDS)
    await fake.start()
    env = {"DISCORD_TOKEN": "fake-token", "DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'credbot.sqlite3'}", "CREDBOT_LOG_LEVEL": "INFO",
           "DISCORD_SHARDS": "2"}
    process = await credbot(env, "run", "discord")
    try:
        await asyncio.wait_for(fake.identified.wait(), 30)  # shard 0 is in; shard 1 is waiting its turn
        await fake.wait_for("PUT", "/commands", timeout=15)
    finally:
        code, stderr = await sigterm(process, fake)
    assert code == 0, stderr
    assert [i["shard"] for i in fake.identifies][:1] == [[0, 2]] and len(fake.identifies) <= 2
    assert "Traceback" not in stderr and "Retrying" not in stderr

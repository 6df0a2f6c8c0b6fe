"""The auto-sharded client against a fake Discord that shards as Discord does: each connection
identifies as its shard, gets READY with `shard: [id, count]` and only its own servers, and events
about a server arrive on that server's shard."""

from __future__ import annotations

import asyncio
import signal

import pytest

from adapters.discord.client import ShardedCredbot
from tests.discord.conftest import connected
from tests.discord.fake_discord import (APP_ID, BOTH_GUILDS, GUILD_ID, OTHER_CHANNEL_ID, OTHER_GUILD_ID,
                                        FakeDiscord)
from tests.discord.test_cli import credbot, healthy, sigterm
from tests.ports import free_port
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


def test_shard_ids_parse_ranges_and_lists_and_explain_mistakes():
    from adapters.discord.client import parse_shard_ids

    assert parse_shard_ids("0-2, 5", 8) == [0, 1, 2, 5]
    assert parse_shard_ids("3,3,1", 4) == [1, 3]
    for raw, says in (("8", "numbered 0 to 7"), ("a", "not a shard number"), ("3-1", "backwards"), (",", "no shard")):
        with pytest.raises(ValueError, match=says):
            parse_shard_ids(raw, 8)


async def test_two_processes_split_the_shards_and_each_answers_its_own_server(tmp_path):
    """DISCORD_SHARDS=2 in both, DISCORD_SHARD_IDS=0 in one and 1 in the other: each identifies
    only as its own shard, and a server's questions are answered by the process holding its shard."""
    fake = FakeDiscord(max_concurrency=2, guilds=BOTH_GUILDS)
    await fake.start()
    base = {"DISCORD_TOKEN": "fake-token", "DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'credbot.sqlite3'}", "CREDBOT_LOG_LEVEL": "INFO",
            "DISCORD_SHARDS": "2"}
    processes = [await credbot({**base, "DISCORD_SHARD_IDS": str(i)}, "run", "discord") for i in (0, 1)]
    try:
        for _ in range(300):  # two processes start, migrate and connect: allow a slow machine 30 s
            if len(fake.identifies) == 2:
                break
            await asyncio.sleep(0.1)
        assert sorted(i["shard"] for i in fake.identifies) == [[0, 2], [1, 2]]
        for guild in (GUILD_ID, OTHER_GUILD_ID):  # on shards 1 and 0: one process each
            iid = await fake.slash("ask", {"question": "what is an open badge?"}, guild_id=guild)
            (answer,) = await fake.wait_for("POST", f"/interactions/{iid}/", timeout=15)
            assert answer.body["type"] == 4
        assert len(fake.identifies) == 2  # neither process connected a shard of the other's
    finally:
        for p in processes:
            p.send_signal(signal.SIGTERM)
        results = []
        for p in processes:
            try:
                await asyncio.wait_for(p.wait(), 20)
            finally:
                if p.returncode is None:
                    p.kill()
                    await p.wait()
            results.append((p.returncode, (await p.stderr.read()).decode()))
        await fake.stop()
    for code, stderr in results:
        assert code == 0, stderr
        assert "Traceback" not in stderr
    assert any("connecting shards 0 of 2" in e for _, e in results)
    assert any("connecting shards 1 of 2" in e for _, e in results)


async def test_shard_ids_without_a_total_is_a_clear_error(tmp_path):
    env = {"DISCORD_TOKEN": "fake-token", "DATABASE_URL": f"sqlite:///{tmp_path / 'credbot.sqlite3'}",
           "DISCORD_SHARD_IDS": "0-1"}
    process = await credbot(env, "run", "discord")
    _, stderr = await process.communicate()
    assert process.returncode == 2 and "DISCORD_SHARD_IDS needs DISCORD_SHARDS" in stderr.decode()
    wrong = await credbot({**env, "DISCORD_SHARDS": "2", "DISCORD_SHARD_IDS": "2"}, "run", "discord")
    _, stderr = await wrong.communicate()
    assert wrong.returncode == 2 and "numbered 0 to 1" in stderr.decode()

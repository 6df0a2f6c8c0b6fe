"""`credbot doctor --live` asks Discord (here the fake REST API over HTTP) whether the token works."""

from __future__ import annotations

from tests.discord.fake_discord import FakeDiscord
from tests.slack.test_doctor_live import doctor_live

TOKEN = "MTAxMDEwMTAxMDEwMTAxMDEw.GabcDE.abcdefghijklmnopqrstuvwxyz0123456789AB"


def env(fake: FakeDiscord, tmp_path) -> dict[str, str]:
    return {"DISCORD_TOKEN": TOKEN, "DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'd.sqlite3'}"}


async def test_a_token_discord_accepts_is_reported_with_the_bot_and_its_shards(tmp_path):
    fake = FakeDiscord(accepted_token=TOKEN, recommended_shards=3, max_concurrency=2)
    await fake.start()
    try:
        code, out = await doctor_live(env(fake, tmp_path))
    finally:
        await fake.stop()
    assert "[ok] discord (live): token accepted for bot credbot" in out
    assert "advises 3 shard(s), 2 identifying at once" in out
    assert any(r.path == "/users/@me" and r.headers.get("Authorization") == f"Bot {TOKEN}" for r in fake.requests)


async def test_a_token_discord_refuses_fails_the_check(tmp_path):
    fake = FakeDiscord(accepted_token="some-other-token")
    await fake.start()
    try:
        code, out = await doctor_live(env(fake, tmp_path))
    finally:
        await fake.stop()
    assert code == 1 and "[fail] discord (live): Discord refused DISCORD_TOKEN" in out

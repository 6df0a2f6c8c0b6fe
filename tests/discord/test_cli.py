"""`credbot run discord` as other tools drive it: a new SQLite file, only the configured URLs,
logs on stderr, commands synced, `/ask` answered, a clean exit on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import aiohttp

from tests.conftest import ROOT
from tests.discord.fake_discord import APP_ID, FakeDiscord
from tests.ports import free_port


async def credbot(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, cwd=ROOT, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def sigterm(process: asyncio.subprocess.Process, fake: FakeDiscord) -> tuple[int | None, str]:
    """Stop `credbot run discord` as an orchestrator would; (exit code, standard error)."""
    try:
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 20)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await fake.stop()
    return code, (await process.stderr.read()).decode()


async def healthy(port: int, attempts: int = 100) -> bool:
    """Polls /healthz until it says ready (readiness waits briefly for servers to arrive)."""
    async with aiohttp.ClientSession() as http:
        for _ in range(attempts):
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                if response.status == 200 and (await response.json())["ready"]:
                    return True
            await asyncio.sleep(0.1)
    return False


async def test_run_discord_against_the_fake_then_sigterm(tmp_path):
    fake = FakeDiscord(gateway_bot=False)  # like a proxy without /gateway/bot: one connection
    await fake.start()
    port = free_port()
    database = tmp_path / "new" / "credbot.sqlite3"
    env = {"DISCORD_TOKEN": "fake-token", "DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url,
           "DATABASE_URL": f"sqlite:///{database}", "CREDBOT_HTTP_PORT": str(port), "CREDBOT_LOG_LEVEL": "INFO"}
    process = await credbot(env, "run", "discord")
    try:
        await asyncio.wait_for(fake.identified.wait(), 30)
        (put,) = await fake.wait_for("PUT", f"/applications/{APP_ID}/commands", timeout=15)
        assert any(c["name"] == "ask" and c["options"][0]["name"] == "question" for c in put.body)
        iid = await fake.slash("ask", {"question": "is a micromasters a degree?"})
        (answer,) = await fake.wait_for("POST", f"/interactions/{iid}/")
        assert answer.body["type"] == 4 and answer.body["data"]["allowed_mentions"]["parse"] == []
        assert await healthy(port)
    finally:
        code, stderr = await sigterm(process, fake)
    assert code == 0, stderr
    assert "Traceback" not in stderr
    assert "synced" in stderr and database.exists()
    hosts = {r.headers.get("Host") for r in fake.requests}
    assert hosts == {f"127.0.0.1:{fake.port}"}


async def test_invite_url_asks_the_application_id(tmp_path):
    fake = FakeDiscord()
    await fake.start()
    try:
        env = {"DISCORD_TOKEN": "fake-token", "DISCORD_API_URL": fake.api_url,
               "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
        process = await credbot(env, "discord", "invite-url")
        out, err = await asyncio.wait_for(process.communicate(), 30)
    finally:
        await fake.stop()
    assert process.returncode == 0, err.decode()
    assert f"client_id={APP_ID}" in out.decode() and "applications.commands" in out.decode()


async def test_run_discord_without_a_token_says_what_to_set(tmp_path):
    process = await credbot({"DISCORD_TOKEN": "", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"},
                            "run", "discord")
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2 and b"DISCORD_TOKEN" in err and b"Traceback" not in err


async def test_run_discord_with_a_bad_channel_id_says_which(tmp_path):
    env = {"DISCORD_TOKEN": "fake-token", "DISCORD_CHANNEL_IDS": "123,general",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}"}
    process = await credbot(env, "run", "discord")
    out, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 2 and b"'general' is not a Discord id" in err and b"Traceback" not in err

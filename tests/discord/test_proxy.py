"""Discord behind an outbound proxy: `credbot run discord` sends its REST calls, opens its gateway
websocket and downloads attachments through the proxy HTTP_PROXY / HTTPS_PROXY names (NO_PROXY
respected), and says which proxy it uses with the password hidden."""

from __future__ import annotations

import asyncio
import base64

import pytest

from adapters.discord import endpoints
from tests.discord.fake_discord import APP_ID, FakeDiscord
from tests.discord.test_cli import credbot, sigterm
from tests.ports import free_port
from tests.slack.test_doctor_live import doctor_live

PASSWORD = "s3cret-Pw"


def behind(proxy_url: str, fake: FakeDiscord, tmp_path) -> dict[str, str]:
    """The environment of a credbot whose only way out is `proxy_url` (both spellings: lower case wins)."""
    return {"DISCORD_TOKEN": "fake-token", "DISCORD_API_URL": fake.api_url, "DISCORD_GATEWAY_URL": fake.gateway_url,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'credbot.sqlite3'}", "CREDBOT_LOG_LEVEL": "INFO",
            "CREDBOT_BADGES_OFFLINE": "1", "HTTP_PROXY": proxy_url, "http_proxy": proxy_url,
            "NO_PROXY": "", "no_proxy": ""}


def with_password(proxy_url: str) -> str:
    return proxy_url.replace("http://", f"http://credbot:{PASSWORD}@")


@pytest.fixture
def environment(monkeypatch):
    """A clean proxy environment for the tests that read it in this process."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    yield monkeypatch
    endpoints.configure()


async def test_rest_gateway_and_attachments_go_through_the_proxy(local_proxy, tmp_path):
    fake = FakeDiscord(gateway_bot=False)
    await fake.start()
    process = await credbot(behind(with_password(local_proxy.url), fake, tmp_path), "run", "discord")
    try:
        await asyncio.wait_for(fake.identified.wait(), 30)
        await fake.wait_for("PUT", f"/applications/{APP_ID}/commands", timeout=15)
        iid = await fake.slash("ask", {"question": "is a micromasters a degree?"})
        await fake.wait_for("POST", f"/interactions/{iid}/")
        await fake.direct_message("is this real?", attachments=(fake.attachment("notes.json", b'{"x": 1}'),))
        await fake.wait_for("GET", "/attachments/")
    finally:
        code, stderr = await sigterm(process, fake)
    assert code == 0, stderr
    forwarded = [f"{f.method} {f.url}" for f in local_proxy.seen]
    api = fake.api_url
    assert f"GET {api}/users/@me" in forwarded
    assert f"PUT {api}/applications/{APP_ID}/commands" in forwarded
    assert any(f.startswith(f"POST {api}/interactions/{iid}/") for f in forwarded)
    assert any(f.websocket and f.url.startswith(fake.gateway_url.replace("ws://", "http://"))
               for f in local_proxy.seen)
    assert any("/attachments/" in f and "notes.json" in f for f in forwarded)
    # nothing went direct: every request the fake received is one the proxy forwarded
    assert len(fake.requests) == sum(not f.websocket for f in local_proxy.seen)
    credentials = "Basic " + base64.b64encode(f"credbot:{PASSWORD}".encode()).decode()
    assert {f.authorization for f in local_proxy.seen} == {credentials}
    assert f"through the proxy http://credbot:***@127.0.0.1:{local_proxy.port}" in stderr
    assert PASSWORD not in stderr


async def test_an_unreachable_proxy_is_named_in_the_error_without_its_password(tmp_path):
    fake = FakeDiscord()
    await fake.start()
    dead = f"http://127.0.0.1:{free_port()}"
    try:
        process = await credbot(behind(with_password(dead), fake, tmp_path), "run", "discord")
        _, err = await asyncio.wait_for(process.communicate(), 30)
    finally:
        await fake.stop()
    stderr = err.decode()
    assert process.returncode == 2, stderr
    assert f"cannot reach Discord through the proxy {with_password(dead).replace(PASSWORD, '***')}" in stderr
    assert PASSWORD not in stderr and "Traceback" not in stderr
    assert fake.requests == []  # it did not fall back to connecting directly


async def test_the_token_check_and_the_invite_link_ask_discord_through_the_proxy(local_proxy, tmp_path):
    fake = FakeDiscord()
    await fake.start()
    try:
        env = behind(with_password(local_proxy.url), fake, tmp_path)
        code, out = await doctor_live(env)
        invite = await credbot(env, "discord", "invite-url")
        link, _ = await asyncio.wait_for(invite.communicate(), 30)
    finally:
        await fake.stop()
    assert "[ok] discord (live): token accepted" in out and f"client_id={APP_ID}" in link.decode()
    forwarded = [f"{f.method} {f.url}" for f in local_proxy.seen]
    assert forwarded.count(f"GET {fake.api_url}/users/@me") == 2
    assert f"GET {fake.api_url}/gateway/bot" in forwarded
    assert f"GET {fake.api_url}/oauth2/applications/@me" in forwarded
    assert len(fake.requests) == len(forwarded)


def test_discord_s_own_api_takes_the_https_proxy(environment):
    environment.setenv("HTTP_PROXY", "http://plain.example:3128")
    environment.setenv("HTTPS_PROXY", "proxy.example:3128")
    endpoints.configure()
    proxy = endpoints.proxy()
    assert proxy is not None and proxy.url == "http://proxy.example:3128"
    assert endpoints.client_options(proxy) == {"proxy": "http://proxy.example:3128"}


def test_no_proxy_listing_the_api_host_connects_directly(environment):
    environment.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    environment.setenv("NO_PROXY", "localhost,.discord.com")
    endpoints.configure()
    assert endpoints.proxy() is None and endpoints.client_options(None) == {}
    endpoints.configure("https://discord-rest.internal.example/api/v10")
    assert endpoints.proxy() is not None


def test_a_socks_proxy_is_refused_with_its_password_hidden(environment):
    environment.setenv("HTTPS_PROXY", f"socks5://credbot:{PASSWORD}@proxy.example:1080")
    endpoints.configure()
    with pytest.raises(ValueError, match=r"socks5://credbot:\*\*\*@proxy.example:1080 is not an http") as raised:
        endpoints.proxy()
    assert PASSWORD not in str(raised.value)

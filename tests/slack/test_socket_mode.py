"""Socket Mode end to end: bolt's AsyncSocketModeHandler against a fake Slack websocket."""

from __future__ import annotations

import asyncio
import time

from adapters.slack.app import SlackBot
from adapters.slack.serve import serve_socket
from bot.runtime import running
from tests.slack.conftest import mention, settings_for
from tests.ports import free_port
from tests.slack.fakes import TEAM


def envelope(envelope_id: str, event_id: str, event: dict, retry: int = 0) -> dict:
    return {"envelope_id": envelope_id, "type": "events_api", "accepts_response_payload": False,
            "retry_attempt": retry, "retry_reason": "timeout" if retry else "",
            "payload": {"token": "t", "team_id": TEAM, "api_app_id": "A1", "type": "event_callback",
                        "event_id": event_id, "event_time": int(time.time()), "event": event,
                        "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}]}}


async def test_socket_mode_answers_acks_dedupes_and_reconnects(fake, tmp_path):
    settings = settings_for(fake, tmp_path / "db.sqlite3", SLACK_APP_TOKEN="xapp-test", SLACK_SIGNING_SECRET="")
    stop = asyncio.Event()
    with running(settings) as rt:
        bot = SlackBot(rt)
        serving = asyncio.create_task(serve_socket(bot, settings.slack_app_token, "127.0.0.1", None, stop))
        try:
            await fake.wait_for(lambda: fake.connected == 1)
            assert fake.of("apps.connections.open")[0].token == "xapp-test"

            await fake.push(envelope("env-1", "EvS1", mention("can a badge expire?", ts="1700000030.000100")))
            await fake.wait_for(lambda: fake.of("chat.postMessage"))
            posted = fake.of("chat.postMessage")[0]
            assert posted.body["thread_ts"] == "1700000030.000100"
            assert posted.token != "xapp-test"  # replies use the bot token

            await fake.push(envelope("env-2", "EvS1", mention("can a badge expire?", ts="1700000030.000100"), retry=1))
            await fake.wait_for(lambda: {"env-1", "env-2"} <= {a.get("envelope_id") for a in fake.acks})
            await fake.settle()
            assert len(fake.of("chat.postMessage")) == 1  # the retry was acked, not answered again

            await fake.drop_connections()
            await fake.wait_for(lambda: fake.connected == 1 and len(fake.of("apps.connections.open")) >= 2,
                                timeout=15)
            await fake.push(envelope("env-3", "EvS2", mention("what is an open badge?", ts="1700000031.000100")))
            await fake.wait_for(lambda: len(fake.of("chat.postMessage")) == 2)
        finally:
            stop.set()
            assert await asyncio.wait_for(serving, 10) == 0


async def test_socket_mode_serves_health_and_metrics_on_the_http_port(fake, tmp_path):
    import aiohttp

    port = free_port()
    settings = settings_for(fake, tmp_path / "db.sqlite3", SLACK_APP_TOKEN="xapp-test", SLACK_SIGNING_SECRET="",
                            CREDBOT_HTTP_PORT=str(port))
    stop = asyncio.Event()
    with running(settings) as rt:
        bot = SlackBot(rt)
        serving = asyncio.create_task(serve_socket(bot, settings.slack_app_token, "127.0.0.1", settings.http_port, stop))
        try:
            await fake.wait_for(lambda: fake.connected == 1)
            await fake.push(envelope("env-h", "EvH1", mention("can a badge expire?", ts="1700000032.000100")))
            await fake.wait_for(lambda: fake.of("chat.postMessage"))
            async with aiohttp.ClientSession() as session:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as r:
                    assert r.status == 200 and (await r.json())["status"] == "ok"
                async with session.get(f"http://127.0.0.1:{port}/metrics") as r:
                    assert "credbot_slack_posted_total 1" in (await r.text()).splitlines()
                async with session.post(f"http://127.0.0.1:{port}/slack/events", data="{}") as r:
                    assert r.status in (404, 405)  # events come over the socket, not HTTP
        finally:
            stop.set()
            assert await asyncio.wait_for(serving, 10) == 0


async def test_socket_mode_health_says_disconnected_while_slack_cannot_be_reached(fake, tmp_path):
    """The websocket retries by itself for ever; /healthz is what lets a supervisor see it is down."""
    import aiohttp

    port = free_port()
    settings = settings_for(fake, tmp_path / "db.sqlite3", SLACK_APP_TOKEN="xapp-test", SLACK_SIGNING_SECRET="",
                            CREDBOT_HTTP_PORT=str(port))
    stop = asyncio.Event()

    async def health() -> tuple[int, str]:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/healthz") as r:
                return r.status, (await r.json())["status"]

    with running(settings) as rt:
        bot = SlackBot(rt)
        serving = asyncio.create_task(serve_socket(bot, settings.slack_app_token, "127.0.0.1", settings.http_port, stop))
        try:
            await fake.wait_for(lambda: fake.connected == 1)
            assert await health() == (200, "ok")

            fake.failures["apps.connections.open"] = [(200, {"ok": False, "error": "internal_error"}, {})] * 50
            await fake.drop_connections()
            await fake.wait_for(lambda: fake.connected == 0)
            for _ in range(50):  # the client notices the closed socket on its own schedule
                if (await health())[0] == 503:
                    break
                await asyncio.sleep(0.1)
            assert await health() == (503, "disconnected")

            fake.failures.clear()
            await fake.wait_for(lambda: fake.connected == 1, timeout=20)
            for _ in range(50):
                if (await health())[0] == 200:
                    break
                await asyncio.sleep(0.1)
            assert await health() == (200, "ok")
        finally:
            stop.set()
            assert await asyncio.wait_for(serving, 10) == 0


async def test_socket_mode_stops_at_start_when_slack_refuses_the_app_token(fake, tmp_path):
    """Before, a refused app token was retried every few seconds for ever, with a traceback each time."""
    from slack_sdk.errors import SlackApiError

    settings = settings_for(fake, tmp_path / "db.sqlite3", SLACK_APP_TOKEN="xapp-revoked", SLACK_SIGNING_SECRET="")
    fake.failures["apps.connections.open"] = [(200, {"ok": False, "error": "invalid_auth"}, {})]
    with running(settings) as rt:
        bot = SlackBot(rt)
        try:
            await asyncio.wait_for(serve_socket(bot, settings.slack_app_token, "127.0.0.1", None, asyncio.Event()), 10)
        except SlackApiError as exc:
            assert exc.response["error"] == "invalid_auth"
        else:
            raise AssertionError("serve_socket started with a refused app token")
        finally:
            await bot.close()
        assert fake.connected == 0

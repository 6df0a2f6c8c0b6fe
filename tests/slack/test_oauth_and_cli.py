"""Several workspaces through the OAuth flow (tokens kept in credbot's database), and the real
`credbot run slack` process driven the way other tools drive it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import sqlalchemy as sa

from adapters.slack.models import SlackInstallation
from tests.ports import free_port
from tests.slack.conftest import mention, serving, settings_for
from tests.slack.fakes import sign

ROOT = Path(__file__).resolve().parents[2]


async def test_oauth_install_then_events_from_that_workspace_use_its_token(fake, tmp_path):
    settings = settings_for(fake, tmp_path / "db.sqlite3", SLACK_BOT_TOKEN="", SLACK_CLIENT_ID="111.222",
                            SLACK_CLIENT_SECRET="client-secret", SLACK_STATE_SECRET="state-secret")
    async with serving(settings, oauth=True) as slack:
        async with aiohttp.ClientSession() as browser:
            async with browser.get(slack.url + "/slack/install") as r:
                assert r.status == 200
                page = await r.text()
                cookie = r.headers["Set-Cookie"].split(";")[0]  # a Secure cookie: sent by hand over http
            state = re.search(r"state=([^&\"]+)", page).group(1)
            redirect = slack.url + f"/slack/oauth_redirect?code=abc&state={state}"
            async with browser.get(redirect, headers={"Cookie": cookie}) as r:
                assert r.status == 200
            async with browser.get(redirect, headers={"Cookie": cookie}) as r:
                assert r.status != 200  # a state works once
            forged = state.split(".")[0] + ".0000"
            async with browser.get(slack.url + f"/slack/oauth_redirect?code=abc&state={forged}",
                                   headers={"Cookie": cookie.split("=")[0] + "=" + forged}) as r:
                assert r.status != 200
        assert fake.of("oauth.v2.access")[0].body["code"] == "abc"
        with slack.runtime.db.connect() as conn:
            rows = conn.execute(sa.select(SlackInstallation.team_id, SlackInstallation.bot_token)).all()
        assert rows == [("T2", "xoxb-installed")]

        payload = {"token": "t", "team_id": "T2", "api_app_id": "A1", "type": "event_callback", "event_id": "EvT2",
                   "event_time": int(time.time()), "event": mention("can a badge expire?"),
                   "authorizations": [{"team_id": "T2", "user_id": "UBOT", "is_bot": True}]}
        status, _ = await slack.post(json.dumps(payload), "application/json")
        assert status == 200
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
        assert fake.of("chat.postMessage")[0].token == "xoxb-installed"


async def test_credbot_run_slack_serves_a_signed_event_and_stops_on_sigterm(fake, tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}", "SLACK_BOT_TOKEN": "xoxb-cli",
           "SLACK_SIGNING_SECRET": "cli-secret", "SLACK_API_URL": fake.api_url, "SLACK_APP_TOKEN": "",
           "SLACK_CLIENT_ID": "", "SLACK_CLIENT_SECRET": "", "SLACK_STATE_SECRET": ""}
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "slack", "--port", str(port),
                                "--host", "127.0.0.1"], cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        async with aiohttp.ClientSession() as session:
            # start-up (imports, migrations, the knowledge index) can be slow on a busy machine: wait
            # for health as long as the process lives, up to a generous bound
            deadline = time.monotonic() + 90
            while True:
                assert process.poll() is None, f"credbot run slack exited early: {process.stderr.read()}"
                assert time.monotonic() < deadline, "credbot run slack did not become healthy"
                try:
                    async with session.get(f"http://127.0.0.1:{port}/healthz") as r:
                        if r.status == 200:
                            break
                except aiohttp.ClientConnectionError:
                    await fake.settle(5)
            body = json.dumps({"token": "t", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                               "event_id": "EvCli", "event_time": int(time.time()),
                               "event": mention("can a badge expire?", ts="1700000040.000100")})
            headers = {"Content-Type": "application/json", **sign("cli-secret", body)}
            for retry in ("", "1"):
                extra = {"X-Slack-Retry-Num": retry} if retry else {}
                async with session.post(f"http://127.0.0.1:{port}/slack/events", data=body,
                                        headers={**headers, **extra}) as r:
                    assert r.status == 200
        await fake.wait_for(lambda: fake.of("chat.postMessage"), timeout=30)
        await fake.settle()
        posted = fake.of("chat.postMessage")
        assert len(posted) == 1
        assert posted[0].body["thread_ts"] == "1700000040.000100"
        assert posted[0].token == "xoxb-cli"
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "listening on http://127.0.0.1" in err
    assert "Traceback" not in err


def test_missing_settings_are_named(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "SLACK_BOT_TOKEN": "",
           "SLACK_SIGNING_SECRET": "", "SLACK_APP_TOKEN": "", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "bot.cli", "run", "slack", "--port", "0"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "SLACK_SIGNING_SECRET" in done.stderr and "SLACK_BOT_TOKEN" in done.stderr


def test_manifest_lists_what_credbot_uses(capsys):
    import yaml

    from adapters.slack import manifest
    from adapters.slack.installations import BOT_SCOPES

    assert manifest(None, None) == 0
    data = yaml.safe_load(capsys.readouterr().out)
    assert set(data["oauth_config"]["scopes"]["bot"]) == set(BOT_SCOPES)
    assert set(data["settings"]["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im",
                                                                          "app_home_opened"}
    assert data["features"]["slash_commands"][0]["command"] == "/credbot"
    assert data["features"]["shortcuts"][0]["callback_id"] == "credbot_answer"
    assert data["settings"]["interactivity"]["is_enabled"] is True

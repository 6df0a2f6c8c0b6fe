"""`credbot doctor --live` asks Slack (here the fake Web API over HTTP) whether the tokens work."""

from __future__ import annotations

import asyncio
import os
import sys

from tests.slack.fakes import FakeSlack


async def doctor_live(env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "doctor", "--live", env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert b"Traceback" not in err, err.decode()
    return process.returncode, out.decode()


def slack_env(fake: FakeSlack, tmp_path) -> dict[str, str]:
    return {"SLACK_API_URL": fake.api_url, "SLACK_BOT_TOKEN": "xoxb-1-2-abc", "SLACK_SIGNING_SECRET": "s3cret",
            "SLACK_APP_TOKEN": "xapp-1-abc", "DATABASE_URL": f"sqlite:///{tmp_path / 'd.sqlite3'}"}


async def test_tokens_slack_accepts_are_reported_with_the_workspace(fake: FakeSlack, tmp_path):
    code, out = await doctor_live(slack_env(fake, tmp_path))
    assert "[ok] slack (live): SLACK_BOT_TOKEN accepted: bot credbot" in out and "Test team" in out
    assert "[ok] slack (live): SLACK_APP_TOKEN accepted" in out
    assert [c.method for c in fake.calls] == ["auth.test", "apps.connections.open"]
    assert fake.calls[0].token == "xoxb-1-2-abc" and fake.calls[1].token == "xapp-1-abc"


async def test_a_token_slack_refuses_fails_the_check(fake: FakeSlack, tmp_path):
    fake.failures["auth.test"] = [(200, {"ok": False, "error": "invalid_auth"}, {})]
    code, out = await doctor_live(slack_env(fake, tmp_path))
    assert code == 1
    assert "[fail] slack (live): Slack refused SLACK_BOT_TOKEN (invalid_auth)" in out


async def test_slack_out_of_reach_is_a_warning_not_a_crash(tmp_path):
    env = {"SLACK_API_URL": "http://127.0.0.1:9/api/", "SLACK_BOT_TOKEN": "xoxb-1-2-abc",
           "SLACK_SIGNING_SECRET": "s3cret", "DATABASE_URL": f"sqlite:///{tmp_path / 'd.sqlite3'}"}
    code, out = await doctor_live(env)
    assert "[warn] slack (live): could not reach Slack at http://127.0.0.1:9/api/" in out
    assert "all good" not in out and "read the" in out  # it said "all good" with nothing checked

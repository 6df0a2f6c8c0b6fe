"""`/credbot admin ...` with the real staff access control: workspace admins are staff."""

from __future__ import annotations

from tests.slack.conftest import serving, settings_for

REFUSAL = "only for the people who look after credbot"


async def test_slack_admin_path(fake, tmp_path):
    async with serving(settings_for(fake, tmp_path / "db.sqlite3")) as slack:
        await slack.command("admin stats", user="UADMIN", response_url=fake.response_url("staff"))
        await slack.command("admin stats", user="ULEARNER", response_url=fake.response_url("learner"))
        await fake.wait_for(lambda: len(fake.responses) == 2)
    answers = {r["name"]: r for r in fake.responses}
    assert answers["staff"]["response_type"] == "ephemeral" and "Last 30 days" in answers["staff"]["text"]
    assert answers["learner"]["response_type"] == "ephemeral" and REFUSAL in answers["learner"]["text"]

"""`/admin command:` with the real staff access control: Manage Server or DISCORD_STAFF_ROLE."""

from __future__ import annotations

import json

from bot.settings import Settings
from bot.staff.commands import StaffTools
from tests.discord.conftest import connected
from tests.discord.fake_discord import EVERYONE_PERMS, GUILD_ID, MANAGE_GUILD, STAFF_ROLE_ID
from tests.discord.test_e2e import EPHEMERAL, callback

REFUSAL = "only for the people who look after credbot"


async def test_discord_admin_path(fake, db, engine):
    engine.staff = StaffTools(Settings(DISCORD_STAFF_ROLE="Staff", CREDBOT_STAFF_SPACES=f"discord:{GUILD_ID}"), db, engine)
    async with connected(fake, db, engine):
        by_role = await callback(fake, await fake.slash("admin", {"command": "stats"}, roles=(STAFF_ROLE_ID,)))
        by_permission = await callback(fake, await fake.slash("admin", {"command": "stats"}, roles=(),
                                                              permissions=int(EVERYONE_PERMS) | MANAGE_GUILD))
        member = await callback(fake, await fake.slash("admin", {"command": "stats"}, roles=()))
    for body in (by_role, by_permission, member):
        assert body["data"]["flags"] & EPHEMERAL
    shown = [json.dumps(body["data"]) for body in (by_role, by_permission, member)]
    assert "Last 30 days" in shown[0] and "Last 30 days" in shown[1]
    assert REFUSAL in shown[2] and "Last 30 days" not in shown[2]

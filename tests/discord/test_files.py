"""Files sent to credbot on Discord: downloaded from the fake's CDN over real HTTP, handed to the
real badge skill and staff tools as attachments, and answered where privacy allows; a file that is
too large or does not arrive gets a clear reply instead of silence."""

from __future__ import annotations

import json
import struct
import zlib

import pytest
from sqlmodel import Session, select

from adapters.discord import delivery
from adapters.discord.downloads import MAX_BYTES
from bot.badges.baking import bake_png
from bot.badges.fetch import Fetcher
from bot.badges.models import Award
from bot.badges.settings import BadgeSettings
from bot.badges.skill import BadgeSkill
from bot.badges.store import BadgeStore
from bot.settings import Settings
from bot.staff.badge_admin import BadgeAdmin
from bot.staff.commands import StaffTools
from tests.badges.issuing import Issuer
from tests.discord.conftest import connected
from tests.discord.fake_discord import CHANNEL_ID, GUILD_ID, STAFF_ROLE_ID
from tests.discord.test_e2e import EPHEMERAL, callback

LEARNER = "800000000000000001"
ROSTER = ("email,badge,issuer,issued\n"
          "ana@example.org,SQL Foundations,Example University,2026-03-01\n"
          "ana@example.org,Networking Basics,Example Polytechnic,2026-04-01\n").encode()


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG to bake a badge into."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def issuer() -> Issuer:
    return Issuer(name="Example University")


@pytest.fixture
def badge_engine(engine, db, issuer):
    """The engine with the real badge skill (offline: the issuer's key is known) and staff tools."""
    store = BadgeStore(db)
    engine.badges = BadgeSkill(store, settings=BadgeSettings(offline=True),
                               fetcher=lambda: Fetcher([issuer.profile()], offline=True))
    engine.staff = StaffTools(Settings(DISCORD_STAFF_ROLE="Staff", CREDBOT_STAFF_SPACES=f"discord:{GUILD_ID}"), db, engine, badges=BadgeAdmin(store))
    return engine


def signed(issuer: Issuer, name: str = "SQL Foundations") -> bytes:
    return json.dumps(issuer.sign(issuer.credential(name))).encode()


def downloads(fake) -> list[str]:
    return [r.path for r in fake.requests if r.path.startswith("/attachments/")]


def awards(db) -> list[Award]:
    with Session(db) as session:
        return list(session.exec(select(Award)).all())


async def test_a_badge_json_sent_by_dm_is_downloaded_and_verified(fake, db, badge_engine, issuer):
    file = fake.attachment("sql.json", signed(issuer), "application/json")
    async with connected(fake, db, badge_engine) as bot:
        await fake.direct_message("is this real?", attachments=(file,))
        (sent,) = await fake.wait_for("POST", "/messages")
    assert downloads(fake) == [f"/attachments/{file['id']}/sql.json"]
    assert fake.dm_users[sent.path.split("/")[2]] == LEARNER
    shown = json.dumps(sent.body)
    assert "sql.json" in shown and "SQL Foundations" in shown and "genuine: verified" in shown
    assert bot.metrics.events["file"] == 1


async def test_a_baked_png_in_a_mention_is_verified_by_dm_with_a_public_pointer(fake, db, badge_engine, issuer):
    baked = bake_png(tiny_png(), signed(issuer).decode())
    async with connected(fake, db, badge_engine):
        mid = await fake.mention("is this badge real?", attachments=(fake.attachment("badge.png", baked, "image/png"),))
        await fake.wait_for("POST", "/messages", count=2)
    public = fake.calls("POST", f"/channels/{CHANNEL_ID}/messages")
    (pointer,) = public
    assert pointer.body["content"] == delivery.SENT_BY_DM
    assert pointer.body["message_reference"]["message_id"] == int(mid)
    (report,) = [r for r in fake.calls("POST", "/messages") if r not in public]
    shown = json.dumps(report.body)
    assert "badge.png" in shown and "genuine: verified" in shown and "PNG" in shown
    assert "SQL Foundations" not in json.dumps([r.body for r in public])


async def test_staff_import_a_roster_by_mention(fake, db, badge_engine):
    async with connected(fake, db, badge_engine):
        await fake.mention("admin badges import", roles=(STAFF_ROLE_ID,),
                           attachments=(fake.attachment("roster.csv", ROSTER, "text/csv"),))
        await fake.wait_for("POST", "/messages", count=2)
    public = fake.calls("POST", f"/channels/{CHANNEL_ID}/messages")
    assert [r.body["content"] for r in public] == [delivery.SENT_BY_DM]  # staff answers are private
    (answer,) = [r for r in fake.calls("POST", "/messages") if r not in public]
    assert "roster.csv: 2 row(s), 2 new award(s)" in answer.body["content"]
    assert len(awards(db)) == 2


async def test_a_member_cannot_import_a_roster(fake, db, badge_engine):
    async with connected(fake, db, badge_engine):
        await fake.direct_message("admin badges import", attachments=(fake.attachment("roster.csv", ROSTER, "text/csv"),))
        (answer,) = await fake.wait_for("POST", "/messages")
    assert "only for the people who look after credbot" in answer.body["content"]
    assert awards(db) == []


async def test_admin_slash_command_with_a_roster_file(fake, db, badge_engine):
    async with connected(fake, db, badge_engine) as bot:
        assert any(o["name"] == "file" and o["type"] == 11 and not o.get("required")
                   for c in fake.calls("PUT", "/commands")[0].body if c["name"] == "admin" for o in c["options"])
        roster = fake.attachment("roster.csv", ROSTER, "text/csv")
        body = await callback(fake, await fake.slash("admin", {"command": "badges import"}, roles=(STAFF_ROLE_ID,),
                                                     files={"file": roster}))
        again = await callback(fake, await fake.slash("admin", {"command": "badges import"}, roles=(STAFF_ROLE_ID,),
                                                      files={"file": roster}))
    assert body["data"]["flags"] & EPHEMERAL
    assert "2 row(s), 2 new award(s)" in body["data"]["content"]
    assert "0 new award(s), 2 already there" in again["data"]["content"]  # idempotent
    assert len(awards(db)) == 2 and len(downloads(fake)) == 2
    assert bot.metrics.events["command:admin"] == 2


async def test_a_file_said_to_be_too_large_is_not_downloaded(fake, db, badge_engine):
    big = fake.attachment("roster.csv", ROSTER, "text/csv", size=MAX_BYTES + 1)
    async with connected(fake, db, badge_engine):
        body = await callback(fake, await fake.slash("admin", {"command": "badges import"}, roles=(STAFF_ROLE_ID,),
                                                     files={"file": big}))
    assert body["data"]["flags"] & EPHEMERAL
    assert "roster.csv" in body["data"]["content"] and "larger than the 5 MB" in body["data"]["content"]
    assert "credbot badges import --roster" in body["data"]["content"]
    assert downloads(fake) == [] and awards(db) == []


async def test_a_file_larger_than_it_said_stops_downloading(fake, db, badge_engine):
    liar = fake.attachment("badge.json", b"{" + b" " * MAX_BYTES + b"}", "application/json", size=1000)
    async with connected(fake, db, badge_engine):
        await fake.direct_message("check this", attachments=(liar,))
        (answer,) = await fake.wait_for("POST", "/messages")
    assert len(downloads(fake)) == 1
    assert "badge.json" in answer.body["content"] and "stopped downloading" in answer.body["content"]


async def test_a_good_file_is_checked_and_a_bad_one_explained(fake, db, badge_engine, issuer):
    files = (fake.attachment("sql.json", signed(issuer), "application/json"),
             fake.attachment("huge.png", b"x", "image/png", size=MAX_BYTES * 2))
    async with connected(fake, db, badge_engine):
        await fake.direct_message("", attachments=files)
        (answer,) = await fake.wait_for("POST", "/messages")
    shown = json.dumps(answer.body)
    assert "huge.png" in shown and "larger than the 5 MB" in shown
    assert "genuine: verified" in shown


async def test_a_download_that_times_out_is_explained(fake, db, badge_engine, issuer):
    fake.file_delay = 1.0
    async with connected(fake, db, badge_engine) as bot:
        bot.downloads.timeout = 0.1
        await fake.direct_message("is this real?", attachments=(fake.attachment("sql.json", signed(issuer)),))
        (answer,) = await fake.wait_for("POST", "/messages")
    assert "sql.json" in answer.body["content"] and "timed out" in answer.body["content"]


async def test_hostile_file_names_are_neutralised(fake, db, badge_engine):
    name = "@everyone <@&900000000000000300> **bold**.json"
    async with connected(fake, db, badge_engine):
        await fake.direct_message("check", attachments=(fake.attachment(name, b"x", size=MAX_BYTES + 5),))
        (answer,) = await fake.wait_for("POST", "/messages")
    content = answer.body["content"]
    assert "@everyone" not in content and "<@&" not in content and "larger than" in content


async def test_files_in_a_watched_channel_are_left_alone_unless_addressed(fake, db, badge_engine, issuer):
    async with connected(fake, db, badge_engine, message_content=True, channel_ids=[int(CHANNEL_ID)]):
        await fake.mention("what is an open badge?", mentions_bot=False,
                           attachments=(fake.attachment("holiday.png", tiny_png(), "image/png"),))
        await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages")
    assert downloads(fake) == []

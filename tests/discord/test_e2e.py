"""End to end: the real discord.py client, credbot's adapter and engine, a fake Discord on loopback.

Every request the client makes is recorded by the fake; the `fake` fixture also checks, after
each test, that every message sent carried `allowed_mentions` with nothing allowed.
"""

from __future__ import annotations

import asyncio
import json

import aiohttp

from adapters.discord import delivery, health
from adapters.discord.render import CONTENT_MAX, split_text
from bot.engine import Engine
from bot.messages import ActionKind, Card, Incoming, Intent, Reply, ReplyAction
from bot.records import DatabaseRecorder, FeedbackRecord, installation_secret
from sqlmodel import Session, select
from tests.discord.conftest import connected
from tests.discord.fake_discord import APP_ID, CHANNEL_ID, GUILD_ID, MANAGE_GUILD, STAFF_ROLE_ID, EVERYONE_PERMS

EPHEMERAL = 64
SECRET_BADGE = "Data Analysis Foundations"


class FakeBadges:
    """A badge skill as the badge store will provide one: private replies, a share button."""

    def __init__(self, delay: float = 0.0, long_text: str | None = None):
        self.delay = delay
        self.long_text = long_text
        self.seen: list[Incoming] = []

    async def my_badges(self, incoming: Incoming, start: int = 0) -> Reply:
        self.seen.append(incoming)
        await asyncio.sleep(self.delay)
        return Reply(text=self.long_text or f"Your badges: **{SECRET_BADGE}** (Example University)",
                     intent=Intent.MY_BADGES, private=True,
                     actions=(ReplyAction(kind=ActionKind.SHARE, label=f"Share {SECRET_BADGE}", value="award-1"),))

    async def badge_detail(self, incoming: Incoming) -> Reply:
        self.seen.append(incoming)
        return Reply(text=f"{SECRET_BADGE}: issued 2024", intent=Intent.BADGE_DETAIL, private=True,
                     card=Card(title=SECRET_BADGE, body="Issued by Example University in 2024.",
                               source_url="https://badges.example.edu/a/1"))

    async def share(self, incoming: Incoming, award_id: str) -> Reply:
        self.seen.append(incoming)
        return Reply(text=f"@everyone <@{incoming.user}> earned **{SECRET_BADGE}** ({award_id})",
                     intent=Intent.BADGE_DETAIL, private=False)

    async def verify(self, incoming: Incoming) -> Reply:
        return Reply(text="checked", intent=Intent.VERIFY, private=True)

    def badge_choices(self, incoming: Incoming, current: str):
        return [(SECRET_BADGE, "award-1"), ("Cloud Basics", "award-2")]


async def callback(fake, interaction_id: str) -> dict:
    (request,) = await fake.wait_for("POST", f"/interactions/{interaction_id}/")
    assert request.query.get("with_response") in ("1", "true", "True")
    return request.body


# --- connecting and syncing -------------------------------------------------------------------

async def test_identifies_and_syncs_the_commands(bot, fake):
    assert fake.identified.is_set() and bot.is_ready()
    (put,) = fake.calls("PUT", f"/applications/{APP_ID}/commands")
    commands = {c["name"]: c for c in put.body}
    assert {"ask", "badges", "badge", "share", "help", "admin", "Answer with credbot"} <= set(commands)
    question = commands["ask"]["options"][0]
    assert (question["name"], question["type"], question["required"]) == ("question", 3, True)
    assert commands["badge"]["options"][0]["autocomplete"] is True
    assert put.headers["Authorization"] == "Bot fake-token"


async def test_restart_with_the_same_commands_does_not_sync_again(fake, db, engine):
    async with connected(fake, db, engine):
        pass
    async with connected(fake, db, engine):
        pass
    assert len(fake.calls("PUT", "/commands")) == 1
    async with connected(fake, db, engine, guild_ids=[int(GUILD_ID)]):  # the target changed: sync
        pass
    assert len(fake.calls("PUT", f"/guilds/{GUILD_ID}/commands")) == 1
    assert len(fake.calls("PUT", "/commands")) == 2


# --- slash commands ---------------------------------------------------------------------------

async def test_ask_is_answered_with_an_embed_and_feedback_buttons(bot, fake):
    iid = await fake.slash("ask", {"question": "can a badge expire?"})
    body = await callback(fake, iid)
    assert body["type"] == 4
    data = body["data"]
    assert not data.get("flags", 0) & EPHEMERAL
    (embed,) = data["embeds"]
    assert "expire" in embed["title"].lower()
    assert embed["description"]
    ids = [c["custom_id"] for row in data["components"] for c in row["components"]]
    assert any(i.startswith("credbot:helpful::") for i in ids)
    assert any(i.startswith("credbot:not-helpful::") for i in ids)


async def test_slow_answer_is_deferred_then_followed_up(fake, db, engine):
    engine.badges = FakeBadges(delay=0.3)
    async with connected(fake, db, engine) as client:
        client.defer_after = 0.01
        iid = await fake.slash("badges")
        body = await callback(fake, iid)
        assert body["type"] == 5 and body["data"]["flags"] & EPHEMERAL  # deferred, privately
        (followup,) = await fake.wait_for("POST", f"/webhooks/{APP_ID}/token-{iid}")
        assert SECRET_BADGE in followup.body["content"]
        assert followup.body["flags"] & EPHEMERAL
        assert client.metrics.deferred == 1


async def test_slow_public_question_that_turns_private_keeps_it_private(fake, db, engine):
    engine.badges = FakeBadges(delay=0.3)
    async with connected(fake, db, engine) as client:
        client.defer_after = 0.01
        iid = await fake.slash("ask", {"question": "what badges do I have?"})
        body = await callback(fake, iid)
        assert body["type"] == 5 and not body.get("data", {}).get("flags", 0) & EPHEMERAL
        (pointer,) = await fake.wait_for("PATCH", f"/webhooks/{APP_ID}/token-{iid}/messages/@original")
        assert SECRET_BADGE not in json.dumps(pointer.body)
        (followup,) = await fake.wait_for("POST", f"/webhooks/{APP_ID}/token-{iid}")
        assert SECRET_BADGE in followup.body["content"] and followup.body["flags"] & EPHEMERAL


async def test_badge_commands_are_ephemeral(fake, db, engine):
    badges = FakeBadges()
    engine.badges = badges
    async with connected(fake, db, engine):
        first = await callback(fake, await fake.slash("badges"))
        assert first["data"]["flags"] & EPHEMERAL and SECRET_BADGE in first["data"]["content"]
        detail = await callback(fake, await fake.slash("badge", {"name": "data analysis"}))
        assert detail["data"]["flags"] & EPHEMERAL
        assert detail["data"]["embeds"][0]["title"] == SECRET_BADGE
        assert badges.seen[-1].command == "badges" and badges.seen[-1].text == "data analysis"
        shared = await callback(fake, await fake.slash("share", {"name": "award-1"}))
        assert not shared["data"].get("flags", 0) & EPHEMERAL  # the owner asked to share it
        assert badges.seen[-1].command == "share"


async def test_badge_autocomplete_offers_the_askers_badges(fake, db, engine):
    engine.badges = FakeBadges()
    async with connected(fake, db, engine):
        data = {"id": fake.next_id(), "name": "badge", "type": 1,
                "options": [{"name": "name", "type": 3, "value": "da", "focused": True}]}
        payload = fake._interaction(4, data, author_id="800000000000000001", roles=(),
                                    permissions=int(EVERYONE_PERMS))
        await fake.dispatch("INTERACTION_CREATE", payload)
        body = await callback(fake, payload["id"])
        assert body["type"] == 8
        assert body["data"]["choices"][0] == {"name": SECRET_BADGE, "value": "award-1"}


async def test_admin_passes_manage_server_and_roles(fake, db, engine):
    seen: list[Incoming] = []

    class Staff:
        async def handle(self, incoming: Incoming) -> Reply:
            seen.append(incoming)
            return Reply(text="3 unanswered questions", intent=Intent.ADMIN, private=True)

    engine.staff = Staff()
    async with connected(fake, db, engine):
        body = await callback(fake, await fake.slash("admin", {"command": "unanswered"}, roles=(STAFF_ROLE_ID,),
                                                     permissions=int(EVERYONE_PERMS) | MANAGE_GUILD))
        assert body["data"]["flags"] & EPHEMERAL
        await callback(fake, await fake.slash("admin", {"command": "stats"}))
    staff, member = seen
    assert staff.command == "admin" and staff.text == "unanswered"
    assert staff.platform_admin and staff.roles == ("Staff",)
    assert staff.workspace == GUILD_ID and staff.platform == "discord" and not staff.is_direct
    assert not member.platform_admin and member.roles == ()


async def test_an_error_in_a_command_gives_an_ephemeral_apology_and_the_bot_keeps_going(fake, db, bundled_kb):
    class Flaky(Engine):
        async def handle(self, incoming: Incoming) -> Reply:
            if incoming.text == "boom":
                raise RuntimeError("a bug")
            return await super().handle(incoming)

    async with connected(fake, db, Flaky(bundled_kb)) as client:
        body = await callback(fake, await fake.slash("ask", {"question": "boom"}))
        assert body["data"]["content"] == delivery.APOLOGY and body["data"]["flags"] & EPHEMERAL
        after = await callback(fake, await fake.slash("ask", {"question": "what is an open badge?"}))
        assert after["data"]["embeds"]
        assert client.metrics.errors == 1 and not client.is_closed()


# --- mentions and DMs -------------------------------------------------------------------------

async def test_mention_is_answered_as_a_reply_without_pinging(bot, fake):
    mid = await fake.mention("@everyone @here <@&900000000000000300> what is an open badge?")
    (sent,) = await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages")
    assert sent.body["message_reference"]["message_id"] == int(mid)
    assert sent.body.get("embeds") or sent.body.get("content")
    assert sent.body["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_messages_without_a_mention_are_ignored_without_message_content(bot, fake):
    await fake.mention("what is an open badge?", mentions_bot=False)
    await fake.mention("@everyone what is an open badge?", mentions_bot=False, mention_everyone=True)
    await fake.direct_message("hello")  # a DM afterwards proves the events before it were processed
    await fake.wait_for("POST", "/messages")
    assert not fake.calls("POST", f"/channels/{CHANNEL_ID}/messages")


async def test_a_replayed_message_is_answered_once(bot, fake):
    mid = await fake.mention("how do I verify a badge?")
    await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages")
    await fake.mention("how do I verify a badge?", message_id=mid)  # the same event again, as after a resume
    await fake.direct_message("hello")  # answered only after the replay was processed
    await fake.wait_for("POST", "/messages", count=2)
    assert len(fake.calls("POST", f"/channels/{CHANNEL_ID}/messages")) == 1


async def test_direct_message_is_answered(bot, fake):
    await fake.direct_message("how do I add my badge to LinkedIn?")
    (sent,) = await fake.wait_for("POST", "/messages")
    channel = sent.path.split("/")[2]
    assert fake.dm_users[channel] == "800000000000000001"
    assert sent.body["embeds"] and "linkedin" in json.dumps(sent.body).lower()


async def test_private_answer_to_a_public_mention_goes_by_dm(fake, db, engine):
    engine.badges = FakeBadges()
    async with connected(fake, db, engine):
        mid = await fake.mention("what badges do I have?")
        await fake.wait_for("POST", "/messages", count=2)
    dm = fake.calls("POST", "/users/@me/channels")
    assert dm and str(dm[0].body["recipient_id"]) == "800000000000000001"
    public = fake.calls("POST", f"/channels/{CHANNEL_ID}/messages")
    private = [r for r in fake.calls("POST", "/messages") if r not in public]
    assert SECRET_BADGE in private[0].body["content"]
    (pointer,) = public
    assert pointer.body["content"] == delivery.SENT_BY_DM
    assert pointer.body["message_reference"]["message_id"] == int(mid)
    assert SECRET_BADGE not in json.dumps([r.body for r in public])


async def test_private_answer_with_closed_dms_points_to_badges(fake, db, engine):
    engine.badges = FakeBadges()
    fake.closed_dms.add("800000000000000001")
    async with connected(fake, db, engine):
        await fake.mention("what badges do I have?")
        await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages")
    (pointer,) = fake.calls("POST", f"/channels/{CHANNEL_ID}/messages")
    assert pointer.body["content"] == delivery.DMS_CLOSED and "/badges" in pointer.body["content"]
    assert fake.calls("POST", "/users/@me/channels")  # a DM was tried first, and refused
    assert SECRET_BADGE not in json.dumps([r.body for r in fake.requests if CHANNEL_ID in r.path])


# --- buttons ----------------------------------------------------------------------------------

async def test_feedback_button_is_recorded_and_thanked_privately(fake, db, bundled_kb):
    recorder = DatabaseRecorder(db, installation_secret(db))
    engine = Engine(bundled_kb, recorder=recorder)
    topic = next(iter(bundled_kb.entries))
    async with connected(fake, db, engine):
        body = await callback(fake, await fake.click(f"credbot:not-helpful::{topic}"))
    recorder.flush()
    recorder.close()
    assert body["type"] == 4 and body["data"]["flags"] & EPHEMERAL
    with Session(db) as session:
        (row,) = session.exec(select(FeedbackRecord)).all()
    assert (row.topic, row.helpful, row.platform) == (topic, False, "discord")


async def test_did_you_mean_button_answers_publicly(bot, fake, bundled_kb):
    topic = next(iter(bundled_kb.entries))
    body = await callback(fake, await fake.click(f"credbot:suggestion::{topic}"))
    assert not body["data"].get("flags", 0) & EPHEMERAL
    assert body["data"]["embeds"][0]["title"] == bundled_kb.entries[topic].title[:256]


async def test_share_button_posts_to_the_channel_without_pinging(fake, db, engine):
    engine.badges = FakeBadges()
    async with connected(fake, db, engine):
        body = await callback(fake, await fake.click("credbot:share::award-1", flags=EPHEMERAL))
    assert not body["data"].get("flags", 0) & EPHEMERAL
    assert "@everyone" in body["data"]["content"]  # shown as text, but allowed_mentions pings no one


async def test_foreign_buttons_are_left_alone(bot, fake):
    await fake.click("someone-else:thing")
    await fake.direct_message("hi")
    await fake.wait_for("POST", "/messages")
    assert not fake.calls("POST", "/interactions/")


async def test_answer_with_credbot_then_post_as_reply(bot, fake):
    iid, target = await fake.context_menu("Can my badge expire?")
    body = await callback(fake, iid)
    assert body["data"]["flags"] & EPHEMERAL
    (button,) = [c for row in body["data"]["components"] for c in row["components"]]
    assert button["custom_id"].startswith(f"credbot:post-as-reply:{target}:")
    await fake.click(button["custom_id"], author_id="800000000000000009", flags=EPHEMERAL)
    (posted,) = await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages")
    assert posted.body["message_reference"]["message_id"] == int(target)
    assert posted.body["embeds"]
    (done,) = await fake.wait_for("POST", "/webhooks/")
    assert done.body["content"] == "Posted." and done.body["flags"] & EPHEMERAL


# --- limits and rate limits -------------------------------------------------------------------

async def test_a_very_long_answer_is_split_within_the_limits(fake, db, engine):
    paragraph = "Badges stack into certificates when the issuer says so. " * 30
    engine.badges = FakeBadges(long_text="\n\n".join([paragraph] * 8))  # ~13,000 characters
    async with connected(fake, db, engine):
        iid = await fake.slash("badges")
        first = await callback(fake, iid)
        expected = len(split_text(engine.badges.long_text, CONTENT_MAX))
        assert expected >= 7
        followups = await fake.wait_for("POST", f"/webhooks/{APP_ID}/token-{iid}", count=expected - 1)
    pieces = [first["data"]["content"]] + [f.body["content"] for f in followups]
    assert all(len(p) <= CONTENT_MAX for p in pieces)
    assert all(f.body["flags"] & EPHEMERAL for f in followups)
    assert " ".join(" ".join(pieces).split()) == " ".join(engine.badges.long_text.split())


async def test_a_429_is_waited_out(bot, fake):
    fake.rate_limits.append(("POST", f"/channels/{CHANNEL_ID}/messages", 0.2))
    mid = await fake.mention("what is an open badge?")
    attempts = await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages", count=2)
    assert attempts[0].headers["x-fake-status"] == "429"
    assert attempts[1].body["message_reference"]["message_id"] == int(mid)


async def test_a_429_on_an_interaction_callback_is_waited_out(bot, fake):
    fake.rate_limits.append(("POST", "/callback", 0.1))
    iid = await fake.slash("help")
    attempts = await fake.wait_for("POST", f"/interactions/{iid}/", count=2)
    assert attempts[1].body["type"] == 4 and "micro-credentials" in attempts[1].body["data"]["content"]


# --- health -----------------------------------------------------------------------------------

async def test_health_and_metrics(bot, fake):
    runner = await health.serve(bot, 0, host="127.0.0.1")
    try:
        port = runner.addresses[0][1]
        await callback(fake, await fake.slash("help"))
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 200
                assert (await response.json())["ready"] is True
            async with http.get(f"http://127.0.0.1:{port}/metrics") as response:
                text = await response.text()
        assert 'credbot_discord_events_total{kind="command:help"} 1' in text
        assert "credbot_discord_first_response_seconds_count 1" in text
        assert 'credbot_questions_total{platform="discord"}' in text  # the engine's own metrics too
        await bot.close()
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 503
    finally:
        await runner.cleanup()


# --- conversations and message content ---------------------------------------------------

async def test_replying_to_an_answer_continues_the_conversation(bot, fake):
    await fake.mention("what is credly?")
    (first,) = await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages")
    await fake.mention("tell me more", reference=fake.created[0])
    second = (await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages", count=2))[1]
    title = first.body["embeds"][0]["title"]
    assert title in json.dumps(second.body)  # "More on <the same topic>"
    await fake.mention("tell me more")  # a new mention, not a reply: a new conversation
    third = (await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages", count=3))[2]
    assert title not in json.dumps(third.body)


async def test_with_message_content_plain_messages_are_answered_in_configured_channels(fake, db, engine):
    async with connected(fake, db, engine, message_content=True, channel_ids=[int(CHANNEL_ID)]) as client:
        assert client.intents.message_content
        mid = await fake.mention("what is an open badge?", mentions_bot=False)
        (sent,) = await fake.wait_for("POST", f"/channels/{CHANNEL_ID}/messages")
    assert sent.body["message_reference"]["message_id"] == int(mid)


"""Slash commands, buttons, the message shortcut, the App Home tab and private badge replies, end to end."""

from __future__ import annotations

import sqlalchemy as sa

from bot.messages import Incoming, Intent, Reply
from bot.records import FeedbackRecord
from tests.slack.conftest import mention, serving, settings_for, texts
from tests.slack.fakes import TEAM


class FakeBadges:
    """A badge store that knows one learner by e-mail and records who asked."""

    def __init__(self):
        self.asked: list[Incoming] = []

    async def my_badges(self, incoming: Incoming, start: int = 0) -> Reply:
        self.asked.append(incoming)
        if "lea@example.org" in incoming.emails:
            return Reply(text="You have 1 badge: **Data Literacy** (issued by Example University).",
                         intent=Intent.MY_BADGES, private=True)
        return Reply(text="I found no badges for you.", intent=Intent.MY_BADGES, private=True)

    async def badge_detail(self, incoming: Incoming) -> Reply:
        self.asked.append(incoming)
        # echoes what the user typed, as a careless skill might: the renderer must make it inert
        return Reply(text=f"No badge called {incoming.text}.", intent=Intent.BADGE_DETAIL, private=True)

    async def share(self, incoming: Incoming, award_id: str) -> Reply:
        self.asked.append(incoming)
        if incoming.user != "ULEARNER":
            return Reply(text="Only the badge's owner can share it.", intent=Intent.BADGE_DETAIL, private=True)
        return Reply(text=f"<@{incoming.user}> earned **Data Literacy** ({award_id}).", intent=Intent.BADGE_DETAIL)

    async def verify(self, incoming: Incoming) -> Reply:
        return Reply(text="ok", intent=Intent.VERIFY, private=True)


class FakeStaff:
    def __init__(self):
        self.asked: list[Incoming] = []

    async def handle(self, incoming: Incoming) -> Reply:
        self.asked.append(incoming)
        allowed = incoming.platform_admin
        return Reply(text="stats: 3 questions" if allowed else "Staff only.", intent=Intent.ADMIN, private=True)


def buttons(call_or_body) -> list[dict]:
    blocks = call_or_body.blocks() if hasattr(call_or_body, "blocks") else call_or_body["blocks"]
    return [e for b in blocks if b["type"] == "actions" for e in b["elements"]]


def click(button: dict, *, user: str = "ULEARNER", channel: str = "C1", message_ts: str = "1700000003.000100",
          thread_ts: str | None = "1700000001.000100", ephemeral: bool = False, response_url: str = "") -> dict:
    container = {"type": "message", "message_ts": message_ts, "channel_id": channel, "is_ephemeral": ephemeral}
    payload = {"type": "block_actions", "user": {"id": user, "team_id": TEAM}, "channel": {"id": channel},
               "container": container, "response_url": response_url,
               "actions": [{"action_id": button["action_id"], "value": button["value"], "block_id": "credbot-actions",
                            "type": "button"}]}
    if ephemeral:
        if thread_ts:
            container["thread_ts"] = thread_ts
    else:
        payload["message"] = {"ts": message_ts, "thread_ts": thread_ts, "text": "x", "type": "message"}
    return payload


async def test_slash_command_is_acked_at_once_and_answered_privately(slack, fake):
    status, body = await slack.command("can a badge expire?", response_url=fake.response_url("cmd"))
    assert status == 200
    assert body == ""  # the ack: the answer follows through response_url
    await fake.wait_for(lambda: fake.responses)
    answer = fake.responses[0]
    assert answer["name"] == "cmd"
    assert answer["response_type"] == "ephemeral"
    assert "expire" in answer["text"].lower()
    assert "Post in channel" in [b["text"]["text"] for b in buttons(answer)]
    assert fake.of("chat.postMessage") == []  # nothing public until asked


async def test_post_in_channel_makes_the_private_answer_public(slack, fake):
    await slack.command("can a badge expire?", response_url=fake.response_url("cmd"))
    await fake.wait_for(lambda: fake.responses)
    post = next(b for b in buttons(fake.responses[0]) if b["text"]["text"] == "Post in channel")
    status, _ = await slack.interact(click(post, ephemeral=True, thread_ts=None, response_url=fake.response_url("btn")))
    assert status == 200
    await fake.wait_for(lambda: fake.of("chat.postMessage") and len(fake.responses) == 2)
    public = fake.of("chat.postMessage")[0]
    assert public.body["channel"] == "C1"
    assert "expire" in texts(public).lower()
    assert fake.responses[1]["name"] == "btn" and fake.responses[1]["delete_original"] is True


async def test_slash_help_and_empty_command(slack, fake):
    await slack.command("help", response_url=fake.response_url("h1"))
    await slack.command("", response_url=fake.response_url("h2"))
    await fake.wait_for(lambda: len(fake.responses) == 2)
    for response in fake.responses:
        assert "Try asking" in response["text"]


async def test_badges_command_answers_only_the_asker_with_their_email(fake, tmp_path):
    badges = FakeBadges()
    async with serving(settings_for(fake, tmp_path / "db.sqlite3"), skills={"badges": badges}) as slack:
        await slack.command("badges", response_url=fake.response_url("b"))
        await fake.wait_for(lambda: fake.responses)
    assert fake.responses[0]["response_type"] == "ephemeral"
    assert "Data Literacy" in fake.responses[0]["text"]
    assert badges.asked[0].emails == ("lea@example.org",)
    assert badges.asked[0].identity == f"slack:{TEAM}/ULEARNER"
    assert fake.of("chat.postMessage") == []


async def test_badge_question_in_a_channel_gets_an_ephemeral_reply_in_the_thread(fake, tmp_path):
    async with serving(settings_for(fake, tmp_path / "db.sqlite3"), skills={"badges": FakeBadges()}) as slack:
        await slack.event(mention("what badges do I have?", ts="1700000007.000100"), event_id="EvBadges")
        await fake.wait_for(lambda: fake.of("chat.postEphemeral"))
        await fake.settle()
    private = fake.of("chat.postEphemeral")[0]
    assert private.body["user"] == "ULEARNER"
    assert private.body["channel"] == "C1"
    assert private.body["thread_ts"] == "1700000007.000100"
    assert "Data Literacy" in texts(private)
    assert fake.of("chat.postMessage") == []  # never in the channel


async def test_default_badge_store_reply_is_private_too(slack, fake):
    await slack.event(mention("show my badges"), event_id="EvNoStore")
    await fake.wait_for(lambda: fake.of("chat.postEphemeral"))
    await fake.settle()
    assert fake.of("chat.postEphemeral")[0].body["user"] == "ULEARNER"
    assert fake.of("chat.postMessage") == []


async def test_user_text_is_escaped_so_it_cannot_ping_or_link(fake, tmp_path):
    async with serving(settings_for(fake, tmp_path / "db.sqlite3"), skills={"badges": FakeBadges()}) as slack:
        await slack.command("badges <!channel> <!everyone> <@U999> <https://evil.example|bank> & co",
                            response_url=fake.response_url("x"))
        await fake.wait_for(lambda: fake.responses)
    shown = fake.responses[0]["text"] + "".join(b["text"]["text"] for b in fake.responses[0]["blocks"] if "text" in b)
    for live in ("<!channel>", "<!everyone>", "<@U999>", "<https://evil.example"):
        assert live not in shown
    assert "&lt;!channel&gt;" in shown
    assert "&amp; co" in shown


async def test_share_button_posts_the_owners_badge_publicly(fake, tmp_path):
    badges = FakeBadges()
    share = {"action_id": "credbot:share:0", "value": "award-42"}
    async with serving(settings_for(fake, tmp_path / "db.sqlite3"), skills={"badges": badges}) as slack:
        await slack.interact(click(share, ephemeral=True, thread_ts="1700000001.000100",
                                   response_url=fake.response_url("s")))
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
        await slack.interact(click(share, user="UADMIN", ephemeral=True, response_url=fake.response_url("s2")))
        await fake.wait_for(lambda: len(fake.responses) == 2)
        await fake.settle()
    public = fake.of("chat.postMessage")
    assert len(public) == 1
    assert public[0].body["thread_ts"] == "1700000001.000100"
    assert "award-42" in texts(public[0])
    assert "&lt;@ULEARNER&gt;" in texts(public[0])  # the skill's own mention markup is inert too
    assert fake.responses[0]["delete_original"] is True  # the owner's private preview is gone
    assert "Only the badge's owner" in fake.responses[1]["text"]  # someone else's click stays private
    assert fake.responses[1]["response_type"] == "ephemeral"


async def test_feedback_buttons_record_feedback_and_thank_privately(slack, fake):
    await slack.event(mention("can a badge expire?"), event_id="EvFb")
    await fake.wait_for(lambda: fake.of("chat.postMessage"))
    answer = fake.of("chat.postMessage")[0]
    not_helpful = next(b for b in buttons(answer) if b["action_id"].startswith("credbot:not-helpful"))
    status, _ = await slack.interact(click(not_helpful, user="UADMIN"))
    assert status == 200
    await fake.wait_for(lambda: fake.of("chat.postEphemeral"))
    thanks = fake.of("chat.postEphemeral")[0]
    assert thanks.body["user"] == "UADMIN"
    assert thanks.body["thread_ts"] == "1700000001.000100"
    slack.runtime.recorder.flush()
    with slack.runtime.db.connect() as conn:
        rows = conn.execute(sa.select(FeedbackRecord.topic, FeedbackRecord.helpful)).all()
    assert rows == [(not_helpful["value"], False)]


async def test_did_you_mean_suggestion_answers_the_picked_topic_in_the_thread(slack, fake):
    pick = {"action_id": "credbot:suggestion:1", "value": "badge-expiry"}
    entries = slack.runtime.engine.knowledge.entries
    pick["value"] = next(iter(entries)) if "badge-expiry" not in entries else "badge-expiry"
    await slack.interact(click(pick, thread_ts=None, message_ts="1700000010.000100"))
    await fake.wait_for(lambda: fake.of("chat.postMessage"))
    posted = fake.of("chat.postMessage")[0]
    assert posted.body["thread_ts"] == "1700000010.000100"
    assert entries[pick["value"]].title in texts(posted)


async def test_workspace_admins_are_marked_for_staff_commands(fake, tmp_path):
    staff = FakeStaff()
    async with serving(settings_for(fake, tmp_path / "db.sqlite3"), skills={"staff": staff}) as slack:
        await slack.command("admin stats week", user="UADMIN", response_url=fake.response_url("a1"))
        await slack.command("admin stats", user="ULEARNER", response_url=fake.response_url("a2"))
        await fake.wait_for(lambda: len(fake.responses) == 2)
    by_user = {i.user: i for i in staff.asked}
    assert by_user["UADMIN"].platform_admin and by_user["UADMIN"].command == "admin"
    assert by_user["UADMIN"].text == "stats week"
    assert not by_user["ULEARNER"].platform_admin
    assert len(fake.of("users.info")) == 2  # one lookup each, then cached


async def test_message_shortcut_previews_privately_then_posts_in_the_thread(slack, fake):
    shortcut = {"type": "message_action", "callback_id": "credbot_answer", "user": {"id": "UADMIN", "team_id": TEAM},
                "channel": {"id": "C1"}, "response_url": fake.response_url("sc"),
                "message": {"type": "message", "user": "ULEARNER", "text": "how do I add a badge to LinkedIn?",
                            "ts": "1700000020.000100"}}
    status, _ = await slack.interact(shortcut)
    assert status == 200
    await fake.wait_for(lambda: fake.of("chat.postEphemeral"))
    preview = fake.of("chat.postEphemeral")[0]
    assert preview.body["user"] == "UADMIN"
    assert preview.body["thread_ts"] == "1700000020.000100"
    post = next(b for b in buttons(preview) if b["text"]["text"] == "Post as a reply")
    await slack.interact(click(post, user="UADMIN", ephemeral=True, thread_ts=None,
                               response_url=fake.response_url("sc2")))
    await fake.wait_for(lambda: fake.of("chat.postMessage"))
    reply = fake.of("chat.postMessage")[0]
    assert reply.body["thread_ts"] == "1700000020.000100"
    assert "linkedin" in texts(reply).lower()


async def test_app_home_shows_what_credbot_does_and_the_learners_badges(fake, tmp_path):
    async with serving(settings_for(fake, tmp_path / "db.sqlite3"), skills={"badges": FakeBadges()}) as slack:
        await slack.event({"type": "app_home_opened", "user": "ULEARNER", "channel": "D1", "tab": "home"},
                          event_id="EvHome")
        await fake.wait_for(lambda: fake.of("views.publish"))
    call = fake.of("views.publish")[0]
    view = call.body["view"]
    view = __import__("json").loads(view) if isinstance(view, str) else view
    assert call.body["user_id"] == "ULEARNER"
    shown = "\n".join(b["text"]["text"] for b in view["blocks"] if "text" in b)
    assert "micro-credentials" in shown
    assert "Try asking" in shown or "Popular topics" in shown
    assert "Data Literacy" in shown

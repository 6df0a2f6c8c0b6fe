"""The Block Kit renderer: Slack's limits, mrkdwn conversion and escaping; and the payload mapping."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.slack.blocks import MAX_BLOCKS, MAX_HEADER, MAX_SECTION, render, split_text
from adapters.slack.inbound import from_message_event, parse_command, strip_mention
from adapters.slack.mrkdwn import to_mrkdwn
from bot.messages import ActionKind, Card, Intent, Reply, ReplyAction
from tests.slack.conftest import mention, serving, settings_for


def check_limits(message) -> None:
    assert len(message.blocks) <= MAX_BLOCKS
    for block in message.blocks:
        if block["type"] == "section":
            assert 0 < len(block["text"]["text"]) <= MAX_SECTION
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= MAX_HEADER
        if block["type"] == "actions":
            assert len(block["elements"]) <= 25
            for button in block["elements"]:
                assert len(button["text"]["text"]) <= 75
                assert len(button["value"]) <= 2000
                assert len(button["action_id"]) <= 255


def test_a_very_long_answer_is_split_and_cut_within_limits():
    paragraph = "Badges stack into certificates when the issuer says so. " * 40
    reply = Reply(text="\n\n".join([paragraph] * 200), intent=Intent.FAQ,
                  card=Card(title="T" * 400, body="b", source_url="https://example.org/a?b=1&c=2"),
                  actions=tuple(ReplyAction(kind=ActionKind.SUGGESTION, label="L" * 300, value="v" * 5000)
                                for _ in range(40)))
    message = render(reply)
    check_limits(message)
    assert len(message.blocks) == MAX_BLOCKS
    sections = [b for b in message.blocks if b["type"] == "section"]
    assert "shortened" in sections[-1]["text"]["text"]
    assert all(s["text"]["text"].endswith(".") for s in sections[:-1])  # split between sentences/paragraphs
    assert len(message.text) <= 3000
    context = [b for b in message.blocks if b["type"] == "context"][0]
    assert "&amp;c=2" in context["elements"][0]["text"]


def test_split_never_breaks_a_link_or_an_entity():
    text = to_mrkdwn(("x" * 2990) + " [a long label](https://example.org/page) &&&" + "y" * 4000)
    pieces = split_text(text)
    assert all(len(p) <= MAX_SECTION for p in pieces)
    joined = "".join(pieces)
    assert "<https://example.org/page|a long label>" in joined
    for piece in pieces:
        assert piece.count("<") == piece.count(">")
        assert not piece.endswith("&") and not piece.endswith("&am")


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=9000))
def test_any_text_renders_within_limits_and_inert(text):
    reply = Reply(text=text if text.strip() else "x", intent=Intent.FAQ, private=True)
    message = render(reply)
    check_limits(message)
    for block in message.blocks:
        shown = block.get("text", {}).get("text", "")
        assert "<!" not in shown and "<@" not in shown and "<#" not in shown


def test_markdown_becomes_mrkdwn():
    out = to_mrkdwn("**Bold** and *help* and [Credly](https://credly.com)\n- one\n- two\n# Heading")
    assert out == "*Bold* and _help_ and <https://credly.com|Credly>\n\u2022 one\n\u2022 two\n*Heading*"


def test_hostile_markup_is_escaped():
    out = to_mrkdwn("<!channel> <!here> <@U1> <#C1|x> <https://evil|ok> a & b [x](javascript:alert(1))")
    assert "<" not in out.replace("&lt;", "")
    assert "&amp; b" in out
    assert "javascript" in out and "<javascript" not in out


def test_card_title_is_a_header_and_not_repeated():
    reply = Reply(text="**Title**\n\nAnswer.\n\nSource: https://example.org", intent=Intent.FAQ,
                  card=Card(title="Title", body="Answer.", source_url="https://example.org"))
    message = render(reply)
    assert message.blocks[0] == {"type": "header", "text": {"type": "plain_text", "text": "Title", "emoji": False}}
    assert message.blocks[1]["text"]["text"] == "Answer."
    assert "*Title*" not in message.blocks[1]["text"]["text"]


def test_commands_are_parsed():
    assert parse_command("badges Data Literacy") == ("badges", "Data Literacy")
    assert parse_command("  HELP ") == ("help", "")
    assert parse_command("admin unanswered 7") == ("admin", "unanswered 7")
    assert parse_command("") == ("help", "")
    assert parse_command("what are badges?") == ("ask", "what are badges?")


def test_mention_becomes_incoming():
    body = {"team_id": "T1", "event_id": "Ev9", "event": mention("can a badge expire?", ts="5.5")}
    incoming = from_message_event(body, "UBOT")
    assert (incoming.platform, incoming.workspace, incoming.channel, incoming.thread) == ("slack", "T1", "C1", "5.5")
    assert (incoming.user, incoming.is_direct, incoming.event_id) == ("ULEARNER", False, "Ev9")
    assert incoming.text == "can a badge expire?"
    assert strip_mention("<@UBOT|credbot> hi <@UOTHER>", "UBOT") == "hi <@UOTHER>"


async def test_a_long_answer_reaches_slack_within_limits(fake, tmp_path):
    class Verbose:
        async def my_badges(self, incoming, start=0):
            return Reply(text="\n".join(f"- Badge number {i}: " + "detail " * 60 for i in range(400)),
                         intent=Intent.MY_BADGES, private=True)

    async with serving(settings_for(fake, tmp_path / "db.sqlite3"), skills={"badges": Verbose()}) as slack:
        await slack.event(mention("what badges do I have?"), event_id="EvLong")
        await fake.wait_for(lambda: fake.of("chat.postEphemeral"))
    call = fake.of("chat.postEphemeral")[0]
    from adapters.slack.blocks import Message

    check_limits(Message(text=call.body["text"], blocks=call.blocks()))
    assert "\u2022 Badge number 0" in call.blocks()[0]["text"]["text"]

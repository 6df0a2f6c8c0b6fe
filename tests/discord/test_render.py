"""The renderer keeps every Discord limit, loses no text, and never breaks a code block."""

from __future__ import annotations

import pytest

from adapters.discord import buttons, invite
from adapters.discord.incoming import strip_mention
from adapters.discord.render import (BUTTONS_MAX, CONTENT_MAX, DESCRIPTION_MAX, EMBED_TOTAL_MAX,
                                     EMBEDS_PER_MESSAGE, FIELD_VALUE_MAX, TITLE_MAX, render, split_text)
from bot.messages import ActionKind, Card, Intent, Reply, ReplyAction


def words(text: str) -> list[str]:
    return text.split()


def test_long_plain_text_is_split_under_2000_without_losing_words():
    text = "\n\n".join(f"Paragraph {i}. " + "stackable credential " * 60 for i in range(20))
    messages = render(Reply(text=text, intent=Intent.FAQ))
    assert len(messages) > 1
    assert all(m.content and len(m.content) <= CONTENT_MAX and not m.embeds for m in messages)
    assert words(" ".join(m.content for m in messages)) == words(text)
    assert all(m.content.startswith("Paragraph") for m in messages)  # cut at paragraph boundaries


def test_one_unbroken_run_is_cut_hard():
    pieces = split_text("x" * 4500, CONTENT_MAX)
    assert [len(p) for p in pieces][-1] > 0 and all(len(p) <= CONTENT_MAX for p in pieces)
    assert "".join(pieces) == "x" * 4500


def test_code_blocks_are_closed_and_reopened():
    text = "Before\n```\n" + "\n".join(f"line {i}" for i in range(600)) + "\n```\nAfter"
    pieces = split_text(text, CONTENT_MAX)
    assert len(pieces) > 1
    assert all(p.count("```") % 2 == 0 for p in pieces)
    assert all(len(p) <= CONTENT_MAX for p in pieces)


def test_a_huge_card_stays_within_every_embed_limit():
    body = "\n\n".join("Open Badges carry verifiable metadata. " * 40 for _ in range(60))  # ~95,000
    title, source = "T" * 400, "https://example.org/" + "p" * 50
    reply = Reply(text=f"**{title}**\n\n{body}\n\nSource: {source}\n\nRelated: " + "; ".join(["A topic"] * 400),
                  intent=Intent.FAQ, card=Card(title=title, body=body, source_url=source),
                  actions=tuple(ReplyAction(kind=ActionKind.SUGGESTION, label="L" * 120, value=f"t{i}")
                                for i in range(40)))
    messages = render(reply)
    embeds = [e for m in messages for e in m.embeds]
    assert embeds[0].title == "T" * (TITLE_MAX - 1) + "\u2026"
    for message in messages:
        assert 1 <= len(message.embeds) <= EMBEDS_PER_MESSAGE
        assert sum(len(e) for e in message.embeds) <= EMBED_TOTAL_MAX
        assert message.content is None
        for embed in message.embeds:
            assert len(embed.description) <= DESCRIPTION_MAX
            assert all(len(f.value) <= FIELD_VALUE_MAX for f in embed.fields)
    assert words(" ".join(e.description for e in embeds)) == words(body)
    assert embeds[-1].footer.text == "Source: example.org"
    assert all(not m.actions for m in messages[:-1])
    view = messages[-1].view()
    assert len(view.children) == BUTTONS_MAX
    assert all(len(b.label) <= 80 for b in view.children)


def test_a_card_shows_what_was_said_not_the_whole_entry():
    """After "why?" the reply is one part of an entry; the embed showed the entry's whole answer."""
    entry = "The opening.\n\n**Why issuers revoke**\n\nThe part asked about.\n\n**Other**\n\nMore."
    reply = Reply(text="On that, from **Revoked badges**:\n\n**Why issuers revoke**\n\nThe part asked about.",
                  intent=Intent.FAQ, card=Card(title="Revoked badges", body=entry, source_url="https://example.org/r"))
    (message,) = render(reply)
    (embed,) = message.embeds
    assert "The part asked about." in embed.description and "The opening." not in embed.description
    assert embed.title == "Revoked badges" and embed.footer.text == "Source: example.org"


def test_plain_content_where_an_embed_adds_nothing():
    (message,) = render(Reply(text="Hello! I'm credbot.", intent=Intent.GREETING))
    assert message.content == "Hello! I'm credbot." and not message.embeds and message.view() is None


def test_buttons_round_trip_and_refuse_what_does_not_fit():
    action = ReplyAction(kind=ActionKind.POST_AS_REPLY, label="Post", value="what-is-open-badge")
    cid = buttons.custom_id(action, "123")
    clicked, ref = buttons.parse(cid)
    assert (clicked.kind, clicked.value, ref) == (ActionKind.POST_AS_REPLY, "what-is-open-badge", "123")
    assert buttons.custom_id(ReplyAction(kind=ActionKind.SHARE, label="x", value="v" * 100)) is None
    assert buttons.parse("other:thing") is None
    assert buttons.parse("credbot:unknown::x") is None
    assert buttons.parse("credbot:helpful::") is None


@pytest.mark.parametrize("content,expected", [
    ("<@42> what is a badge?", "what is a badge?"),
    ("<@!42>   can it expire <@&7> <#9>", "can it expire"),
    ("@everyone <@42> hi", "@everyone hi"),  # the core neutralises mass mentions when echoing
])
def test_mention_markup_is_not_part_of_the_question(content, expected):
    assert strip_mention(content, 42) == expected


def test_invite_asks_only_for_what_credbot_uses():
    url = invite.url(123)
    assert "client_id=123" in url and "scope=bot+applications.commands" in url
    granted = invite.permissions()
    assert granted.send_messages and granted.embed_links and granted.read_message_history
    assert not (granted.administrator or granted.mention_everyone or granted.manage_messages or granted.manage_guild)

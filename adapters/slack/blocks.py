"""A neutral `Reply` as a Slack message: Block Kit blocks plus a plain-text fallback.

Slack rejects a message that breaks its limits with an API error, which would leave the user with
silence; so the limits are enforced here: at most 50 blocks, 3000 characters a section, 150 a
header, 75 a button label, 2000 a button value, 25 buttons in an actions block. A long answer is
split between paragraphs (or lines, or words) into several sections, and what still does not fit
is cut with a note rather than lost with an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.messages import ActionKind, Reply, ReplyAction

from adapters.slack.mrkdwn import escape, plain, to_mrkdwn

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_FIELDS = 10
MAX_FIELD = 2000
MAX_BUTTON_LABEL = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTIONS = 25
MAX_FALLBACK = 3000  # the notification / screen-reader text; Slack truncates far above this
ACTION_PREFIX = "credbot"
SHORTENED = "_(The answer was shortened to fit in Slack.)_"

Block = dict[str, Any]


@dataclass
class Message:
    """What `chat.postMessage`, `chat.postEphemeral` and `respond` take: text and blocks."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def kwargs(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": self.blocks}


def action_id(kind: ActionKind, index: int) -> str:
    """Unique within a message (Slack requires it) and names the kind: `credbot:helpful:1`."""
    return f"{ACTION_PREFIX}:{kind.value}:{index}"


def parse_action_id(value: str) -> ActionKind | None:
    parts = value.split(":")
    if len(parts) != 3 or parts[0] != ACTION_PREFIX:
        return None
    try:
        return ActionKind(parts[1])
    except ValueError:
        return None


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def split_text(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraph, line, then word boundaries."""
    pieces: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), 0)
        if cut < limit // 3:
            cut = window.rfind("\n")
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut < limit // 3:
            cut = limit
            # never split an entity such as &amp; in two
            amp = window.rfind("&", limit - 6)
            if amp != -1 and ";" not in window[amp:]:
                cut = amp
        opened = rest.rfind("<", 0, cut)
        if opened > rest.rfind(">", 0, cut) and opened > 0:
            cut = opened  # never split a <url|label> link
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def button(action: ReplyAction, index: int, value: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "action_id": action_id(action.kind, index),
        "text": {"type": "plain_text", "text": clip(action.label, MAX_BUTTON_LABEL) or "?", "emoji": False},
        "value": (value if value is not None else action.value)[:MAX_BUTTON_VALUE],
    }
    if action.kind is ActionKind.HELPFUL:
        element["style"] = "primary"
    return element


def render(reply: Reply, *, extra_actions: tuple[ReplyAction, ...] = (),
           values: dict[ActionKind, str] | None = None) -> Message:
    """Block Kit for a reply. `values` overrides a button's value per kind (the thread to post to)."""
    blocks: list[Block] = []
    text = reply.text
    card = reply.card
    if card is not None:
        blocks.append({"type": "header", "text": {"type": "plain_text", "text": clip(card.title, MAX_HEADER) or "credbot",
                                                  "emoji": False}})
        text = reply.card_text()
    sections = split_text(to_mrkdwn(text) or " ")
    actions = [*reply.actions, *extra_actions][:MAX_ACTIONS]
    tail: list[Block] = []
    if card is not None and card.source_url:
        url = escape(card.source_url).replace("|", "%7C")
        tail.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"Source: <{url}|{clip(url, 200)}>"}]})
    if actions:
        values = values or {}
        tail.append({"type": "actions", "block_id": "credbot-actions",
                     "elements": [button(a, i, values.get(a.kind)) for i, a in enumerate(actions)]})
    if reply.private:
        tail.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "Only you can see this."}]})
    room = MAX_BLOCKS - len(blocks) - len(tail)
    if len(sections) > room:
        sections = sections[: room - 1] + [SHORTENED]
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": s}} for s in sections]
    blocks += tail
    return Message(text=plain(reply.text, MAX_FALLBACK), blocks=blocks)


def notice(text: str) -> Message:
    """A short message of credbot's own (apologies, confirmations): plain, escaped."""
    return Message(text=escape(text), blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": escape(text)}}])

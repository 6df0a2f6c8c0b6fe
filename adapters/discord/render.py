"""A neutral `Reply` as Discord messages: embeds, plain content and buttons, within Discord's limits.

Discord rejects a whole message when any limit is exceeded, so the renderer enforces every one
of them itself (content 2000, title 256, description 4096, 25 fields of 256/1024, footer 2048,
10 embeds and 6000 characters a message, 25 buttons with labels of 80 and ids of 100) and splits
long answers at paragraph, line or word boundaries rather than losing text.

Rendering produces plain data (`Outgoing`); the delivery code turns it into library calls. That
keeps this module testable without a connection.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

import discord

from adapters.discord.buttons import custom_id
from bot.messages import Reply, ReplyAction

log = logging.getLogger(__name__)

CONTENT_MAX = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL_MAX = 6000
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
BUTTONS_MAX = 25
LABEL_MAX = 80
EMBED_COLOUR = 0x2B6CB0

_RELATED = re.compile(r"^Related: (.+)$", re.M)
_FENCE = "```"


@dataclass
class Outgoing:
    """One Discord message to send: content and/or embeds, and the buttons (on the last one)."""

    content: str | None = None
    embeds: list[discord.Embed] = field(default_factory=list)
    actions: list[tuple[ReplyAction, str]] = field(default_factory=list)  # (action, its custom id)

    def view(self) -> discord.ui.View | None:
        """The buttons as an inert view: clicks are handled by the client, not by this object.

        The view is stopped before it is sent so discord.py does not keep it in memory waiting
        for clicks; every click arrives as an interaction the client routes by its custom id.
        """
        if not self.actions:
            return None
        view = discord.ui.View(timeout=None)
        for action, cid in self.actions:
            view.add_item(discord.ui.Button(label=_clip(action.label, LABEL_MAX) or "?", custom_id=cid,
                                            style=_style(action)))
        view.stop()
        return view


def _style(action: ReplyAction) -> discord.ButtonStyle:
    kind = action.kind.value
    if kind == "helpful":
        return discord.ButtonStyle.success
    if kind == "not-helpful":
        return discord.ButtonStyle.secondary
    if kind in ("share", "post-as-reply"):
        return discord.ButtonStyle.primary
    return discord.ButtonStyle.secondary


def _clip(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at the cleanest boundary available.

    Paragraphs first, then lines, sentences, words; only a single unbroken run longer than the
    limit is cut mid-word. A code block cut in two is closed and reopened so both halves render.
    """
    text = text.strip()
    if not text:
        return []
    pieces: list[str] = []
    reopen = ""
    while text:
        text = reopen + text
        reopen = ""
        if len(text) <= limit:
            pieces.append(text)
            break
        budget = limit - len(_FENCE) - 1  # room to close a code block
        window = text[:budget]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep)
            if at > budget // 3:
                cut = at + (1 if sep == ". " else 0)
                break
        if cut <= 0:
            cut = budget
        piece, text = text[:cut].rstrip(), text[cut:].lstrip()
        if piece.count(_FENCE) % 2 == 1:  # inside a code block: close it here, reopen in the next
            piece += "\n" + _FENCE
            reopen = _FENCE + "\n"
        pieces.append(piece)
    return [p for p in pieces if p.strip()]


def _footer(source_url: str | None) -> str | None:
    if not source_url:
        return None
    host = urlparse(source_url).netloc or source_url
    return _clip(f"Source: {host}", FOOTER_MAX)


def _buttons(reply: Reply, ref: str = "") -> list[tuple[ReplyAction, str]]:
    buttons = []
    for action in reply.actions:
        cid = custom_id(action, ref)
        if cid is None:
            log.warning("dropping a %s button whose value is too long for a Discord custom id", action.kind)
            continue
        buttons.append((action, cid))
        if len(buttons) == BUTTONS_MAX:
            break
    return buttons


def _card_embeds(reply: Reply) -> list[discord.Embed]:
    card = reply.card
    assert card is not None
    # (what was said, not the card's body: after "why?" that is one part of the entry, not all of it)
    parts = split_text(_RELATED.sub("", reply.card_text()).strip(), DESCRIPTION_MAX) or ["\u200b"]
    embeds = []
    for number, part in enumerate(parts):
        embed = discord.Embed(description=part, colour=EMBED_COLOUR)
        if number == 0:
            embed.title = _clip(card.title, TITLE_MAX)
            if card.source_url and card.source_url.startswith(("http://", "https://")) and len(card.source_url) <= 2048:
                embed.url = card.source_url
        embeds.append(embed)
    last = embeds[-1]
    related = _RELATED.search(reply.text)
    if related:
        last.add_field(name="Related", value=_clip(related.group(1), FIELD_VALUE_MAX), inline=False)
    footer = _footer(card.source_url)
    if footer:
        last.set_footer(text=footer)
    return embeds


def _pack(embeds: list[discord.Embed]) -> list[list[discord.Embed]]:
    """Embeds grouped into messages of at most 10 embeds and 6000 characters."""
    groups: list[list[discord.Embed]] = [[]]
    size = 0
    for embed in embeds:
        if groups[-1] and (len(groups[-1]) == EMBEDS_PER_MESSAGE or size + len(embed) > EMBED_TOTAL_MAX):
            groups.append([])
            size = 0
        groups[-1].append(embed)
        size += len(embed)
    return groups


def render(reply: Reply, *, ref: str = "") -> list[Outgoing]:
    """The messages that say `reply` on Discord, the buttons on the last one.

    A reply with a card becomes an embed (title, description, related topics as a field, the
    source in the footer); anything else is plain content, where an embed would add nothing.
    `ref` is carried in the buttons' custom ids (the message a "post as reply" button answers).
    """
    if reply.card is not None:
        messages = [Outgoing(embeds=group) for group in _pack(_card_embeds(reply))]
    else:
        messages = [Outgoing(content=piece) for piece in split_text(reply.text, CONTENT_MAX)]
        if not messages:
            messages = [Outgoing(content="\u200b")]
    messages[-1].actions = _buttons(reply, ref)
    return messages

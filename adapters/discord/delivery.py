"""Sending rendered replies: to an interaction (ephemeral when private) or as a reply to a message.

Privacy lives here: a private reply to an interaction is ephemeral; a private reply to a public
mention goes by DM with a short public pointer, or, when the member does not accept DMs, a pointer
to `/badges` (whose answers are ephemeral). Every send carries `AllowedMentions.none()`, so nothing
a user typed can ping `@everyone`, a role or a member, and no reply pings its asker.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import discord

from adapters.discord.render import Outgoing, render
from bot.messages import Reply

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
SENT_BY_DM = "I've sent you the answer in a DM, so only you can see it."
DMS_CLOSED = ("That answer is private, and I can't send you a DM (your privacy settings block it). "
              "Use `/badges` here instead: only you will see the answer.")
SENT_PRIVATELY = "I've sent you the answer privately (only you can see it)."
APOLOGY = "Sorry, something went wrong on my side. Please try again in a moment."


def _kwargs(message: Outgoing) -> dict:
    kwargs: dict = {"allowed_mentions": NO_MENTIONS}
    if message.content:
        kwargs["content"] = message.content
    if message.embeds:
        kwargs["embeds"] = message.embeds
    view = message.view()
    if view is not None:
        kwargs["view"] = view
    return kwargs


@dataclass
class Deferral:
    """How an interaction was deferred (if it was), which decides how its answer is sent."""

    deferred: bool = False
    ephemeral: bool = False


async def to_interaction(interaction: discord.Interaction, reply: Reply, *, private: bool,
                         deferral: Deferral | None = None, ref: str = "") -> None:
    """Answer an interaction: the first message as its response, the rest as follow-ups."""
    messages = render(reply, ref=ref)
    deferral = deferral or Deferral()
    if not deferral.deferred and not interaction.response.is_done():
        first, rest = messages[0], messages[1:]
        await interaction.response.send_message(**_kwargs(first), ephemeral=private)
        for message in rest:
            await interaction.followup.send(**_kwargs(message), ephemeral=private)
        return
    if private and not deferral.ephemeral:
        # The public "thinking..." message becomes a pointer; the answer itself goes ephemeral.
        await interaction.edit_original_response(content=SENT_PRIVATELY, allowed_mentions=NO_MENTIONS)
    for message in messages:
        await interaction.followup.send(**_kwargs(message), ephemeral=private or deferral.ephemeral)


async def apologise(interaction: discord.Interaction) -> None:
    """A short ephemeral apology, however far the interaction had got."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(APOLOGY, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(APOLOGY, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except Exception as exc:  # the connection may be gone too; never raise from the error path
        log.warning("could not send the apology either: %s", exc)


async def to_message(message: discord.Message, reply: Reply) -> list[discord.Message]:
    """Answer a mention or DM; returns credbot's messages (so replies to them continue the thread)."""
    if reply.private and message.guild is not None:
        return [await _privately(message, reply)]
    sent: list[discord.Message] = []
    for number, outgoing in enumerate(render(reply)):
        if number == 0:
            sent.append(await message.reply(**_kwargs(outgoing), mention_author=False))
        else:
            sent.append(await message.channel.send(**_kwargs(outgoing)))
    return sent


async def _privately(message: discord.Message, reply: Reply) -> discord.Message:
    try:
        for outgoing in render(reply):
            await message.author.send(**_kwargs(outgoing))
        pointer = SENT_BY_DM
    except discord.Forbidden:  # DMs closed (50007) or no shared server
        pointer = DMS_CLOSED
    return await message.reply(pointer, allowed_mentions=NO_MENTIONS, mention_author=False)


async def post_as_reply(channel: discord.abc.Messageable, message_id: int, reply: Reply) -> list[discord.Message]:
    """Staff's "post it": the answer, publicly, as a reply to the member's message (no buttons
    for suggestions; helpful/not helpful stay)."""
    target = channel.get_partial_message(message_id)  # type: ignore[attr-defined]
    sent = []
    for number, outgoing in enumerate(render(reply)):
        if number == 0:
            sent.append(await target.reply(**_kwargs(outgoing), mention_author=False))
        else:
            sent.append(await channel.send(**_kwargs(outgoing)))
    return sent

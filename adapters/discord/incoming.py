"""Discord events as neutral `Incoming` messages: who, where, which conversation, what they said.

Server channels: `workspace` is the server id and `thread` the message that mentioned credbot (or
the Discord thread it was in), so each public question is its own conversation and replies to
credbot's answer continue it. DMs are direct. What Discord vouches for about the member (Manage
Server, role names) is passed on for the staff commands' access control.
"""

from __future__ import annotations

import re

import discord

from adapters.discord.downloads import Offered
from bot.messages import ClickedAction, Incoming

PLATFORM = "discord"


def _member_facts(user: discord.abc.User, admin: bool) -> dict:
    roles: tuple[str, ...] = ()
    if isinstance(user, discord.Member):
        roles = tuple(role.name for role in user.roles if not role.is_default())
    return {"user": str(user.id), "platform_admin": admin, "roles": roles, "display_name": user.display_name}


def from_interaction(interaction: discord.Interaction, *, command: str | None = None, text: str = "",
                     action: ClickedAction | None = None) -> Incoming:
    """A slash command, context-menu command or button click."""
    in_guild = interaction.guild_id is not None
    admin = in_guild and interaction.permissions.manage_guild
    channel = interaction.channel
    thread = str(channel.id) if isinstance(channel, discord.Thread) else None
    channel_id = channel.parent_id if isinstance(channel, discord.Thread) else interaction.channel_id
    return Incoming(
        platform=PLATFORM, workspace=str(interaction.guild_id or ""), channel=str(channel_id or ""),
        thread=thread, is_direct=not in_guild, event_id=str(interaction.id), text=text,
        command=command, action=action, **_member_facts(interaction.user, admin),
    )


_MENTION_MARKUP = re.compile(r"<(@[!&]?|#)\d+>")


def strip_mention(content: str, bot_id: int) -> str:
    """The question without mention markup: credbot's own mention (`<@id>`, the older `<@!id>`)
    and any member, role or channel mentions, which are addressing, not part of the question."""
    return " ".join(_MENTION_MARKUP.sub(" ", content).split())


def from_message(message: discord.Message, bot_id: int, thread: str | None = None) -> Incoming:
    """A mention in a server channel, or a direct message.

    `thread` overrides the conversation (a reply to one of credbot's answers continues the
    conversation that answer belonged to).
    """
    in_guild = message.guild is not None
    channel = message.channel
    if isinstance(channel, discord.Thread):
        channel_id, thread = channel.parent_id, thread or str(channel.id)
    else:
        channel_id = channel.id
        if in_guild:
            thread = thread or str(message.id)
    author = message.author
    admin = isinstance(author, discord.Member) and author.guild_permissions.manage_guild
    command, text = split_command(strip_mention(message.content, bot_id))
    return Incoming(
        platform=PLATFORM, workspace=str(message.guild.id) if in_guild else "", channel=str(channel_id),
        thread=thread if in_guild else None, is_direct=not in_guild, event_id=str(message.id),
        text=text, command=command, **_member_facts(author, admin),
    )


def split_command(text: str) -> tuple[str | None, str]:
    """`admin badges import` -> ("admin", "badges import"): staff commands typed in a message (so a
    roster can be attached to it); anything else is an ordinary message."""
    word, _, rest = text.strip().partition(" ")
    if word.lower() == "admin":
        return "admin", rest.strip()
    return None, text


def offered(attachments: list[discord.Attachment]) -> list[Offered]:
    """The files of a message or command option, as the downloader takes them."""
    return [Offered(name=a.filename, url=a.url, size=a.size, content_type=a.content_type) for a in attachments]

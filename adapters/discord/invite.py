"""The OAuth2 link a server admin opens to add credbot, with only the permissions it uses."""

from __future__ import annotations

import discord

SCOPES = ("bot", "applications.commands")


def permissions() -> discord.Permissions:
    """Read and answer in channels and threads, embeds and buttons; nothing else (no admin,
    no managing, no mass mentions)."""
    return discord.Permissions(view_channel=True, send_messages=True, send_messages_in_threads=True,
                               embed_links=True, read_message_history=True)


def url(client_id: int | str) -> str:
    return discord.utils.oauth_url(client_id, permissions=permissions(), scopes=SCOPES)

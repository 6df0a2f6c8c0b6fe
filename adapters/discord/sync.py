"""Syncing slash commands only when they changed, remembered in the database.

Discord allows few command syncs a day; a bot that syncs on every start hits that limit when it
restarts in a loop. The fingerprint of what was last synced (application, target servers and the
commands' JSON) is kept in the `installation` key/value table, so a new database syncs once and a
restart with the same commands does not sync at all, whichever process or shard starts first.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Sequence

import discord
import sqlalchemy as sa
from discord import app_commands
from sqlmodel import Session

from bot.records import Installation

log = logging.getLogger(__name__)


def fingerprint(tree: app_commands.CommandTree, application_id: int | None, guild_ids: Sequence[int]) -> str:
    """A stable hash of everything a sync would send, and to where."""
    commands = sorted((command.to_dict(tree) for command in tree.get_commands()),
                      key=lambda c: (c.get("type", 1), c["name"]))
    payload = {"application": str(application_id), "guilds": sorted(str(g) for g in guild_ids),
               "commands": commands}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _key(application_id: int | None) -> str:
    return f"discord:commands:{application_id}"


def last_synced(db: sa.Engine, application_id: int | None) -> str | None:
    with Session(db) as session:
        row = session.get(Installation, _key(application_id))
        return row.value if row else None


def remember(db: sa.Engine, application_id: int | None, value: str) -> None:
    with Session(db) as session:
        row = session.get(Installation, _key(application_id))
        if row is None:
            session.add(Installation(key=_key(application_id), value=value))
        else:
            row.value = value
        session.commit()


async def sync_if_changed(tree: app_commands.CommandTree, db: sa.Engine, application_id: int | None,
                          guild_ids: Sequence[int]) -> bool:
    """Sync the commands when they differ from the last sync recorded; True when it synced.

    With guild ids (development), the commands go to those servers only, where they appear at
    once; otherwise they are synced globally.
    """
    current = fingerprint(tree, application_id, guild_ids)
    if await asyncio.to_thread(last_synced, db, application_id) == current:
        log.info("slash commands unchanged since the last sync; not syncing")
        return False
    if guild_ids:
        for guild_id in guild_ids:
            guild = discord.Object(id=guild_id)
            tree.copy_global_to(guild=guild)
            synced = await tree.sync(guild=guild)
            log.info("synced %d commands to server %s", len(synced), guild_id)
    else:
        synced = await tree.sync()
        log.info("synced %d commands globally", len(synced))
    await asyncio.to_thread(remember, db, application_id, current)
    return True

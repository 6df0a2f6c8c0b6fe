"""The Discord client: events in, engine, rendered replies out.

One class serves both the plain and the auto-sharded client (large communities), so the
behaviour is identical whichever Discord asks for. Interactions get their first response within
Discord's 3 seconds: the engine is given `defer_after` seconds, then the interaction is deferred
and answered with a follow-up. Any failure costs one reply (an ephemeral apology), never the bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict

import discord
import sqlalchemy as sa
from discord import app_commands

from adapters.discord import buttons, delivery
from adapters.discord import incoming as convert
from adapters.discord.commands import PERSONAL, register
from adapters.discord.downloads import Downloader, Offered
from adapters.discord.metrics import Metrics
from adapters.discord.sync import sync_if_changed
from bot.dedupe import SeenEvents
from bot.engine import Engine
from bot.messages import ActionKind, Incoming, Intent, Reply, ReplyAction

log = logging.getLogger(__name__)

DEFER_AFTER = 2.0  # seconds the engine gets before an interaction is deferred (Discord allows 3)
GUILD_READY_TIMEOUT = 0.5  # do not hold readiness for servers that are slow to arrive
THREADS_REMEMBERED = 5000
IDENTIFY_SPACING = 5.0  # seconds between batches of shard identifies (Discord's rule)
SHARD_LAUNCH_GRACE = 5.0  # seconds a stop waits for a shard that is connecting


def intents(message_content: bool) -> discord.Intents:
    """Only what credbot needs: servers (roles), messages that mention it, and DMs.

    Message content is privileged; Discord still sends the text of mentions and DMs without it.
    """
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    wanted.dm_messages = True
    wanted.message_content = message_content
    return wanted


def parse_ids(raw: str) -> list[int]:
    """Comma-separated Discord ids; a clear error for anything else."""
    ids = []
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(f"{part!r} is not a Discord id (a number such as 123456789012345678)")
        ids.append(int(part))
    return ids


def parse_shard_ids(raw: str, count: int) -> list[int]:
    """`DISCORD_SHARD_IDS`: ids and ranges ("0-3,6") of the `count` shards; a clear error otherwise."""
    ids: set[int] = set()
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        first, dash, last = part.partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise ValueError(f"DISCORD_SHARD_IDS: {part!r} is not a shard number or a range such as 0-3")
        low, high = int(first), int(last) if dash else int(first)
        if low > high:
            raise ValueError(f"DISCORD_SHARD_IDS: the range {part!r} runs backwards")
        if high >= count:
            raise ValueError(f"DISCORD_SHARD_IDS: shard {high} does not exist; with DISCORD_SHARDS={count} "
                             f"they are numbered 0 to {count - 1}")
        ids.update(range(low, high + 1))
    if not ids:
        raise ValueError("DISCORD_SHARD_IDS names no shard")
    return sorted(ids)


class _Credbot:
    """The credbot behaviour, mixed into `discord.Client` or `discord.AutoShardedClient`."""

    def __init__(self, *, engine: Engine, db: sa.Engine, seen: SeenEvents | None = None,
                 guild_ids: list[int] | None = None, message_content: bool = False,
                 channel_ids: list[int] | None = None, **kwargs):
        # credbot never joins voice: the library's warnings about missing voice packages are noise.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        kwargs.setdefault("guild_ready_timeout", GUILD_READY_TIMEOUT)
        super().__init__(intents=intents(message_content), allowed_mentions=delivery.NO_MENTIONS,
                         chunk_guilds_at_startup=False, member_cache_flags=discord.MemberCacheFlags.none(),
                         **kwargs)
        self.engine = engine
        self.db = db
        self.seen = seen
        self.guild_ids = guild_ids or []
        self.message_content = message_content
        self.channel_ids = frozenset(channel_ids or ())
        self.defer_after = DEFER_AFTER
        self.metrics = Metrics()
        self.tree = app_commands.CommandTree(self)
        self.tree.on_error = self._command_error
        register(self, self.tree)
        self.sync_task: asyncio.Task | None = None
        self.downloads = Downloader()
        self._threads: OrderedDict[int, str] = OrderedDict()

    # --- start-up ----------------------------------------------------------------------------

    async def setup_hook(self) -> None:
        # In the background: a slow or rate-limited sync must not hold up the gateway connection.
        self.sync_task = asyncio.create_task(self._sync_commands(), name="credbot-command-sync")

    async def _sync_commands(self) -> None:
        try:
            if await sync_if_changed(self.tree, self.db, self.application_id, self.guild_ids):
                self.metrics.syncs += 1
        except Exception:
            if self.is_closed():  # stopped mid-sync: the next start syncs
                log.info("stopped before the slash commands were synced")
                return
            log.exception("could not sync the slash commands; they may be out of date until the next start")

    async def close(self) -> None:
        if self.sync_task is not None and not self.sync_task.done():
            self.sync_task.cancel()
        await self.downloads.close()
        await super().close()

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s (%s) in %d servers", self.user, getattr(self.user, "id", "?"),
                 len(self.guilds))

    # --- interactions ------------------------------------------------------------------------

    async def answer_command(self, interaction: discord.Interaction, command: str, text: str,
                             files: list[discord.Attachment] | None = None) -> None:
        self.metrics.events[f"command:{command}"] += 1
        incoming = convert.from_interaction(interaction, command=command, text=text)
        await self._answer_interaction(interaction, incoming, force_private=command in PERSONAL,
                                       files=convert.offered(files or []))

    async def _answer(self, incoming: Incoming, files: list[Offered]) -> Reply:
        """The engine's reply, with the files that came along downloaded first.

        A file that could not be fetched (too large, timed out) is explained rather than dropped;
        when none could be, the explanation is the whole reply (the request needs the files).
        """
        if not files:
            return await self.engine.handle(incoming)
        fetched = await self.downloads.fetch(files)
        self.metrics.events["file"] += len(fetched.attachments)
        self.metrics.events["file:refused"] += len(files) - len(fetched.attachments)
        staff = incoming.command == "admin"
        if not fetched.attachments:
            return Reply(text=fetched.notice(), intent=Intent.ADMIN if staff else Intent.VERIFY, private=staff)
        reply = await self.engine.handle(incoming.model_copy(update={"attachments": fetched.attachments}))
        if fetched.problems:
            reply = reply.model_copy(update={"text": f"{fetched.notice()}\n\n{reply.text}"})
        return reply

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """Button clicks (slash commands are routed by the command tree)."""
        if interaction.type is not discord.InteractionType.component:
            return
        parsed = buttons.parse(str((interaction.data or {}).get("custom_id", "")))
        if parsed is None:
            return
        action, ref = parsed
        self.metrics.events[f"button:{action.kind.value}"] += 1
        incoming = convert.from_interaction(interaction, action=action)
        if action.kind is ActionKind.POST_AS_REPLY:
            await self._post_as_reply(interaction, incoming, ref)
        else:
            await self._answer_interaction(interaction, incoming, force_private=False)

    async def _answer_interaction(self, interaction: discord.Interaction, incoming: Incoming, *,
                                  force_private: bool, shape=None, files: list[Offered] | None = None) -> None:
        """Engine (and any file download), then respond: at once if it is quick, else defer and follow up."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        task = asyncio.ensure_future(self._answer(incoming, files or []))
        deferral = delivery.Deferral()
        try:
            done, _ = await asyncio.wait({task}, timeout=self.defer_after)
            if not done:
                await interaction.response.defer(thinking=True, ephemeral=force_private)
                deferral = delivery.Deferral(deferred=True, ephemeral=force_private)
                self.metrics.deferred += 1
                self.metrics.first_response(loop.time() - started)
            reply = await task
            ref = ""
            if shape is not None:
                reply, ref = shape(reply)
            await delivery.to_interaction(interaction, reply, private=force_private or reply.private,
                                          deferral=deferral, ref=ref)
            if not deferral.deferred:
                self.metrics.first_response(loop.time() - started)
        except Exception:
            task.cancel()
            self.metrics.errors += 1
            log.exception("could not answer interaction %s", interaction.id)
            await delivery.apologise(interaction)

    async def _command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        self.metrics.errors += 1
        log.error("slash command failed: %s", error, exc_info=error)
        await delivery.apologise(interaction)

    async def suggest_answer(self, interaction: discord.Interaction, message: discord.Message) -> None:
        """"Answer with credbot": the suggested answer, shown only to the staff member who asked,
        with buttons to post it (or one of the suggestions) as a reply to the member's message."""
        self.metrics.events["context:answer"] += 1
        incoming = convert.from_interaction(interaction, command="ask", text=message.content)

        def shape(reply: Reply) -> tuple[Reply, str]:
            if reply.topic:
                choices = [ReplyAction(kind=ActionKind.POST_AS_REPLY, label="Post as a reply", value=reply.topic)]
            else:
                choices = [ReplyAction(kind=ActionKind.POST_AS_REPLY, label=f"Post: {a.label}", value=a.value)
                           for a in reply.actions if a.kind is ActionKind.SUGGESTION]
            return reply.model_copy(update={"actions": tuple(choices)}), str(message.id)

        await self._answer_interaction(interaction, incoming, force_private=True, shape=shape)

    async def _post_as_reply(self, interaction: discord.Interaction, incoming: Incoming, ref: str) -> None:
        try:
            if not ref.isdigit() or interaction.channel is None:
                raise ValueError(f"no message to reply to in {ref!r}")
            reply = await self.engine.handle(incoming)
            if reply.private:  # e.g. the topic left the knowledge base: tell the staff member only
                await delivery.to_interaction(interaction, reply, private=True)
                return
            public = reply.model_copy(update={"actions": tuple(a for a in reply.actions
                                                               if a.kind is not ActionKind.SUGGESTION)})
            await interaction.response.defer(ephemeral=True, thinking=True)
            await delivery.post_as_reply(interaction.channel, int(ref), public)
            await interaction.followup.send("Posted.", ephemeral=True, allowed_mentions=delivery.NO_MENTIONS)
        except Exception:
            self.metrics.errors += 1
            log.exception("could not post an answer as a reply")
            await delivery.apologise(interaction)

    # --- messages ----------------------------------------------------------------------------

    def _wants(self, message: discord.Message) -> bool:
        if self.user is None or message.author.bot or message.author.id == self.user.id:
            return False
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return False
        if message.guild is None:
            return True
        if any(user.id == self.user.id for user in message.mentions):
            return True
        channel = message.channel
        where = {channel.id, getattr(channel, "parent_id", None)}
        return self.message_content and bool(self.channel_ids & where) and bool(message.content.strip())

    async def on_message(self, message: discord.Message) -> None:
        if not self._wants(message):
            return
        if self.seen is not None and not await self.seen.first_time_async("discord", f"message:{message.id}"):
            return  # replayed after a resume, or another process answered it
        kind = "dm" if message.guild is None else "mention"
        self.metrics.events[kind] += 1
        reference = message.reference.message_id if message.reference else None
        thread = self._threads.get(reference) if reference else None
        incoming = convert.from_message(message, self.user.id, thread)
        # Files only from messages addressed to credbot, never every upload in a watched channel.
        addressed = message.guild is None or any(user.id == self.user.id for user in message.mentions)
        files = convert.offered(message.attachments) if addressed else []
        try:
            reply = await self._answer(incoming, files)
            sent = await delivery.to_message(message, reply)
        except Exception:
            self.metrics.errors += 1
            log.exception("could not answer message %s", message.id)
            try:
                await message.reply(delivery.APOLOGY, allowed_mentions=delivery.NO_MENTIONS, mention_author=False)
            except discord.HTTPException:
                pass
            return
        if incoming.thread:
            for answer in sent:
                self._threads[answer.id] = incoming.thread
            while len(self._threads) > THREADS_REMEMBERED:
                self._threads.popitem(last=False)


class Credbot(_Credbot, discord.Client):
    """credbot on one gateway connection."""


class ShardedCredbot(_Credbot, discord.AutoShardedClient):
    """credbot on several shards, for large communities (`DISCORD_SHARDS` or Discord's advice).

    Discord lets a bot identify `max_concurrency` shards at once, then the next batch after
    `IDENTIFY_SPACING` seconds (shards are grouped by `shard_id // max_concurrency`). discord.py's
    own hook waits 5 seconds before every shard after the first, which is right for small bots but
    makes a big bot with a high `max_concurrency` (from `GET /gateway/bot`) start needlessly slowly.
    """

    def __init__(self, *, max_concurrency: int = 1, **kwargs):
        super().__init__(**kwargs)
        self.max_concurrency = max(1, max_concurrency)
        self._stopping = asyncio.Event()
        self._launch_idle = asyncio.Event()
        self._launch_idle.set()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        if initial or self._stopping.is_set():
            return
        if shard_id is None or shard_id % self.max_concurrency == 0:  # the first of a new batch
            with contextlib.suppress(asyncio.TimeoutError):  # a stop cuts the wait short
                await asyncio.wait_for(self._stopping.wait(), IDENTIFY_SPACING)

    async def launch_shard(self, gateway, shard_id: int, *, initial: bool = False) -> None:
        # discord.py goes on launching (and retrying) shards after close(); a stop during start-up
        # must not leave the process connecting forever.
        if self._stopping.is_set() or self.is_closed():
            return
        self._launch_idle.clear()
        try:
            await super().launch_shard(gateway, shard_id, initial=initial)
        finally:
            self._launch_idle.set()

    async def close(self) -> None:
        self._stopping.set()
        # A shard half-way through connecting finishes first (its identify wait is cut short), so
        # closing does not pull the HTTP session from under it and set off discord.py's retries.
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._launch_idle.wait(), SHARD_LAUNCH_GRACE)
        await super().close()

"""credbot on Discord (discord.py): slash commands, mentions, DMs, embeds and buttons.

`credbot run discord` calls `run`; `credbot discord invite-url` calls `invite_url`. Everything
else is in the modules beside this one. (Inside this package `import discord` is the library:
imports are absolute and `adapters/` is never on `sys.path`.)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from bot.proxy import Proxy, through
from bot.settings import Settings

log = logging.getLogger(__name__)


def _fail(message: str) -> int:
    print(f"credbot run discord: {message}", file=sys.stderr)
    return 2


def _say_route(proxy: Proxy | None) -> None:
    """Say at start-up how Discord is reached: otherwise a proxy set in the wrong variable, or a host
    NO_PROXY lists, shows only as a connection that times out."""
    if proxy is None:
        log.info("reaching Discord directly (no HTTPS_PROXY / HTTP_PROXY applies to its API host)")
    else:
        log.warning("reaching Discord through the proxy %s (REST calls and the gateway)", proxy.shown)


def _unreachable(exc: Exception, proxy: Proxy | None) -> str:
    """The one line for a Discord that cannot be reached, naming the proxy tried (password hidden)."""
    return (f"cannot reach Discord{through(proxy)} ({exc}); check the network, the proxy settings, or "
            "DISCORD_API_URL and DISCORD_GATEWAY_URL if you set them")


def run(settings: Settings, args: argparse.Namespace | None = None) -> int:
    """Run the bot until SIGTERM or Ctrl-C; 0 on a clean stop."""
    from adapters.discord import endpoints
    from adapters.discord.client import parse_ids, parse_shard_ids
    from bot.runtime import running

    if not settings.discord_token:
        return _fail("DISCORD_TOKEN is not set (the bot token from the Discord developer portal, Bot page)")
    try:
        endpoints.configure(settings.discord_api_url, settings.discord_gateway_url)
        proxy = endpoints.proxy()
        guild_ids = parse_ids(settings.discord_guild_ids)
        channel_ids = parse_ids(settings.discord_channel_ids)
    except ValueError as exc:
        return _fail(str(exc))
    if settings.discord_shards is not None and settings.discord_shards < 1:
        return _fail("DISCORD_SHARDS must be 1 or more")
    shard_ids = None
    if settings.discord_shard_ids.strip():
        if settings.discord_shards is None:
            return _fail("DISCORD_SHARD_IDS needs DISCORD_SHARDS, the number of shards across all processes")
        try:
            shard_ids = parse_shard_ids(settings.discord_shard_ids, settings.discord_shards)
        except ValueError as exc:
            return _fail(str(exc))
    import aiohttp

    _say_route(proxy)
    with running(settings) as runtime:
        try:
            return asyncio.run(_serve(runtime, settings, guild_ids, channel_ids, shard_ids, proxy))
        except (aiohttp.ClientError, OSError) as exc:  # Discord unreachable: one line, as Slack gives
            return _fail(_unreachable(exc, proxy))


async def _gateway_advice(token: str, proxy: Proxy | None = None) -> tuple[int, int]:
    """How many shards Discord advises for this bot, and how many may identify at once
    (1 and 1 when it cannot say)."""
    import discord

    from adapters.discord import endpoints

    http = discord.http.HTTPClient(asyncio.get_running_loop(), **endpoints.client_options(proxy))
    try:
        await http.static_login(token)
        shards, _, limits = await http.get_bot_gateway()
        return max(1, int(shards)), max(1, int((limits or {}).get("max_concurrency", 1)))
    except discord.LoginFailure:
        raise
    except Exception as exc:  # a proxy or test server without /gateway/bot: one shard
        log.info("could not ask Discord for a shard count (%s); using one connection", exc)
        return 1, 1
    finally:
        await http.close()


async def _serve(runtime, settings: Settings, guild_ids: list[int], channel_ids: list[int],
                 shard_ids: list[int] | None = None, proxy: Proxy | None = None) -> int:
    import discord

    from adapters.discord import endpoints, health
    from adapters.discord.client import Credbot, ShardedCredbot

    token = settings.discord_token
    options = dict(engine=runtime.engine, db=runtime.db, seen=runtime.seen, guild_ids=guild_ids,
                   message_content=settings.discord_message_content, channel_ids=channel_ids,
                   **endpoints.client_options(proxy))
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    bot = None

    def stop() -> None:
        log.info("stopping")
        stopping.set()
        if bot is not None:
            loop.create_task(bot.close())

    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop)
        except (NotImplementedError, RuntimeError):  # not on this platform or thread
            pass
    try:
        advised, max_concurrency = await _gateway_advice(token, proxy)
    except discord.LoginFailure:
        print("credbot run discord: Discord refused the token; check DISCORD_TOKEN", file=sys.stderr)
        return 1
    if stopping.is_set():
        return 0
    shards = settings.discord_shards or advised
    if shard_ids is not None:
        # Several processes share the shards: each runs its own, all agree on the total.
        log.info("connecting shards %s of %d (DISCORD_SHARD_IDS)", ",".join(map(str, shard_ids)), shards)
        bot = ShardedCredbot(shard_count=shards, shard_ids=shard_ids, max_concurrency=max_concurrency, **options)
    elif settings.discord_shards or shards > 1:
        log.info("connecting %d shards (%s)", shards, "DISCORD_SHARDS" if settings.discord_shards else "Discord's advice")
        bot = ShardedCredbot(shard_count=shards, max_concurrency=max_concurrency, **options)
    else:
        bot = Credbot(**options)
    runner = await health.serve(bot, settings.http_port) if settings.http_port else None
    try:
        await bot.start(token, reconnect=True)
    except discord.LoginFailure:
        print("credbot run discord: Discord refused the token; check DISCORD_TOKEN", file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print("credbot run discord: DISCORD_MESSAGE_CONTENT=1 needs the Message Content intent enabled for "
              "the application in the Discord developer portal (Bot page); enable it or unset the setting",
              file=sys.stderr)
        return 1
    finally:
        if not bot.is_closed():
            await bot.close()
        if runner is not None:
            await runner.cleanup()
        runtime.recorder.flush()
    log.info("stopped")
    return 0


def invite_url(settings: Settings, args: argparse.Namespace | None = None) -> int:
    """Print the link that adds credbot to a server (bot + applications.commands scopes)."""
    from adapters.discord import endpoints, invite

    client_id = getattr(args, "client_id", None)
    if client_id is None:
        if not settings.discord_token:
            print("credbot discord invite-url: give --client-id (the application id) or set DISCORD_TOKEN",
                  file=sys.stderr)
            return 2
        try:
            endpoints.configure(settings.discord_api_url, settings.discord_gateway_url)
            client_id = asyncio.run(_application_id(settings.discord_token, endpoints.proxy()))
        except Exception as exc:
            print(f"credbot discord invite-url: could not ask Discord for the application id ({exc}); "
                  "give --client-id", file=sys.stderr)
            return 1
    if not str(client_id).isdigit():
        print(f"credbot discord invite-url: {client_id!r} is not an application id (a number)", file=sys.stderr)
        return 2
    print(invite.url(client_id))
    return 0


async def _application_id(token: str, proxy: Proxy | None = None) -> int:
    import discord

    from adapters.discord import endpoints

    http = discord.http.HTTPClient(asyncio.get_running_loop(), **endpoints.client_options(proxy))
    try:
        await http.static_login(token)
        data = await http.application_info()
        return int(data["id"])
    finally:
        await http.close()

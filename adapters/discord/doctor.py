"""`credbot doctor --live` for Discord: ask Discord itself whether the bot token works.

Kept in the adapter because only it knows the Discord API; the CLI adds these findings to the
offline ones from `bot.doctor`.
"""

from __future__ import annotations

import asyncio

from bot.doctor import Finding
from bot.proxy import through
from bot.settings import Settings


def live(settings: Settings) -> list[Finding]:
    if not settings.discord_token:
        return []
    return asyncio.run(_check(settings))


async def _check(settings: Settings) -> list[Finding]:
    import aiohttp
    import discord

    from adapters.discord import endpoints

    endpoints.configure(settings.discord_api_url, settings.discord_gateway_url)
    try:
        proxy = endpoints.proxy()
    except ValueError as exc:
        return [Finding("fail", "discord (live)", str(exc))]
    http = discord.http.HTTPClient(asyncio.get_running_loop(), **endpoints.client_options(proxy))
    try:
        me = await http.static_login(settings.discord_token)
        shards, _, limits = await http.get_bot_gateway()
    except discord.LoginFailure:
        return [Finding("fail", "discord (live)", "Discord refused DISCORD_TOKEN: reset the token on the "
                                                  "developer portal's Bot page and copy it again")]
    except (aiohttp.ClientError, discord.HTTPException, OSError) as exc:
        return [Finding("warn", "discord (live)",
                        f"could not reach Discord{through(proxy)} to check the token ({exc})")]
    finally:
        await http.close()
    concurrency = (limits or {}).get("max_concurrency", 1)
    return [Finding("ok", "discord (live)", f"token accepted for bot {me.get('username', '?')} "
                                            f"(id {me.get('id', '?')}); Discord advises {shards} shard(s), "
                                            f"{concurrency} identifying at once")]

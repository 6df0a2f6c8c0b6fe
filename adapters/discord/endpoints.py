"""Where discord.py sends its REST calls and opens its gateway: Discord, a proxy, or a local fake.

discord.py keeps both as class attributes, so they are set once per process, before any client
is created. `DISCORD_API_URL` includes the API version (`https://host/api/v10`); every REST call
goes there, interaction callbacks and webhook follow-ups included.

The outbound proxy (HTTPS_PROXY / HTTP_PROXY, NO_PROXY) cannot be a class attribute: discord.py
takes it as an argument of each client, so `proxy()` finds it once and `client_options()` turns it
into that argument.
"""

from __future__ import annotations

import logging
import re

import discord.gateway
import discord.http
import yarl

from bot.proxy import Proxy, proxy_for

log = logging.getLogger(__name__)
DEFAULT_API = discord.http.Route.BASE
DEFAULT_GATEWAY = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY


def configure(api_url: str = "", gateway_url: str = "") -> None:
    """Point discord.py at the given base URLs (empty: Discord's own)."""
    api = api_url.strip().rstrip("/") or DEFAULT_API
    if not api.startswith(("http://", "https://")):
        raise ValueError(f"DISCORD_API_URL must be an http(s) URL, got {api_url!r}")
    if not re.search(r"/v\d+$", api):
        log.warning("DISCORD_API_URL %s does not end with an API version such as /api/v10", api)
    discord.http.Route.BASE = api
    gateway = gateway_url.strip() or str(DEFAULT_GATEWAY)
    if not gateway.startswith(("ws://", "wss://")):
        raise ValueError(f"DISCORD_GATEWAY_URL must be a ws(s) URL, got {gateway_url!r}")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


def proxy() -> Proxy | None:
    """The outbound proxy for the API host (call `configure` first), or None to connect directly.

    discord.py sends its REST calls and opens its gateway through one proxy, so the API host decides
    for both: the variable of its scheme (`HTTPS_PROXY` for Discord's own), unless `NO_PROXY` lists it.
    """
    found = proxy_for(discord.http.Route.BASE)
    if found is not None and found.scheme not in ("http", "https"):
        raise ValueError(f"the proxy {found.shown} is not an http:// or https:// proxy, the only kinds "
                         "discord.py's HTTP client can use")
    return found


def client_options(proxy: Proxy | None) -> dict[str, str]:
    """The `proxy=` argument of discord.py's Client and HTTPClient (nothing when there is no proxy).

    Credentials stay in the URL: aiohttp sends them as Proxy-Authorization, so discord.py's
    `proxy_auth=` (an aiohttp BasicAuth, deprecated there) is not needed.
    """
    return {"proxy": proxy.url} if proxy is not None else {}

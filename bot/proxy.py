"""The outbound proxy the environment names for an address (HTTPS_PROXY, HTTP_PROXY, NO_PROXY).

Where a server reaches the internet only through a proxy, every library credbot uses must be told
the same thing. Slack's file downloads (aiohttp's `trust_env`) and the badge checks (urllib) read
these variables through the standard library; `proxy_for` reads them the same way, for code that
has to hand a proxy to a library explicitly (discord.py takes it as an argument): the variable of
the address's scheme (`HTTPS_PROXY` for https), lower-case spellings first, and nothing for a host
`NO_PROXY` lists.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from dataclasses import dataclass


@dataclass(frozen=True)
class Proxy:
    """A proxy URL as the environment gives it, credentials included (the libraries need them)."""

    url: str

    @property
    def scheme(self) -> str:
        return urllib.parse.urlsplit(self.url).scheme

    @property
    def shown(self) -> str:
        """The URL with its password hidden, for logs and messages (they end up in log collectors)."""
        parts = urllib.parse.urlsplit(self.url)
        if parts.password is None:
            return self.url
        host = parts.netloc.rpartition("@")[2]
        return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def proxy_for(url: str) -> Proxy | None:
    """The proxy to reach `url` through, or None to connect directly."""
    parts = urllib.parse.urlsplit(url)
    configured = urllib.request.getproxies().get(parts.scheme)
    if not configured or not parts.hostname or urllib.request.proxy_bypass(parts.hostname):
        return None
    # curl and urllib take "host:3128" for an http proxy; aiohttp needs the scheme written out
    return Proxy(configured if "://" in configured else f"http://{configured}")


def through(proxy: Proxy | None) -> str:
    """" through the proxy <url>" (password hidden) for a message about a connection, or "" when
    there is no proxy."""
    return f" through the proxy {proxy.shown}" if proxy is not None else ""

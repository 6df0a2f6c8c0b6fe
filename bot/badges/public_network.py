"""Fetches reach the public internet only: a chat message must not reach the bot's own network.

Anyone in a chat can paste a badge, and a badge names the addresses that verifying it fetches (its
hosted copy, the issuer's profile, keys, status lists). Unchecked, "badges http://169.254.169.254/..."
would have the bot read its cloud's metadata service, or probe the servers beside it and report
what answered. So every address a fetch connects to, redirects included, must be globally routable.
The address checked is the one connected to: a name that resolves to a public address when checked
and a private one when used (DNS rebinding) cannot slip between the two. Through an HTTP proxy the
proxy connects, so there each address, redirects included, is checked by resolving its name.
Staff whose issuer or Badgr server is on their own network turn the check off
(`CREDBOT_BADGES_PRIVATE_HOSTS=1`), as the tests do for their local servers.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.parse
import urllib.request


class PrivateAddress(OSError):
    """The address is loopback, private, link-local or otherwise not on the public internet."""


def _public(host: str, port: int) -> list[tuple]:
    """Every address `host` resolves to, refused whole if any of them is not public."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for *_, sockaddr in found:
        ip = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        mapped = getattr(ip, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
        if not (mapped or ip).is_global:
            raise PrivateAddress(f"{host} is a private or local network address")
    return found


def check_url(url: str) -> None:
    """Refuse a URL whose host is not on the public internet (PrivateAddress)."""
    parts = urllib.parse.urlsplit(url)
    if parts.hostname:
        _public(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))


def _connect(address: tuple[str, int], timeout: float | object = socket._GLOBAL_DEFAULT_TIMEOUT,
             source_address: tuple[str, int] | None = None) -> socket.socket:
    """socket.create_connection, to the checked addresses only."""
    host, port = address
    error: OSError | None = None
    for family, kind, proto, _, sockaddr in _public(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)  # type: ignore[arg-type]
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            error = exc
            sock.close()
    raise error or OSError(f"cannot connect to {host}")


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Through a proxy: where a redirect leads is checked before it is followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def urlopen(request: urllib.request.Request, timeout: float, private_hosts: bool = False):
    """urllib's urlopen, reaching public addresses only unless private ones are allowed."""
    if private_hosts:
        return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (http(s) only)
    if any(scheme != "no" for scheme in urllib.request.getproxies()):  # ("no" is the no_proxy list)
        check_url(request.full_url)
        return urllib.request.build_opener(_CheckedRedirects).open(request, timeout=timeout)
    return urllib.request.build_opener(_HTTPHandler, _HTTPSHandler).open(request, timeout=timeout)

"""A badge pasted in a chat must not make the bot fetch from its own network.

Against a real local HTTP server (which, on 127.0.0.1, stands for any service beside the bot: a
cloud metadata endpoint, an admin port); names are pointed at addresses by replacing the resolver.
"""

from __future__ import annotations

import json
import socket

import pytest

from bot.badges.fetch import FetchError, Fetcher
from bot.badges.settings import BadgeSettings
from bot.badges.skill import BadgeSkill
from bot.messages import Incoming

PUBLIC_IP = "93.184.215.14"  # a globally routable address; nothing connects to it in these tests


@pytest.fixture
def resolve(monkeypatch):
    """resolve({"name": "ip"}): those names resolve there; others as usual."""
    real = socket.getaddrinfo

    def install(names: dict[str, str]):
        def fake(host, port, *args, **kwargs):
            if host in names:
                family = socket.AF_INET6 if ":" in names[host] else socket.AF_INET
                sockaddr = (names[host], port, 0, 0) if family == socket.AF_INET6 else (names[host], port)
                return [(family, socket.SOCK_STREAM, 6, "", sockaddr)]
            return real(host, port, *args, **kwargs)
        monkeypatch.setattr(socket, "getaddrinfo", fake)
    return install


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def test_loopback_is_refused_without_a_request(server):
    server.add("/secret", b'{"token": "s3cret"}')
    with pytest.raises(FetchError, match="private or local network"):
        Fetcher().get(server.url + "/secret")
    assert server.hits == []
    # allowed on purpose, the same address answers: the refusal was the check, not the network
    assert Fetcher(private_hosts=True).get(server.url + "/secret").json() == {"token": "s3cret"}


def test_a_public_name_for_a_private_address_is_refused(server, resolve):
    port = server.url.rsplit(":", 1)[1]
    server.add("/meta", b"{}")
    resolve({"badges.example": "127.0.0.1", "mapped.example": "::ffff:127.0.0.1", "meta.example": "169.254.169.254"})
    for name in ("badges.example", "mapped.example", "meta.example"):
        with pytest.raises(FetchError, match=f"{name} is a private or local network address"):
            Fetcher().get(f"http://{name}:{port}/meta")
    assert server.hits == []
    assert Fetcher(private_hosts=True).get(f"http://badges.example:{port}/meta").status == 200


def test_through_a_proxy_targets_and_redirects_are_checked(server, resolve, monkeypatch):
    """The proxy (here the local server) connects, so each address is checked by its name."""
    resolve({"public.example": PUBLIC_IP})
    monkeypatch.setenv("http_proxy", server.url)
    server.add("http://public.example/badge.json", b"", 302, Location="http://127.0.0.1:9/admin")
    server.add("http://public.example/ok.json", b'{"ok": true}')
    assert Fetcher().get("http://public.example/ok.json").json() == {"ok": True}
    with pytest.raises(FetchError, match="127.0.0.1 is a private or local network address"):
        Fetcher().get("http://public.example/badge.json")
    with pytest.raises(FetchError, match="private or local network"):
        Fetcher().get("http://127.0.0.1:9/admin")
    assert server.hits == ["http://public.example/ok.json", "http://public.example/badge.json"]


async def test_a_badge_address_in_a_chat_does_not_reach_a_local_service(server, store):
    server.add("/latest/meta-data", json.dumps({"recipient": {"identity": "x"}, "badge": "y"}))
    skill = BadgeSkill(store, settings=BadgeSettings(offline=False, private_hosts=False))
    reply = await skill.badge_detail(Incoming(platform="console", user="mallory", text=server.url + "/latest/meta-data"))
    assert "private or local network" in reply.text and server.hits == []

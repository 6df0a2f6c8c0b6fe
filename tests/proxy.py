"""A plain HTTP forward proxy on 127.0.0.1, for tests of credbot behind an outbound proxy.

It forwards what a client sends it in absolute form (`GET http://host/path`), as an HTTP proxy
receives plain-HTTP requests, and records each one, so a test can tell that traffic went through it
and not direct. Websocket upgrades to `ws://` are relayed message by message. It does not serve
CONNECT, the tunnel clients open for `https://` and `wss://`: the fakes the tests run speak plain
HTTP and `ws://` on loopback, so CONNECT is never asked of it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from aiohttp import ClientSession, ClientWebSocketResponse, WSMsgType, web

from tests.ports import serve

# Headers about one connection (a proxy does not pass them on), and those aiohttp sets itself for
# the message it sends on.
NOT_PASSED_ON = frozenset({"connection", "keep-alive", "proxy-authorization", "proxy-connection", "te", "trailer",
                        "transfer-encoding", "upgrade", "host", "content-length"})


@dataclass(frozen=True)
class Forwarded:
    """One request the proxy received: its method, the absolute URL asked for, and how it authenticated."""

    method: str
    url: str
    authorization: str | None
    websocket: bool = False


@dataclass
class LocalProxy:
    """Start with `await proxy.start()`; `url` is what goes in HTTP_PROXY; `seen` lists what it forwarded."""

    seen: list[Forwarded] = field(default_factory=list)
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._upstream = ClientSession(auto_decompress=False)  # never the environment's proxy: that is us
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner, self.port = await serve(app)

    async def stop(self) -> None:
        await self._runner.cleanup()
        await self._upstream.close()

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        upgrade = request.headers.get("Upgrade", "").lower() == "websocket"
        self.seen.append(Forwarded(request.method, str(request.url), request.headers.get("Proxy-Authorization"),
                                   upgrade))
        if upgrade:
            return await self._relay_websocket(request)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in NOT_PASSED_ON}
        async with self._upstream.request(request.method, request.url, headers=headers, data=await request.read(),
                                          allow_redirects=False) as upstream:
            kept = {k: v for k, v in upstream.headers.items() if k.lower() not in NOT_PASSED_ON}
            return web.Response(status=upstream.status, body=await upstream.read(), headers=kept)

    async def _relay_websocket(self, request: web.Request) -> web.WebSocketResponse:
        async with self._upstream.ws_connect(request.url.with_scheme("ws"), max_msg_size=0) as upstream:
            client = web.WebSocketResponse(max_msg_size=0)
            await client.prepare(request)
            await asyncio.gather(_pump(client, upstream), _pump(upstream, client))
            return client


async def _pump(source: web.WebSocketResponse | ClientWebSocketResponse,
                target: web.WebSocketResponse | ClientWebSocketResponse) -> None:
    """Pass messages one way until either side closes, then close the other."""
    async for message in source:
        if target.closed:
            break
        if message.type is WSMsgType.TEXT:
            await target.send_str(message.data)
        elif message.type is WSMsgType.BINARY:
            await target.send_bytes(message.data)
    if not target.closed:
        await target.close()

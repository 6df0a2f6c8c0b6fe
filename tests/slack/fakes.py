"""A small fake of Slack's side, over real HTTP and websockets on 127.0.0.1.

It answers the Web API methods credbot calls and records every request (method, form or JSON
body, Authorization header), receives `response_url` posts, serves shared files the way Slack's
`url_private_download` does (only with the right bot token; anything else gets a sign-in page),
and can play Slack's Socket Mode server: hand out a websocket URL, say hello, push envelopes and
collect the acks.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web
from slack_sdk.signature import SignatureVerifier

BOT_USER = "UBOT"
TEAM = "T1"


@dataclass
class Call:
    method: str
    body: dict[str, Any]
    token: str | None

    def blocks(self) -> list[dict[str, Any]]:
        raw = self.body.get("blocks") or []
        return json.loads(raw) if isinstance(raw, str) else raw


@dataclass
class FakeSlack:
    calls: list[Call] = field(default_factory=list)
    responses: list[dict[str, Any]] = field(default_factory=list)  # what arrived at response URLs
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    failures: dict[str, list[tuple[int, dict[str, Any], dict[str, str]]]] = field(default_factory=dict)
    acks: list[dict[str, Any]] = field(default_factory=list)  # Socket Mode acks
    files: dict[str, tuple[int, bytes, str]] = field(default_factory=dict)  # name -> (status, body, type)
    file_infos: dict[str, dict[str, Any]] = field(default_factory=dict)  # files.info answers by file id
    file_requests: list[tuple[str, str | None]] = field(default_factory=list)  # (name, bearer token)
    file_token: str | None = None  # the only token a file is served to
    port: int = 0
    _changed: asyncio.Condition | None = None
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _ts: int = 0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"http://127.0.0.1:{self.port}/respond/{name}"

    def file_url(self, name: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/files-pri/{name}"

    def share(self, name: str, body: bytes, content_type: str = "application/octet-stream",
              status: int = 200) -> dict[str, Any]:
        """Serve a file and return the file object a message event would carry for it."""
        self.files[name] = (status, body, content_type)
        return {"id": f"F{len(self.files)}", "name": name, "mimetype": content_type, "size": len(body),
                "mode": "hosted", "url_private": self.file_url(name),
                "url_private_download": self.file_url(name) + "?download=1"}

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def fail(self, method: str, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        """The next call of `method` gets this answer instead of success."""
        self.failures.setdefault(method, []).append((status, body, headers or {}))

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate, timeout: float = 5.0):
        """Wait until predicate() is truthy (the bot answers in the background after its ack)."""
        async def until():
            async with self._changed:
                await self._changed.wait_for(predicate)
        await asyncio.wait_for(until(), timeout)
        return predicate()

    async def settle(self, rounds: int = 20) -> None:
        """Let background listeners run to completion (used before asserting that nothing happened)."""
        for _ in range(rounds):
            await asyncio.sleep(0.01)

    # --- the Web API --------------------------------------------------------------------------

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.method == "GET":
            body = dict(request.query)
        elif request.content_type == "application/json":
            body = await request.json()
        else:
            body = dict(parse_qsl(await request.text()))
        auth = request.headers.get("Authorization", "")
        self.calls.append(Call(method, body, auth.removeprefix("Bearer ") or None))
        await self._notify()
        if self.failures.get(method):
            status, payload, headers = self.failures[method].pop(0)
            return web.json_response(payload, status=status, headers=headers)
        self._ts += 1
        ts = f"1700000000.{self._ts:06d}"
        answers: dict[str, dict[str, Any]] = {
            "auth.test": {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT", "team_id": TEAM, "user": "credbot",
                          "team": "Test team", "url": "https://test.slack.com/"},
            "chat.postMessage": {"ok": True, "channel": body.get("channel"), "ts": ts},
            "chat.postEphemeral": {"ok": True, "message_ts": ts},
            "views.publish": {"ok": True},
            "apps.connections.open": {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"},
            "oauth.v2.access": {"ok": True, "app_id": "A1", "access_token": "xoxb-installed", "token_type": "bot",
                                "scope": "chat:write,commands", "bot_user_id": BOT_USER,
                                "team": {"id": "T2", "name": "Second"}, "enterprise": None,
                                "authed_user": {"id": "UINSTALLER"}, "is_enterprise_install": False},
        }
        if method == "files.info":
            info = self.file_infos.get(body.get("file", ""))
            if info is None:
                return web.json_response({"ok": False, "error": "file_not_found"})
            return web.json_response({"ok": True, "file": info})
        if method == "users.info":
            user = self.users.get(body.get("user", ""))
            if user is None:
                return web.json_response({"ok": False, "error": "user_not_found"})
            return web.json_response({"ok": True, "user": user})
        return web.json_response(answers.get(method, {"ok": True}))

    async def respond(self, request: web.Request) -> web.Response:
        self.responses.append({"name": request.match_info["name"], **(await request.json())})
        await self._notify()
        return web.Response(text="ok")

    async def file(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or None
        self.file_requests.append((name, token))
        if name not in self.files:
            return web.Response(status=404, text="not found")
        if token != self.file_token:  # what Slack does too: a 200 with its sign-in page
            return web.Response(text="<html><body>Sign in to Slack</body></html>", content_type="text/html")
        status, body, content_type = self.files[name]
        return web.Response(status=status, body=body, content_type=content_type)

    # --- Socket Mode ----------------------------------------------------------------------------

    async def socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        await self._notify()
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                self.acks.append(json.loads(message.data))
                await self._notify()
        self._sockets.remove(ws)
        await self._notify()
        return ws

    @property
    def connected(self) -> int:
        return len(self._sockets)

    async def push(self, envelope: dict[str, Any]) -> None:
        await self._sockets[-1].send_str(json.dumps(envelope))

    async def drop_connections(self) -> None:
        for ws in list(self._sockets):
            await ws.close()

    def app(self) -> web.Application:
        self._changed = asyncio.Condition()
        app = web.Application()
        app.add_routes([web.post("/api/{method}", self.api), web.get("/api/{method}", self.api), web.post("/respond/{name}", self.respond),
                        web.get("/files-pri/{name}", self.file),
                        web.get("/socket", self.socket)])
        return app


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """The headers Slack sends with a request body, signed the way Slack signs them."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}

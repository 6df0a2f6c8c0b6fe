"""A small stand-in for Discord's servers: REST API and gateway websocket on one loopback port.

The real discord.py client talks to it over real HTTP and websockets. It answers what credbot's
client asks (login, application info, command sync, messages, DMs, interaction callbacks and
webhook follow-ups), records every request, and lets a test inject gateway events, fail a DM, or
rate-limit a route with a proper 429.

Sharding works as Discord's does: each gateway connection says which shard it is in IDENTIFY
(`shard: [id, count]`), READY echoes it, each shard receives only its own servers (a server's shard
is `(server id >> 22) % count`), and events about a server are sent on that server's shard. It also
serves files at `/attachments/...` as Discord's CDN would (`attachment()` makes one).
"""

from __future__ import annotations

import asyncio
import itertools
import time
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.ports import serve

APP_ID = "900000000000000001"
BOT_ID = "900000000000000002"
GUILD_ID = "900000000000000100"  # on shard 1 of 2
CHANNEL_ID = "900000000000000200"
OTHER_GUILD_ID = "900000000004194404"  # on shard 0 of 2 (only in `FakeDiscord(guilds=BOTH_GUILDS)`)
OTHER_CHANNEL_ID = "900000000004194504"
BOTH_GUILDS = ((GUILD_ID, CHANNEL_ID), (OTHER_GUILD_ID, OTHER_CHANNEL_ID))
STAFF_ROLE_ID = "900000000000000300"
EVERYONE_PERMS = str(0x400 | 0x800 | 0x4000 | 0x10000 | 0x80000000)  # view, send, embed, history, app cmds
MANAGE_GUILD = 0x20
TIMESTAMP = "2024-01-01T00:00:00.000000+00:00"


def user(uid: str, name: str = "member", bot: bool = False) -> dict:
    return {"id": uid, "username": name, "discriminator": "0", "global_name": name.title(), "avatar": None,
            "bot": bot, "public_flags": 0}


def member(uid: str, name: str = "member", roles: tuple[str, ...] = (), permissions: int | None = None) -> dict:
    data = {"user": user(uid, name), "roles": list(roles), "joined_at": TIMESTAMP, "deaf": False, "mute": False,
            "flags": 0, "nick": None, "avatar": None, "pending": False}
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)  # when it arrived (benchmarks measure with it)


@dataclass
class FakeDiscord:
    """Start with `await fake.start()`; `api_url` and `gateway_url` point discord.py at it."""

    gateway_bot: bool = True  # answer GET /gateway/bot (some fakes and proxies do not)
    recommended_shards: int = 1  # what GET /gateway/bot advises
    max_concurrency: int = 1  # how many shards it lets identify at once
    guilds: tuple[tuple[str, str], ...] = ((GUILD_ID, CHANNEL_ID),)  # (server id, its text channel id)
    requests: list[Request] = field(default_factory=list)
    closed_dms: set[str] = field(default_factory=set)  # user ids whose DMs are closed
    rate_limits: list[tuple[str, str, float]] = field(default_factory=list)  # (method, path part, retry after)
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    identifies: list[dict] = field(default_factory=list)  # every IDENTIFY payload's `d`, in order
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # CDN path -> (content type, bytes)
    file_delay: float = 0.0  # seconds the CDN takes before it starts sending a file
    accepted_token: str | None = None  # when set, any other bot token gets 401 as Discord answers it
    _ids: Any = field(default_factory=lambda: itertools.count(950000000000000000))
    _sockets: dict[int, web.WebSocketResponse] = field(default_factory=dict)  # shard id -> its connection
    _shard_count: int = 1
    _seq: dict[int, int] = field(default_factory=dict)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    dm_users: dict[str, str] = field(default_factory=dict)  # DM channel id -> user id
    created: list[str] = field(default_factory=list)  # ids of the channel messages credbot posted

    def dm_channel(self, user_id: str) -> str:
        for channel, uid in self.dm_users.items():
            if uid == user_id:
                return channel
        channel = self.next_id()
        self.dm_users[channel] = user_id
        return channel

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{tail:.*}", self._file)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner, self.port = await serve(app)

    async def stop(self) -> None:
        for ws in list(self._sockets.values()):
            if not ws.closed:
                await ws.close()
        await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def next_id(self) -> str:
        return str(next(self._ids))

    # --- what tests look at ----------------------------------------------------------------

    def calls(self, method: str, contains: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and contains in r.path]

    async def wait_for(self, method: str, contains: str, count: int = 1, timeout: float = 10.0) -> list[Request]:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.calls(method, contains)) >= count),
                                   timeout)
        return self.calls(method, contains)

    # --- REST ------------------------------------------------------------------------------

    @staticmethod
    def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
        # discord.py parses JSON only when the content type is exactly application/json
        return web.Response(status=status, body=json.dumps(data).encode(),
                            headers={"Content-Type": "application/json", **(headers or {})})

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if request.content_type == "application/json":
                body = json.loads(raw)
            elif request.content_type.startswith("multipart/"):
                body = {"multipart": raw.decode("utf-8", "replace")}
            else:
                body = raw.decode("utf-8", "replace")
        for i, (method, part, retry_after) in enumerate(self.rate_limits):
            if method == request.method and part in path:
                del self.rate_limits[i]
                await self._record(Request(request.method, path, dict(request.query), body,
                                           {**dict(request.headers), "x-fake-status": "429"}))
                return self._json({"message": "You are being rate limited.", "retry_after": retry_after,
                                   "global": False}, 429,
                                  {"Retry-After": str(retry_after), "X-RateLimit-Limit": "5",
                                   "X-RateLimit-Remaining": "0", "X-RateLimit-Reset-After": str(retry_after),
                                   "X-RateLimit-Bucket": "fake", "X-RateLimit-Scope": "user", "Via": "1.1 google"})
        await self._record(Request(request.method, path, dict(request.query), body, dict(request.headers)))
        if self.accepted_token and request.headers.get("Authorization") != f"Bot {self.accepted_token}":
            return self._json({"message": "401: Unauthorized", "code": 0}, 401)
        return self._answer(request.method, path, body)

    async def _record(self, req: Request) -> None:
        self.requests.append(req)
        async with self._changed:
            self._changed.notify_all()

    def message(self, channel_id: str, body: dict | None, author: dict | None = None) -> dict:
        body = body or {}
        return {"id": self.next_id(), "channel_id": channel_id, "author": author or user(BOT_ID, "credbot", True),
                "content": body.get("content", ""), "timestamp": TIMESTAMP, "edited_timestamp": None,
                "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
                "embeds": body.get("embeds", []), "pinned": False, "type": 0, "flags": body.get("flags", 0),
                "components": body.get("components", [])}

    def _answer(self, method: str, path: str, body: Any) -> web.Response:
        parts = path.strip("/").split("/")
        if method == "GET" and path == "/users/@me":
            return self._json(user(BOT_ID, "credbot", True))
        if method == "GET" and path == "/oauth2/applications/@me":
            return self._json({"id": APP_ID, "name": "credbot", "icon": None, "description": "", "rpc_origins": [],
                               "bot_public": True, "bot_require_code_grant": False, "owner": user("1", "owner"),
                               "verify_key": "00", "team": None, "flags": 0, "summary": ""})
        if method == "GET" and path == "/gateway/bot" and self.gateway_bot:
            return self._json({"url": self.gateway_url, "shards": self.recommended_shards,
                               "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                                       "max_concurrency": self.max_concurrency}})
        if method == "PUT" and parts[0] == "applications" and parts[-1] == "commands":
            return self._json([{"description": "", **c, "id": self.next_id(), "application_id": APP_ID, "version": "1"}
                               for c in body or []])
        if method == "POST" and parts[0] == "interactions" and parts[-1] == "callback":
            return self._json({"interaction": {"id": parts[1], "type": 2,
                                               "response_message_loading": (body or {}).get("type") == 5,
                                               "response_message_ephemeral": bool(
                                                   ((body or {}).get("data") or {}).get("flags", 0) & 64)},
                               "resource": {"type": (body or {}).get("type", 4)}})
        if parts[0] == "webhooks" and method in ("POST", "PATCH"):
            return self._json(self.message(CHANNEL_ID, body))
        if method == "POST" and path == "/users/@me/channels":
            recipient = str((body or {}).get("recipient_id", "0"))
            return self._json({"id": self.dm_channel(recipient), "type": 1, "recipients": [user(recipient)],
                               "last_message_id": None})
        if method == "POST" and parts[0] == "channels" and parts[-1] == "messages":
            channel = parts[1]
            if self.dm_users.get(channel) in self.closed_dms:
                return self._json({"message": "Cannot send messages to this user", "code": 50007}, 403)
            created = self.message(channel, body)
            self.created.append(created["id"])
            return self._json(created)
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    # --- gateway ---------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        shard = 0
        self._sockets.setdefault(shard, ws)  # until IDENTIFY says which shard this connection is
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None}))
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if data["op"] == 1:
                await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
            elif data["op"] == 2:
                identify = data["d"]
                self.identifies.append(identify)
                shard, self._shard_count = identify.get("shard") or (0, 1)
                if self._sockets.get(0) is ws and shard != 0:
                    del self._sockets[0]
                self._sockets[shard] = ws
                mine = [g for g, _ in self.guilds if self.shard_of(g) == shard]
                ready = {"v": 10, "user": user(BOT_ID, "credbot", True),
                         "guilds": [{"id": g, "unavailable": True} for g in mine],
                         "session_id": f"fake-session-{shard}", "resume_gateway_url": self.gateway_url,
                         "application": {"id": APP_ID, "flags": 0}, "private_channels": [], "relationships": []}
                if "shard" in identify:
                    ready["shard"] = [shard, self._shard_count]
                await self.dispatch("READY", ready, shard=shard)
                for guild_id in mine:
                    await self.dispatch("GUILD_CREATE", self.guild(guild_id), shard=shard)
                self.identified.set()
            elif data["op"] == 6:
                await self.dispatch("RESUMED", {}, shard=shard)
        return ws

    def shard_of(self, guild_id: str | int) -> int:
        """The shard Discord sends a server's events on."""
        return (int(guild_id) >> 22) % self._shard_count

    async def dispatch(self, event: str, data: dict, *, shard: int | None = None) -> None:
        """Send a gateway event on a shard: the given one, the server's (from `guild_id`), or shard 0
        (where Discord sends DMs)."""
        if shard is None:
            shard = self.shard_of(data["guild_id"]) if data.get("guild_id") else 0
        ws = self._sockets.get(shard)
        assert ws is not None, f"no gateway connection for shard {shard}"
        self._seq[shard] = self._seq.get(shard, 0) + 1
        await ws.send_str(json.dumps({"op": 0, "t": event, "s": self._seq[shard], "d": data}))

    # --- files, as Discord's CDN serves attachments --------------------------------------------

    def attachment(self, filename: str, data: bytes, content_type: str = "application/octet-stream",
                   size: int | None = None) -> dict:
        """An attachment object for a message or interaction; the file is served by this fake.
        `size` is what Discord claims (a test may make it lie)."""
        aid = self.next_id()
        path = f"{aid}/{filename}"
        self.files[path] = (content_type, data)
        url = f"http://127.0.0.1:{self.port}/attachments/{path}"
        return {"id": aid, "filename": filename, "size": len(data) if size is None else size, "url": url,
                "proxy_url": url, "content_type": content_type}

    async def _file(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["tail"]
        await self._record(Request("GET", "/attachments/" + path, dict(request.query), None, dict(request.headers)))
        if path not in self.files:
            return web.Response(status=404, text="not found")
        content_type, data = self.files[path]
        await asyncio.sleep(self.file_delay)
        return web.Response(body=data, headers={"Content-Type": content_type})

    def guild(self, guild_id: str = GUILD_ID) -> dict:
        channel_id = dict(self.guilds).get(guild_id, CHANNEL_ID)
        return {
            "id": guild_id, "name": "Learners" if guild_id == GUILD_ID else f"Learners {guild_id[-4:]}", "icon": None,
            "owner_id": "1", "unavailable": False,
            "member_count": 3, "large": False, "joined_at": TIMESTAMP, "features": [], "emojis": [], "stickers": [],
            "roles": [
                {"id": guild_id, "name": "@everyone", "permissions": EVERYONE_PERMS, "position": 0, "color": 0,
                 "hoist": False, "managed": False, "mentionable": False, "flags": 0},
                {"id": STAFF_ROLE_ID, "name": "Staff", "permissions": str(MANAGE_GUILD), "position": 1, "color": 0,
                 "hoist": False, "managed": False, "mentionable": False, "flags": 0},
            ],
            "channels": [{"id": channel_id, "type": 0, "name": "general", "position": 0, "guild_id": guild_id,
                          "permission_overwrites": [], "nsfw": False, "parent_id": None, "topic": None}],
            "threads": [], "members": [], "voice_states": [], "presences": [], "stage_instances": [],
            "guild_scheduled_events": [], "soundboard_sounds": [], "premium_tier": 0, "preferred_locale": "en-US",
            "system_channel_flags": 0, "verification_level": 0, "explicit_content_filter": 0,
            "default_message_notifications": 0, "mfa_level": 0, "nsfw_level": 0, "afk_timeout": 300,
        }

    # --- events a test injects ---------------------------------------------------------------

    async def mention(self, text: str, author_id: str = "800000000000000001", *, mentions_bot: bool = True,
                      reference: str | None = None, mention_everyone: bool = False,
                      message_id: str | None = None, attachments: tuple[dict, ...] = (),
                      guild_id: str = GUILD_ID, roles: tuple[str, ...] = ()) -> str:
        mid = message_id or self.next_id()
        content = f"<@{BOT_ID}> {text}" if mentions_bot else text
        channel_id = dict(self.guilds).get(guild_id, CHANNEL_ID)
        data = {"id": mid, "channel_id": channel_id, "guild_id": guild_id, "author": user(author_id),
                "member": {k: v for k, v in member(author_id, roles=roles).items() if k != "user"},
                "content": content,
                "timestamp": TIMESTAMP, "edited_timestamp": None, "tts": False, "mention_everyone": mention_everyone,
                "mentions": [{**user(BOT_ID, "credbot", True),
                              "member": {"roles": [], "joined_at": TIMESTAMP, "deaf": False, "mute": False,
                                         "flags": 0}}] if mentions_bot else [],
                "mention_roles": [], "attachments": list(attachments), "embeds": [], "pinned": False,
                "type": 19 if reference else 0, "flags": 0, "components": []}
        if reference:
            data["message_reference"] = {"message_id": reference, "channel_id": channel_id, "guild_id": guild_id}
        await self.dispatch("MESSAGE_CREATE", data)
        return mid

    async def direct_message(self, text: str, author_id: str = "800000000000000001",
                             attachments: tuple[dict, ...] = ()) -> str:
        mid = self.next_id()
        await self.dispatch("MESSAGE_CREATE", {
            "id": mid, "channel_id": self.dm_channel(author_id), "author": user(author_id), "content": text,
            "timestamp": TIMESTAMP, "edited_timestamp": None, "tts": False, "mention_everyone": False,
            "mentions": [], "mention_roles": [], "attachments": list(attachments), "embeds": [], "pinned": False,
            "type": 0,
            "flags": 0, "components": []})
        return mid

    def _interaction(self, kind: int, data: dict, *, author_id: str, roles: tuple[str, ...], permissions: int,
                     extra: dict | None = None, guild_id: str = GUILD_ID) -> dict:
        iid = self.next_id()
        channel_id = dict(self.guilds).get(guild_id, CHANNEL_ID)
        return {"id": iid, "application_id": APP_ID, "type": kind, "data": data, "guild_id": guild_id,
                "channel_id": channel_id,
                "channel": {"id": channel_id, "type": 0, "guild_id": guild_id, "name": "general",
                            "permissions": str(permissions), "position": 0, "permission_overwrites": [],
                            "nsfw": False, "parent_id": None},
                "member": member(author_id, roles=roles, permissions=permissions), "token": f"token-{iid}",
                "version": 1, "app_permissions": EVERYONE_PERMS, "locale": "en-US", "guild_locale": "en-US",
                "entitlements": [], "authorizing_integration_owners": {"0": guild_id}, "context": 0,
                "attachment_size_limit": 8388608, **(extra or {})}

    async def slash(self, name: str, options: dict[str, str] | None = None, *, author_id: str = "800000000000000001",
                    roles: tuple[str, ...] = (), permissions: int = int(EVERYONE_PERMS), guild_id: str = GUILD_ID,
                    files: dict[str, dict] | None = None) -> str:
        """A slash command; `files` are attachment options (name -> an `attachment()` object)."""
        data = {"id": self.next_id(), "name": name, "type": 1,
                "options": [{"name": k, "type": 3, "value": v} for k, v in (options or {}).items()]}
        if files:
            data["options"] += [{"name": k, "type": 11, "value": a["id"]} for k, a in files.items()]
            data["resolved"] = {"attachments": {a["id"]: a for a in files.values()}}
        payload = self._interaction(2, data, author_id=author_id, roles=roles, permissions=permissions,
                                    guild_id=guild_id)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload["id"]

    async def click(self, custom_id: str, *, author_id: str = "800000000000000001", flags: int = 0) -> str:
        msg = self.message(CHANNEL_ID, {"content": "earlier answer", "flags": flags, "components": [
            {"type": 1, "components": [{"type": 2, "style": 2, "label": "button", "custom_id": custom_id}]}]})
        payload = self._interaction(3, {"custom_id": custom_id, "component_type": 2}, author_id=author_id,
                                    roles=(), permissions=int(EVERYONE_PERMS), extra={"message": msg})
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload["id"]

    async def context_menu(self, target_text: str, *, author_id: str = "800000000000000009") -> tuple[str, str]:
        target = self.message(CHANNEL_ID, {"content": target_text}, author=user("800000000000000001"))
        data = {"id": self.next_id(), "name": "Answer with credbot", "type": 3, "target_id": target["id"],
                "resolved": {"messages": {target["id"]: target}}}
        payload = self._interaction(2, data, author_id=author_id, roles=(STAFF_ROLE_ID,),
                                    permissions=int(EVERYONE_PERMS) | 0x2000)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload["id"], target["id"]

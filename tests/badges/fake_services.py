"""Local stand-ins for Badgr (Canvas Credentials) and Credly, answering the way those services do.

Badgr (badgr-server, apps/backpack + apps/entity): `GET /v2/backpack/assertions` needs
`Authorization: Bearer <token>` (else 401 `{"detail": ...}` with `WWW-Authenticate`); it answers the
v2 envelope `{"status": {"success": true, "description": "ok"}, "result": [...]}` with
BackpackAssertion objects, embeds the badge class and issuer with `expand=`, and pages by an opaque
cursor in an RFC 8288 `Link: <...>; rel="next"` header (`num` = page size). Hosted Open Badges 2.0
documents live under `/public/assertions/`, `/public/badges/`, `/public/issuers/`.

Credly: `GET /users/{name}/badges.json[?page=N]` answers `{"data": [...], "metadata": {"count",
"current_page", "total_count", "total_pages", "per", "previous_page_url", "next_page_url"}}`; an
unknown or private profile is 404. Each badge's hosted OB 2.0 assertion is at
`/v1/obi/v2/badge_assertions/{id}`, its class and issuer under `/v1/obi/v2/issuers/...`.

Both throttle with 429 and `Retry-After` when told to.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from aiohttp import web

from tests.ports import serve

OB2 = "https://w3id.org/openbadges/v2"


def sha256_identity(email: str, salt: str = "") -> str:
    return "sha256$" + hashlib.sha256((email + salt).encode()).hexdigest()


class FakeService:
    """An aiohttp server on 127.0.0.1 (port 0) with a request log and a throttle switch."""

    def __init__(self):
        self.app = web.Application(middlewares=[self._log_and_throttle])
        self.requests: list[web.Request] = []
        self.throttle = 0  # the next N requests answer 429
        self.retry_after = "0"
        self.routes: dict[str, tuple[int, Any]] = {}  # path -> (status, JSON) for hosted documents
        self.url = ""
        self._runner: web.AppRunner | None = None

    @web.middleware
    async def _log_and_throttle(self, request: web.Request, handler):
        self.requests.append(request)
        if self.throttle > 0:
            self.throttle -= 1
            return web.json_response(self.throttled_body(), status=429, headers={"Retry-After": self.retry_after})
        return await handler(request)

    def throttled_body(self) -> Any:
        return {"detail": "Request was throttled."}

    async def start(self) -> FakeService:
        self.app.router.add_get("/{tail:.*}", self._dispatch)
        self.app.router.add_post("/{tail:.*}", self._dispatch)
        self._runner, port = await serve(self.app)
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        answer = await self.handle(request)
        if answer is not None:
            return answer
        status, body = self.routes.get(request.path, (404, {"detail": "Not found."}))
        return web.json_response(body, status=status, content_type="application/ld+json" if status == 200 else
                                 "application/json")

    async def handle(self, request: web.Request) -> web.StreamResponse | None:
        return None

    def paths(self, prefix: str) -> list[str]:
        return [r.path_qs for r in self.requests if r.path.startswith(prefix)]


class FakeBadgr(FakeService):
    """A Badgr server with one earner's backpack."""

    def __init__(self, token: str = "good-token", page_size: int = 2):
        super().__init__()
        self.token = token
        self.page_size = page_size
        self.backpack: list[dict[str, Any]] = []
        self.badge_classes: dict[str, dict[str, Any]] = {}
        self.issuers: dict[str, dict[str, Any]] = {}
        self.next_origin: str | None = None  # where Link headers point (the server itself by default)
        self.fail_page: tuple[int, int] | None = None  # (page number, HTTP status) to fail
        self.copies: dict[str, dict[str, Any]] = {}  # slug -> the issuer's hosted assertion, as issued
        self.account = ("ana@example.org", "correct horse")  # who may sign in at /o/token
        self.sign_ins: list[dict[str, str]] = []  # the forms posted to /o/token

    def throttled_body(self) -> Any:
        return {"detail": f"Request was throttled. Expected available in {self.retry_after} seconds."}

    async def _sign_in(self, request: web.Request) -> web.Response:
        """OAuth2 password grant, as badgr-server's token view answers it."""
        form = dict(await request.post())
        self.sign_ins.append({k: str(v) for k, v in form.items()})
        if form.get("grant_type", "password") != "password":
            return web.json_response({"error": "unsupported_grant_type"}, status=400)
        if (form.get("username"), form.get("password")) != self.account:
            return web.json_response({"error": "invalid_grant", "error_description": "Invalid credentials given."},
                                     status=400)
        return web.json_response({"access_token": self.token, "token_type": "Bearer", "expires_in": 86400,
                                  "refresh_token": "refresh-me", "scope": "rw:profile rw:issuer rw:backpack"})

    def issuer(self, slug: str, name: str, url: str | None = None) -> str:
        ident = f"{self.url}/public/issuers/{slug}"
        self.issuers[ident] = {"@context": OB2, "type": "Issuer", "id": ident, "name": name,
                               "url": url or self.url, "email": f"badges@{slug}.example"}
        self.routes[f"/public/issuers/{slug}"] = (200, self.issuers[ident])
        return ident

    def award(self, slug: str, name: str, issuer: str, *, email: str = "ana@example.org", issued: str = "2024-06-01",
              expires: str | None = None, hosted: str = "same", tags: tuple[str, ...] = ()) -> dict[str, Any]:
        """One badge in the backpack; `hosted`: same, revoked, differs, down or missing."""
        badge = f"{self.url}/public/badges/bc-{slug}"
        self.badge_classes[badge] = {"@context": OB2, "type": "BadgeClass", "id": badge, "name": name,
                                     "description": f"Earned {name}.", "issuer": issuer,
                                     "criteria": {"narrative": f"Complete {name}."}, "tags": list(tags),
                                     "image": f"{self.url}/public/badges/bc-{slug}/image"}
        self.routes[f"/public/badges/bc-{slug}"] = (200, self.badge_classes[badge])
        assertion_id = f"{self.url}/public/assertions/as-{slug}"
        recipient = {"type": "email", "hashed": True, "salt": f"salt-{slug}",
                     "identity": sha256_identity(email, f"salt-{slug}")}
        hosted_copy: dict[str, Any] = {"@context": OB2, "type": "Assertion", "id": assertion_id, "badge": badge,
                                       "recipient": recipient, "issuedOn": f"{issued}T00:00:00Z",
                                       "verification": {"type": "HostedBadge"}}
        if expires:
            hosted_copy["expires"] = f"{expires}T00:00:00Z"
        path = f"/public/assertions/as-{slug}"
        self.copies[slug] = hosted_copy
        if hosted == "same":
            self.routes[path] = (200, hosted_copy)
        elif hosted == "revoked":
            self.routes[path] = (200, {**hosted_copy, "revoked": True, "revocationReason": "issued in error"})
        elif hosted == "differs":
            other = {**recipient, "identity": sha256_identity("mallory@example.org", f"salt-{slug}")}
            self.routes[path] = (200, {**hosted_copy, "recipient": other})
        elif hosted == "down":
            self.routes[path] = (503, {"detail": "Service unavailable."})
        entry = {
            "entityType": "Assertion", "entityId": f"as-{slug}", "openBadgeId": assertion_id,
            "createdAt": f"{issued}T00:00:00Z", "createdBy": None, "badgeclass": f"bc-{slug}",
            "badgeclassOpenBadgeId": badge, "issuer": issuer.rsplit("/", 1)[1], "issuerOpenBadgeId": issuer,
            "image": f"{self.url}/public/assertions/as-{slug}/image",
            "recipient": {**recipient, "plaintextIdentity": email}, "issuedOn": f"{issued}T00:00:00Z",
            "narrative": None, "evidence": [], "revoked": False, "revocationReason": None,
            "expires": f"{expires}T00:00:00Z" if expires else None, "pending": False, "acceptance": "Accepted",
            "extensions": {},
        }
        self.backpack.append(entry)
        return entry

    async def handle(self, request: web.Request) -> web.StreamResponse | None:
        if request.path == "/o/token" and request.method == "POST":
            return await self._sign_in(request)
        if request.path != "/v2/backpack/assertions":
            return None
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.json_response({"detail": "Authentication credentials were not provided."}, status=401,
                                     headers={"WWW-Authenticate": 'Bearer realm="api"'})
        offset = 0
        if "cursor" in request.query:
            offset = int(base64.urlsafe_b64decode(request.query["cursor"]).decode().split("=", 1)[1])
        page = offset // self.page_size + 1
        if self.fail_page and self.fail_page[0] == page:
            return web.json_response({"detail": "Server error."}, status=self.fail_page[1])
        size = int(request.query.get("num", self.page_size))
        expands = request.query.getall("expand", [])
        result = []
        for entry in self.backpack[offset: offset + size]:
            item = dict(entry)
            if "badgeclass" in expands:
                badge_class = dict(self.badge_classes[entry["badgeclassOpenBadgeId"]])
                if "issuer" in expands:
                    badge_class["issuer"] = self.issuers[entry["issuerOpenBadgeId"]]
                item["badgeclass"] = badge_class
            result.append(item)
        headers = {}
        if offset + size < len(self.backpack):
            cursor = base64.urlsafe_b64encode(f"o={offset + size}".encode()).decode()
            query = f"cursor={cursor}&num={size}" + "".join(f"&expand={e}" for e in expands)
            headers["Link"] = f'<{self.next_origin or self.url}/v2/backpack/assertions?{query}>; rel="next"'
        if offset:
            headers["Link"] = (headers.get("Link", "") + ", " if "Link" in headers else "") + \
                f'<{self.url}/v2/backpack/assertions?num={size}>; rel="prev"'
        return web.json_response({"status": {"success": True, "description": "ok"}, "result": result},
                                 headers=headers)


class FakeCredly(FakeService):
    """credly.com's public profile JSON and its Open Badges (OBI) endpoints on one server."""

    def __init__(self, per: int = 2):
        super().__init__()
        self.per = per
        self.users: dict[str, list[dict[str, Any]]] = {}

    def throttled_body(self) -> Any:
        return {"data": {"message": "Too many requests"}}

    def org(self, slug: str, name: str, url: str | None = None) -> dict[str, Any]:
        issuer_url = f"{self.url}/v1/obi/v2/issuers/{slug}"
        self.routes[f"/v1/obi/v2/issuers/{slug}"] = (200, {"@context": OB2, "type": "Profile", "id": issuer_url,
                                                           "name": name, "url": url or f"https://{slug}.example",
                                                           "email": f"badges@{slug}.example"})
        return {"slug": slug, "id": issuer_url, "name": name, "url": url or f"https://{slug}.example"}

    def badge(self, user: str, badge_id: str, name: str, org: dict[str, Any], *, email: str = "ana@example.org",
              issued: str = "2024-03-01", expires: str | None = None, assertion: bool = True,
              skills: tuple[str, ...] = ()) -> dict[str, Any]:
        template = f"tpl-{badge_id[-12:]}"
        badge_class = f"{self.url}/v1/obi/v2/issuers/{org['slug']}/badge_classes/{template}"
        self.routes[f"/v1/obi/v2/issuers/{org['slug']}/badge_classes/{template}"] = (200, {
            "@context": OB2, "type": "BadgeClass", "id": badge_class, "name": name, "description": f"About {name}.",
            "image": f"https://images.credly.example/{template}.png", "issuer": org["id"],
            "criteria": {"id": f"https://www.credly.com/org/{org['slug']}/badge/{template}"}, "tags": list(skills)})
        if assertion:
            doc = {"@context": OB2, "type": "Assertion", "id": f"{self.url}/v1/obi/v2/badge_assertions/{badge_id}",
                   "badge": badge_class, "recipient": {"type": "email", "identity": sha256_identity(email),
                                                       "hashed": True},
                   "issuedOn": f"{issued}T12:00:00.000Z", "verification": {"type": "HostedBadge"}}
            if expires:
                doc["expires"] = f"{expires}T00:00:00.000Z"
            self.routes[f"/v1/obi/v2/badge_assertions/{badge_id}"] = (200, doc)
        entity = {"type": "Organization", "id": org["slug"], "name": org["name"], "url": org["url"],
                  "vanity_url": f"https://www.credly.com/org/{org['slug']}", "verified": True}
        entry = {
            "id": badge_id, "expires_at_date": expires, "issued_at_date": issued, "issued_to": "Ana Example",
            "locale": "en", "public": True, "state": "accepted", "translate_metadata": False,
            "accepted_at": f"{issued}T13:00:00.000-05:00", "expires_at": f"{expires}T00:00:00.000-05:00" if expires else None,
            "issued_at": f"{issued}T12:00:00.000-05:00", "earner_path": f"/users/{user}", "user_is_earner": False,
            "is_private_badge": False, "image_url": f"https://images.credly.example/{template}.png",
            "issuer": {"summary": f"issued by {org['name']}",
                       "entities": [{"label": "Issued by", "primary": True, "entity": entity}]},
            "badge_template": {
                "id": template, "name": name, "description": f"About {name}.", "level": "Foundational",
                "type_category": "Learning", "image_url": f"https://images.credly.example/{template}.png",
                "url": f"https://www.credly.com/org/{org['slug']}/badge/{template}",
                "skills": [{"id": f"s{i}", "name": s, "vanity_slug": s.lower()} for i, s in enumerate(skills)],
                "badge_template_activities": [{"id": "a1", "activity_type": "Assessment",
                                               "title": f"Pass the {name} exam", "url": None}],
                "issuer": {"summary": f"issued by {org['name']}",
                           "entities": [{"label": "Issued by", "primary": True, "entity": entity}]},
            },
            "evidence": [],
        }
        self.users.setdefault(user, []).append(entry)
        return entry

    async def handle(self, request: web.Request) -> web.StreamResponse | None:
        parts = request.path.strip("/").split("/")
        if len(parts) != 3 or parts[0] != "users" or parts[2] != "badges.json":
            return None
        user = parts[1]
        if user not in self.users:
            return web.json_response({"data": {"message": "Not Found"}}, status=404)
        badges = self.users[user]
        page = int(request.query.get("page", "1"))
        total_pages = max(1, -(-len(badges) // self.per))
        chunk = badges[(page - 1) * self.per: page * self.per]
        base = f"{self.url}/users/{user}/badges.json"
        metadata = {"count": len(chunk), "current_page": page, "total_count": len(badges),
                    "total_pages": total_pages, "per": self.per,
                    "previous_page_url": f"{base}?page={page - 1}" if page > 1 else None,
                    "next_page_url": f"{base}?page={page + 1}" if page < total_pages else None}
        return web.json_response({"data": chunk, "metadata": metadata})

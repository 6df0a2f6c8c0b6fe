"""The one way badge code reaches the network: bounded, switchable off, and fed by the caller first.

Verification is offline by design. Documents a credential points at (hosted assertions, badge
classes, issuer profiles, keys, revocation and status lists) are looked up first among the
documents the caller supplied (`--with`), keyed by their `id`; only then, and only when the client
is online, fetched over HTTP with a timeout and a size limit. Everything that touches the network
goes through `Fetcher`, so tests point it at a local server and an offline switch really means it.
"""

from __future__ import annotations

import email.utils
import json
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.badges import public_network
from bot.badges.public_network import PrivateAddress

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
MAX_RETRY_WAIT = 5.0  # longest wait honoured from a Retry-After before trying again
USER_AGENT = "credbot-badges/0.1 (+https://pypi.org/project/credbot/)"


class FetchError(Exception):
    """A document could not be had, and why (offline, HTTP status, too big, not JSON)."""

    def __init__(self, url: str, reason: str, status: int | None = None, body: bytes = b"",
                 retry_after: str | None = None):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status
        self.body = body
        self.retry_after = retry_after  # the server's Retry-After, as sent, when it rate-limited us


@dataclass
class Response:
    url: str
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError as exc:
            raise FetchError(self.url, f"the answer is not JSON ({exc})", self.status) from None


def document_ids(doc: Any) -> list[str]:
    """The addresses a supplied document answers for: its `id` (and a key's own `id`)."""
    ids = []
    if isinstance(doc, dict):
        for key in ("id", "@id"):
            if isinstance(doc.get(key), str):
                ids.append(doc[key])
    return ids


class Fetcher:
    """Supplied documents first, then HTTP (unless offline), with timeouts and size limits.

    A client lives for one command or one chat answer; an address that failed is not asked again
    during its life (after the rate-limit retries), so a dead issuer server costs one wait, not one
    per check that needs it.
    """

    def __init__(self, supplied: Iterable[Any] = (), *, offline: bool = False,
                 timeout: float = DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES,
                 retries: int = 2, sleep: Callable[[float], None] = time.sleep, private_hosts: bool = False):
        self.supplied: list[Any] = []
        self._by_id: dict[str, Any] = {}
        self.supply(*supplied)
        self.sleep = sleep  # how a Retry-After is waited out (tests record it instead)
        self.offline = offline
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.private_hosts = private_hosts  # also reach loopback and private networks (see public_network)
        self.fetched: list[str] = []  # addresses actually requested over HTTP, for the report
        self._failed: dict[tuple[str, str], FetchError] = {}  # asked once, failed: not asked again

    def supply(self, *docs: Any) -> None:
        """Add documents answered by their `id` from now on (e.g. a hosted copy just fetched)."""
        for doc in docs:
            self.supplied.append(doc)
            for ident in document_ids(doc):
                self._by_id[_strip_fragment(ident)] = doc

    def supply_at(self, url: str, doc: Any) -> None:
        """A document just fetched from `url`, answered for that address only: under the `id` it
        claims, a copy fetched from anywhere would vouch for itself as the issuer's hosted original."""
        self.supplied.append(doc)
        self._by_id[_strip_fragment(url)] = doc

    def supplied_of_type(self, *types: str) -> list[Any]:
        """Supplied documents whose `type` names one of `types` (e.g. a lone revocation list)."""
        found = []
        for doc in self.supplied:
            if isinstance(doc, dict):
                kinds = doc.get("type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(k in types for k in kinds):
                    found.append(doc)
        return found

    def supplied_doc(self, url: str) -> Any | None:
        return self._by_id.get(_strip_fragment(url))

    def json(self, url: str) -> Any:
        """The JSON document at `url`: a supplied one, or fetched; FetchError otherwise."""
        doc = self.supplied_doc(url)
        if doc is not None:
            return doc
        return self.get(url, accept="application/ld+json, application/json").json()

    def get(self, url: str, *, accept: str = "application/json",
            headers: Mapping[str, str] | None = None) -> Response:
        """One HTTP GET; retries a rate limit (429/503 with Retry-After) a couple of times."""
        if self.offline:
            raise FetchError(url, "not fetched: offline")
        if not url.startswith(("https://", "http://")):
            raise FetchError(url, "not fetched: only http(s) addresses can be fetched")
        remembered = (url, json.dumps(sorted((headers or {}).items())))
        if remembered in self._failed:  # one import asks a dead server once, not once per check
            raise self._failed[remembered]
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._once(url, accept, headers or {})
            except FetchError as exc:
                if exc.status in (429, 503) and attempt <= self.retries:
                    self.sleep(min(retry_after_seconds(exc.retry_after), MAX_RETRY_WAIT))
                    continue
                self._failed[remembered] = exc
                raise

    def post_form(self, url: str, fields: Mapping[str, str]) -> Response:
        """One HTTP POST of a form (a sign-in): never retried and never remembered, since it may
        carry a password; only the address goes into `fetched`."""
        if self.offline:
            raise FetchError(url, "not sent: offline")
        if not url.startswith(("https://", "http://")):
            raise FetchError(url, "not sent: only http(s) addresses can be used")
        return self._once(url, "application/json", {"Content-Type": "application/x-www-form-urlencoded"},
                          urllib.parse.urlencode(fields).encode())

    def _once(self, url: str, accept: str, headers: Mapping[str, str], data: bytes | None = None) -> Response:
        request = urllib.request.Request(url, data=data,
                                         headers={"Accept": accept, "User-Agent": USER_AGENT, **headers})
        self.fetched.append(url)
        try:
            with public_network.urlopen(request, self.timeout, self.private_hosts) as answer:
                body = answer.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    raise FetchError(url, f"the answer is larger than {self.max_bytes} bytes")
                return Response(url=answer.geturl(), status=answer.status, body=body,
                                headers={k.lower(): v for k, v in answer.headers.items()})
        except urllib.error.HTTPError as exc:
            body = exc.read(self.max_bytes) if exc.fp else b""
            retry_after = exc.headers.get("Retry-After") if exc.headers else None
            raise FetchError(url, f"HTTP {exc.code} {exc.reason}", exc.code, body, retry_after) from None
        except PrivateAddress as exc:
            raise FetchError(url, str(exc)) from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, PrivateAddress):
                raise FetchError(url, str(exc.reason)) from None
            if isinstance(exc.reason, socket.gaierror):
                raise FetchError(url, f"no server is known by the name {urllib.parse.urlsplit(url).hostname}") from None
            raise FetchError(url, f"cannot connect ({exc.reason})") from None
        except TimeoutError:
            raise FetchError(url, f"no answer within {self.timeout:g} s") from None
        except OSError as exc:
            raise FetchError(url, f"cannot fetch ({exc})") from None


def retry_after_seconds(value: str | None, default: float = 1.0) -> float:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if value is None or not value.strip():
        return default
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    if when is None:
        return default
    return max(when.timestamp() - time.time(), 0.0)


def _strip_fragment(url: str) -> str:
    return url.split("#", 1)[0]

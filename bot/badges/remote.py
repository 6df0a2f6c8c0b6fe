"""What a badge service (a Badgr backpack, a Credly profile) hands the importer, and its failures.

A service lists badges; each becomes either a credential document to verify like any file
(`document`), or, when the service offers none we can reach, an entry kept as "unverified"
(`listed`). Failures (a refused token, an unknown user, a rate limit that does not lift) become a
`ServiceError` whose message a person can act on, and the import writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

from bot.badges.fetch import FetchError, retry_after_seconds
from bot.badges.openbadges import Document
from bot.badges.store import Listed

MAX_PAGES = 100  # a backpack or profile longer than this is cut off, and the import says so


class ServiceError(Exception):
    """The service could not be read; nothing was imported."""


@dataclass(frozen=True)
class Found:
    """One badge a service lists: a document to verify, or an entry that can only be listed."""

    label: str  # how the import's output names it
    document: Document | None = None
    listed: Listed | None = None
    key: str | None = None  # the award's identity across imports (e.g. Credly's badge id)
    source_kind: str = "json"
    problem: str | None = None  # why it cannot be imported at all


def same_origin(base: str, url: str) -> str | None:
    """`url` (resolved against `base`) when it is on the same scheme, host and port, else None.

    Pagination links come from the service's answer: they are followed only on the service's own
    origin, so a token sent to it never travels elsewhere.
    """
    resolved = urljoin(base, url)
    a, b = urlparse(base), urlparse(resolved)
    if (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port) and b.scheme in ("https", "http"):
        return resolved
    return None


def failure(exc: FetchError, service: str, *, not_found: str, refused: str | None = None) -> ServiceError:
    """A fetch failure in words: what went wrong with the service and what to do about it."""
    if exc.status in (401, 403) and refused:
        return ServiceError(f"{service} refused the request (HTTP {exc.status}): {refused}")
    if exc.status == 404:
        return ServiceError(f"{service}: {not_found} (HTTP 404)")
    if exc.status in (429, 503):
        wait = retry_after_seconds(exc.retry_after, default=60.0)
        return ServiceError(f"{service} is rate-limiting requests (HTTP {exc.status}) and still was after "
                            f"retrying; try again in {wait:.0f} s or later")
    return ServiceError(f"{service} could not be read: {exc.reason}")

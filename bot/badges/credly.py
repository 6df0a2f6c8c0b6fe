"""Reading a public Credly profile: `GET /users/{name}/badges.json`, then each badge's assertion.

Credly answers `{"data": [...], "metadata": {"count", "current_page", "total_count", "total_pages",
"per", "previous_page_url", "next_page_url"}}`; each entry has the badge's `id` (a UUID),
`issued_at_date`, `expires_at_date` (YYYY-MM-DD or null), `state`, `image_url`, `evidence`,
`issuer.entities[].entity` (name, url) and `badge_template` (name, description, skills,
badge_template_activities). A user without a public profile is HTTP 404; throttling is HTTP 429
with `Retry-After`.

The profile lists badges; it proves nothing by itself. Credly also hosts every badge as an Open
Badges 2.0 assertion at `https://api.credly.com/v1/obi/v2/badge_assertions/{id}`: that document is
fetched and verified like any hosted badge. When it cannot be had, the entry is kept as listed,
status "unverified". Either way the award is keyed by Credly's badge id, so importing again (online
or not) updates the same award.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any
from urllib.parse import quote, urlparse

from bot.badges.fetch import FetchError, Fetcher
from bot.badges.openbadges import UNKNOWN_ISSUER, NotABadge, Summary, expiry_time, parse_time, read, text_of
from bot.badges.remote import MAX_PAGES, Found, ServiceError, failure, same_origin
from bot.badges.store import Listed

DEFAULT_URL = "https://www.credly.com"
DEFAULT_API = "https://api.credly.com"
ASSERTION = "/v1/obi/v2/badge_assertions/{id}"
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
BADGE_ID = re.compile(r"^[A-Za-z0-9-]{1,100}$")


_BADGE_PAGE = re.compile(r"^https://(?:www\.)?credly\.com/badges/([0-9a-fA-F-]{36})(?:/[a-z_]*)?/?(?:[?#]\S*)?$")


def assertion_url(page: str) -> str | None:
    """The Open Badges assertion behind a Credly badge page (credly.com/badges/UUID), or None."""
    found = _BADGE_PAGE.match(page.strip())
    return DEFAULT_API + ASSERTION.format(id=found.group(1).lower()) if found else None


def api_base(profile_base: str) -> str:
    """Where the assertions live: api.credly.com for credly.com, the same server for any other."""
    host = urlparse(profile_base).hostname or ""
    return DEFAULT_API if host in ("credly.com", "www.credly.com") else profile_base


def profile(fetcher: Fetcher, username: str, base: str = DEFAULT_URL) -> list[Found]:
    """Every badge on `username`'s public profile; ServiceError when it cannot be read."""
    username = (username or "").strip()
    if not USERNAME.match(username):
        raise ServiceError(f"{username!r} is not a Credly username (the part after credly.com/users/)")
    base = (base or DEFAULT_URL).strip().rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise ServiceError(f"--credly-url {base!r} is not an http(s) address")
    if fetcher.offline:
        raise ServiceError("reading a Credly profile needs the network: it cannot be done offline")
    url: str | None = f"{base}/users/{quote(username)}/badges.json"
    entries: list[Any] = []
    seen: set[str] = set()
    while url and url not in seen:
        if len(seen) >= MAX_PAGES:
            raise ServiceError(f"Credly: the profile runs over {MAX_PAGES} pages; nothing was imported")
        seen.add(url)
        try:
            body = fetcher.get(url).json()
        except FetchError as exc:
            raise failure(exc, "Credly", not_found=f"no public profile named {username!r} (is it private, "
                                                   "or the name misspelt?)") from None
        if not isinstance(body, dict) or not isinstance(body.get("data"), list):
            raise ServiceError("Credly answered, but not with a badge list ({\"data\": [...], \"metadata\": ...})")
        entries += body["data"]
        url = _next_page(body.get("metadata"), url)
    api = api_base(base)
    return [_found(entry, fetcher, base, api) for entry in entries]


def _next_page(metadata: Any, current: str) -> str | None:
    if not isinstance(metadata, dict):
        return None
    page, pages = metadata.get("current_page"), metadata.get("total_pages")
    if isinstance(page, int) and isinstance(pages, int) and page >= pages:
        return None
    following = metadata.get("next_page_url")
    return same_origin(current, following) if isinstance(following, str) and following else None


def _found(entry: Any, fetcher: Fetcher, base: str, api: str) -> Found:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not BADGE_ID.match(entry["id"]):
        return Found("a profile entry", problem="it has no Credly badge id")
    badge_id = entry["id"]
    summary = summarize(entry, base)
    key = hashlib.sha256(f"credly:{badge_id.lower()}".encode()).hexdigest()
    url = api + ASSERTION.format(id=badge_id)
    try:
        document = read(fetcher.get(url, accept="application/ld+json, application/json").body, url)
    except (FetchError, NotABadge) as exc:
        why = exc.reason if isinstance(exc, FetchError) else str(exc)
        source = json.dumps(entry, sort_keys=True, ensure_ascii=False)
        listed = Listed(key=key, summary=summary, source=source, source_kind="credly", format="Credly profile entry",
                        detail=f"listed on a public Credly profile; its Open Badges assertion could not be checked ({why})")
        return Found(summary.name, listed=listed, key=key, source_kind="credly")
    if document.securing == "hosted":
        fetcher.supply_at(url, document.credential)  # just fetched from there: the hosted check
    return Found(summary.name, document=document, key=key, source_kind="credly")


def summarize(entry: dict[str, Any], base: str = DEFAULT_URL) -> Summary:
    """What a profile entry says about the badge (used when its assertion is out of reach)."""
    template = entry.get("badge_template") if isinstance(entry.get("badge_template"), dict) else {}
    issuer = _issuer(entry.get("issuer")) or _issuer(template.get("issuer")) or {}
    skills = [text_of(s.get("name")) for s in template.get("skills") or [] if isinstance(s, dict)]
    activities = [text_of(a.get("title")) for a in template.get("badge_template_activities") or []
                  if isinstance(a, dict)]
    evidence = []
    for item in entry.get("evidence") or []:
        if isinstance(item, dict):
            text = text_of(item.get("url")) or text_of(item.get("title")) or text_of(item.get("name"))
            if text:
                evidence.append(text)
    template_url = template.get("url") if isinstance(template.get("url"), str) else None
    return Summary(
        name=text_of(template.get("name")) or "Unnamed Credly badge",
        description=text_of(template.get("description")),
        criteria="; ".join(a for a in activities if a),
        image=text_of(entry.get("image_url")) or text_of(template.get("image_url")) or None,
        tags=[s for s in skills if s],
        issuer_id=text_of(issuer.get("url")) or None,
        issuer_name=text_of(issuer.get("name")) or UNKNOWN_ISSUER,
        issuer_url=text_of(issuer.get("url")) or None,
        issued=parse_time(entry.get("issued_at_date") or entry.get("issued_at")),
        expires=expiry_time(entry.get("expires_at_date") or entry.get("expires_at")),
        evidence=evidence,
        credential_id=f"{base}/badges/{entry['id']}",
        badge_class_id=template_url if template_url and template_url.startswith(("https://", "http://")) else None,
    )


def _issuer(value: Any) -> dict[str, Any] | None:
    """The primary issuing organisation of a Credly `issuer` block."""
    if not isinstance(value, dict):
        return None
    entities = [e for e in value.get("entities") or [] if isinstance(e, dict) and isinstance(e.get("entity"), dict)]
    chosen = next((e for e in entities if e.get("primary")), entities[0] if entities else None)
    return chosen["entity"] if chosen else None

"""Reading a Badgr / Canvas Credentials backpack: `GET /v2/backpack/assertions` with the earner's token.

Badgr's v2 API answers in an envelope, `{"status": {"success": true, "description": "ok"},
"result": [...]}`, one BackpackAssertion per badge (`entityId`, `openBadgeId` = the hosted
assertion's address, `badgeclassOpenBadgeId`, `issuerOpenBadgeId`, `recipient`, `issuedOn`,
`expires`, `revoked`, `evidence`, `narrative`; with `expand=badgeclass&expand=issuer` the badge class
and its issuer embedded as Open Badges JSON). Longer lists are paged by a cursor given in an RFC 8288
`Link: <...>; rel="next"` header. A bad token is HTTP 401, throttling HTTP 429 with `Retry-After`.

Each badge is verified like a file: its hosted assertion is fetched from the issuer's server (the
`openBadgeId`) and checked the Open Badges 2.0 way. When that copy cannot be reached, the assertion
is rebuilt from what the backpack says, and the report says it could not be checked.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.badges.fetch import FetchError, Fetcher
from bot.badges.openbadges import NotABadge, from_json, parse_time, read, text_of
from bot.badges.remote import MAX_PAGES, Found, ServiceError, failure, same_origin

DEFAULT_URL = "https://api.badgr.io"
ASSERTIONS = "/v2/backpack/assertions"
TOKEN = "/o/token"
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
_LINK = re.compile(r"<([^>]*)>\s*((?:;\s*[^;,]+)*)")


def sign_in(fetcher: Fetcher, username: str, password: str, base: str = DEFAULT_URL) -> str:
    """An access token for the earner's own account, from their e-mail address and password.

    Badgr's API documentation gets one by posting both to `/o/token` (an OAuth2 password grant for
    its public client); a wrong pair is HTTP 400 `invalid_grant`. The password is sent once, over
    the connection to `base`, and kept nowhere.
    """
    base = _base(base)
    if not username.strip() or not password:
        raise ServiceError("give the Badgr e-mail address and password")
    if fetcher.offline:
        raise ServiceError("signing in to Badgr needs the network: it cannot be done offline")
    fields = {"grant_type": "password", "client_id": "public", "username": username.strip(), "password": password}
    try:
        body = fetcher.post_form(f"{base}{TOKEN}", fields).json()
    except FetchError as exc:
        if exc.status == 400:
            raise ServiceError("Badgr did not accept that e-mail address and password (invalid_grant); "
                               "check them by signing in on the Badgr website") from None
        raise failure(exc, "Badgr", not_found=f"no sign-in endpoint at {base}{TOKEN} (check --badgr-url)",
                      refused="sign-in is not allowed for this account") from None
    token = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token:
        raise ServiceError("Badgr answered the sign-in without an access token")
    return token


def backpack(fetcher: Fetcher, token: str, base: str = DEFAULT_URL) -> list[Found]:
    """Every badge in the token owner's backpack; ServiceError when the backpack cannot be read."""
    base = _base(base)
    if not token.strip():
        raise ServiceError("give the Badgr access token (--badgr-token)")
    if fetcher.offline:
        raise ServiceError("reading a Badgr backpack needs the network: it cannot be done offline")
    url: str | None = f"{base}{ASSERTIONS}?expand=badgeclass&expand=issuer"
    entries: list[Any] = []
    seen: set[str] = set()
    while url and url not in seen:
        if len(seen) >= MAX_PAGES:
            raise ServiceError(f"Badgr: the backpack runs over {MAX_PAGES} pages; nothing was imported")
        seen.add(url)
        try:
            answer = fetcher.get(url, headers={"Authorization": f"Bearer {token.strip()}"})
            body = answer.json()
        except FetchError as exc:
            raise failure(exc, "Badgr", not_found=f"no backpack API at {base} (check --badgr-url)",
                          refused="the token is not valid, has expired or lacks the r:backpack scope; "
                                  "sign in to Badgr and get a new one") from None
        entries += _result(body)
        url = next_link(answer.headers.get("link"), url)
    return [_found(entry, fetcher) for entry in entries]


def next_link(header: str | None, current: str) -> str | None:
    """The `rel="next"` address of a Link header, on the same origin as the page it came with."""
    for target, params in _LINK.findall(header or ""):
        rels = re.findall(r'rel\s*=\s*"?([^";]+)"?', params)
        if any("next" in r.split() for r in rels):
            return same_origin(current, target)
    return None


def _base(base: str) -> str:
    base = (base or DEFAULT_URL).strip().rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise ServiceError(f"--badgr-url {base!r} is not an http(s) address")
    return base


def _result(body: Any) -> list[Any]:
    if not isinstance(body, dict) or not isinstance(body.get("result"), list):
        raise ServiceError("Badgr answered, but not with a v2 result envelope ({\"status\", \"result\"}); "
                           "is --badgr-url the API address (e.g. https://api.badgr.io)?")
    status = body.get("status") if isinstance(body.get("status"), dict) else {}
    if status.get("success") is False:
        raise ServiceError(f"Badgr reported a failure: {status.get('description') or 'no reason given'}")
    return body["result"]


def _found(entry: Any, fetcher: Fetcher) -> Found:
    if not isinstance(entry, dict):
        return Found("a backpack entry", problem="it is not a JSON object")
    badge_class = entry.get("badgeclass") if isinstance(entry.get("badgeclass"), dict) else {}
    label = text_of(badge_class.get("name")) or str(entry.get("entityId") or "a backpack badge")
    ident = entry.get("openBadgeId")
    if not isinstance(ident, str) or not ident.startswith(("https://", "http://")):
        return Found(label, problem="the backpack gives no address for its assertion (openBadgeId)")
    try:
        answer = fetcher.get(ident, accept="application/ld+json, application/json")
        document = read(answer.body, ident)
    except FetchError:
        pass  # out of reach now (offline, down, withdrawn): rebuilt below, and the report says so
    except NotABadge as exc:
        return Found(label, problem=f"its assertion at {ident} is not a badge ({exc})")
    else:
        differs = differences(entry, document.credential) if document.generation == "ob2" else []
        if differs:
            return Found(label, problem=f"the issuer's copy at {ident} differs from the backpack's "
                                        f"({', '.join(differs)})")
        if document.securing == "hosted":
            fetcher.supply_at(ident, document.credential)  # just fetched from there: the hosted check
        return Found(label, document=document, source_kind="badgr")
    return Found(label, document=_rebuilt(entry, ident, badge_class, fetcher), source_kind="badgr")


def differences(entry: dict[str, Any], hosted: dict[str, Any]) -> list[str]:
    """What the issuer's hosted copy says differently from the backpack (dates compared as times)."""
    found = []
    badge = hosted.get("badge")
    badge = badge.get("id") if isinstance(badge, dict) else badge
    if entry.get("badgeclassOpenBadgeId") and badge != entry["badgeclassOpenBadgeId"]:
        found.append("badge class")
    mine = entry.get("recipient") if isinstance(entry.get("recipient"), dict) else {}
    theirs = hosted.get("recipient") if isinstance(hosted.get("recipient"), dict) else {}
    if str(mine.get("identity", "")).lower() != str(theirs.get("identity", "")).lower():
        found.append("recipient")
    for key in ("issuedOn", "expires"):
        if parse_time(entry.get(key)) != parse_time(hosted.get(key)):
            found.append(key)
    return found


def _rebuilt(entry: dict[str, Any], ident: str, badge_class: dict[str, Any], fetcher: Fetcher):
    """The assertion as the backpack describes it, for when the issuer's copy is out of reach.

    It names its badge class by address (as the hosted copy does), so checking it again later
    against the issuer's server compares like with like; the expanded class only names it for now.
    """
    recipient = entry.get("recipient") if isinstance(entry.get("recipient"), dict) else {}
    assertion: dict[str, Any] = {
        "@context": OB2_CONTEXT, "type": "Assertion", "id": ident,
        "recipient": {k: recipient[k] for k in ("type", "identity", "hashed", "salt") if k in recipient},
        "badge": entry.get("badgeclassOpenBadgeId") or badge_class.get("id"),
        "issuedOn": entry.get("issuedOn"),
        "verification": {"type": "hosted"},
    }
    for key in ("expires", "evidence", "narrative"):
        if entry.get(key):
            assertion[key] = entry[key]
    if isinstance(badge_class.get("id"), str):
        fetcher.supply(badge_class)
    return from_json(assertion, json.dumps(assertion, sort_keys=True, ensure_ascii=False), ident)

"""Reading badge documents: what a file or pasted text is, and what it says.

One entry point, `read`, takes bytes (a JSON file, a compact JWS, a baked PNG or SVG) and returns
a `Document`: which format it is and the credential inside it, kept verbatim. `describe` turns a
credential (with the badge class and issuer profile an Open Badges 2.0 assertion points at) into a
`Summary` of what a learner cares about. Nothing here checks signatures: that is `verify.py`.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

from bot.badges import baking

UNKNOWN_ISSUER = "Unknown issuer"  # the issuer's name when a badge gives none that can be read

MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$")

# A link as it starts: a scheme, a colon and no space after it ("javascript:alert(1)", "data:text/html,...",
# "file:///..."); a narrative's colon has a space after it ("Note: led the team").
_LINK = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):(?=\S)")
WEB_SCHEMES = frozenset({"http", "https"})
_DAY_ALONE = re.compile(r"\d{4}-\d{2}-\d{2}")

OB3_TYPES = frozenset({"OpenBadgeCredential", "AchievementCredential"})
CLR_TYPES = frozenset({"ClrCredential"})


class NotABadge(ValueError):
    """The input is not a badge document, with a reason a person can act on."""


@dataclass(frozen=True)
class Document:
    """One credential as received: its format, its JSON, and the exact text it came as."""

    generation: str  # "ob2", "ob3" or "clr2"
    securing: str  # "hosted", "jws", "data-integrity", "vc-jwt" or "none"
    credential: dict[str, Any]  # the assertion / credential JSON (a JWS's payload)
    source: str  # verbatim: the JSON text or the compact JWS
    carrier: str = "json"  # "json", "jws", "png" or "svg"
    jws: str | None = None

    @property
    def format(self) -> str:
        names = {
            ("ob2", "hosted"): "Open Badges 2.0 hosted assertion",
            ("ob2", "jws"): "Open Badges 2.0 signed assertion (JWS)",
            ("ob2", "none"): "Open Badges 2.0 assertion",
            ("ob3", "data-integrity"): "Open Badges 3.0 credential (Data Integrity proof)",
            ("ob3", "vc-jwt"): "Open Badges 3.0 credential (VC-JWT)",
            ("ob3", "none"): "Open Badges 3.0 credential (unsigned)",
            ("clr2", "data-integrity"): "CLR 2.0 credential (Data Integrity proof)",
            ("clr2", "vc-jwt"): "CLR 2.0 credential (VC-JWT)",
            ("clr2", "none"): "CLR 2.0 credential (unsigned)",
        }
        name = names.get((self.generation, self.securing), f"{self.generation} {self.securing}")
        if self.carrier in ("png", "svg"):
            name += f", baked in {self.carrier.upper()}"
        return name

    @property
    def id(self) -> str | None:
        ident = self.credential.get("id")
        return ident if isinstance(ident, str) else None


@dataclass(frozen=True)
class Alignment:
    name: str
    url: str | None = None
    framework: str | None = None


@dataclass
class Summary:
    """What a badge says about itself, whatever its generation."""

    name: str = "Unnamed badge"
    description: str = ""
    criteria: str = ""
    image: str | None = None
    alignments: list[Alignment] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    issuer_id: str | None = None
    issuer_name: str = UNKNOWN_ISSUER
    issuer_url: str | None = None
    issued: dt.datetime | None = None
    expires: dt.datetime | None = None
    evidence: list[str] = field(default_factory=list)
    credential_id: str | None = None
    badge_class_id: str | None = None
    evidence_left_out: list[str] = field(default_factory=list)  # links to no web page, never kept (see below)

    def __post_init__(self) -> None:
        """Evidence is kept as web links (http, https) and narratives only. A link to anything else
        (javascript:, data:, file:) is only ever there to be opened, and opening it is never safe: it
        is left out wherever the badge came from (a document, a listing, a roster), and named in
        `evidence_left_out` for the import to say so."""
        self.evidence_left_out = [*self.evidence_left_out, *(e for e in self.evidence if not_web_link(e))]
        self.evidence = [e for e in self.evidence if not not_web_link(e)]


def not_web_link(text: str) -> bool:
    """Whether evidence text is a link to anything but a web page ("javascript:alert(1)")."""
    found = _LINK.match(text)
    return found is not None and found.group(1).lower() not in WEB_SCHEMES


def evidence_warning(summary: Summary) -> str | None:
    """What an import says of the evidence it left out (`Summary.evidence_left_out`), if any."""
    if not summary.evidence_left_out:
        return None
    links = ", ".join(repr(e.strip()[:60]) for e in summary.evidence_left_out)
    return f"its evidence {links} is no web address (http or https), so it was left out"


# --- reading ---------------------------------------------------------------------------------


def read(data: bytes | str, name: str = "the input") -> Document:
    """The badge document in `data`; NotABadge with the reason when it is not one."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        raise NotABadge(f"{name} is empty")
    if len(data) > MAX_DOCUMENT_BYTES:
        raise NotABadge(f"{name} is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB; no badge is that big")
    carrier = "json"
    if baking.is_png(data) or baking.is_svg(data):
        try:
            baked = baking.extract(data)
        except baking.BakingError as exc:
            raise NotABadge(f"{name}: {exc}") from None
        text, carrier = baked.payload, baked.carrier
    else:
        try:
            text = data.decode("utf-8-sig").strip()
        except UnicodeDecodeError:
            raise NotABadge(f"{name} is not a badge: not text, and not a PNG or SVG image") from None
    document = read_text(text, name)
    if carrier != "json":
        document = Document(**{**document.__dict__, "carrier": carrier})
    return document


def read_text(text: str, name: str = "the input") -> Document:
    """A credential given as JSON text or a compact JWS."""
    text = text.strip()
    if COMPACT_JWS.match(text):
        return _from_jws(text, name)
    if text.startswith("{"):
        try:
            credential = json.loads(text)
        except ValueError as exc:
            raise NotABadge(f"{name} is not valid JSON ({exc})") from None
        return from_json(credential, text, name)
    raise NotABadge(f"{name} is not a badge: expected Open Badges JSON, a signed badge (JWS) or a baked PNG/SVG")


def from_json(credential: Any, source: str, name: str = "the input") -> Document:
    if not isinstance(credential, dict):
        raise NotABadge(f"{name} is JSON but not a badge (not a JSON object)")
    types = type_names(credential)
    if types & CLR_TYPES:
        generation = "clr2"
    elif types & OB3_TYPES or ("VerifiableCredential" in types and _has_achievement(credential)):
        generation = "ob3"
    elif "Assertion" in types or (isinstance(credential.get("badge"), (str, dict)) and "recipient" in credential):
        verification = credential.get("verification") or {}
        kind = verification.get("type") if isinstance(verification, dict) else None
        securing = "hosted" if kind in (None, "hosted", "HostedBadge") else "none"
        return Document("ob2", securing, credential, source)
    else:
        what = ", ".join(sorted(types)) or "no type"
        raise NotABadge(f"{name} is JSON but not a badge ({what}): expected an Open Badges assertion, "
                        "an OpenBadgeCredential / AchievementCredential or a ClrCredential")
    securing = "data-integrity" if credential.get("proof") else "none"
    return Document(generation, securing, credential, source)


def _from_jws(token: str, name: str) -> Document:
    try:
        header = json.loads(b64url(token.split(".")[0]))
        payload = json.loads(b64url(token.split(".")[1]))
    except (ValueError, UnicodeDecodeError):
        raise NotABadge(f"{name} looks like a JWS but its header or payload is not JSON") from None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise NotABadge(f"{name} is a JWS whose header or payload is not a JSON object")
    credential = payload.get("vc") if isinstance(payload.get("vc"), dict) else payload
    doc = from_json(credential, json.dumps(payload), name)
    securing = "jws" if doc.generation == "ob2" else "vc-jwt"
    return Document(doc.generation, securing, credential, token, carrier="jws", jws=token)


def jwt_claims(token: str) -> dict[str, Any]:
    """The payload of a compact JWS, unverified (for `exp` / `nbf` after the signature checked out)."""
    try:
        claims = json.loads(b64url(token.split(".")[1]))
    except (ValueError, IndexError):
        return {}
    return claims if isinstance(claims, dict) else {}


def b64url(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def type_names(doc: Any) -> set[str]:
    if not isinstance(doc, dict):
        return set()
    kinds = doc.get("type", doc.get("@type"))
    if isinstance(kinds, str):
        return {kinds}
    if isinstance(kinds, list):
        return {k for k in kinds if isinstance(k, str)}
    return set()


def _has_achievement(credential: dict[str, Any]) -> bool:
    subject = credential.get("credentialSubject")
    return isinstance(subject, dict) and isinstance(subject.get("achievement"), dict)


# --- describing ------------------------------------------------------------------------------


def describe(document: Document, badge_class: dict[str, Any] | None = None,
             issuer: dict[str, Any] | None = None) -> Summary:
    """What the badge says: name, issuer, dates, criteria, skills, evidence."""
    if document.generation == "ob2":
        return _describe_ob2(document.credential, badge_class, issuer)
    return _describe_vc(document.credential)


def _describe_ob2(assertion: dict[str, Any], badge_class: dict[str, Any] | None,
                  issuer: dict[str, Any] | None) -> Summary:
    badge = assertion.get("badge")
    if isinstance(badge, dict):
        badge_class = badge
    badge_class = badge_class or {}
    issuer_ref = badge_class.get("issuer")
    if isinstance(issuer_ref, dict):
        issuer = issuer_ref
    issuer = issuer or {}
    criteria = badge_class.get("criteria")
    if isinstance(criteria, dict):
        criteria = criteria.get("narrative") or criteria.get("id") or ""
    return Summary(
        name=text_of(badge_class.get("name")) or "Unnamed badge",
        description=text_of(badge_class.get("description")),
        criteria=text_of(criteria),
        image=_image(assertion.get("image")) or _image(badge_class.get("image")),
        alignments=_alignments(badge_class.get("alignment") or badge_class.get("alignments")),
        tags=[t for t in (badge_class.get("tags") or []) if isinstance(t, str)],
        issuer_id=_id(issuer) or (issuer_ref if isinstance(issuer_ref, str) else None),
        issuer_name=text_of(issuer.get("name")) or UNKNOWN_ISSUER,
        issuer_url=issuer.get("url") if isinstance(issuer.get("url"), str) else None,
        issued=parse_time(assertion.get("issuedOn")),
        expires=expiry_time(assertion.get("expires")),
        evidence=_evidence(assertion.get("evidence")),
        credential_id=_id(assertion),
        badge_class_id=_id(badge_class) or (badge if isinstance(badge, str) else None),
    )


def _describe_vc(credential: dict[str, Any]) -> Summary:
    subject = credential.get("credentialSubject")
    if isinstance(subject, list):
        subject = subject[0] if subject else {}
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement") if isinstance(subject.get("achievement"), dict) else {}
    issuer = credential.get("issuer")
    issuer_doc = issuer if isinstance(issuer, dict) else {}
    criteria = achievement.get("criteria")
    if isinstance(criteria, dict):
        criteria = criteria.get("narrative") or criteria.get("id") or ""
    name = text_of(achievement.get("name")) or text_of(credential.get("name")) or "Unnamed badge"
    return Summary(
        name=name,
        description=text_of(achievement.get("description")) or text_of(credential.get("description")),
        criteria=text_of(criteria),
        image=_image(achievement.get("image")) or _image(credential.get("image")),
        alignments=_alignments(achievement.get("alignment")),
        tags=[t for t in (achievement.get("tag") or []) if isinstance(t, str)],
        issuer_id=_id(issuer_doc) or (issuer if isinstance(issuer, str) else None),
        issuer_name=text_of(issuer_doc.get("name")) or UNKNOWN_ISSUER,
        issuer_url=issuer_doc.get("url") if isinstance(issuer_doc.get("url"), str) else None,
        issued=parse_time(credential.get("awardedDate") or credential.get("validFrom")
                          or credential.get("issuanceDate")),
        expires=expiry_time(credential.get("validUntil") or credential.get("expirationDate")),
        evidence=_evidence(credential.get("evidence")),
        credential_id=_id(credential),
        badge_class_id=_id(achievement),
    )


def text_of(value: Any) -> str:
    """A plain string from a JSON-LD value (a string, a language map or a {'@value': ...})."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dict):
        if "@value" in value:
            return text_of(value["@value"])
        for key in ("en", "en-US", "en-GB"):
            if key in value:
                return text_of(value[key])
        return next((text_of(v) for v in value.values() if isinstance(v, str)), "")
    if isinstance(value, list) and value:
        return text_of(value[0])
    return ""


def _id(doc: Any) -> str | None:
    if isinstance(doc, dict):
        ident = doc.get("id", doc.get("@id"))
        return ident if isinstance(ident, str) else None
    return None


def _image(value: Any) -> str | None:
    if isinstance(value, str):
        return value if not value.startswith("data:") or len(value) < 200 else "(embedded image)"
    if isinstance(value, dict):
        return _image(value.get("id"))
    return None


def _alignments(value: Any) -> list[Alignment]:
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        name = text_of(item.get("targetName")) or text_of(item.get("name"))
        if name:
            url = item.get("targetUrl") or item.get("url")
            found.append(Alignment(name=name, url=url if isinstance(url, str) else None,
                                   framework=text_of(item.get("targetFramework")) or None))
    return found


def _evidence(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    found = []
    for item in items:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            link = item.get("id") if isinstance(item.get("id"), str) else ""
            text = text_of(item.get("narrative")) or text_of(item.get("name"))
            # (an id that is no web page, "urn:uuid:...", shows nothing: its narrative says what the evidence is)
            chosen = text if text and not_web_link(link) else link or text
            if chosen:
                found.append(chosen)
    return found


def expiry_time(value: Any, *, strict: bool = False) -> dt.datetime | None:
    """When a badge stops being valid, read as `parse_time` reads a time, except that a day alone
    ("2025-06-30", as rosters, Credly and some issuers give it) is the last moment of that day in UTC:
    the badge is valid through the day it names. Read as the day's first moment, it read "expired" all
    of its last day. (The last moment, not the next day's first, so that it shows as the day it names.)"""
    moment = parse_time(value, strict=strict)
    if moment is not None and isinstance(value, str) and _DAY_ALONE.fullmatch(value.strip()):
        return dt.datetime.combine(moment.date(), dt.time.max, dt.UTC)
    return moment


def parse_time(value: Any, *, strict: bool = False) -> dt.datetime | None:
    """An aware UTC datetime from an ISO 8601 string (or a Unix time), None when absent or bad.

    Documents get a lenient reading (a timestamp some issuer wrote oddly still yields its day).
    With `strict` the whole text must be ISO 8601: in a roster typed by hand, "2025-03-01garbage"
    is a mistake to report, not 2025-03-01.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value, dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    if not strict and value.strip().isascii() and value.strip().isdigit() and 9 <= len(value.strip()) <= 11:
        return parse_time(int(value.strip()))  # a Unix time written as text (Open Badges 1.0 allowed it)
    text = value.strip().replace("z", "Z")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        if strict:
            return None
        try:
            moment = dt.datetime.combine(dt.date.fromisoformat(text[:10]), dt.time())
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)

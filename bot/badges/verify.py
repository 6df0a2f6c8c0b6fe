"""Verifying a badge the way the standards say, and reporting every check rather than one bool.

The report answers separately: is the signature good (`valid`, `invalid`, `unsigned`,
`unverifiable` with why), where the key came from and whether the issuer is confirmed to own it,
has it expired (and when), has it been revoked (OB 2.0 revocation list or HTTP 410, OB 3.0
bitstring status list; with the reason), and does the recipient match one of the learner's known
e-mail addresses. Its `status` folds them into the one word a list shows.

Offline by design: JSON-LD contexts come bundled with openbadgeslib and are never fetched; other
documents come from the `Fetcher` (supplied by the caller first, HTTP only when allowed). The
cryptography is openbadgeslib's Data Integrity verifier (pyld canonicalization + Ed25519) and
PyJWT for JWS / VC-JWT; the policy around them (key provenance, expiry, status, recipient, CLR
nesting) is here, because the library raises on the first problem instead of reporting them all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

import jwt
from openbadgeslib.ob3.clr import bundled_clr_contexts
from openbadgeslib.ob3.contexts import document_loader
from openbadgeslib.ob3.ldp import verify_data_integrity_proof
from openbadgeslib.ob3.status import decode_encoded_list

try:  # VC Data Integrity 2.4.1 context validation; openbadgeslib runs it inside OB3LdpVerifier only
    from openbadgeslib.ob3.ldp import _check_json_ld_form as _json_ld_form_check
except ImportError:  # pragma: no cover - a library version without it: the report says so
    _json_ld_form_check = None

from bot.badges import keys
from bot.badges.fetch import FetchError, Fetcher
from bot.badges.keys import KeyFinding
from bot.badges.openbadges import (Document, NotABadge, Summary, describe, evidence_warning, expiry_time, from_json,
                                   jwt_claims, parse_time, read, read_text, type_names)

SUPPORTED_CRYPTOSUITES = ("eddsa-rdfc-2022",)
JWS_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
STATUS_ENTRY_TYPES = {"BitstringStatusListEntry", "StatusList2021Entry"}
STATUS_LIST_TYPES = ("BitstringStatusListCredential", "StatusList2021Credential")
MAX_NESTED = 50

VALID, INVALID, UNSIGNED, UNVERIFIABLE = "valid", "invalid", "unsigned", "unverifiable"


@dataclass
class Report:
    """Every check on one credential, kept with the award and shown in plain words."""

    format: str
    generation: str
    summary: Summary
    signature: str = UNSIGNED
    signature_detail: str = ""
    key: KeyFinding | None = None
    hosted: str | None = None  # OB 2.0 hosted: "verified", "mismatch" or "unreachable"
    expired: bool = False
    not_yet_valid: bool = False
    revoked: bool | None = None
    revocation_reason: str | None = None
    status_detail: str = ""
    recipient: str = "not checked"  # "matched", "not matched" or "not checked"
    recipient_detail: str = ""
    unsigned_recipient: bool = False  # an outer CLR names a recipient its proof does not cover
    expiry_unread: str | None = None  # an expiry date the badge states that could not be read ("2020/01/01")
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    nested: list[Report] = field(default_factory=list)
    checked_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def intact(self) -> bool:
        """The document is as issued: a valid signature, or a hosted copy that matches."""
        return self.signature == VALID or self.hosted == "verified"

    @property
    def issuer_confirmed(self) -> bool:
        return self.key is not None and self.key.confirmed

    @property
    def status(self) -> str:
        """One word: invalid, revoked, expired, verified or unverified."""
        if self.signature == INVALID or self.hosted == "mismatch" or any(n.status == "invalid" for n in self.nested):
            return "invalid"
        if self.revoked:
            return "revoked"
        if self.expired:
            return "expired"
        if self.intact and self.issuer_confirmed and self.revoked is False and self.expiry_unread is None:
            return "verified"
        return "unverified"

    def as_dict(self) -> dict[str, Any]:
        s = self.summary
        return {
            "format": self.format,
            "status": self.status,
            "signature": self.signature,
            "signature_detail": self.signature_detail,
            "key": self.key.as_dict() if self.key else None,
            "hosted": self.hosted,
            "expired": self.expired,
            "expires": s.expires.isoformat() if s.expires else None,
            "not_yet_valid": self.not_yet_valid,
            "revoked": self.revoked,
            "revocation_reason": self.revocation_reason,
            "status_detail": self.status_detail,
            "recipient": self.recipient,
            "recipient_detail": self.recipient_detail,
            "name": s.name,
            "issuer": s.issuer_name,
            "issuer_id": s.issuer_id,
            "issued": s.issued.isoformat() if s.issued else None,
            "credential_id": s.credential_id,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
            "nested": [n.as_dict() for n in self.nested],
            "checked_at": self.checked_at.isoformat(),
        }

    def plain_words(self) -> list[str]:
        """The report as sentences a learner understands."""
        lines = []
        if self.signature == VALID:
            lines.append("Signature: valid, the badge has not been altered since it was signed.")
        elif self.signature == INVALID:
            lines.append(f"Signature: INVALID, the badge was altered or signed by another key ({self.signature_detail}).")
        elif self.hosted == "verified" and (self.key is None or self.key.confirmed):
            lines.append("Hosted badge: the issuer's server holds the same badge.")
        elif self.hosted == "verified":  # the same copy, but on a server that is not the issuer's
            lines.append(f"Hosted badge: the same badge is online, but not on the issuer's site ({self.key.detail}), "
                         "so it does not show who issued it.")
        elif self.hosted == "mismatch":
            lines.append(f"Hosted badge: the issuer's copy differs from this one ({self.signature_detail}).")
        elif self.signature == UNVERIFIABLE:
            lines.append(f"Signature: could not be checked ({self.signature_detail}).")
        else:
            lines.append(f"Not signed{': ' + self.signature_detail if self.signature_detail else '.'}")
        if self.key is not None and self.key.pem is not None:
            if self.key.confirmed:
                lines.append(f"Issuer: confirmed, the key is listed by the issuer ({self.key.source}).")
            else:
                lines.append(f"Issuer: not confirmed, the key came from {self.key.source}; {self.key.detail}.")
        expires = self.summary.expires
        if self.expired and expires:
            lines.append(f"Expired on {expires:%Y-%m-%d}.")
        elif expires:
            lines.append(f"Valid until {expires:%Y-%m-%d}.")
        elif self.expiry_unread is None:  # (one it could not read is in the notes)
            lines.append("Does not expire.")
        if self.not_yet_valid:
            lines.append("Not valid yet (its validity starts in the future).")
        if self.revoked:
            lines.append("REVOKED by the issuer" + (f": {self.revocation_reason}" if self.revocation_reason else "."))
        elif self.revoked is False:
            lines.append("Not revoked" + (f": {self.status_detail}." if self.status_detail else "."))
        else:
            lines.append(f"Revocation could not be checked ({self.status_detail or 'unknown'}).")
        if self.recipient == "matched":
            lines.append(f"Recipient: matches {self.recipient_detail}.")
        elif self.recipient == "not matched":
            lines.append(f"Recipient: does NOT match your known e-mail addresses ({self.recipient_detail}).")
        for nested in self.nested:
            lines.append(f"Contains '{nested.summary.name}': {nested.status}.")
        lines += [f"Problem: {e}" for e in self.errors]
        lines += [f"Note: {w}" for w in self.warnings]  # what could not be read shapes what was checked
        return lines


# --- entry points ----------------------------------------------------------------------------


class BadgeUnreachable(NotABadge):
    """A badge given by its address could not be downloaded (`reason` says why)."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{url} could not be fetched ({reason})")
        self.reason = reason


def verify_bytes(data: bytes | str, fetcher: Fetcher, *, emails: Iterable[str] = (), name: str = "the input",
                 now: dt.datetime | None = None) -> tuple[Document, Report]:
    """Read and verify a file or pasted text; NotABadge when it is no badge."""
    text = data.decode("utf-8", "replace").strip() if isinstance(data, bytes) and len(data) < 4096 else data
    if isinstance(text, str) and text.strip().startswith(("https://", "http://")) and " " not in text.strip():
        url = text.strip()
        try:
            answer = fetcher.get(url, accept="application/ld+json, application/json, image/png, image/svg+xml")
        except FetchError as exc:
            raise BadgeUnreachable(url, exc.reason) from None
        document = read(answer.body, url)
    else:
        document = read(data, name)
    return document, verify(document, fetcher, emails=emails, now=now)


def verify(document: Document, fetcher: Fetcher, *, emails: Iterable[str] = (),
           now: dt.datetime | None = None, depth: int = 0) -> Report:
    now = now or dt.datetime.now(dt.UTC)
    if document.generation == "ob2":
        report = _verify_ob2(document, fetcher, now)
    else:
        report = _verify_vc(document, fetcher, now, depth)
    _recipient(report, document, emails)
    _issuers_own_name(report)
    _expiry_unread(report, document)
    if (left_out := evidence_warning(report.summary)) is not None:
        report.warnings.append(left_out)
    return report


def _expiry_unread(report: Report, document: Document) -> None:
    """An expiry date the badge states in a form no one reads ("2020/01/01", "Jan 1 2020"): read as
    none, a badge that lapsed looked permanent ("Does not expire", and "verified")."""
    if report.summary.expires is not None:
        return
    stated = next((document.credential[k] for k in ("expires", "validUntil", "expirationDate")
                   if document.credential.get(k) not in (None, "")), None)
    if stated is None:
        return
    report.expiry_unread = str(stated)[:60]
    report.warnings.append(f"its expiry date {report.expiry_unread!r} could not be read, so it may have expired: "
                           "ask the issuer")


def _issuers_own_name(report: Report) -> None:
    """The issuer's name as its own profile gives it, once the key is confirmed to be that issuer's:
    the badge's copy of the name is the badge's claim ("Harvard University" signed with another
    issuer's key)."""
    own = report.key.issuer_name if report.key is not None and report.key.confirmed else None
    if own and own != report.summary.issuer_name:
        report.warnings.append(f"the badge calls its issuer {report.summary.issuer_name!r}, but the issuer's own "
                               f"profile says {own!r}, which is shown")
        report.summary.issuer_name = own


# --- Open Badges 2.0 -------------------------------------------------------------------------


def _resolve(ref: Any, fetcher: Fetcher, what: str, report: Report) -> dict[str, Any] | None:
    if isinstance(ref, dict):
        return ref
    if not isinstance(ref, str):
        report.errors.append(f"the {what} is missing")
        return None
    try:
        doc = fetcher.json(ref)
    except FetchError as exc:
        report.warnings.append(f"could not get the {what} ({exc.reason})")
        return None
    return doc if isinstance(doc, dict) else None


def _verify_ob2(document: Document, fetcher: Fetcher, now: dt.datetime) -> Report:
    assertion = document.credential
    probe = Report(format=document.format, generation="ob2", summary=Summary())
    badge_class = _resolve(assertion.get("badge"), fetcher, "badge class", probe)
    issuer = _resolve((badge_class or {}).get("issuer"), fetcher, "issuer profile", probe) if badge_class else None
    report = Report(format=document.format, generation="ob2", summary=describe(document, badge_class, issuer),
                    errors=probe.errors, warnings=probe.warnings)
    if document.securing == "jws" and document.jws:
        _ob2_signature(report, document.jws, assertion, issuer or {}, fetcher)
    elif document.securing == "hosted":
        _ob2_hosted(report, assertion, issuer or {}, badge_class or {}, fetcher)
    else:
        report.signature = UNVERIFIABLE
        report.signature_detail = "a signed assertion given as JSON: the signed original (JWS) is needed"
    if report.revoked is None and report.hosted != "unreachable":
        _ob2_revocation(report, assertion, issuer, fetcher)
    _expiry(report, now)
    return report


def _ob2_signature(report: Report, token: str, assertion: dict[str, Any], issuer: dict[str, Any],
                   fetcher: Fetcher) -> None:
    """The JWS checked against the key its assertion names. The key is the issuer's when the two
    point at each other (OB 2.0): the issuer's profile, read at its own id, lists the key in
    `publicKey`, and the key's document names that profile as its owner."""
    verification = assertion.get("verification") if isinstance(assertion.get("verification"), dict) else {}
    creator = verification.get("creator") or keys.jws_header(token).get("kid")
    if not isinstance(creator, str):
        public = issuer.get("publicKey")
        creator = public if isinstance(public, str) else (public[0] if isinstance(public, list) and public else None)
    if not isinstance(creator, str):
        report.signature = UNVERIFIABLE
        report.signature_detail = "the assertion names no key (verification.creator) and the issuer lists none"
        return
    report.key = keys.find_key(creator, report.summary.issuer_id, fetcher)
    issuer_id = issuer.get("id")
    # The profile read at the issuer's own id must list the key: an embedded profile, or one read at
    # another address, is the badge's claim about its issuer, and a forger writes it too.
    if (report.key.pem is not None and not report.key.confirmed and isinstance(issuer_id, str)
            and report.key.owner in (None, issuer_id)
            and (profile := keys.issuer_lists(creator, issuer_id, fetcher)) is not None):
        report.key = KeyFinding(report.key.pem, report.key.source, creator, True, "listed as the issuer's publicKey",
                                owner=report.key.owner, issuer_name=keys.profile_name(profile))
    _check_jws(report, token)


def _ob2_hosted(report: Report, assertion: dict[str, Any], issuer: dict[str, Any], badge_class: dict[str, Any],
                fetcher: Fetcher) -> None:
    report.signature = UNSIGNED
    url = assertion.get("id")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        report.hosted = "unreachable"
        report.signature_detail = "a hosted assertion without an https address to check it at"
        return
    try:
        copy = fetcher.json(url)
    except FetchError as exc:
        if exc.status == 410:
            report.hosted = "verified"
            report.revoked = True
            try:
                import json

                body = json.loads(exc.body or b"{}")
            except ValueError:
                body = {}
            reason = body.get("revocationReason") if isinstance(body, dict) else None
            report.revocation_reason = reason if isinstance(reason, str) else "the issuer withdrew it (HTTP 410 Gone)"
            report.status_detail = "the issuer's server answers 410 Gone"
        else:
            report.hosted = "unreachable"
            report.signature_detail = f"hosted badge: its hosted copy could not be checked ({exc.reason})"
            report.status_detail = "the hosted copy could not be reached"
        return
    if not isinstance(copy, dict):
        report.hosted = "mismatch"
        report.signature_detail = "the hosted copy is not a JSON object"
        return
    if copy.get("revoked") is True:
        report.hosted = "verified"
        report.revoked = True
        reason = copy.get("revocationReason")
        report.revocation_reason = reason if isinstance(reason, str) else None
        return
    differs = [k for k in ("badge", "recipient", "issuedOn", "expires") if copy.get(k) != assertion.get(k)]
    if differs:
        report.hosted = "mismatch"
        report.signature_detail = "the issuer's copy has a different " + ", ".join(differs)
        return
    report.hosted = "verified"
    # the issuer's site as the profile at the issuer's own id gives it (a forger's profile, embedded
    # or read elsewhere, can claim any id and any site)
    profile = keys.issuer_document(report.summary.issuer_id, fetcher)
    if profile is not None and "id" not in profile:  # (an OB 2.0 profile says its id)
        profile = None
    issuer_site = (profile.get("url") if isinstance(profile.get("url"), str) else profile["id"]) if profile else None
    same = issuer_site is not None and urlparse(url).hostname == urlparse(issuer_site).hostname
    report.key = KeyFinding(None, "the issuer's server (hosted)" if same else "another server (hosted)", url,
                            confirmed=same,
                            detail="hosted on the issuer's own site" if same else
                            f"hosted at {urlparse(url).hostname}, not on the issuer's site")


def _ob2_revocation(report: Report, assertion: dict[str, Any], issuer: dict[str, Any] | None,
                    fetcher: Fetcher) -> None:
    if issuer is None and report.hosted != "verified" and not fetcher.supplied_of_type("RevocationList"):
        # the issuer's profile is where a revocation list would be named: unread, nothing is known
        report.status_detail = "the issuer's profile could not be read, so revocation could not be checked"
        return
    list_url = (issuer or {}).get("revocationList")
    doc = _list_document(report, fetcher, list_url, ("RevocationList",), "revocation list")
    if doc is None:
        if isinstance(list_url, str):
            return  # named but unreachable: _list_document said so
        if report.revoked is None and report.hosted == "verified":
            report.revoked = False
            report.status_detail = "its hosted copy is live"
        elif report.revoked is None:
            report.revoked = False
            report.status_detail = "the issuer publishes no revocation list"
        return
    ident, uid = assertion.get("id"), assertion.get("uid")
    for entry in doc.get("revokedAssertions") or [] if isinstance(doc, dict) else []:
        entry_id = entry if isinstance(entry, str) else entry.get("id") if isinstance(entry, dict) else None
        entry_uid = entry.get("uid") if isinstance(entry, dict) else None
        if (entry_id and entry_id == ident) or (entry_uid and entry_uid == uid):
            report.revoked = True
            reason = entry.get("revocationReason") if isinstance(entry, dict) else None
            report.revocation_reason = reason if isinstance(reason, str) else None
            report.status_detail = "listed in the issuer's revocation list"
            return
    report.revoked = False
    report.status_detail = "checked against the issuer's revocation list"


def _list_document(report: Report, fetcher: Fetcher, url: Any, types: tuple[str, ...], what: str) -> Any | None:
    """A revocation or status list: the copy supplied with the badge (by its address, or the only
    one of its type), else fetched from `url`. None when there is none; when `url` could not be
    fetched, the report says so and the badge's status is left unknown rather than guessed."""
    supplied = fetcher.supplied_of_type(*types)
    doc = fetcher.supplied_doc(url) if isinstance(url, str) else None
    doc = doc or (supplied[0] if len(supplied) == 1 else None)
    if doc is None and isinstance(url, str):
        try:
            return fetcher.json(url)
        except FetchError as exc:
            report.revoked = None
            report.status_detail = f"the {what} could not be fetched ({exc.reason})"
    return doc


# --- Open Badges 3.0 and CLR 2.0 -------------------------------------------------------------


def _verify_vc(document: Document, fetcher: Fetcher, now: dt.datetime, depth: int) -> Report:
    report = Report(format=document.format, generation=document.generation, summary=describe(document))
    credential = document.credential
    if document.securing == "vc-jwt" and document.jws:
        _vc_jwt_signature(report, document.jws, fetcher)
        claims = jwt_claims(document.jws)
        if report.summary.expires is None and "exp" in claims:
            report.summary.expires = parse_time(claims.get("exp"))
        if "nbf" in claims and (nbf := parse_time(claims.get("nbf"))) and nbf > now:
            report.not_yet_valid = True
    elif document.securing == "data-integrity":
        _data_integrity(report, credential, fetcher)
    else:
        report.signature = UNSIGNED
        report.signature_detail = "the credential carries no proof"
    valid_from = parse_time(credential.get("validFrom"))
    if valid_from and valid_from > now:
        report.not_yet_valid = True
    _vc_status(report, credential, fetcher)
    _expiry(report, now)
    if document.generation == "clr2":
        _nested(report, credential, fetcher, now, depth)
    return report


def _proofs(credential: dict[str, Any]) -> list[dict[str, Any]]:
    proof = credential.get("proof")
    items = proof if isinstance(proof, list) else [proof]
    return [p for p in items if isinstance(p, dict)]


def _data_integrity(report: Report, credential: dict[str, Any], fetcher: Fetcher) -> None:
    proofs = _proofs(credential)
    proof = next((p for p in proofs if p.get("cryptosuite") in SUPPORTED_CRYPTOSUITES), None)
    if proof is None:
        kinds = ", ".join(sorted({str(p.get("cryptosuite") or p.get("type")) for p in proofs})) or "none"
        report.signature = UNVERIFIABLE
        report.signature_detail = f"unsupported proof ({kinds}); supported: {', '.join(SUPPORTED_CRYPTOSUITES)}"
        return
    method = proof.get("verificationMethod")
    if not isinstance(method, str):
        report.signature = INVALID
        report.signature_detail = "the proof names no verificationMethod"
        return
    report.key = keys.find_key(method, report.summary.issuer_id, fetcher)
    if report.key.pem is None:
        report.signature = UNVERIFIABLE
        report.signature_detail = f"the key could not be found ({report.key.detail})"
        return
    outer_clr = report.generation == "clr2"
    report.signature, report.signature_detail = check_data_integrity(credential, report.key.pem, form=not outer_clr)
    if report.signature == VALID and _json_ld_form_check is None:
        report.warnings.append(FORM_NOT_CHECKED)
    elif report.signature == VALID and outer_clr:
        report.warnings.append(CLR_FORM_NOT_CHECKED)
        _unsigned_members(report, credential, report.key.pem)


def _unsigned_members(report: Report, credential: dict[str, Any], pem: bytes) -> None:
    """An outer CLR's date or recipient that its proof does not cover is ignored: anyone could have
    written it in (an `expirationDate`, which the VC 2.0 context does not define, read as "Expired on
    2011-01-01" beside "not altered"; an `email` made anyone the recipient). A member is covered when
    the proof no longer verifies without it."""
    unsigned = [m for m in ("validUntil", "expirationDate", "validFrom", "issuanceDate") if m in credential
                and check_data_integrity({k: v for k, v in credential.items() if k != m}, pem, form=False)[0] == VALID]
    for member in unsigned:
        report.warnings.append(f"the outer CLR's {member} is not covered by its signature, so it is ignored")
    subject = credential.get("credentialSubject")
    if isinstance(subject, dict):  # (an "email" written in makes anyone the recipient)
        for member in ("email", "identifier", "id"):
            if member in subject and check_data_integrity(
                    dict(credential, credentialSubject={k: v for k, v in subject.items() if k != member}),
                    pem, form=False)[0] == VALID:
                report.unsigned_recipient = True
                report.warnings.append(f"the outer CLR's credentialSubject.{member} is not covered by its signature, "
                                       "so the recipient is not checked")
    signed = {k: v for k, v in credential.items() if k not in unsigned}
    if {"validUntil", "expirationDate"} & set(unsigned):
        report.summary.expires = expiry_time(signed.get("validUntil") or signed.get("expirationDate"))
    if {"validFrom", "issuanceDate"} & set(unsigned):
        report.summary.issued = parse_time(signed.get("validFrom") or signed.get("issuanceDate"))


FORM_NOT_CHECKED = ("the check that the JSON is the signed linked-data form is not available in this "
                    "openbadgeslib version: dates and status were read from JSON not confirmed to be signed")


CLR_FORM_NOT_CHECKED = ("the outer CLR's JSON was not checked to be the signed linked-data form (openbadgeslib's "
                        "check is written for Open Badges 3.0 and refuses the nested credentials CLR 2.0 "
                        "carries); each nested credential is checked on its own")


def check_data_integrity(document: dict[str, Any], pem: bytes, *, form: bool = True) -> tuple[str, str]:
    """(`valid` | `invalid` | `unverifiable`, why) for the document's eddsa-rdfc-2022 proof.

    The proof signs the RDF dataset the JSON expands to, while expiry, status and recipient are
    read from the JSON; two JSON documents can expand to one dataset (a member re-keyed to its
    IRI, an inline alias, a dropped term). So a valid proof also requires the JSON to be exactly
    the compacted form of what was signed (VC Data Integrity 2.4.1, context validation), or a
    signed, expired credential could show no `validUntil` at all.
    """
    try:
        verify_data_integrity_proof(document, pem, extra_contexts=_clr_contexts())
    except Exception as exc:
        return _failure(exc)
    if _json_ld_form_check is None or not form:
        return VALID, "eddsa-rdfc-2022 proof checked with bundled JSON-LD contexts"
    proof = next(p for p in _proofs(document) if p.get("cryptosuite") in SUPPORTED_CRYPTOSUITES)
    try:
        _json_ld_form_check(document, proof, document_loader(_clr_contexts()))
    except Exception as exc:
        verdict, message = _failure(exc)
        if verdict == INVALID:
            message = f"the JSON is not the form its proof signs, so what it shows is not what was signed ({message})"
        return verdict, message
    return VALID, "eddsa-rdfc-2022 proof checked with bundled JSON-LD contexts; the JSON is the signed form"


def _failure(exc: Exception) -> tuple[str, str]:
    message = str(exc) or type(exc).__name__
    if "allowlist" in message or "canonicalize safely" in message:
        return UNVERIFIABLE, message
    return INVALID, message


_CLR_CONTEXTS: dict[str, Any] | None = None


def _clr_contexts() -> dict[str, Any]:
    global _CLR_CONTEXTS
    if _CLR_CONTEXTS is None:
        _CLR_CONTEXTS = bundled_clr_contexts()
    return _CLR_CONTEXTS


def _vc_jwt_signature(report: Report, token: str, fetcher: Fetcher) -> None:
    header = keys.jws_header(token)
    kid = header.get("kid")
    finding: KeyFinding | None = None
    if isinstance(kid, str):
        finding = keys.find_key(kid, report.summary.issuer_id, fetcher)
    if (finding is None or finding.pem is None) and "jwk" in header:
        try:
            pem = keys.jwk_to_pem(header["jwk"])
        except keys.KeyProblem as exc:
            report.signature, report.signature_detail = INVALID, str(exc)
            return
        finding = KeyFinding(pem, "the JWT header (jwk)", kid if isinstance(kid, str) else None,
                             detail="a key carried by the token proves it is intact, not who issued it")
    if finding is None:
        report.signature = UNVERIFIABLE
        report.signature_detail = "the JWT header has neither a jwk nor a kid"
        return
    report.key = finding
    if finding.pem is None:
        report.signature = UNVERIFIABLE
        report.signature_detail = f"the key could not be found ({finding.detail})"
        return
    _check_jws(report, token)


def _check_jws(report: Report, token: str) -> None:
    alg = keys.jws_header(token).get("alg")
    if alg not in JWS_ALGORITHMS:
        report.signature = INVALID
        report.signature_detail = f"unsupported or unsafe signature algorithm {alg!r}"
        return
    if report.key is None or report.key.pem is None:
        report.signature = UNVERIFIABLE
        report.signature_detail = f"the key could not be found ({report.key.detail if report.key else 'none named'})"
        return
    try:
        jwt.PyJWS().decode_complete(token, key=report.key.pem, algorithms=[alg])
    except jwt.InvalidSignatureError:
        report.signature, report.signature_detail = INVALID, "the signature does not match the content"
    except jwt.PyJWTError as exc:
        report.signature, report.signature_detail = INVALID, f"the token does not verify ({exc})"
    except Exception as exc:  # a key of the wrong type for the algorithm, say
        report.signature, report.signature_detail = UNVERIFIABLE, f"the key cannot check this signature ({exc})"
    else:
        report.signature, report.signature_detail = VALID, f"{alg} signature checked"


def _vc_status(report: Report, credential: dict[str, Any], fetcher: Fetcher) -> None:
    status = credential.get("credentialStatus")
    entries = [e for e in (status if isinstance(status, list) else [status]) if isinstance(e, dict)]
    if not entries:
        report.revoked = False
        report.status_detail = "the credential names no status list"
        return
    report.revoked = False
    for entry in entries:
        if not (type_names(entry) & STATUS_ENTRY_TYPES):
            report.revoked = None
            report.status_detail = f"unsupported status type {entry.get('type')!r}"
            return
        url = entry.get("statusListCredential")
        purpose = entry.get("statusPurpose", "revocation")
        try:
            index = int(entry.get("statusListIndex"))
        except (TypeError, ValueError):
            report.revoked = None
            report.status_detail = "the status entry has no usable statusListIndex"
            return
        doc = _list_document(report, fetcher, url, STATUS_LIST_TYPES, "status list")
        if doc is None:
            if not isinstance(url, str):
                report.revoked, report.status_detail = None, "the status entry names no list"
            return
        problem = _status_list_problem(doc, fetcher)
        if problem:
            report.revoked, report.status_detail = None, problem
            return
        subject = doc.get("credentialSubject")
        subject = subject[0] if isinstance(subject, list) and subject else subject
        try:
            bits = decode_encoded_list(subject.get("encodedList"))
        except Exception as exc:
            report.revoked, report.status_detail = None, f"the status list cannot be read ({exc})"
            return
        if index < 0 or index // 8 >= len(bits):
            report.revoked, report.status_detail = None, f"status index {index} is outside the list"
            return
        if bits[index // 8] & (0x80 >> (index % 8)):
            report.revoked = True
            report.revocation_reason = ("suspended by the issuer" if purpose == "suspension"
                                        else "revoked by the issuer (status list)")
            report.status_detail = f"bit {index} is set in the issuer's status list"
            return
    report.status_detail = "checked against the issuer's status list"


def _status_list_problem(doc: Any, fetcher: Fetcher) -> str | None:
    """Why the status list cannot be trusted, or None. A list with a proof must verify."""
    if not isinstance(doc, dict) or not (type_names(doc) & set(STATUS_LIST_TYPES)):
        return "the status list is not a BitstringStatusListCredential"
    proofs = _proofs(doc)
    if not proofs:
        return None
    method = proofs[0].get("verificationMethod")
    if not isinstance(method, str) or proofs[0].get("cryptosuite") not in SUPPORTED_CRYPTOSUITES:
        return None
    issuer = doc.get("issuer")
    finding = keys.find_key(method, issuer.get("id") if isinstance(issuer, dict) else issuer, fetcher)
    if finding.pem is None:
        return None
    verdict, why = check_data_integrity(doc, finding.pem)
    return f"the status list's own signature does not verify ({why})" if verdict == INVALID else None


def _nested(report: Report, credential: dict[str, Any], fetcher: Fetcher, now: dt.datetime, depth: int) -> None:
    subject = credential.get("credentialSubject")
    inner = subject.get("verifiableCredential") if isinstance(subject, dict) else None
    items = inner if isinstance(inner, list) else [inner] if inner else []
    if depth > 2 or len(items) > MAX_NESTED:
        report.errors.append("too many nested credentials to check")
        return
    for number, item in enumerate(items, 1):
        try:
            if isinstance(item, str):
                doc = read_text(item, f"nested credential {number}")
            else:
                import json

                doc = from_json(item, json.dumps(item), f"nested credential {number}")
        except NotABadge as exc:
            report.errors.append(str(exc))
            continue
        nested = verify(doc, fetcher, now=now, depth=depth + 1)
        report.nested.append(nested)
        if nested.status == "invalid":
            report.errors.append(f"nested credential '{nested.summary.name}' is invalid: {nested.signature_detail}")


# --- shared checks ---------------------------------------------------------------------------


def _expiry(report: Report, now: dt.datetime) -> None:
    expires = report.summary.expires
    report.expired = bool(expires and expires <= now)


def _recipient(report: Report, document: Document, emails: Iterable[str]) -> None:
    known = sorted({e.strip().lower() for e in emails if e and "@" in e})
    if report.unsigned_recipient:
        report.recipient_detail = "the recipient it names is not covered by its signature"
        return
    claims = recipient_claims(document)
    if not claims:
        report.recipient_detail = "the badge names no e-mail recipient"
        return
    if not known:
        report.recipient_detail = "no e-mail address is known for you"
        return
    for email in known:
        if any(claim_matches(claim, email) for claim in claims):
            report.recipient, report.recipient_detail = "matched", email
            return
    report.recipient = "not matched"
    report.recipient_detail = f"checked {len(known)} address(es)"


def recipient_claims(document: Document) -> list[dict[str, Any]]:
    """The e-mail identities a badge is issued to: {hashed, identity, salt} each."""
    credential = document.credential
    if document.generation == "ob2":
        recipient = credential.get("recipient")
        if isinstance(recipient, dict) and recipient.get("type", "email") == "email":
            return [{"hashed": bool(recipient.get("hashed")), "identity": recipient.get("identity"),
                     "salt": recipient.get("salt") or ""}]
        return []
    subject = credential.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    claims = []
    identifiers = subject.get("identifier")
    for item in identifiers if isinstance(identifiers, list) else [identifiers]:
        if isinstance(item, dict) and item.get("identityType") in ("emailAddress", "email"):
            claims.append({"hashed": bool(item.get("hashed")), "identity": item.get("identityHash"),
                           "salt": item.get("salt") or ""})
    if isinstance(subject.get("id"), str) and subject["id"].startswith("mailto:"):
        claims.append({"hashed": False, "identity": subject["id"].removeprefix("mailto:"), "salt": ""})
    if isinstance(subject.get("email"), str):
        claims.append({"hashed": False, "identity": subject["email"], "salt": ""})
    return claims


def claim_matches(claim: dict[str, Any], email: str) -> bool:
    identity = claim.get("identity")
    if not isinstance(identity, str):
        return False
    if not claim.get("hashed"):
        return identity.strip().lower() == email
    algorithm, _, digest = identity.partition("$")
    if algorithm.lower() not in ("sha256", "md5") or not digest:
        return False
    expected = hashlib.new(algorithm.lower(), (email + claim.get("salt", "")).encode()).hexdigest()
    return hmac.compare_digest(expected, digest.lower())


def hash_email(email: str, salt: str) -> str:
    """An OB recipient identity for `email` (for issuing test credentials and rosters)."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()

"""Public keys for badge signatures, and where each one came from.

A key read from the credential itself (a multikey in the proof's verificationMethod, a `jwk` in a
JWT header, a `did:key`) proves the document is intact, not who issued it. Only a key the issuer's
own profile, DID document or JWKS lists is confirmed as the issuer's. `KeyFinding` carries the
key together with that provenance, so the report can say which it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from bot.badges.fetch import FetchError, Fetcher

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_INDEX = {c: i for i, c in enumerate(_B58)}
ED25519_PUB = 0xED
P256_PUB = 0x1200


class KeyProblem(Exception):
    """A key could not be found or read, and why."""


@dataclass(frozen=True)
class KeyFinding:
    pem: bytes | None  # SubjectPublicKeyInfo PEM, or None when no key was found
    source: str  # where it came from, in words
    key_id: str | None = None
    confirmed: bool = False  # listed by the issuer's own profile / DID document / JWKS
    detail: str = ""
    owner: str | None = None  # the controller (or OB 2.0 owner) its document names, which anyone can write
    issuer_name: str | None = None  # confirmed: the name the issuer's own profile gives itself

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "id": self.key_id, "issuer_confirmed": self.confirmed,
                "detail": self.detail}


def b58decode(value: str) -> bytes:
    if len(value) > 128:
        raise KeyProblem("a base58 key longer than any real key")
    number = 0
    for char in value:
        if char not in _B58_INDEX:
            raise KeyProblem(f"invalid base58 character {char!r}")
        number = number * 58 + _B58_INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * (len(value) - len(value.lstrip("1"))) + body


def _varint(data: bytes) -> tuple[int, bytes]:
    result = shift = 0
    for i, byte in enumerate(data):
        result |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return result, data[i + 1:]
        shift += 7
    raise KeyProblem("truncated multicodec prefix")


def multikey_to_pem(multibase: str) -> bytes:
    """A `z...` multibase multikey (Ed25519 or P-256) as PEM."""
    if not multibase.startswith("z"):
        raise KeyProblem("a multikey must be base58btc ('z...')")
    code, raw = _varint(b58decode(multibase[1:]))
    try:
        if code == ED25519_PUB:
            key: Any = ed25519.Ed25519PublicKey.from_public_bytes(raw)
        elif code == P256_PUB:
            key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
        else:
            raise KeyProblem(f"unsupported multikey type 0x{code:x}")
    except ValueError as exc:
        raise KeyProblem(f"malformed multikey ({exc})") from None
    return _pem(key)


def ed25519_multikey(public: ed25519.Ed25519PublicKey) -> str:
    """The multikey form of an Ed25519 public key (for issuing test credentials)."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    data = bytes([0xED, 0x01]) + raw
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rem = divmod(number, 58)
        out = _B58[rem] + out
    return "z" + "1" * (len(data) - len(data.lstrip(b"\x00"))) + out


def jwk_to_pem(jwk: Any) -> bytes:
    if not isinstance(jwk, dict):
        raise KeyProblem("the JWK is not a JSON object")
    if any(k in jwk for k in ("d", "p", "q")):
        raise KeyProblem("the JWK holds a private key; refusing it")
    try:
        return _pem(jwt.PyJWK(jwk).key)
    except Exception as exc:
        raise KeyProblem(f"unusable JWK ({str(exc)[:100]})") from None


def pem_to_pem(pem: str) -> bytes:
    try:
        return _pem(serialization.load_pem_public_key(pem.encode()))
    except Exception as exc:
        raise KeyProblem(f"unusable public key PEM ({str(exc)[:100]})") from None


def _pem(key: Any) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def method_key(method: dict[str, Any]) -> bytes:
    """The key in a verification method (Multikey, JsonWebKey, or a legacy publicKeyPem)."""
    if isinstance(method.get("publicKeyMultibase"), str):
        return multikey_to_pem(method["publicKeyMultibase"])
    if isinstance(method.get("publicKeyJwk"), dict):
        return jwk_to_pem(method["publicKeyJwk"])
    if isinstance(method.get("publicKeyPem"), str):
        return pem_to_pem(method["publicKeyPem"])
    if isinstance(method.get("kty"), str):  # a JWKS entry is the JWK itself
        return jwk_to_pem(method)
    raise KeyProblem("the verification method carries no public key")


def did_web_url(did: str) -> str:
    """Where a did:web DID document lives."""
    parts = did.split("#", 1)[0].split(":")[2:]
    host = parts[0].replace("%3A", ":")
    path = "/".join(parts[1:])
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def _methods(doc: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for key in ("verificationMethod", "assertionMethod", "publicKey", "keys"):
        value = doc.get(key)
        for item in value if isinstance(value, list) else [value] if isinstance(value, dict) else []:
            if isinstance(item, dict):
                found.append(item)
    return found


def _listed(doc: dict[str, Any], method_id: str) -> dict[str, Any] | None:
    """The verification method `method_id` as `doc` (a DID document, profile or JWKS) lists it."""
    fragment = method_id.split("#", 1)[1] if "#" in method_id else None
    for method in _methods(doc):
        ident = method.get("id") or method.get("kid")
        if not isinstance(ident, str):
            continue
        if ident == method_id or (fragment and ident in (f"#{fragment}", fragment)):
            return method
    return None


def find_key(method_id: str, issuer_id: str | None, fetcher: Fetcher) -> KeyFinding:
    """The key a proof or JWT names, and whether the issuer's own documents list it.

    Order: did:key (the DID is the key); the issuer's profile / DID document that the method's
    address points at (fetched, or supplied by the caller); the multikey written in the method's
    fragment, which proves integrity only.
    """
    if ":" not in method_id and issuer_id and issuer_id.startswith(("https://", "http://", "did:web:")):
        # a bare `kid` ("k1"), as JWTs often give one: a key of the issuer's own document (its JWKS)
        method_id = f"{issuer_id.split('#', 1)[0]}#{method_id.removeprefix('#')}"
    base = method_id.split("#", 1)[0]
    if method_id.startswith("did:key:"):
        multibase = base.removeprefix("did:key:")
        try:
            pem = multikey_to_pem(multibase)
        except KeyProblem as exc:
            return KeyFinding(None, "did:key", method_id, detail=str(exc))
        mine = issuer_id is not None and issuer_id.split("#", 1)[0] == base
        # (a did:key issuer is the key itself: anyone can make one and call it any name)
        return KeyFinding(pem, "did:key", method_id,
                          detail="the issuer is this did:key, a bare key: the signature is its own, but nothing ties "
                                 "it to the name the badge gives its issuer" if mine else
                          "a did:key that is not the issuer's id: it proves integrity, not who issued it")
    problems = []
    address = did_web_url(base) if base.startswith("did:web:") else base
    doc = fetcher.supplied_doc(base) or fetcher.supplied_doc(address)
    if doc is None:
        try:
            doc = fetcher.json(address)
        except FetchError as exc:
            problems.append(f"could not get {address} ({exc.reason})")
    if isinstance(doc, dict):
        method = _listed(doc, method_id)
        if method is None and doc.get("id") == method_id:
            method = doc  # the address is the key document itself (an OB 2.0 CryptographicKey)
        if method is not None:
            try:
                pem = method_key(method)
            except KeyProblem as exc:
                problems.append(str(exc))
            else:
                found = _found_in(doc, method, method_id, base, issuer_id, pem)
                if found.confirmed or method is doc or (profile := issuer_lists(method_id, issuer_id, fetcher)) is None:
                    return found
                return KeyFinding(pem, "issuer profile", method_id, confirmed=True, owner=found.owner,
                                  detail=f"kept at {base} and listed by the issuer's own profile",
                                  issuer_name=profile_name(profile))
        elif "id" in doc:
            problems.append(f"{base} does not list the key {method_id}")
    fragment = method_id.split("#", 1)[1] if "#" in method_id else ""
    if fragment.startswith("z6Mk") or fragment.startswith("zDn"):
        try:
            pem = multikey_to_pem(fragment)
        except KeyProblem as exc:
            problems.append(str(exc))
        else:
            why = "; ".join(problems) if problems else "no issuer document lists it"
            return KeyFinding(pem, "the proof itself (multikey in the verificationMethod)", method_id,
                              detail=f"proves the document is intact, not who issued it ({why})")
    return KeyFinding(None, "not found", method_id, detail="; ".join(problems) or "no key could be found")


def _found_in(doc: dict[str, Any], method: dict[str, Any], method_id: str, base: str, issuer_id: str | None,
              pem: bytes) -> KeyFinding:
    """A key found in the document at `base`, confirmed as the issuer's only when that document is
    the issuer's own: at the issuer's id, saying it is that id, with the key's controller the issuer.

    A document elsewhere that names the issuer as the key's controller confirms nothing: anyone can
    host one, and a forged badge would point at it. (An OB 2.0 key document is confirmed by the
    issuer's profile listing it, which the caller checks.)"""
    issuer = issuer_id.split("#", 1)[0] if issuer_id else None
    owner = method.get("controller") or method.get("owner") or doc.get("id")
    owner = owner.split("#", 1)[0] if isinstance(owner, str) else None
    said = doc.get("id").split("#", 1)[0] if isinstance(doc.get("id"), str) else None
    kind = ("issuer's key document" if method is doc else
            "DID document" if str(doc.get("id", "")).startswith("did:") else "issuer profile")
    own = issuer is not None and base == issuer and said in (None, issuer)
    mine = own and owner == issuer
    if mine:
        detail = f"listed in the {kind} at {base}"
    elif own:
        detail = f"listed in the {kind} at {base}, whose controller {owner!r} is not the issuer"
    elif method is doc:
        detail = f"a key document at {base} naming {owner!r} as its owner; only the issuer's profile listing it confirms it"
        kind = "a key document"
    else:
        detail = (f"listed in a document at {base}, which is not the issuer's own ({issuer!r}): naming the issuer "
                  "as its controller confirms nothing")
        kind = "a document that is not the issuer's"
    return KeyFinding(pem, kind, method_id, confirmed=mine, detail=detail, owner=owner,
                      issuer_name=profile_name(doc) if mine and kind == "issuer profile" else None)


def issuer_document(issuer_id: str | None, fetcher: Fetcher) -> dict[str, Any] | None:
    """The issuer's own profile or DID document: read at the issuer's id (supplied, or fetched there),
    and not saying it is another's. None when it cannot be had."""
    if not issuer_id or not issuer_id.startswith(("https://", "http://", "did:web:")):
        return None
    issuer = issuer_id.split("#", 1)[0]
    address = did_web_url(issuer) if issuer.startswith("did:web:") else issuer
    doc = fetcher.supplied_doc(issuer) or fetcher.supplied_doc(address)
    if doc is None:
        try:
            doc = fetcher.json(address)
        except FetchError:
            return None
    return doc if isinstance(doc, dict) and doc.get("id", issuer) == issuer else None


def issuer_lists(method_id: str, issuer_id: str | None, fetcher: Fetcher) -> dict[str, Any] | None:
    """The issuer's own document when it lists the key by its full id (a key kept in a document of
    its own, which the profile points at); None otherwise."""
    doc = issuer_document(issuer_id, fetcher)
    if doc is None:
        return None
    listed = any((m.get("id") or m.get("kid")) == method_id for m in _methods(doc)) or method_id in _listed_ids(doc)
    return doc if listed else None


def profile_name(doc: dict[str, Any]) -> str | None:
    """The name an issuer's own profile gives itself."""
    return doc.get("name").strip() or None if isinstance(doc.get("name"), str) else None


def _listed_ids(doc: dict[str, Any]) -> list[str]:
    """Keys a profile names by address only ("verificationMethod": ["https://.../keys#1"])."""
    found = []
    for key in ("verificationMethod", "assertionMethod", "publicKey"):
        value = doc.get(key)
        found += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
    return found


def jws_header(token: str) -> dict[str, Any]:
    from bot.badges.openbadges import b64url

    try:
        header = json.loads(b64url(token.split(".")[0]))
    except (ValueError, IndexError):
        return {}
    return header if isinstance(header, dict) else {}

"""Issuing test credentials with keys generated on the spot: valid, tampered, expired, revoked, wrong key.

The project's badge code is covered without the shared fixtures: these are real OB 3.0 credentials
with eddsa-rdfc-2022 proofs, VC-JWTs and OB 2.0 signed assertions, signed here.
"""

from __future__ import annotations

import base64
import copy
import gzip
import json
from dataclasses import dataclass, field

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from openbadgeslib.ob3.clr import bundled_clr_contexts
from openbadgeslib.ob3.ldp import add_data_integrity_proof

from bot.badges.keys import ed25519_multikey
from bot.badges.verify import hash_email

OB3_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
ISSUER = "https://issuer.test/profile"


def _pem_private(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


@dataclass
class Issuer:
    """An issuer with an Ed25519 key, its profile listing the key as a Multikey."""

    id: str = ISSUER
    name: str = "Test University"
    key: ed25519.Ed25519PrivateKey = field(default_factory=ed25519.Ed25519PrivateKey.generate)

    @property
    def multikey(self) -> str:
        return ed25519_multikey(self.key.public_key())

    @property
    def method(self) -> str:
        return f"{self.id}#key-1"

    def profile(self) -> dict:
        return {
            "@context": OB3_CONTEXT, "id": self.id, "type": ["Profile"], "name": self.name,
            "verificationMethod": [{"id": self.method, "type": "Multikey", "controller": self.id,
                                    "publicKeyMultibase": self.multikey}],
        }

    def credential(self, name: str = "SQL Foundations", *, number: int = 1, email: str | None = "ana@example.org",
                   valid_until: str | None = None, status_index: int | None = None,
                   status_url: str = "https://issuer.test/status/1", skills: list[str] = ()) -> dict:
        subject: dict = {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": f"https://issuer.test/achievements/{name.lower().replace(' ', '-')}",
                "type": ["Achievement"], "name": name, "description": f"Shows {name}.",
                "criteria": {"narrative": f"Passed the {name} assessment."},
                "alignment": [{"type": ["Alignment"], "targetName": s, "targetUrl": f"https://skills.test/{i}"}
                              for i, s in enumerate(skills)],
            },
        }
        if email:
            subject["identifier"] = [{"type": "IdentityObject", "identityType": "emailAddress", "hashed": True,
                                      "salt": "pepper", "identityHash": hash_email(email, "pepper")}]
        credential = {
            "@context": OB3_CONTEXT,
            "id": f"https://issuer.test/credentials/{number}",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": self.id, "type": ["Profile"], "name": self.name},
            "validFrom": "2024-03-05T00:00:00Z",
            "name": name,
            "credentialSubject": subject,
        }
        if not subject["achievement"]["alignment"]:
            del subject["achievement"]["alignment"]
        if valid_until:
            credential["validUntil"] = valid_until
        if status_index is not None:
            credential["credentialStatus"] = {
                "id": f"{status_url}#{status_index}", "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation", "statusListIndex": str(status_index),
                "statusListCredential": status_url,
            }
        return credential

    def sign(self, document: dict, key: ed25519.Ed25519PrivateKey | None = None, method: str | None = None) -> dict:
        return add_data_integrity_proof(document, _pem_private(key or self.key), method or self.method,
                                        extra_contexts=bundled_clr_contexts())

    def status_list(self, revoked: set[int], url: str = "https://issuer.test/status/1", size: int = 16384) -> dict:
        bits = bytearray(size // 8)
        for index in revoked:
            bits[index // 8] |= 0x80 >> (index % 8)
        encoded = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits))).decode().rstrip("=")
        return self.sign({
            "@context": ["https://www.w3.org/ns/credentials/v2"], "id": url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": self.id, "validFrom": "2024-01-01T00:00:00Z",
            "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList",
                                  "statusPurpose": "revocation", "encodedList": encoded},
        })

    def vc_jwt(self, credential: dict, *, embed_jwk: bool = False) -> str:
        headers = {"kid": self.method}
        if embed_jwk:
            headers = {"jwk": json.loads(jwt.algorithms.OKPAlgorithm.to_jwk(self.key.public_key()))}
        return jwt.encode({**credential, "iss": self.id, "jti": credential["id"]}, _pem_private(self.key),
                          algorithm="EdDSA", headers=headers)


def tampered(document: dict, **changes) -> dict:
    doc = copy.deepcopy(document)
    doc["credentialSubject"]["achievement"].update(changes or {"name": "Something Else"})
    return doc


@dataclass
class Ob2Issuer:
    """An Open Badges 2.0 issuer with an RSA key: profile, badge class, key, signed assertions."""

    base: str = "https://ob2.test"
    key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048))

    def documents(self, revoked: dict[str, str] | None = None) -> list[dict]:
        public = self.key.public_key().public_bytes(serialization.Encoding.PEM,
                                                    serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        docs = [
            {"@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": f"{self.base}/issuer",
             "name": "OB2 College", "url": self.base, "publicKey": f"{self.base}/key",
             "revocationList": f"{self.base}/revocations"},
            {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": f"{self.base}/badge",
             "name": "Agile and Scrum Fundamentals", "description": "Scrum roles and events.",
             "criteria": {"narrative": "Pass the exam."}, "issuer": f"{self.base}/issuer",
             "tags": ["agile", "scrum"]},
            {"@context": "https://w3id.org/openbadges/v2", "type": "CryptographicKey", "id": f"{self.base}/key",
             "owner": f"{self.base}/issuer", "publicKeyPem": public},
            {"@context": "https://w3id.org/openbadges/v2", "type": "RevocationList", "id": f"{self.base}/revocations",
             "revokedAssertions": [{"id": k, "revocationReason": v} for k, v in (revoked or {}).items()]},
        ]
        return docs

    def assertion(self, number: int = 1, email: str = "ana@example.org", expires: str | None = None,
                  hosted: bool = False) -> dict:
        doc = {
            "@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
            "id": f"{self.base}/assertions/{number}",
            "recipient": {"type": "email", "hashed": True, "salt": "s4lt", "identity": hash_email(email, "s4lt")},
            "issuedOn": "2024-06-01T00:00:00Z", "badge": f"{self.base}/badge",
            "verification": {"type": "hosted"} if hosted else {"type": "signed", "creator": f"{self.base}/key"},
        }
        if expires:
            doc["expires"] = expires
        return doc

    def sign(self, assertion: dict, key: rsa.RSAPrivateKey | None = None) -> str:
        return jwt.encode(assertion, _pem_private(key or self.key), algorithm="RS256")

"""The shared real-world documents (the standard's and its reference validator's), each to what it must verify to."""

from __future__ import annotations

import json

import pytest

from bot.badges.fetch import Fetcher
from bot.badges.skill import BadgeSkill
from bot.badges.verify import verify_bytes
from tests.conftest import shared_file


def fixture(*parts: str):
    return shared_file("badge-fixtures", *parts)


def docs(*names: str) -> list:
    return [json.loads(fixture(*n.split("/")).read_text()) for n in names]


OB2_CHAIN = ("ob2/badgeclass.json", "ob2/issuer.json", "ob2/cryptographic-key-key1.json")


def run(name, supplied=(), emails=()):
    return verify_bytes(fixture(*name.split("/")).read_bytes(), Fetcher(docs(*supplied), offline=True),
                        emails=emails, name=name)


def test_ob2_hosted_assertion_recipient_hash_and_offline_status():
    document, report = run("ob2/assertion-hosted.json", OB2_CHAIN, ["Nobody@Example.org"])
    assert document.securing == "hosted"
    assert report.recipient == "matched" and report.summary.name == "Awesome Robotics Badge"
    assert report.summary.issuer_name == "An Example Badge Issuer"
    assert report.status == "unverified" and "offline" in report.signature_detail
    assert run("ob2/assertion-hosted.json", OB2_CHAIN, ["somebody@example.org"])[1].recipient == "not matched"


def test_ob2_hosted_expired():
    report = run("ob2/assertion-hosted-expired.json", OB2_CHAIN)[1]
    assert report.expired and report.as_dict()["expires"].startswith("2022-11-15") and report.status == "expired"


def test_ob2_signed_jws_full_chain_offline_with_revocation_list():
    report = run("ob2/assertion-signed.jws", OB2_CHAIN + ("ob2/revocation-list.json",), ["nobody@example.org"])[1]
    assert report.signature == "valid" and report.issuer_confirmed
    assert report.revoked is False and report.status == "verified"


def test_ob2_signed_jws_alone_offline_leaves_revocation_unknown():
    # without the issuer's profile nothing says whether it publishes a revocation list: it said
    # "Not revoked: the issuer publishes no revocation list"
    report = run("ob2/assertion-signed.jws")[1]
    assert report.revoked is None and report.status == "unverified"
    assert "profile could not be read" in report.status_detail
    assert any("badge class" in line for line in report.plain_words())  # the unread badge class is told too


def test_ob2_revocation_list_entries_of_every_shape():
    from bot.badges.openbadges import from_json
    from bot.badges.verify import verify

    for ident, reason in (("https://example.org/beths-robotics-badge-revoked.json", "A good reason, for sure"),
                          ("urn:uuid:52e4c6b3-8c13-4fa8-8482-a5cf34ef37a9", None),
                          ("urn:uuid:6deb4a00-ebce-4b28-8cc2-afa705ef7be4", None)):
        assertion = dict(json.loads(fixture("ob2", "assertion-hosted.json").read_text()), id=ident,
                         verification={"type": "signed"})
        fetcher = Fetcher(docs(*OB2_CHAIN, "ob2/revocation-list.json"), offline=True)
        report = verify(from_json(assertion, json.dumps(assertion)), fetcher)
        assert report.revoked is True and report.revocation_reason == reason


def test_ob2_revocation_list_named_but_unreachable_leaves_the_status_unknown():
    from bot.badges.openbadges import from_json
    from bot.badges.verify import verify

    badge_class, issuer, key = docs(*OB2_CHAIN)
    issuer = dict(issuer, revocationList="https://example.org/revocations-nowhere")
    assertion = dict(json.loads(fixture("ob2", "assertion-hosted.json").read_text()), verification={"type": "signed"})
    report = verify(from_json(assertion, json.dumps(assertion)), Fetcher([badge_class, issuer, key], offline=True))
    assert report.revoked is None and "the revocation list could not be fetched" in report.status_detail
    # With no list named and none supplied, there is nothing to check against, and the report says so.
    plain = verify(from_json(assertion, json.dumps(assertion)), Fetcher(docs(*OB2_CHAIN), offline=True))
    assert plain.revoked is False and plain.status_detail == "the issuer publishes no revocation list"


def test_ob2_tampered_jws_is_invalid():
    token = fixture("ob2", "assertion-signed.jws").read_text().strip()
    head, payload, sig = token.split(".")
    import base64

    body = json.loads(base64.urlsafe_b64decode(payload + "=="))
    body["issuedOn"] = "2020-01-01T00:00:00Z"
    forged = base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip("=")
    report = verify_bytes(f"{head}.{forged}.{sig}", Fetcher(docs(*OB2_CHAIN), offline=True))[1]
    assert report.signature == "invalid" and report.status == "invalid"


def test_ob2_baked_png():
    document, report = run("ob2/baked-assertion.png", OB2_CHAIN)
    assert document.carrier == "png" and document.id == "https://example.org/beths-robotics-badge.json"
    assert report.summary.name == "Awesome Robotics Badge"


def test_ob2_revoked_hosted_410_body(server):
    body = fixture("ob2", "assertion-revoked-hosted-410-body.json").read_bytes()
    server.add("/beths-robotics-badge.json", body, 410)
    assertion = dict(json.loads(fixture("ob2", "assertion-hosted.json").read_text()),
                     id=server.url + "/beths-robotics-badge.json")
    report = verify_bytes(json.dumps(assertion), Fetcher(docs(*OB2_CHAIN), private_hosts=True))[1]
    assert report.revoked is True and "trenchcoat" in report.revocation_reason and report.status == "revoked"


def test_ob3_spec_vector_verifies_key_from_proof_unconfirmed():
    report = run("ob3/credential-eddsa-rdfc-2022-spec-vector.json")[1]
    assert report.signature == "valid" and report.summary.name == "Teamwork"
    assert not report.issuer_confirmed and "proof" in report.key.source


def test_ob3_spec_vector_tampered_is_invalid():
    document = json.loads(fixture("ob3", "credential-eddsa-rdfc-2022-spec-vector.json").read_text())
    document["credentialSubject"]["achievement"]["name"] = "Leadership"
    report = verify_bytes(json.dumps(document), Fetcher(offline=True))[1]
    assert report.signature == "invalid" and report.status == "invalid"


def test_ob3_spec_vector_canonical_form_and_signature_without_pyld():
    import hashlib

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from bot.badges.keys import b58decode

    credential = json.loads(fixture("ob3", "credential-eddsa-rdfc-2022-spec-vector.json").read_text())
    message = (hashlib.sha256(fixture("ob3", "spec-vector-proof-canon.nq").read_bytes()).digest()
               + hashlib.sha256(fixture("ob3", "spec-vector-document-canon.nq").read_bytes()).digest())
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(
        "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5"))
    key.verify(b58decode(credential["proof"]["proofValue"][1:]), message)  # raises if wrong


def test_ob3_expired_proof_valid():
    report = run("ob3/credential-eddsa-rdfc-2022-expired.json")[1]
    assert report.signature == "valid" and report.expired and report.status == "expired"
    assert report.as_dict()["expires"].startswith("2010-01-01")
    # the key came from the proof itself: intact, but not shown to be the issuer's, so not "genuine"
    assert not report.issuer_confirmed
    assert "could not be fully verified" in BadgeSkill._report_text(report, "the pasted badge")


def test_ob3_revoked_by_status_list():
    report = run("ob3/credential-revoked-bitstring-status.json", ["ob3/status-list-credential.json"])[1]
    assert report.signature == "valid" and report.revoked is True and report.status == "revoked"
    offline = run("ob3/credential-revoked-bitstring-status.json")[1]
    assert offline.revoked is None and "the status list could not be fetched" in offline.status_detail


def test_ob3_baked_svgs():
    eddsa_doc, eddsa = run("ob3/baked-credential-eddsa.svg")
    assert eddsa_doc.carrier == "svg" and eddsa.signature == "valid"
    assert "z6Mkrvfzk" in eddsa.key.key_id
    jwt_doc, vcjwt = run("ob3/baked-credential-vcjwt.svg")
    assert jwt_doc.securing == "vc-jwt" and vcjwt.signature == "valid"
    assert vcjwt.key.source == "the JWT header (jwk)" and not vcjwt.issuer_confirmed


def test_ob3_unsigned_alignment():
    report = run("ob3/credential-unsigned-alignment-case.json")[1]
    assert report.signature == "unsigned" and report.status == "unverified"
    assert report.summary.alignments and report.summary.alignments[0].url.startswith("http")


def test_clr_outer_and_nested_verify():
    report = run("clr2/clr-credential-eddsa.json")[1]
    assert report.format.startswith("CLR 2.0") and report.signature == "valid"
    assert report.nested and all(n.signature == "valid" for n in report.nested)


def test_status_list_credential_own_proof_verifies():
    from bot.badges.keys import multikey_to_pem
    from bot.badges.verify import check_data_integrity

    doc = json.loads(fixture("ob3", "status-list-credential.json").read_text())
    proof = doc["proof"][0] if isinstance(doc["proof"], list) else doc["proof"]
    pem = multikey_to_pem(proof["verificationMethod"].split("#")[1])
    assert check_data_integrity(doc, pem)[0] == "valid"


@pytest.mark.parametrize("name", ["SOURCES.md", "contexts/ob-v3p0-extensions.json", "ob2/issuer.json"])
def test_non_badges_are_rejected(name):
    from bot.badges.openbadges import NotABadge

    with pytest.raises(NotABadge, match="not a badge"):
        run(name)

"""Verification on credentials these tests issue and sign themselves (no shared files needed)."""

from __future__ import annotations

import datetime as dt
import json
import zlib
import struct

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from bot.badges import baking
from bot.badges.fetch import FetchError, Fetcher
from bot.badges.openbadges import NotABadge, read
from bot.badges.verify import verify_bytes
from tests.badges.issuing import Issuer, Ob2Issuer, tampered


class ServedAt(Fetcher):
    """Documents as served at an address, whatever id they claim (a forger's server)."""

    def __init__(self, at: dict[str, dict]):
        super().__init__(offline=True)
        self.at = at

    def json(self, url):
        return self.at[url] if url in self.at else super().json(url)


def check(data, docs=(), emails=(), **kw):
    if isinstance(data, dict):
        data = json.dumps(data)
    return verify_bytes(data, Fetcher(docs, offline=True), emails=emails, **kw)[1]


@pytest.fixture(scope="module")
def issuer():
    return Issuer()


def test_signed_credential_with_issuer_profile_is_verified_and_matches_recipient(issuer):
    report = check(issuer.sign(issuer.credential(skills=["SQL"])), [issuer.profile()], ["Ana@Example.org"])
    assert report.signature == "valid" and report.issuer_confirmed
    assert report.key.source == "issuer profile"
    assert report.recipient == "matched" and report.revoked is False and not report.expired
    assert report.status == "verified"
    assert report.summary.name == "SQL Foundations" and report.summary.alignments[0].name == "SQL"


def test_tampered_credential_is_invalid(issuer):
    report = check(tampered(issuer.sign(issuer.credential())), [issuer.profile()])
    assert report.signature == "invalid" and report.status == "invalid"


def test_signed_with_another_key_than_the_profile_lists_is_invalid(issuer):
    other = ed25519.Ed25519PrivateKey.generate()
    report = check(issuer.sign(issuer.credential(), key=other), [issuer.profile()])
    assert report.signature == "invalid"


def test_key_only_in_the_proof_proves_integrity_not_the_issuer(issuer):
    method = f"{issuer.id}#{issuer.multikey}"
    report = check(issuer.sign(issuer.credential(), method=method))  # no profile: offline, not supplied
    assert report.signature == "valid"
    assert not report.issuer_confirmed and "proof" in report.key.source
    assert report.status == "unverified"


def test_expired_credential_reports_the_date(issuer):
    report = check(issuer.sign(issuer.credential(valid_until="2024-12-31T00:00:00Z")), [issuer.profile()])
    assert report.signature == "valid" and report.expired and report.status == "expired"
    assert report.as_dict()["expires"].startswith("2024-12-31")


@pytest.mark.parametrize("written", ["2024/12/31", "Dec 31 2024", "2024-13-45"])
def test_an_expiry_date_no_one_can_read_is_said_so_and_never_verified(issuer, written):
    # it read "Does not expire." and "verified": a badge that had lapsed looked permanent
    report = check(issuer.sign(issuer.credential(valid_until=written)), [issuer.profile()])
    assert report.signature == "valid" and report.issuer_confirmed and report.status == "unverified"
    words = " ".join(report.plain_words())
    assert f"its expiry date {written!r} could not be read" in words and "Does not expire" not in words


def test_an_expiry_written_as_a_unix_time_in_text_is_read():
    from bot.badges.openbadges import parse_time
    assert parse_time("1577836800") == dt.datetime(2020, 1, 1, tzinfo=dt.UTC)  # Open Badges 1.0 allowed it
    assert parse_time("1577836800", strict=True) is None  # (a roster is ISO 8601 or nothing)


def test_not_expired_yet_with_a_clock(issuer):
    report = check(issuer.sign(issuer.credential(valid_until="2024-12-31T00:00:00Z")), [issuer.profile()],
                   now=dt.datetime(2024, 6, 1, tzinfo=dt.UTC))
    assert not report.expired and report.status == "verified"


@pytest.mark.parametrize("generation", ["ob3", "ob2"])
def test_an_expiry_given_as_a_day_alone_lasts_through_that_day(issuer, generation):
    # read as the day's first moment, the badge read "expired" all of its last day
    if generation == "ob3":
        data, docs = issuer.sign(issuer.credential(valid_until="2024-12-31")), [issuer.profile()]
    else:
        ob2 = Ob2Issuer()
        data, docs = ob2.sign(ob2.assertion(expires="2024-12-31")), ob2.documents()
    last_day = check(data, docs, emails=["ana@example.org"], now=dt.datetime(2024, 12, 31, 23, 59, tzinfo=dt.UTC))
    assert not last_day.expired and last_day.status == "verified"
    assert "Valid until 2024-12-31." in last_day.plain_words()
    after = check(data, docs, emails=["ana@example.org"], now=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert after.expired and "Expired on 2024-12-31." in after.plain_words()


def test_revoked_by_bitstring_status_list(issuer):
    credential = issuer.sign(issuer.credential(status_index=42))
    revoked = check(credential, [issuer.profile(), issuer.status_list({42})])
    assert revoked.revoked is True and revoked.status == "revoked"
    live = check(credential, [issuer.profile(), issuer.status_list({41, 43})])
    assert live.revoked is False and live.status == "verified"


def test_a_lone_supplied_status_list_is_used_even_under_another_address(issuer):
    credential = issuer.sign(issuer.credential(status_index=7))
    mirror = issuer.status_list({7}, url="https://mirror.test/saved-copy")
    assert check(credential, [issuer.profile(), mirror]).revoked is True


def test_status_unknown_offline_is_null_not_false(issuer):
    report = check(issuer.sign(issuer.credential(status_index=3)), [issuer.profile()])
    assert report.revoked is None and report.status == "unverified"
    assert "offline" in report.status_detail


def test_forged_status_list_is_not_trusted(issuer):
    credential = issuer.sign(issuer.credential(status_index=3))
    forged = issuer.status_list(set())
    forged["credentialSubject"]["encodedList"] = issuer.status_list({3})["credentialSubject"]["encodedList"]
    report = check(credential, [issuer.profile(), forged])
    assert report.revoked is None and "does not verify" in report.status_detail


def test_vc_jwt_with_kid_from_the_profile_and_with_an_embedded_jwk(issuer):
    credential = issuer.credential()
    by_kid = check(issuer.vc_jwt(credential), [issuer.profile()])
    assert by_kid.signature == "valid" and by_kid.issuer_confirmed and by_kid.status == "verified"
    embedded = check(issuer.vc_jwt(credential, embed_jwk=True))
    assert embedded.signature == "valid" and not embedded.issuer_confirmed
    assert embedded.key.source == "the JWT header (jwk)"
    head, payload, sig = issuer.vc_jwt(credential).split(".")
    forged = read(issuer.vc_jwt(tampered(credential))).source.split(".")[1]
    assert check(f"{head}.{forged}.{sig}", [issuer.profile()]).signature == "invalid"


def clr_of(issuer: Issuer, inner: dict, number: int = 1, **members) -> dict:
    """An unsigned CLR 2.0 credential of `issuer` holding `inner`."""
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
                     "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": f"https://issuer.test/clr/{number}", "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": {"id": issuer.id, "type": ["Profile"], "name": issuer.name}, "name": "Transcript",
        "validFrom": "2024-03-05T00:00:00Z",
        "credentialSubject": {"type": ["ClrSubject"], "verifiableCredential": [inner]}, **members,
    }


def test_clr_checks_the_outer_and_each_nested_credential(issuer):
    inner = issuer.sign(issuer.credential("SQL Foundations"))
    clr = clr_of(issuer, inner)
    good = check(issuer.sign(clr), [issuer.profile()])
    assert good.signature == "valid" and [n.status for n in good.nested] == ["verified"]
    bad = dict(clr, credentialSubject={"type": ["ClrSubject"], "verifiableCredential": [tampered(inner)]})
    report = check(issuer.sign(bad), [issuer.profile()])
    assert report.signature == "valid" and report.nested[0].status == "invalid" and report.status == "invalid"


def test_ob2_signed_assertion_chain_and_revocation_list():
    ob2 = Ob2Issuer()
    token = ob2.sign(ob2.assertion())
    report = check(token, ob2.documents(), ["ana@example.org"])
    assert report.status == "verified" and report.issuer_confirmed and report.recipient == "matched"
    assert report.summary.name == "Agile and Scrum Fundamentals"
    revoked = check(token, ob2.documents(revoked={"https://ob2.test/assertions/1": "cheated"}))
    assert revoked.revoked is True and revoked.revocation_reason == "cheated"
    wrong_key = ob2.sign(ob2.assertion(), key=Ob2Issuer().key)
    assert check(wrong_key, ob2.documents()).signature == "invalid"
    assert check(token, ob2.documents(), ["eve@example.org"]).recipient == "not matched"


def test_ob2_signed_without_its_key_offline_is_unverifiable():
    ob2 = Ob2Issuer()
    report = check(ob2.sign(ob2.assertion()), ob2.documents()[:2])
    assert report.signature == "unverifiable" and report.status == "unverified"


def test_hosted_assertion_checked_against_a_local_server(server):
    ob2 = Ob2Issuer(base=server.url)
    for doc in ob2.documents():
        server.add(doc["id"].removeprefix(server.url), json.dumps(doc))
    good = ob2.assertion(1, hosted=True)
    server.add("/assertions/1", json.dumps(good))
    fetcher = Fetcher(private_hosts=True)
    report = verify_bytes(json.dumps(good), fetcher, emails=["ana@example.org"])[1]
    assert report.hosted == "verified" and report.status == "verified" and report.revoked is False

    gone = ob2.assertion(2, hosted=True)
    server.add("/assertions/2", json.dumps({"id": gone["id"], "revoked": True, "revocationReason": "withdrawn"}), 410)
    report = verify_bytes(json.dumps(gone), Fetcher(private_hosts=True))[1]
    assert report.revoked is True and report.revocation_reason == "withdrawn" and report.status == "revoked"

    changed = ob2.assertion(3, hosted=True)
    server.add("/assertions/3", json.dumps(dict(changed, issuedOn="2020-01-01T00:00:00Z")))
    assert verify_bytes(json.dumps(changed), Fetcher(private_hosts=True))[1].status == "invalid"

    offline = verify_bytes(json.dumps(good), Fetcher(ob2.documents(), offline=True))[1]
    assert offline.hosted == "unreachable" and offline.status == "unverified"


def test_fetcher_limits_and_offline_switch(server):
    server.add("/big", b"x" * 5000)
    with pytest.raises(FetchError, match="larger than"):
        Fetcher(max_bytes=1000, private_hosts=True).get(server.url + "/big")
    with pytest.raises(FetchError, match="offline"):
        Fetcher(offline=True).get(server.url + "/big")
    with pytest.raises(FetchError, match="only http"):
        Fetcher(private_hosts=True).get("file:///etc/passwd")
    server.add("/limited", b"{}", 429, **{"Retry-After": "0"})
    fetcher = Fetcher(retries=2, private_hosts=True)
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url + "/limited")
    assert caught.value.status == 429 and server.hits.count("/limited") == 3


def _png() -> bytes:
    def chunk(tag, data):
        return struct.pack("!I", len(data)) + tag + data + struct.pack("!I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack("!IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


@pytest.mark.parametrize("carrier", ["png", "svg"])
@pytest.mark.parametrize("as_jwt", [False, True])
def test_baked_credentials_round_trip(issuer, carrier, as_jwt):
    credential = issuer.credential()
    payload = issuer.vc_jwt(credential) if as_jwt else json.dumps(issuer.sign(credential))
    image = baking.bake_png(_png(), payload) if carrier == "png" else baking.bake_svg(SVG, payload)
    document, report = verify_bytes(image, Fetcher([issuer.profile()], offline=True))
    assert document.carrier == carrier and report.status == "verified"
    assert f"baked in {carrier.upper()}" in report.format


def test_ob2_baked_png(issuer):
    ob2 = Ob2Issuer()
    image = baking.bake_png(_png(), ob2.sign(ob2.assertion()), generation="ob2")
    assert check(image, ob2.documents()).status == "verified"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"hello there", "not a badge"),
    (b'{"type": "Person"}', "not a badge"),
    (b"{not json", "not valid JSON"),
    (b"\x00\x01\x02\xff\xfe", "not text"),
    (b"\x89PNG\r\n\x1a\nrubbish", "damaged"),
    (SVG, "carries no badge"),
    (b"[1, 2]", "not a badge"),
])
def test_not_a_badge_is_a_clear_error(data, reason):
    with pytest.raises(NotABadge, match=reason):
        read(data, "upload.bin")


def test_unplain_png_without_badge():
    with pytest.raises(NotABadge, match="carries no badge"):
        read(_png(), "plain.png")


# --- the JSON must be the signed linked-data form ----------------------------------------------

XSD_DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"


def test_a_member_rekeyed_to_its_iri_cannot_hide_an_expiry_or_a_revocation(issuer):
    """The proof signs the RDF dataset; spelled by its IRI, `validUntil` signs the same, yet a JSON
    reader sees no expiry. The report must not call such a credential verified."""
    expired = issuer.sign(issuer.credential(valid_until="2020-01-01T00:00:00Z"))
    honest = check(expired, [issuer.profile()])
    assert honest.status == "expired" and "the JSON is the signed form" in honest.signature_detail
    hidden = dict(expired)
    hidden["https://www.w3.org/2018/credentials#validUntil"] = {"@value": hidden.pop("validUntil"),
                                                                "@type": XSD_DATETIME}
    report = check(hidden, [issuer.profile()])
    assert report.status == "invalid" and report.signature == "invalid"
    assert "not the form its proof signs" in report.signature_detail and "validUntil" in report.signature_detail

    revoked = issuer.sign(issuer.credential(number=7, status_index=5))
    assert check(revoked, [issuer.profile(), issuer.status_list({5})]).status == "revoked"
    unlisted = dict(revoked)
    unlisted["https://www.w3.org/2018/credentials#credentialStatus"] = unlisted.pop("credentialStatus")
    assert check(unlisted, [issuer.profile(), issuer.status_list({5})]).status == "invalid"


def test_a_clr_says_its_outer_form_was_not_checked(issuer):
    inner = issuer.sign(issuer.credential("SQL Foundations"))
    clr = issuer.sign(clr_of(issuer, inner, number=2))
    report = check(clr, [issuer.profile()])
    assert report.signature == "valid" and any("outer CLR" in w for w in report.warnings)
    assert "the JSON is the signed form" in report.nested[0].signature_detail


# --- forged keys: a document anywhere can name the issuer as its key's controller --------------

def test_a_key_in_someone_elses_document_naming_the_issuer_does_not_confirm_it(issuer):
    """A forger signs with their own key, published at their own address with the issuer named as
    its controller: the signature is valid, but the issuer is not confirmed (it read "genuine")."""
    forger = Issuer(id=issuer.id, name=issuer.name)  # same issuer named, another key
    keys_doc = {"id": "https://forger.test/keys.json",
                "verificationMethod": [{"id": "https://forger.test/keys.json#k1", "type": "Multikey",
                                        "controller": issuer.id, "publicKeyMultibase": forger.multikey}]}
    signed = forger.sign(forger.credential("Forged Diploma"), method="https://forger.test/keys.json#k1")
    report = check(signed, [issuer.profile(), keys_doc])
    assert report.signature == "valid" and not report.issuer_confirmed
    assert report.status == "unverified" and "not the issuer's own" in report.key.detail
    token = jwt_with_kid(forger, forger.credential("Forged Diploma"), "https://forger.test/keys.json#k1")
    by_jwt = check(token, [issuer.profile(), keys_doc])
    assert by_jwt.signature == "valid" and not by_jwt.issuer_confirmed and by_jwt.status == "unverified"


def jwt_with_kid(issuer: Issuer, credential: dict, kid: str) -> str:
    import jwt as pyjwt

    from tests.badges.issuing import _pem_private

    return pyjwt.encode({**credential, "iss": issuer.id, "jti": credential["id"]}, _pem_private(issuer.key),
                        algorithm="EdDSA", headers={"kid": kid})


def test_ob2_a_key_document_the_issuer_does_not_list_is_not_the_issuers():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    ob2, forger = Ob2Issuer(), rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = forger.public_key().public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    forged_key = {"@context": "https://w3id.org/openbadges/v2", "type": "CryptographicKey",
                  "id": "https://forger.test/key", "owner": "https://ob2.test/issuer", "publicKeyPem": public}
    assertion = ob2.assertion()
    assertion["verification"] = {"type": "signed", "creator": "https://forger.test/key"}
    report = check(ob2.sign(assertion, key=forger), [*ob2.documents(), forged_key])
    assert report.signature == "valid" and not report.issuer_confirmed and report.status == "unverified"


def test_ob2_a_profile_that_claims_another_issuers_id_is_not_that_issuer():
    """A forger's badge class names their own profile address, whose profile says it is the real
    college's (id) and lists the forger's key: read at one address, it is not the other's."""

    ob2 = Ob2Issuer(base="https://forger.test")
    profile, badge_class, key, revocations = ob2.documents()
    claimed = dict(profile, id="https://real-college.test/issuer")
    fetcher = ServedAt({"https://forger.test/issuer": claimed, "https://forger.test/badge": badge_class,
                      "https://forger.test/key": dict(key, owner="https://real-college.test/issuer"),
                      "https://forger.test/revocations": revocations})
    report = verify_bytes(ob2.sign(ob2.assertion()), fetcher)[1]
    assert report.signature == "valid" and not report.issuer_confirmed and report.status == "unverified"
    honest = verify_bytes(ob2.sign(ob2.assertion()), ServedAt({d["id"]: d for d in ob2.documents()}))[1]
    assert honest.issuer_confirmed and honest.status == "verified"  # the same chain, read where it says it is


def test_a_key_kept_in_its_own_document_is_the_issuers_when_the_issuers_profile_lists_it(issuer):
    keys_doc = {"id": "https://issuer.test/keys.json",
                "verificationMethod": [{"id": "https://issuer.test/keys.json#k1", "type": "Multikey",
                                        "controller": issuer.id, "publicKeyMultibase": issuer.multikey}]}
    profile = dict(issuer.profile(), verificationMethod=["https://issuer.test/keys.json#k1"])
    signed = issuer.sign(issuer.credential(), method="https://issuer.test/keys.json#k1")
    report = check(signed, [profile, keys_doc])
    assert report.signature == "valid" and report.issuer_confirmed and report.status == "verified"
    # the profile not listing it: the same key document confirms nothing
    assert not check(signed, [issuer.profile(), keys_doc]).issuer_confirmed


def test_a_hosted_copy_on_another_server_is_not_said_to_be_on_the_issuers():
    """It read "the issuer's server holds the same badge" beside "unverified", with no reason."""
    ob2 = Ob2Issuer()
    assertion = dict(ob2.assertion(hosted=True), id="https://mirror.test/assertions/1")
    report = check(assertion, [*ob2.documents(), assertion])
    assert report.hosted == "verified" and report.status == "unverified"
    words = "\n".join(report.plain_words())
    assert "not on the issuer's site" in words and "issuer's server holds" not in words
    on_site = ob2.assertion(hosted=True)
    assert "issuer's server holds the same badge" in "\n".join(check(on_site, [*ob2.documents(), on_site]).plain_words())


def test_a_date_written_into_a_signed_clr_afterwards_is_ignored(issuer):
    """An outer CLR's `expirationDate` added after signing read "Expired on 2011-01-01" beside "not altered"."""
    inner = issuer.sign(issuer.credential("SQL Foundations"))
    clr = issuer.sign(clr_of(issuer, inner, number=2, validUntil="2031-01-01T00:00:00Z"))
    added = dict(clr, expirationDate="2011-01-01T00:00:00Z")
    report = check(added, [issuer.profile()])
    assert report.signature == "valid" and not report.expired and report.summary.expires.year == 2031
    assert any("expirationDate is not covered" in w for w in report.warnings)
    assert not any("covered" in w for w in check(clr, [issuer.profile()]).warnings)  # the signed dates stand


def test_ob2_an_embedded_issuer_claiming_the_real_ones_id_does_not_confirm_a_forgers_key():
    """The badge class embedded a copy of the real profile listing the forger's key: "genuine: verified"."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    ob2, forger = Ob2Issuer(), rsa.generate_private_key(public_exponent=65537, key_size=2048)
    profile, badge_class, _key, revocations = ob2.documents()
    public = forger.public_key().public_bytes(serialization.Encoding.PEM,
                                              serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    forged_key = {"@context": "https://w3id.org/openbadges/v2", "type": "CryptographicKey",
                  "id": "https://forger.test/key", "owner": profile["id"], "publicKeyPem": public}
    assertion = ob2.assertion()
    assertion["badge"] = dict(badge_class, id="https://forger.test/badge",
                              issuer=dict(profile, publicKey="https://forger.test/key"))
    assertion["verification"] = {"type": "signed", "creator": "https://forger.test/key"}
    report = check(ob2.sign(assertion, key=forger), [profile, forged_key, revocations])
    assert report.signature == "valid" and not report.issuer_confirmed and report.status == "unverified"


def test_ob2_hosted_on_a_site_that_a_profile_claiming_another_id_names_is_not_the_issuers():
    ob2 = Ob2Issuer(base="https://forger.test")
    profile, badge_class, _key, revocations = ob2.documents()
    claimed = dict(profile, id="https://real-college.test/issuer", url="https://forger.test")
    assertion = dict(ob2.assertion(hosted=True))
    fetcher = ServedAt({"https://forger.test/issuer": claimed, "https://forger.test/badge": badge_class,
                      "https://forger.test/revocations": revocations, assertion["id"]: assertion})
    report = verify_bytes(json.dumps(assertion), fetcher)[1]
    assert report.hosted == "verified" and not report.issuer_confirmed and report.status == "unverified"


def test_a_did_key_issuer_is_not_confirmed_whatever_name_it_gives():
    """A bare key can call itself "Harvard University": it read "genuine: verified"."""
    anyone = Issuer(name="Harvard University")
    anyone.id = f"did:key:{anyone.multikey}"
    credential = anyone.credential("Master of Business Administration")
    signed = anyone.sign(credential, method=f"{anyone.id}#{anyone.multikey}")
    report = check(signed)
    assert report.signature == "valid" and not report.issuer_confirmed and report.status == "unverified"
    assert "nothing ties it to the name" in report.key.detail


def test_a_document_fetched_from_an_address_answers_for_that_address_only():
    """A Badgr or Credly copy was supplied under the id it claimed, and so vouched for itself."""
    fetcher = Fetcher(offline=True)
    copy = {"id": "https://issuer.example/assertions/1", "type": "Assertion"}
    fetcher.supply_at("https://forger.test/b1.json", copy)
    assert fetcher.supplied_doc("https://forger.test/b1.json") is copy
    assert fetcher.supplied_doc("https://issuer.example/assertions/1") is None


def test_a_recipient_written_into_a_signed_clr_afterwards_is_not_believed(issuer):
    """An `email` added to the outer CLR's subject made anyone its recipient, and so importable as theirs."""
    clr = issuer.sign(clr_of(issuer, issuer.sign(issuer.credential("SQL Foundations")), number=3))
    added = dict(clr, credentialSubject=dict(clr["credentialSubject"], email="mallory@example.com"))
    report = check(added, [issuer.profile()], ["mallory@example.com"])
    assert report.signature == "valid" and report.recipient != "matched"
    assert any("credentialSubject.email is not covered" in w for w in report.warnings)


def test_the_issuer_is_named_as_its_own_profile_names_it(issuer):
    """A genuine issuer's key on a badge that calls its issuer "Harvard University" read "from Harvard University"."""
    credential = issuer.credential("Teamwork")
    credential["issuer"] = dict(credential["issuer"], name="Harvard University")
    report = check(issuer.sign(credential), [issuer.profile()])
    assert report.issuer_confirmed and report.summary.issuer_name == issuer.name
    assert any("calls its issuer 'Harvard University'" in w for w in report.warnings)
    honest = check(issuer.sign(issuer.credential("Teamwork")), [issuer.profile()])
    assert honest.summary.issuer_name == issuer.name and not any("calls its issuer" in w for w in honest.warnings)


def test_a_key_in_the_issuers_jwks_named_by_a_bare_kid_is_found(issuer):
    """A JWKS entry "carried no public key", and a bare `kid` was fetched as an address: genuine
    badges read "could not be checked"."""
    import jwt as pyjwt

    from tests.badges.issuing import _pem_private

    jwk = json.loads(pyjwt.algorithms.OKPAlgorithm.to_jwk(issuer.key.public_key()))
    profile = dict(issuer.profile(), keys=[dict(jwk, kid="k1")])
    del profile["verificationMethod"]
    credential = issuer.credential("Teamwork")
    token = pyjwt.encode({**credential, "iss": issuer.id, "jti": credential["id"]}, _pem_private(issuer.key),
                         algorithm="EdDSA", headers={"kid": "k1"})
    report = check(token, [profile])
    assert report.signature == "valid" and report.issuer_confirmed and report.status == "verified"

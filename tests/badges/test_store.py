"""The badge store on a real SQLite file and on PostgreSQL: idempotent imports, rosters, linking, re-checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from bot.badges.fetch import Fetcher
from bot.badges.importing import import_bytes, import_roster, reverify
from bot.badges.models import Award
from bot.badges.models import Issuer as IssuerRow
from bot.badges.store import Account, StoreError
from bot.badges.verify import verify_bytes
from tests.badges.issuing import Issuer, tampered

ANA = Account("slack", "T1", "U1")


@pytest.fixture(scope="module")
def issuer():
    return Issuer()


def _import(store, learner, issuer, credential, docs=()):
    fetcher = Fetcher([issuer.profile(), *docs], offline=True)
    return import_bytes(store, learner, json.dumps(issuer.sign(credential)).encode(), "badge.json", fetcher)


def test_import_is_idempotent_and_lists_newest_first(store, issuer):
    learner = store.ensure_learner(ANA, ["ana@example.org"])
    first = _import(store, learner, issuer, issuer.credential("SQL Foundations", number=1))
    again = _import(store, learner, issuer, issuer.credential("SQL Foundations", number=1))
    assert first.ok and first.created and again.ok and not again.created and first.award_id == again.award_id
    newer = issuer.credential("Data Visualization and Storytelling", number=2)
    newer["validFrom"] = "2025-01-01T00:00:00Z"
    assert _import(store, learner, issuer, newer).ok
    awards = store.awards(learner)
    assert [a.name for a in awards] == ["Data Visualization and Storytelling", "SQL Foundations"]
    assert all(a.status == "verified" for a in awards)
    assert awards[0].issued.tzinfo is not None
    detail = store.award(first.award_id)
    assert detail.report["recipient"] == "matched" and detail.criteria.startswith("Passed")


def test_tampered_import_is_rejected_and_nothing_written(store, issuer):
    learner = store.ensure_learner(ANA, ["ana@example.org"])
    signed = issuer.sign(issuer.credential())
    signed["credentialSubject"]["achievement"]["name"] = "Forged"
    result = import_bytes(store, learner, json.dumps(signed).encode(), "forged.json",
                          Fetcher([issuer.profile()], offline=True))
    assert not result.ok and "forged.json" in result.message and "does not verify" in result.message
    assert store.awards(learner) == []
    bad = import_bytes(store, learner, b"just words", "notes.txt", Fetcher(offline=True))
    assert not bad.ok and "notes.txt" in bad.message


def test_reverify_records_revocation(store, issuer):
    learner = store.ensure_learner(ANA, ["ana@example.org"])
    result = _import(store, learner, issuer, issuer.credential(status_index=9), [issuer.status_list(set())])
    assert result.status == "verified"
    checked, changes = reverify(store, Fetcher([issuer.profile(), issuer.status_list({9})], offline=True), learner)
    assert checked == 1 and [(c.old, c.new) for c in changes] == [("verified", "revoked")]
    assert store.awards(learner)[0].status == "revoked"
    checked, changes = reverify(store, Fetcher([issuer.profile(), issuer.status_list({9})], offline=True), learner)
    assert changes == []


def test_vouched_email_links_an_account_and_handles_its_request(store):
    learner = store.ensure_learner(Account("console", "", "ana"), ["ana@example.org"])
    discord = Account("discord", "", "123")
    assert store.learner_id(discord) is None
    assert store.request_link(discord, ["other@example.org"], "Ana D") is True
    assert store.request_link(discord) is False  # one request kept, not many
    assert [r.user_id for r in store.pending_link_requests()] == ["123"]
    assert store.learner_id(discord, ["ANA@example.org"]) == learner
    assert store.pending_link_requests() == []


def test_an_email_belongs_to_one_learner(store):
    ana = store.ensure_learner(Account("console", "", "ana"), ["ana@example.org"])
    bob = store.ensure_learner(Account("console", "", "bob"), ["bob@example.org"])
    with pytest.raises(StoreError, match="already belongs to learner"):
        store.ensure_learner(Account("console", "", "bob"), ["bob2@example.org", "ana@example.org"])
    assert store.emails(bob) == ["bob@example.org"]  # nothing half-written
    # a new account whose address is known joins that learner
    assert store.ensure_learner(Account("discord", "", "77"), ["ana@example.org"]) == ana


def test_roster_is_all_or_nothing(store):
    good = ("email,user,badge,issuer,issued,expires,evidence\n"
            "ana@example.org,,SQL Foundations,Example U,2024-02-01,2030-01-01,https://ev.test/1\n"
            ",slack:T1/U9,Networking Basics,Example Poly,2023-05-01,,\n")
    results = import_roster(store, good, "roster.csv")
    assert [r.ok for r in results] == [True, True]
    assert import_roster(store, good, "roster.csv")[0].created is False
    ana = store.learner_by_email("ana@example.org")
    assert [a.name for a in store.awards(ana)] == ["SQL Foundations"]
    assert store.awards(store.learner_id(Account("slack", "T1", "U9")))[0].status == "unverified"
    bad = good + "carl@example.org,,,X,yesterday,,\n"
    with pytest.raises(StoreError) as caught:
        import_roster(store, bad.replace("Networking Basics", "Security Principles"), "roster.csv")
    assert "roster.csv:4" in str(caught.value) and "badge name is empty" in str(caught.value)
    assert store.learner_by_email("carl@example.org") is None
    with pytest.raises(StoreError, match="missing column"):
        import_roster(store, "name,when\nx,y\n")


def test_account_parsing():
    assert Account.parse("slack:T1/U2") == Account("slack", "T1", "U2")
    assert str(Account.parse("console:someone")) == "console:someone"
    with pytest.raises(StoreError):
        Account.parse("nobody")


def test_timestamps_are_stored_timezone_aware(store, issuer):
    learner = store.ensure_learner(ANA, ["ana@example.org"])
    _import(store, learner, issuer, issuer.credential(valid_until="2031-02-03T04:05:06Z"))
    with store.engine.connect() as conn:
        expires = conn.execute(sa.select(Award.expires)).scalar_one()
    assert expires.replace(tzinfo=expires.tzinfo or dt.UTC) == dt.datetime(2031, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


def test_reverify_offline_does_not_downgrade_a_definite_verdict(store, issuer):
    learner = store.ensure_learner(ANA, ["ana@example.org"])
    _import(store, learner, issuer, issuer.credential(status_index=4), [issuer.status_list({4})])
    assert store.awards(learner)[0].status == "revoked"
    checked, changes = reverify(store, Fetcher(offline=True), learner)  # nothing supplied, nothing fetched
    assert checked == 1 and changes == [] and store.awards(learner)[0].status == "revoked"
    later = dt.datetime(2040, 1, 1, tzinfo=dt.UTC)
    _import(store, learner, issuer, issuer.credential("Dated", number=8, valid_until="2035-01-01T00:00:00Z"))
    _, changes = reverify(store, Fetcher([issuer.profile()], offline=True), learner, now=later)
    assert [(c.name, c.old, c.new) for c in changes] == [("Dated", "verified", "expired")]


def test_importing_the_same_file_again_offline_does_not_undo_a_revocation(store, issuer):
    # it turned "revoked" (and "verified") into "unverified" when the list could not be read this time
    learner = store.ensure_learner(ANA, ["ana@example.org"])
    credential = issuer.credential("Revoked one", number=5, status_index=4)
    first = _import(store, learner, issuer, credential, [issuer.status_list({4})])
    assert first.status == "revoked"
    signed = json.dumps(issuer.sign(credential)).encode()
    again = import_bytes(store, learner, signed, "badge.json", Fetcher(offline=True))  # no profile, no list
    assert again.ok and again.award_id == first.award_id and again.status == "revoked"
    assert "stays revoked" in again.message and store.awards(learner)[0].status == "revoked"


def test_two_learner_records_of_one_person_merge_into_one(store, issuer):
    work = store.ensure_learner(ANA, ["ana@work.example"])  # (the badges name no recipient: either may import them)
    _import(store, work, issuer, issuer.credential("SQL Foundations", number=1, email=None))
    _import(store, work, issuer, issuer.credential("Python Basics", number=2, email=None))
    home = store.ensure_learner(Account("discord", "", "42"), ["ana@home.example"])
    _import(store, home, issuer, issuer.credential("SQL Foundations", number=1, email=None))  # held by both
    _import(store, home, issuer, issuer.credential("Networking Basics", number=3, email=None))
    # The work copy of the shared award could not be checked last time; the home copy could.
    with store.engine.begin() as conn:
        conn.execute(sa.update(Award).where(Award.learner_id == work, Award.credential_id == "https://issuer.test/credentials/1")
                     .values(status="unverified"))

    with pytest.raises(StoreError, match=f"merge them: admin badges merge {home} {work}"):
        store.ensure_learner(ANA, ["ana@home.example"])

    merged = store.merge_learners(home, work)
    assert (merged.accounts, merged.emails, merged.awards, merged.duplicates) == (1, 1, 1, 1)
    awards = store.awards(work)
    assert sorted(a.name for a in awards) == ["Networking Basics", "Python Basics", "SQL Foundations"]
    assert next(a for a in awards if a.name == "SQL Foundations").status == "verified"  # the definite copy kept
    assert store.learner_by_email("ana@home.example") == work
    assert store.learner_id(Account("discord", "", "42")) == work
    with pytest.raises(StoreError, match="no learner"):
        store.merge_learners(home, work)
    with pytest.raises(StoreError, match="into itself"):
        store.merge_learners(work, work)


@pytest.mark.parametrize("into_verified", [True, False])
def test_merging_keeps_the_verified_copy_and_its_expiry_over_an_unchecked_copy_saying_expired(store, issuer,
                                                                                              into_verified):
    """An unsigned copy with an expiry date written into it was "expired", a definite verdict, and checked
    more recently: it was kept, and the merged badge read expired on that date, though the copy whose
    signature was found valid (the same issuer, name and id) runs to 2031."""
    credential = issuer.credential("SQL Foundations", number=11, email=None, valid_until="2031-01-01T00:00:00Z")
    work = store.ensure_learner(ANA, ["ana@work.example"])
    assert _import(store, work, issuer, credential).status == "verified"
    home = store.ensure_learner(Account("discord", "", "42"), ["ana@home.example"])
    copy = dict(credential, validUntil="2020-01-01T00:00:00Z")  # no proof
    unchecked = import_bytes(store, home, json.dumps(copy).encode(), "copy.json", Fetcher(offline=True))
    assert unchecked.status == "expired"
    source, into = (home, work) if into_verified else (work, home)  # whichever record is folded into the other
    assert store.merge_learners(source, into).duplicates == 1
    (award,) = store.awards(into, details=True)
    assert (award.status, award.expires) == ("verified", dt.datetime(2031, 1, 1, tzinfo=dt.UTC))
    assert award.report["signature"] == "valid" and award.format == "Open Badges 3.0 credential (Data Integrity proof)"


def test_an_expiry_day_stored_before_lasts_through_that_day_after_the_upgrade(store, issuer):
    """Stored as the day's first moment, it read "expired" all of its last day, and a roster's award is
    never checked again: the upgrade moves an expiry its source gives as a day alone to that day's end."""
    from alembic import command

    from bot import database

    import_roster(store, "email,badge,issuer,issued,expires\nana@example.org,SQL,Example U,2024-03-01,2031-06-30\n")
    learner = store.learner_by_email("ana@example.org")
    for number, until in ((31, "2032-01-31"), (32, "2033-01-31T00:00:00Z")):  # a day alone, and a badge's midnight
        _import(store, learner, issuer, issuer.credential(f"Badge {number}", number=number, valid_until=until))

    def expiries() -> dict[str, dt.datetime]:
        return {a.name: a.expires for a in store.awards(learner)}

    def end_of(day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time.max, dt.UTC)

    command.downgrade(database.alembic_config(store.engine), "badges_0002")  # as they were stored before
    assert expiries() == {"SQL": dt.datetime(2031, 6, 30, tzinfo=dt.UTC),
                          "Badge 31": dt.datetime(2032, 1, 31, tzinfo=dt.UTC),
                          "Badge 32": dt.datetime(2033, 1, 31, tzinfo=dt.UTC)}
    database.upgrade(store.engine)
    assert expiries() == {"SQL": end_of(dt.date(2031, 6, 30)), "Badge 31": end_of(dt.date(2032, 1, 31)),
                          "Badge 32": dt.datetime(2033, 1, 31, tzinfo=dt.UTC)}


def test_a_check_made_on_an_expiry_day_stored_before_no_longer_says_expired_after_the_upgrade(store, issuer):
    """The expiry upgrade moved a day-alone expiry to the day's end, but a check made during that day had
    stored "expired" (status and report): the badge read EXPIRED all of its last day all the same."""
    from alembic import command

    from bot import database

    learner = store.ensure_learner(ANA, ["ana@example.org"])
    _import(store, learner, issuer, issuer.credential("Signed", number=51, valid_until="2031-06-30"))
    unconfirmed = issuer.credential("Unconfirmed", number=52, valid_until="2031-06-30")  # no issuer profile to hand
    import_bytes(store, learner, json.dumps(issuer.sign(unconfirmed)).encode(), "52.json", Fetcher(offline=True))
    import_roster(store, "email,badge,issuer,issued,expires\nana@example.org,Roster,Example U,2024-03-01,2031-06-30\n")
    _import(store, learner, issuer, issuer.credential("Lapsed", number=53, valid_until="2020-01-31"))
    found = {a.name: (a.status, a.report) for a in store.awards(learner, details=True)}
    assert {name: status for name, (status, _) in found.items()} == {
        "Signed": "verified", "Unconfirmed": "unverified", "Roster": "unverified", "Lapsed": "expired"}

    command.downgrade(database.alembic_config(store.engine), "badges_0002")  # expiries at the day's first moment
    on_the_day = dt.datetime(2031, 6, 30, 10, tzinfo=dt.UTC)
    with store.engine.begin() as conn:  # as a check made on the day wrote them before
        for name in ("Signed", "Unconfirmed", "Roster"):
            said = {**found[name][1], "status": "expired", "expired": True, "expires": "2031-06-30T00:00:00+00:00",
                    "checked_at": on_the_day.isoformat()}
            award_id = next(a.id for a in store.awards(learner) if a.name == name)
            conn.execute(sa.update(Award).where(Award.id == award_id)
                         .values(status="expired", report=json.dumps(said), verified_at=on_the_day))

    database.upgrade(store.engine)
    last_moment = dt.datetime.combine(dt.date(2031, 6, 30), dt.time.max, dt.UTC)
    after = {a.name: a for a in store.awards(learner, details=True)}
    for name in ("Signed", "Unconfirmed", "Roster"):  # what the check found, apart from the date
        award = after[name]
        assert (award.status, award.expires) == (found[name][0], last_moment), name
        assert (award.report["status"], award.report["expired"], award.report["expires"]) == (
            found[name][0], False, last_moment.isoformat()), name
    # checked after its expiry day: expired it was, and stays
    assert (after["Lapsed"].status, after["Lapsed"].report) == ("expired", found["Lapsed"][1])


def test_a_document_naming_an_issuer_differently_does_not_rename_another_learners_badge(store, issuer):
    ana = store.ensure_learner(ANA, ["ana@example.org"])
    assert _import(store, ana, issuer, issuer.credential("SQL Foundations", number=1)).ok
    # the same issuer id and badge id, stated with other names (a copied example, a renamed issuer)
    renamed = dataclasses.replace(issuer, name="Example Corp")
    bob = store.ensure_learner(Account("slack", "T1", "U2"), ["bob@example.org"])
    other = renamed.credential("SQL Foundations", number=7, email="bob@example.org")
    other["credentialSubject"]["achievement"]["name"] = "SQL Basics"
    assert _import(store, bob, renamed, other).ok
    assert [(a.name, a.issuer) for a in store.awards(ana)] == [("SQL Foundations", "Test University")]
    assert [(a.name, a.issuer) for a in store.awards(bob)] == [("SQL Basics", "Example Corp")]
    # a document stating what an existing row states shares that row
    assert _import(store, bob, issuer, issuer.credential("SQL Foundations", number=8, email="bob@example.org")).ok
    with Session(store.engine) as session:
        assert len(session.exec(select(IssuerRow)).all()) == 2


def test_an_unchecked_copy_saying_expired_does_not_overwrite_a_verified_award(store):
    """An unsigned copy of a verified badge, with an expiry date written into it, replaced the award:
    its name, issuer and status were lost, and `reverify` could not bring them back."""
    from tests.badges.issuing import Ob2Issuer

    ob2 = Ob2Issuer()
    learner = store.ensure_learner(Account("console", "", "zed"), ["ana@example.org"])
    signed = ob2.sign(ob2.assertion())
    first = import_bytes(store, learner, signed.encode(), "badge.jws", Fetcher(ob2.documents(), offline=True))
    assert first.status == "verified"
    copy = dict(ob2.assertion(hosted=True), expires="2020-01-01T00:00:00Z")  # the same id, unsigned
    again = import_bytes(store, learner, json.dumps(copy).encode(), "copy.json", Fetcher(offline=True))
    assert again.ok and again.award_id == first.award_id
    kept = store.awards(learner)[0]
    assert (kept.name, kept.status) == ("Agile and Scrum Fundamentals", "verified")


def test_merging_keeps_the_evidence_of_an_award_both_learners_held(store):
    """The copy kept was the one without the evidence link, which was lost."""
    header = "email,badge,issuer,issued,evidence\n"
    import_roster(store, header + "ana@example.org,Spreadsheets,Example U,2024-03-01,https://example.org/ev/1\n")
    import_roster(store, header + "ana.alt@example.org,Spreadsheets,Example U,2024-03-01,\n")
    into, source = store.learner_by_email("ana@example.org"), store.learner_by_email("ana.alt@example.org")
    assert store.merge_learners(source, into).duplicates == 1
    (award,) = store.awards(into, details=True)
    assert award.evidence == ["https://example.org/ev/1"]


def test_evidence_links_to_no_web_page_are_left_out_with_a_warning(store, issuer):
    """A `javascript:` evidence link was stored as the award's evidence (shown as text, but kept for
    whatever shows it next): only web links (http, https) and narratives are evidence."""
    learner = store.ensure_learner(ANA, ["ana@example.org"])
    credential = issuer.credential("SQL Foundations", number=21)
    credential["evidence"] = ["javascript:alert(document.cookie)", "https://example.org/portfolio/1",
                              {"id": "data:text/html,<script>alert(1)</script>", "type": ["Evidence"]},
                              {"id": "urn:uuid:6f1c3e1a-8c55-4a3b-9f7a-2a6b1c0d9e11", "type": ["Evidence"],
                               "narrative": "Built a sales dashboard."}]
    result = _import(store, learner, issuer, credential)
    assert result.ok and result.status == "verified"
    (award,) = store.awards(learner, details=True)
    assert award.evidence == ["https://example.org/portfolio/1", "Built a sales dashboard."]
    assert result.warning == ("its evidence 'javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)"
                              "</script>' is no web address (http or https), so it was left out")
    assert f"Note: {result.warning}" in "\n".join(
        verify_bytes(json.dumps(issuer.sign(credential)), Fetcher([issuer.profile()], offline=True))[1].plain_words())


def _migration(name: str):
    """A migration module, read from its file (the versions folder is no package)."""
    import importlib.util

    from bot import database

    spec = importlib.util.spec_from_file_location(name, database.MIGRATIONS / "versions" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_evidence_links_stored_before_the_import_left_them_out_are_removed_by_the_upgrade(store):
    """Imports leave out evidence links to anything but a web page; awards stored before kept them."""
    from alembic import command

    from bot import database

    header = "email,badge,issuer,issued,evidence\n"
    import_roster(store, header + "ana@example.org,Spreadsheets,Example U,2024-03-01,https://example.org/ev/1\n"
                                  "ana@example.org,SQL,Example U,2024-03-02,Led the team.\n"
                                  "ana@example.org,Python,Example U,2024-03-03,\n")
    learner = store.learner_by_email("ana@example.org")
    command.downgrade(database.alembic_config(store.engine), "badges_0003")
    stored_before = ["javascript:alert(document.cookie)", "https://example.org/ev/1", "Note: led the team",
                     " DATA:text/html,<script>alert(1)</script>", "urn:uuid:6f1c3e1a", "file:///etc/passwd",
                     "HTTPS://example.org/ev/2"]
    with store.engine.begin() as conn:  # as the import wrote them before
        conn.execute(sa.update(Award).where(Award.learner_id == learner, Award.format == "staff roster")
                     .values(evidence=sa.case((Award.evidence.like("%Led the team%"), json.dumps(stored_before)),
                                              else_=Award.evidence)))

    database.upgrade(store.engine)
    evidence = {a.name: a for a in store.awards(learner, details=True)}
    assert evidence["SQL"].evidence == ["https://example.org/ev/1", "Note: led the team", "HTTPS://example.org/ev/2"]
    # nothing to remove: as they were
    assert (evidence["Spreadsheets"].evidence, evidence["Python"].evidence) == (["https://example.org/ev/1"], [])
    assert database.current_revisions(store.engine) == database.head_revisions()


@pytest.mark.parametrize("text", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "file:///x",
                                  "urn:uuid:1", "mailto:a@example.org", "vbscript:x", "http://x.test",
                                  "https://x.test/a", "HTTP://X.TEST", "Note: led the team", "Note:x",
                                  "a narrative", "", ":x", "1a:b", "c++:x", "https:", "http:x"])
def test_the_evidence_upgrade_removes_what_the_import_leaves_out(text):
    """The migration keeps its own copy of the import's rule (migrations are self-contained); the two
    must agree on what this release stores, or old and new awards would keep different evidence."""
    from bot.badges.openbadges import not_web_link

    assert _migration("badges_0004_evidence_links").not_web_link(text) is not_web_link(text)


def test_an_unsigned_copy_does_not_replace_a_signed_award_that_was_only_unverified(store, issuer):
    """A signed badge checked offline is intact but "unverified": a copy with its proof stripped (or
    changed) replaced it, name, dates and all."""
    learner = store.ensure_learner(Account("console", "", "kim"), ["ana@example.org"])
    credential = issuer.credential("Signed Original", number=41)
    signed = issuer.sign(credential, method=f"{issuer.id}#{issuer.multikey}")  # the key in the proof itself
    first = import_bytes(store, learner, json.dumps(signed).encode(), "signed.json",
                         Fetcher(offline=True))  # no profile: intact, issuer not confirmed
    assert first.status == "unverified"
    stripped = tampered(credential)  # the same id, no proof, another name
    again = import_bytes(store, learner, json.dumps(stripped).encode(), "copy.json", Fetcher(offline=True))
    assert again.ok and again.award_id == first.award_id
    assert store.awards(learner)[0].name == "Signed Original"


def test_a_credential_from_another_issuer_reusing_a_held_id_is_another_award(store, issuer):
    """Ids are the writer's choice: a self-signed copy from "Evil Issuer" with the id of a verified
    badge, and an expiry date, was "already there, report refreshed": the verified award took its
    issuer, expiry and source, and checking again could not bring the original back."""
    learner = store.ensure_learner(ANA, ["ana@example.org"])
    first = _import(store, learner, issuer, issuer.credential("SQL Foundations", number=9))
    assert first.status == "verified"
    evil = Issuer(id="https://evil.test/issuers/1", name="Evil Issuer")
    forged = evil.credential("SQL Foundations", number=9, valid_until="2020-01-01T00:00:00Z")
    assert forged["id"] == issuer.credential(number=9)["id"]  # the same credential id, the same achievement id
    other = _import(store, learner, evil, forged)
    assert other.ok and other.created and other.award_id != first.award_id
    held = {a.id: (a.issuer, a.status) for a in store.awards(learner)}
    assert held[first.award_id] == ("Test University", "verified")
    assert held[other.award_id] == ("Evil Issuer", "expired")
    # the same issuer's credential again is still the award it was
    again = _import(store, learner, issuer, issuer.credential("SQL Foundations", number=9))
    assert again.award_id == first.award_id and not again.created

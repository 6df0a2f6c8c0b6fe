"""The badge dialogs through the engine: private by default, shared only by the owner."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from bot.badges.fetch import Fetcher
from bot.badges.importing import import_bytes
from bot.badges.settings import BadgeSettings
from bot.badges.skill import BadgeSkill
from bot.badges.store import Account
from bot.engine import Engine
from bot.messages import ActionKind, Attachment, ClickedAction, Incoming
from tests.badges.issuing import Issuer, Ob2Issuer


@pytest.fixture(scope="module")
def issuer():
    return Issuer(name="Example University & Co")


@pytest.fixture
def setup(sqlite_store, issuer, bundled_kb):
    docs = [issuer.profile()]
    skill = BadgeSkill(sqlite_store, pathways=lambda: bundled_kb.pathways, settings=BadgeSettings(offline=True),
                       fetcher=lambda: Fetcher(docs, offline=True))
    engine = Engine(bundled_kb, badges=skill)
    learner = sqlite_store.ensure_learner(Account("slack", "T1", "U1"), ["ana@example.org"])
    for number, (name, when, until) in enumerate([
        ("SQL Foundations", "2024-01-10T00:00:00Z", None),
        ("Spreadsheets for Data Analysis", "2024-05-10T00:00:00Z", "2025-01-01T00:00:00Z"),
        ("Agile and Scrum Fundamentals", "2024-09-10T00:00:00Z", "2031-06-30T00:00:00Z"),
    ], 1):
        credential = issuer.credential(name, number=number, valid_until=until)
        credential["validFrom"] = when
        result = import_bytes(sqlite_store, learner, json.dumps(issuer.sign(credential)).encode(), name,
                              Fetcher(docs, offline=True))
        assert result.ok
    return engine, sqlite_store, docs


def ask(engine, text, user="U1", **kw):
    return engine.handle(Incoming(platform="slack", workspace="T1", user=user, channel="C1", is_direct=False,
                                  text=text, **kw))


async def test_my_badges_newest_first_with_status_and_issuer_privately(setup):
    engine, *_ = setup
    reply = await ask(engine, "what badges do I have?")
    assert reply.private and reply.intent.value == "my-badges"
    lines = [l for l in reply.text.splitlines() if l[:2] in ("1.", "2.", "3.")]
    assert ["Agile" in lines[0], "Spreadsheets" in lines[1], "SQL" in lines[2]] == [True, True, True]
    assert "EXPIRED" in lines[1] and "verified" in lines[0] and "Example University" in lines[0]


async def test_badge_detail_by_fuzzy_name(setup):
    engine, *_ = setup
    reply = await ask(engine, "when does my Scrum badge expire?")
    assert reply.private and "Agile and Scrum Fundamentals" in reply.text
    assert "Expires: 2031-06-30" in reply.text and "Issuer confirmed" in reply.text
    assert any(a.kind is ActionKind.SHARE for a in reply.actions)
    typo = await ask(engine, "is my spredsheets badge still valid?")
    assert "Spreadsheets for Data Analysis" in typo.text and "Expired: 2025-01-01" in typo.text


async def test_pathway_progress(setup):
    engine, *_ = setup
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U1", command="badges",
                                         text="how close am I to the Data Analytics certificate?"))
    assert reply.private
    assert "you have 1 of the 3" in reply.text  # the spreadsheet badge has expired
    assert "Expired, renew to count: Spreadsheets for Data Analysis" in reply.text
    assert "Next: Data Visualization and Storytelling" in reply.text


async def test_share_is_public_with_an_encoded_linkedin_link(setup):
    engine, store, _ = setup
    award = store.awards(store.learner_id(Account("slack", "T1", "U1")))[0]
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U1",
                                         action=ClickedAction(kind=ActionKind.SHARE, value=str(award.id))))
    assert not reply.private
    link = next(w for w in reply.text.split() if w.startswith("https://www.linkedin.com/"))
    query = parse_qs(urlparse(link).query)
    assert query["name"] == ["Agile and Scrum Fundamentals"]
    assert query["organizationName"] == ["Example University & Co"]
    assert (query["issueYear"], query["issueMonth"]) == (["2024"], ["9"])
    assert (query["expirationYear"], query["expirationMonth"]) == (["2031"], ["6"])
    assert query["certUrl"] == [award.credential_id] and "&Co" not in link
    assert f"Verify it: {award.credential_id}" in reply.text


async def test_someone_else_cannot_share_my_award(setup):
    engine, store, _ = setup
    award = store.awards(store.learner_id(Account("slack", "T1", "U1")))[0]
    store.ensure_learner(Account("slack", "T1", "U2"), ["bob@example.org"])
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U2",
                                         action=ClickedAction(kind=ActionKind.SHARE, value=str(award.id))))
    assert reply.private and "Agile" not in reply.text


async def test_unlinked_user_is_told_and_the_request_is_kept(setup):
    engine, store, _ = setup
    reply = await ask(engine, "what badges do I have?", user="U404")
    assert reply.private and "staff" in reply.text
    assert [(r.workspace, r.user_id) for r in store.pending_link_requests()] == [("T1", "U404")]


async def test_vouched_email_links_on_first_question(setup):
    engine, *_ = setup
    reply = await ask(engine, "what badges do I have?", user="U777", emails=("ana@example.org",))
    assert "SQL Foundations" in reply.text


async def test_attached_badge_is_verified_and_explained(setup, issuer):
    engine, *_ = setup
    good = json.dumps(issuer.sign(issuer.credential("Security Principles", number=50))).encode()
    forged = issuer.sign(issuer.credential("Security Principles", number=51))
    forged["credentialSubject"]["achievement"]["name"] = "@everyone Hacker"
    reply = await ask(engine, "is this real?", attachments=(
        Attachment(name="good.json", data=good), Attachment(name="forged.json", data=json.dumps(forged).encode()),
        Attachment(name="cat.png", data=b"\x89PNG\r\n\x1a\nnot really")))
    assert reply.private and reply.intent.value == "verify"
    parts = reply.text.split("\n\n")
    assert "genuine: verified" in parts[0] and "Recipient: matches ana@example.org" in parts[0]
    assert "NOT genuine" in parts[1] and "@everyone" not in reply.text
    assert "not a badge" in parts[2]


async def test_pasted_jws_is_verified(setup):
    engine, *_ = setup
    ob2 = Ob2Issuer()
    skill = engine.badges
    skill._fetcher = lambda: Fetcher(ob2.documents(), offline=True)
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U1", command="badges",
                                         text=ob2.sign(ob2.assertion())))
    assert reply.private and "Agile and Scrum Fundamentals" in reply.text and "genuine: verified" in reply.text

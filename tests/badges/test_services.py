"""Imports from a Badgr backpack and a public Credly profile, against local fakes of both services.

The fakes answer as the real services do (envelopes, pagination, 401/404, 429 with Retry-After);
the HTTP client is the real one, over real sockets; the store is a real database.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from bot.badges import badgr, credly
from bot.badges.fetch import Fetcher
from bot.badges.importing import import_found, reverify
from bot.badges.remote import ServiceError
from bot.badges.store import Account
from bot.cli import main
from tests.badges.fake_services import FakeBadgr, FakeCredly

ANA = Account("console", "", "ana")


@pytest.fixture
async def badgr_server():
    server = await FakeBadgr().start()
    yield server
    await server.close()


@pytest.fixture
async def credly_server():
    server = await FakeCredly().start()
    yield server
    await server.close()


def fetcher(waits: list[float] | None = None, **kw) -> Fetcher:
    # the fakes listen on 127.0.0.1, which fetches reach only when private addresses are allowed
    return Fetcher(sleep=(waits.append if waits is not None else lambda s: None), timeout=5, private_hosts=True, **kw)


def run_badgr(store, server, token="good-token", waits=None):
    client = fetcher(waits)
    found = badgr.backpack(client, token, server.url)
    return import_found(store, ANA, found, client, ["ana@example.org"])


def statuses(store) -> dict[str, str]:
    learner = store.learner_id(ANA)
    return {a.name: a.status for a in store.awards(learner)} if learner is not None else {}


# --- Badgr ----------------------------------------------------------------------------------


async def test_badgr_backpack_is_paged_verified_and_imported_once(store, badgr_server):
    own = badgr_server.issuer("own", "Self-Hosting College")  # its site is the server hosting the badges
    far = badgr_server.issuer("far", "Elsewhere Academy", url="https://elsewhere.example")
    badgr_server.award("sql", "SQL Foundations", own, tags=("sql",))
    badgr_server.award("py", "Python Basics", far)
    badgr_server.award("old", "Legacy Systems", own, hosted="revoked")
    badgr_server.award("fake", "Forged Badge", own, hosted="differs")
    badgr_server.award("net", "Networking", own, issued="2023-01-01", expires="2024-01-01")

    results = await asyncio.to_thread(run_badgr, store, badgr_server)

    pages = badgr_server.paths("/v2/backpack/assertions")
    assert len(pages) == 3 and "cursor=" in pages[1] and "expand=badgeclass" in pages[1]
    assert all(r.headers["Authorization"] == "Bearer good-token" for r in badgr_server.requests
               if r.path.startswith("/v2/"))
    assert not any("Authorization" in r.headers for r in badgr_server.requests if r.path.startswith("/public/"))
    assert badgr_server.paths("/public/assertions/as-sql") == ["/public/assertions/as-sql"]  # fetched once
    assert statuses(store) == {"SQL Foundations": "verified", "Python Basics": "unverified",
                               "Legacy Systems": "revoked", "Networking": "expired"}
    rejected = [r for r in results if not r.ok]
    assert [r.name for r in rejected] == ["Forged Badge"] and "differs from the backpack's (recipient)" in \
        rejected[0].message
    detail = store.award(next(r.award_id for r in results if r.name == "SQL Foundations"))
    assert detail.report["recipient"] == "matched" and detail.report["hosted"] == "verified"
    assert detail.source_kind == "badgr" and json.loads(detail_source(store, detail.id))["id"].endswith("/as-sql")
    assert detail.tags == ["sql"] and detail.criteria == "Complete SQL Foundations."
    far_detail = store.award(next(r.award_id for r in results if r.name == "Python Basics"))
    assert "not on the issuer's site" in far_detail.report["key"]["detail"]

    again = await asyncio.to_thread(run_badgr, store, badgr_server)
    assert [r.created for r in again if r.ok] == [False, False, False, False]
    assert store.count(store.learner_id(ANA)) == 4


def detail_source(store, award_id: int) -> str:
    return next(source for ident, _, source, _, _ in store.sources() if ident == award_id)


async def test_badgr_bad_token_is_refused_and_nothing_is_written(store, badgr_server):
    badgr_server.award("sql", "SQL Foundations", badgr_server.issuer("own", "College"))
    with pytest.raises(ServiceError) as caught:
        await asyncio.to_thread(run_badgr, store, badgr_server, "expired-token")
    assert "HTTP 401" in str(caught.value) and "token" in str(caught.value)
    assert "expired-token" not in str(caught.value)
    assert store.learner_id(ANA) is None


async def test_badgr_failure_on_a_later_page_writes_nothing(store, badgr_server):
    own = badgr_server.issuer("own", "College")
    for n in range(5):
        badgr_server.award(f"b{n}", f"Badge {n}", own)
    badgr_server.fail_page = (2, 500)
    with pytest.raises(ServiceError, match="HTTP 500"):
        await asyncio.to_thread(run_badgr, store, badgr_server)
    assert statuses(store) == {}


async def test_badgr_rate_limit_waits_as_told_then_gives_up(store, badgr_server):
    badgr_server.award("sql", "SQL Foundations", badgr_server.issuer("own", "College"))
    badgr_server.throttle, badgr_server.retry_after = 1, "3"
    waits: list[float] = []
    results = await asyncio.to_thread(run_badgr, store, badgr_server, "good-token", waits)
    assert waits == [3.0] and [r.status for r in results] == ["verified"]

    badgr_server.throttle, badgr_server.retry_after = 50, "120"
    waits.clear()
    with pytest.raises(ServiceError) as caught:
        await asyncio.to_thread(run_badgr, store, badgr_server, "good-token", waits)
    assert "HTTP 429" in str(caught.value) and "120 s" in str(caught.value)
    assert waits == [5.0, 5.0]  # a long Retry-After is capped, and retried only twice


async def test_badgr_issuer_server_down_keeps_the_last_verdict(sqlite_store, badgr_server):
    store = sqlite_store
    own = badgr_server.issuer("own", "College")
    badgr_server.award("sql", "SQL Foundations", own)
    badgr_server.award("new", "Cloud Basics", own, hosted="down")
    first = await asyncio.to_thread(run_badgr, store, badgr_server)
    assert [(r.name, r.status) for r in first] == [("SQL Foundations", "verified"), ("Cloud Basics", "unverified")]
    cloud = store.award(first[1].award_id)
    assert cloud.report["hosted"] == "unreachable" and cloud.description == "Earned Cloud Basics."

    badgr_server.routes["/public/assertions/as-sql"] = (503, {"detail": "down"})
    again = await asyncio.to_thread(run_badgr, store, badgr_server)
    assert "kept its last verdict" in again[0].message and statuses(store)["SQL Foundations"] == "verified"

    # both servers answer again: checking again upgrades the badge that could not be checked
    for slug in ("sql", "new"):
        badgr_server.routes[f"/public/assertions/as-{slug}"] = (200, badgr_server.copies[slug])
    checked, changes = await asyncio.to_thread(reverify, store, fetcher(), store.learner_id(ANA))
    assert checked == 2 and [(c.name, c.old, c.new) for c in changes] == [("Cloud Basics", "unverified", "verified")]


async def test_badgr_next_link_to_another_origin_is_not_followed(store, badgr_server):
    own = badgr_server.issuer("own", "College")
    for n in range(3):
        badgr_server.award(f"b{n}", f"Badge {n}", own)
    badgr_server.next_origin = "http://127.0.0.2:9"  # the token must never travel there
    results = await asyncio.to_thread(run_badgr, store, badgr_server)
    assert [r.name for r in results] == ["Badge 0", "Badge 1"]


def test_badgr_link_header_parsing():
    current = "https://api.badgr.io/v2/backpack/assertions"
    header = '<https://api.badgr.io/v2/backpack/assertions?num=2>; rel="prev", ' \
             '<https://api.badgr.io/v2/backpack/assertions?cursor=bz0y&num=2>; rel="next"'
    assert badgr.next_link(header, current).endswith("cursor=bz0y&num=2")
    assert badgr.next_link('</v2/backpack/assertions?cursor=x>; rel=next', current) == \
        "https://api.badgr.io/v2/backpack/assertions?cursor=x"
    assert badgr.next_link('<https://evil.example/steal>; rel="next"', current) is None
    assert badgr.next_link(None, current) is None


def test_badgr_offline_or_without_token_is_refused():
    with pytest.raises(ServiceError, match="network"):
        badgr.backpack(Fetcher(offline=True), "tok")
    with pytest.raises(ServiceError, match="token"):
        badgr.backpack(Fetcher(), "  ")
    with pytest.raises(ServiceError, match="not an http"):
        badgr.backpack(Fetcher(), "tok", "ftp://badgr.example")


# --- Credly ---------------------------------------------------------------------------------


def run_credly(store, server, user="ana-example", waits=None):
    client = fetcher(waits)
    found = credly.profile(client, user, server.url)
    return import_found(store, ANA, found, client, ["ana@example.org"])


async def test_credly_profile_is_paged_and_each_assertion_checked(store, credly_server):
    self_hosted = credly_server.org("selfhost", "Credly Academy", url=credly_server.url)
    aws = credly_server.org("aws", "Amazon Web Services Training and Certification")
    credly_server.badge("ana-example", "0b1c2d3e-0000-4000-8000-000000000001", "AWS Cloud Practitioner", aws,
                        expires="2031-03-01", skills=("Cloud", "AWS"))
    credly_server.badge("ana-example", "0b1c2d3e-0000-4000-8000-000000000002", "Credly Basics", self_hosted)
    credly_server.badge("ana-example", "0b1c2d3e-0000-4000-8000-000000000003", "Data Literacy", aws,
                        assertion=False, skills=("Data",))
    results = await asyncio.to_thread(run_credly, store, credly_server)

    assert credly_server.paths("/users/") == ["/users/ana-example/badges.json",
                                              "/users/ana-example/badges.json?page=2"]
    assert statuses(store) == {"AWS Cloud Practitioner": "unverified", "Credly Basics": "verified",
                               "Data Literacy": "unverified"}
    aws_award = store.award(results[0].award_id)
    assert aws_award.report["hosted"] == "verified" and aws_award.report["recipient"] == "matched"
    assert aws_award.issuer == "Amazon Web Services Training and Certification"
    assert aws_award.expires.year == 2031 and aws_award.source_kind == "credly"
    listed = store.award(results[2].award_id)
    assert listed.format == "Credly profile entry" and listed.tags == ["Data"]
    assert listed.credential_id == f"{credly_server.url}/badges/0b1c2d3e-0000-4000-8000-000000000003"
    assert listed.issued.date().isoformat() == "2024-03-01" and "could not be checked" in \
        listed.report["signature_detail"]

    # the assertion appears later: the same award is upgraded, not duplicated
    credly_server.users["ana-example"].clear()
    credly_server.badge("ana-example", "0b1c2d3e-0000-4000-8000-000000000003", "Data Literacy", self_hosted)
    again = await asyncio.to_thread(run_credly, store, credly_server)
    assert again[0].award_id == results[2].award_id and not again[0].created
    assert store.count(store.learner_id(ANA)) == 3 and statuses(store)["Data Literacy"] == "verified"
    assert store.award(results[2].award_id).format.startswith("Open Badges 2.0 hosted")


def test_a_credly_badge_is_valid_through_its_expiry_day():
    # Credly gives `expires_at_date` as a day alone: read as its first moment, the badge read expired all that day
    entry = {"id": "0b1c2d3e-0000-4000-8000-000000000004", "expires_at_date": "2031-03-01"}
    assert credly.summarize(entry).expires == dt.datetime(2031, 3, 1, 23, 59, 59, 999999, tzinfo=dt.UTC)


async def test_credly_unknown_user_and_bad_names(store, credly_server):
    with pytest.raises(ServiceError) as caught:
        await asyncio.to_thread(run_credly, store, credly_server, "nobody-here")
    assert "HTTP 404" in str(caught.value) and "nobody-here" in str(caught.value)
    with pytest.raises(ServiceError, match="not a Credly username"):
        await asyncio.to_thread(run_credly, store, credly_server, "../admin")
    assert credly_server.paths("/users/") == ["/users/nobody-here/badges.json"]
    assert store.learner_id(ANA) is None


async def test_credly_rate_limit(store, credly_server):
    credly_server.badge("ana-example", "0b1c2d3e-0000-4000-8000-000000000009", "Agile",
                        credly_server.org("org", "Org"))
    credly_server.throttle, credly_server.retry_after = 2, "1"
    waits: list[float] = []
    results = await asyncio.to_thread(run_credly, store, credly_server, "ana-example", waits)
    assert waits == [1.0, 1.0] and [r.ok for r in results] == [True]
    credly_server.throttle = 3
    with pytest.raises(ServiceError, match="rate-limiting"):
        await asyncio.to_thread(run_credly, store, credly_server, "ana-example", waits)


def test_credly_api_address():
    assert credly.api_base("https://www.credly.com") == "https://api.credly.com"
    assert credly.api_base("http://127.0.0.1:8080") == "http://127.0.0.1:8080"


# --- the command ----------------------------------------------------------------------------


async def test_cli_imports_a_backpack_and_a_profile(tmp_path, monkeypatch, capsys, badgr_server, credly_server):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("CREDBOT_BADGES_PRIVATE_HOSTS", "1")  # the fakes listen on 127.0.0.1
    badgr_server.award("sql", "SQL Foundations", badgr_server.issuer("own", "College"))
    credly_server.badge("ana-example", "0b1c2d3e-0000-4000-8000-00000000000a", "Scrum Master",
                        credly_server.org("scrum", "Scrum Org"))
    base = ["badges", "import", "--user", "console:ana", "--email", "ana@example.org"]
    code = await asyncio.to_thread(main, base + ["--badgr-token", "good-token", "--badgr-url", badgr_server.url])
    out = capsys.readouterr()
    assert code == 0 and "imported: SQL Foundations (verified) from College" in out.out
    code = await asyncio.to_thread(main, base + ["--credly", "ana-example", "--credly-url", credly_server.url])
    assert code == 0 and "Scrum Master (unverified)" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["badges", "list", "--user", "console:ana", "--json"]) == 0
    assert {a["name"]: a["status"] for a in json.loads(capsys.readouterr().out)} == \
        {"SQL Foundations": "verified", "Scrum Master": "unverified"}

    code = await asyncio.to_thread(main, base + ["--badgr-token", "wrong-token", "--badgr-url", badgr_server.url])
    err = capsys.readouterr().err
    assert code == 1 and "nothing imported" in err and "HTTP 401" in err
    assert "wrong-token" not in err and "Traceback" not in err
    assert await asyncio.to_thread(main, base + ["--credly", "ana-example", "--badgr-token", "x"]) == 2
    assert "one kind of source" in capsys.readouterr().err
    assert await asyncio.to_thread(main, base[:2] + ["--credly", "ana-example"]) == 2
    assert await asyncio.to_thread(main, base + ["--credly", "ana-example", "--offline"]) == 1
    assert "network" in capsys.readouterr().err


async def test_cli_signs_in_to_badgr_with_email_and_password(tmp_path, monkeypatch, capsys, badgr_server):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("CREDBOT_BADGES_PRIVATE_HOSTS", "1")  # the fakes listen on 127.0.0.1
    badgr_server.award("sql", "SQL Foundations", badgr_server.issuer("own", "College"))
    base = ["badges", "import", "--user", "console:ana", "--badgr-user", "ana@example.org",
            "--badgr-url", badgr_server.url]

    monkeypatch.setenv("BADGR_PASSWORD", "wrong guess")
    code = await asyncio.to_thread(main, base)
    err = capsys.readouterr().err
    assert code == 1 and "did not accept that e-mail address and password" in err
    assert "wrong guess" not in err and "Traceback" not in err
    assert badgr_server.paths("/v2/backpack/assertions") == []  # no token, no backpack read

    monkeypatch.setenv("BADGR_PASSWORD", "correct horse")
    code = await asyncio.to_thread(main, base)
    assert code == 0 and "imported: SQL Foundations (verified) from College" in capsys.readouterr().out
    assert badgr_server.sign_ins[-1] == {"grant_type": "password", "client_id": "public",
                                         "username": "ana@example.org", "password": "correct horse"}
    # the token from the sign-in is what read the backpack
    assert all(r.headers["Authorization"] == "Bearer good-token" for r in badgr_server.requests
               if r.path == "/v2/backpack/assertions")


def test_badgr_sign_in_needs_the_network_and_both_halves():
    with pytest.raises(ServiceError, match="offline"):
        badgr.sign_in(Fetcher(offline=True), "ana@example.org", "pw")
    with pytest.raises(ServiceError, match="e-mail address and password"):
        badgr.sign_in(Fetcher(), "ana@example.org", "")


async def test_a_dead_issuer_server_is_asked_once_per_import(store, badgr_server):
    own = badgr_server.issuer("own", "College")
    badgr_server.award("down", "Cloud Basics", own, hosted="down")
    waits: list[float] = []
    results = await asyncio.to_thread(run_badgr, store, badgr_server, "good-token", waits)
    assert [r.status for r in results] == ["unverified"]
    assert len(badgr_server.paths("/public/assertions/as-down")) == 3  # the first try and two retries, no more
    assert waits == [1.0, 1.0]  # 503 without Retry-After: a second each

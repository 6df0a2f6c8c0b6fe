"""Files sent to credbot in Slack: downloaded with the bot token from the fake Slack (over real
HTTP), handed to the engine as attachments, and answered where the message came from; files that
cannot be downloaded get a clear reply instead of silence."""

from __future__ import annotations

import json

import pytest

from adapters.slack.files import FileDownloader
from adapters.slack.inbound import message_command
from bot.badges.baking import bake_svg
from tests.badges.issuing import Issuer
from tests.slack.conftest import TOKEN, mention, serving, settings_for, texts

ROSTER = ("email,badge,issuer,issued\n"
          "ana@example.org,SQL Foundations,Example University,2026-03-01\n"
          "ana@example.org,Networking Basics,Example Polytechnic,2026-04-01\n").encode()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def credential(email: str = "ana@example.org") -> bytes:
    issuer = Issuer()
    return json.dumps(issuer.sign(issuer.credential("SQL Foundations", email=email))).encode()


def shared_in_dm(files: list[dict], text: str = "", user: str = "ULEARNER", ts: str = "1700000003.000100") -> dict:
    return {"type": "message", "subtype": "file_share", "channel_type": "im", "user": user, "text": text,
            "files": files, "ts": ts, "channel": "D1", "event_ts": ts}


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    """Badge checks never reach the network here (the issuer's profile is not fetched)."""
    monkeypatch.setenv("CREDBOT_BADGES_OFFLINE", "1")


def settings(fake, tmp_path, **extra):
    fake.file_token = TOKEN
    return settings_for(fake, tmp_path / "db.sqlite3", **extra)


async def test_a_badge_json_sent_by_dm_is_downloaded_with_the_token_and_explained(fake, tmp_path):
    async with serving(settings(fake, tmp_path)) as slack:
        # issued to the address Slack vouches for (users.info), so the recipient check can match it
        await slack.event(shared_in_dm([fake.share("sql.json", credential("lea@example.org"), "application/json")]),
                          event_id="EvF1")
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
    assert fake.file_requests == [("sql.json", TOKEN)]  # url_private_download, with the bot token
    reply = fake.of("chat.postMessage")[0]
    assert reply.body["channel"] == "D1"
    shown = texts(reply)
    assert "SQL Foundations" in shown and "sql.json" in shown
    assert "Recipient: matches" in shown
    assert slack.bot.stats["files_downloaded"] == 1


async def test_a_baked_svg_in_a_mention_is_answered_privately_in_the_thread(fake, tmp_path):
    baked = bake_svg(SVG, credential().decode())
    event = {**mention("is this badge real?", ts="1700000004.000100"),
             "files": [fake.share("badge.svg", baked, "image/svg+xml")]}
    async with serving(settings(fake, tmp_path)) as slack:
        await slack.event(event, event_id="EvF2")
        await fake.wait_for(lambda: fake.of("chat.postEphemeral"))
        await fake.settle()
    answer = fake.of("chat.postEphemeral")[0]
    assert answer.body["user"] == "ULEARNER" and answer.body["thread_ts"] == "1700000004.000100"
    assert "SQL Foundations" in texts(answer) and "badge.svg" in texts(answer)
    assert "baked in SVG" in texts(answer)
    assert fake.of("chat.postMessage") == []  # a verification is the sender's business, not the channel's


async def test_a_staff_roster_shared_in_a_dm_is_imported(fake, tmp_path):
    async with serving(settings(fake, tmp_path)) as slack:
        roster = fake.share("roster.csv", ROSTER, "text/csv")
        await slack.event(shared_in_dm([roster], "admin badges import", user="UADMIN"), event_id="EvR1")
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
        await slack.event(shared_in_dm([roster], "admin badges import", user="UADMIN", ts="2.0"), event_id="EvR2")
        await fake.wait_for(lambda: len(fake.of("chat.postMessage")) == 2)
        await slack.event({**mention("admin badges show ana@example.org", user="UADMIN")}, event_id="EvR3")
        await fake.wait_for(lambda: fake.of("chat.postEphemeral"))
    first, again = (texts(c) for c in fake.of("chat.postMessage"))
    assert "roster.csv: 2 row(s), 2 new award(s)" in first
    assert "0 new award(s), 2 already there" in again  # idempotent
    shown = fake.of("chat.postEphemeral")[0]  # staff output in a channel stays private
    assert shown.body["user"] == "UADMIN" and "2 award(s)" in texts(shown)


async def test_a_learner_cannot_import_a_roster(fake, tmp_path):
    async with serving(settings(fake, tmp_path)) as slack:
        await slack.event(shared_in_dm([fake.share("roster.csv", ROSTER, "text/csv")], "admin badges import"),
                          event_id="EvR4")
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
        await slack.event(mention("admin badges show ana@example.org", user="UADMIN"), event_id="EvR5")
        await fake.wait_for(lambda: fake.of("chat.postEphemeral"))
    assert "only for the people who look after credbot" in texts(fake.of("chat.postMessage")[0])
    assert "No learner" in texts(fake.of("chat.postEphemeral")[0])  # nothing was imported


async def test_a_file_declared_too_large_is_not_downloaded(fake, tmp_path):
    big = {**fake.share("huge.png", b"x", "image/png"), "size": 7_300_000}
    async with serving(settings(fake, tmp_path)) as slack:
        await slack.event(shared_in_dm([big]), event_id="EvBig")
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
    assert fake.file_requests == []
    shown = texts(fake.of("chat.postMessage")[0])
    assert "huge.png: too large to check (7.3 MB; the limit is 5.0 MB)" in shown
    assert shown.startswith("I could not check the file you sent:")
    assert slack.bot.stats["files_refused"] == 1


async def test_a_download_that_turns_out_too_large_is_cut_off(fake, tmp_path):
    body = b"{" + b" " * 5000 + b"}"
    small = {**fake.share("padded.json", body, "application/json"), "size": 10}  # the event understated it
    async with serving(settings(fake, tmp_path), files=FileDownloader(fake.api_url, max_bytes=2000)) as slack:
        await slack.event(shared_in_dm([small]), event_id="EvCut")
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
    assert fake.file_requests == [("padded.json", TOKEN)]
    assert "padded.json: too large to check" in texts(fake.of("chat.postMessage")[0])


async def test_a_failed_download_is_explained_and_a_good_file_beside_it_is_still_checked(fake, tmp_path):
    broken = fake.share("broken.json", b"", status=500)
    good = fake.share("sql.json", credential(), "application/json")
    async with serving(settings(fake, tmp_path)) as slack:
        await slack.event(shared_in_dm([broken, good]), event_id="EvFail")
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
    shown = texts(fake.of("chat.postMessage")[0])
    assert shown.startswith("I could not check every file you sent:")
    assert "broken.json: Slack refused the download (HTTP 500)" in shown
    assert "SQL Foundations" in shown


async def test_a_sign_in_page_instead_of_the_file_points_at_the_missing_scope(fake, tmp_path):
    async with serving(settings(fake, tmp_path)) as slack:
        fake.file_token = "xoxb-another-token"  # as if the token may not read files
        await slack.event(shared_in_dm([fake.share("sql.json", credential(), "application/json")]), event_id="EvScope")
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
    shown = texts(fake.of("chat.postMessage")[0])
    assert "sql.json" in shown and "files:read" in shown
    assert "SQL Foundations" not in shown


async def test_the_token_is_never_sent_to_an_address_that_is_not_slacks(fake, tmp_path):
    elsewhere = {**fake.share("sql.json", credential(), "application/json")}
    elsewhere["url_private_download"] = fake.file_url("sql.json", host="localhost")  # another origin
    async with serving(settings(fake, tmp_path)) as slack:
        await slack.event(shared_in_dm([elsewhere]), event_id="EvElse")
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
    assert fake.file_requests == []
    assert "not a Slack file address" in texts(fake.of("chat.postMessage")[0])


async def test_a_file_known_only_by_id_is_looked_up_first(fake, tmp_path):
    full = fake.share("sql.json", credential(), "application/json")
    fake.file_infos[full["id"]] = full
    async with serving(settings(fake, tmp_path)) as slack:
        await slack.event(shared_in_dm([{"id": full["id"], "file_access": "check_file_info"}]), event_id="EvInfo")
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
    assert fake.of("files.info")[0].body["file"] == full["id"] and fake.of("files.info")[0].token == TOKEN
    assert "SQL Foundations (sql.json)" in texts(fake.of("chat.postMessage")[0]).replace("from Test University ", "")


def test_admin_at_the_start_of_a_message_is_the_admin_command():
    assert message_command("admin badges import") == ("admin", "badges import")
    assert message_command("Admin  stats ") == ("admin", "stats")
    assert message_command("administrators of badges?") == (None, "administrators of badges?")
    assert message_command("what is an admin badge") == (None, "what is an admin badge")


def test_only_slack_hosts_and_the_api_origin_get_the_token():
    files = FileDownloader("http://127.0.0.1:9/api/")
    assert files.trusted("https://files.slack.com/files-pri/T1-F1/download/a.png")
    assert files.trusted("http://127.0.0.1:9/files-pri/a.png")
    assert not files.trusted("http://files.slack.com/files-pri/a.png")  # not over plain HTTP
    assert not files.trusted("https://files.slack.com.evil.example/a.png")
    assert not files.trusted("https://evil.example/?files.slack.com")


async def test_with_several_workspaces_a_file_is_downloaded_with_that_workspaces_token(fake, tmp_path):
    from slack_sdk.oauth.installation_store import Installation

    from adapters.slack.installations import DatabaseInstallationStore

    oauth = settings(fake, tmp_path, SLACK_BOT_TOKEN="", SLACK_CLIENT_ID="111.222", SLACK_CLIENT_SECRET="c",
                     SLACK_STATE_SECRET="s")
    fake.file_token = "xoxb-team-two"
    async with serving(oauth, oauth=True) as slack:
        store = DatabaseInstallationStore(slack.runtime.db, "111.222")
        await store.async_save(Installation(app_id="A1", team_id="T2", bot_token="xoxb-team-two", bot_id="B2",
                                            bot_user_id="UBOT", bot_scopes="files:read", user_id="U0"))
        event = shared_in_dm([fake.share("sql.json", credential(), "application/json")])
        payload = {"token": "t", "team_id": "T2", "api_app_id": "A1", "type": "event_callback", "event_id": "EvT2F",
                   "event_time": 1, "event": event,
                   "authorizations": [{"team_id": "T2", "user_id": "UBOT", "is_bot": True}]}
        status, _ = await slack.post(json.dumps(payload), "application/json")
        assert status == 200
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
    assert fake.file_requests == [("sql.json", "xoxb-team-two")]
    assert "SQL Foundations" in texts(fake.of("chat.postMessage")[0])


async def test_files_are_downloaded_through_the_proxy_the_environment_names(fake, local_proxy, monkeypatch):
    """Behind an outbound proxy (HTTPS_PROXY / HTTP_PROXY) the Web API calls already went through it,
    but the file downloads went direct, and failed where only the proxy reaches out."""
    from slack_sdk.web.async_client import AsyncWebClient

    monkeypatch.setenv("HTTP_PROXY", local_proxy.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    fake.file_token = TOKEN
    files = FileDownloader(fake.api_url)
    try:
        got = await files.download(AsyncWebClient(token=TOKEN, base_url=fake.api_url),
                                   [fake.share("sql.json", b'{"x": 1}', "application/json")])
    finally:
        await files.close()
    assert got.problems == () and got.attachments[0].data == b'{"x": 1}'
    assert local_proxy.seen and "sql.json" in local_proxy.seen[0].url

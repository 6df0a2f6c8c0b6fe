"""HTTP mode end to end: real bolt AsyncApp served over HTTP, signed requests, a fake Slack Web API."""

from __future__ import annotations

import json
import time

import sqlalchemy as sa

from bot.dedupe import SeenEvent
from tests.slack.conftest import TOKEN, direct, mention, serving, settings_for, texts


async def test_url_verification_echoes_the_challenge(slack):
    status, body = await slack.post(json.dumps({"type": "url_verification", "challenge": "abc123", "token": "t"}),
                                    "application/json")
    assert status == 200
    assert "abc123" in body


async def test_bad_signature_and_stale_timestamp_are_refused(slack, fake):
    status, _ = await slack.event(mention("can a badge expire?"), event_id="EvBad", secret="wrong-secret")
    assert status == 401
    old = int(time.time()) - 6 * 60
    status, _ = await slack.event(mention("can a badge expire?"), event_id="EvOld", timestamp=old)
    assert status == 401
    await fake.settle()
    assert fake.of("chat.postMessage") == []
    with slack.runtime.db.connect() as conn:  # refused requests leave no trace in the dedupe table
        assert conn.execute(sa.select(sa.func.count()).select_from(SeenEvent)).scalar() == 0


async def test_mention_is_answered_in_its_own_thread(slack, fake):
    status, _ = await slack.event(mention("can a badge expire?", ts="1700000001.000100"))
    assert status == 200
    await fake.wait_for(lambda: fake.of("chat.postMessage"))
    call = fake.of("chat.postMessage")[0]
    assert call.body["channel"] == "C1"
    assert call.body["thread_ts"] == "1700000001.000100"
    assert call.token == TOKEN
    blocks = call.blocks()
    assert blocks[0]["type"] == "header"
    assert "expire" in texts(call).lower()
    buttons = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"].split(":")[1] for b in buttons] == ["helpful", "not-helpful"]
    assert fake.of("chat.postEphemeral") == []


async def test_mention_inside_a_thread_is_answered_in_that_thread(slack, fake):
    await slack.event(mention("what is an open badge", ts="1700000009.000200", thread_ts="1700000005.000100"))
    await fake.wait_for(lambda: fake.of("chat.postMessage"))
    assert fake.of("chat.postMessage")[0].body["thread_ts"] == "1700000005.000100"


async def test_direct_message_is_answered_in_the_dm(slack, fake):
    await slack.event(direct("what is a micro-credential?"), event_id="EvDM")
    await fake.wait_for(lambda: fake.of("chat.postMessage"))
    call = fake.of("chat.postMessage")[0]
    assert call.body["channel"] == "D1"
    assert "thread_ts" not in call.body
    assert "micro" in texts(call).lower()


async def test_the_bots_own_messages_and_edits_get_no_answer(slack, fake):
    await slack.event({**direct("hello"), "bot_id": "BBOT"}, event_id="EvOwn")
    await slack.event({**direct("hello"), "subtype": "message_changed"}, event_id="EvEdit")
    await slack.event({"type": "message", "channel_type": "channel", "user": "ULEARNER", "text": "hi",
                       "ts": "1.2", "channel": "C1"}, event_id="EvChan")
    await slack.event(direct("hello"), event_id="EvReal")
    await fake.wait_for(lambda: fake.of("chat.postMessage"))
    await fake.settle()
    assert len(fake.of("chat.postMessage")) == 1


async def test_a_retried_event_is_answered_once(slack, fake):
    event = mention("can a badge expire?")
    assert (await slack.event(event, event_id="EvRetry"))[0] == 200
    await fake.wait_for(lambda: fake.of("chat.postMessage"))
    for attempt in (1, 2):
        status, _ = await slack.event(event, event_id="EvRetry",
                                      headers={"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": "http_timeout"})
        assert status == 200
    await fake.settle()
    assert len(fake.of("chat.postMessage")) == 1
    assert slack.bot.stats["duplicates"] == 2


async def test_two_processes_sharing_a_database_answer_a_retry_once(fake, tmp_path):
    database = tmp_path / "shared.sqlite3"
    async with serving(settings_for(fake, database)) as first, serving(settings_for(fake, database)) as second:
        event = mention("how do I add my badge to linkedin?")
        assert (await first.event(event, event_id="EvShared"))[0] == 200
        assert (await second.event(event, event_id="EvShared", headers={"X-Slack-Retry-Num": "1"}))[0] == 200
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
        await fake.settle()
        assert len(fake.of("chat.postMessage")) == 1
        assert first.bot.stats["duplicates"] + second.bot.stats["duplicates"] == 1


async def test_rate_limited_call_is_retried_after_retry_after(slack, fake):
    fake.fail("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
    await slack.event(mention("can a badge expire?"), event_id="Ev429")
    await fake.wait_for(lambda: len(fake.of("chat.postMessage")) == 2)
    await fake.settle()
    assert len(fake.of("chat.postMessage")) == 2  # the refused one, then the retry
    assert fake.of("chat.postEphemeral") == []  # no apology needed: it got through
    assert slack.bot.stats["posted"] == 1


async def test_other_api_errors_end_in_a_short_apology(slack, fake):
    fake.fail("chat.postMessage", 200, {"ok": False, "error": "not_in_channel"})
    await slack.event(mention("can a badge expire?"), event_id="EvErr")
    await fake.wait_for(lambda: fake.of("chat.postEphemeral"))
    apology = fake.of("chat.postEphemeral")[0]
    assert apology.body["user"] == "ULEARNER"
    assert "sorry" in apology.body["text"].lower()
    assert slack.bot.stats["errors"] == 1


async def test_health_and_metrics(slack, fake):
    await slack.event(direct("what is a micro-credential?"), event_id="EvM")
    await fake.wait_for(lambda: fake.of("chat.postMessage"))
    async with slack.session.get(slack.url + "/healthz") as r:
        assert r.status == 200
        assert (await r.json())["status"] == "ok"
    async with slack.session.get(slack.url + "/metrics") as r:
        assert r.status == 200
        lines = (await r.text()).splitlines()
    assert "credbot_slack_posted_total 1" in lines
    assert "credbot_slack_duplicates_total 0" in lines
    assert any(line.startswith('credbot_answers_total{intent="faq",outcome="answered",platform="slack"}')
               for line in lines)  # the engine's own metrics are served too
    assert any(line.startswith('credbot_answer_seconds_count{platform="slack"}') for line in lines)

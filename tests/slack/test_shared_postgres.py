"""Several credbot Slack processes sharing one PostgreSQL database answer each event once: a
retry landing on the other instance, and the same event delivered to both at the same moment."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from bot.dedupe import SeenEvent
from tests.slack.conftest import direct, mention, serving, settings_for


async def test_a_retry_reaching_the_other_instance_is_not_answered_again(fake, postgres_url):
    async with serving(settings_for(fake, postgres_url)) as first, serving(settings_for(fake, postgres_url)) as second:
        assert first.runtime.db.dialect.name == "postgresql"
        event = mention("how do I add my badge to linkedin?")
        assert (await first.event(event, event_id="EvPg1"))[0] == 200
        await fake.wait_for(lambda: fake.of("chat.postMessage"))
        for attempt in (1, 2):
            status, _ = await second.event(event, event_id="EvPg1",
                                           headers={"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": "http_timeout"})
            assert status == 200
        await fake.settle()
        assert len(fake.of("chat.postMessage")) == 1
        assert (first.bot.stats["duplicates"], second.bot.stats["duplicates"]) == (0, 2)
        with second.runtime.db.connect() as conn:
            keys = conn.execute(sa.select(SeenEvent.key)).scalars().all()
        assert keys == ["slack:EvPg1"]


async def test_the_same_events_delivered_to_both_at_once_are_answered_once_each(fake, postgres_url):
    async with serving(settings_for(fake, postgres_url)) as first, serving(settings_for(fake, postgres_url)) as second:
        events = [(f"EvRace{i}", direct(f"what is a micro-credential? {i}", ts=f"1700000100.{i:06d}")) for i in range(10)]
        results = await asyncio.gather(*(bot.event(event, event_id=event_id)
                                         for event_id, event in events for bot in (first, second)))
        assert all(status == 200 for status, _ in results)
        await fake.wait_for(lambda: len(fake.of("chat.postMessage")) >= len(events))
        await fake.settle()
        assert len(fake.of("chat.postMessage")) == len(events)  # one answer per event, not two
        assert first.bot.stats["duplicates"] + second.bot.stats["duplicates"] == len(events)
        assert first.bot.stats["answered"] + second.bot.stats["answered"] == len(events)
